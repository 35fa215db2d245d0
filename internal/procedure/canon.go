package procedure

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Normalize puts p's content in canonical form: text in Unicode NFC with
// its ends trimmed, levels deduplicated in canonical order, empty entries
// of lists dropped and empty lists made nil, and an unset online level made
// OnlineNone. Two records that say the same thing normalise to the same
// content, so ContentHash tells real changes from cosmetic ones.
func (p *Procedure) Normalize() {
	for _, s := range p.texts() {
		*s = clean(*s)
	}
	p.Levels = canonicalLevels(p.Levels)
	p.Applicants = cleanList(p.Applicants)
	p.Keywords = cleanList(p.Keywords)
	p.Steps = normSteps(p.Steps)
	p.Channels = normChannels(p.Channels)
	p.Documents = normDocuments(p.Documents)
	p.LegalBasis = normLegal(p.LegalBasis)
	p.Forms = normForms(p.Forms)
	if p.OnlineLevel == "" {
		p.OnlineLevel = OnlineNone
	}
}

// texts returns pointers to the single-line and free text fields.
func (p *Procedure) texts() []*string {
	return []*string{&p.Code, &p.Name, &p.Field, &p.Category, &p.ImplementingAgency,
		&p.CompetentAgency, &p.DelegatedAgency, &p.CoordinatingAgency, &p.Result,
		&p.Conditions, &p.SubmitWhere, &p.CollectWhere, &p.AnnouncingDecision,
		&p.EffectiveFrom, &p.EffectiveTo, &p.Description, &p.Source}
}

// clean returns s in NFC without surrounding white space.
func clean(s string) string {
	return strings.TrimSpace(norm.NFC.String(s))
}

func cleanList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// canonicalLevels returns the known levels of in once each, in the order of
// Levels, followed by any unknown ones (which Validate rejects).
func canonicalLevels(in []Level) []Level {
	var out []Level
	for _, l := range Levels {
		if slices.Contains(in, l) {
			out = append(out, l)
		}
	}
	for _, l := range in {
		if !l.Valid() && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

func normSteps(in []Step) []Step {
	var out []Step
	for _, s := range in {
		s.Title, s.Text = clean(s.Title), clean(s.Text)
		if s.Title != "" || s.Text != "" {
			out = append(out, s)
		}
	}
	return out
}

func normChannels(in []Channel) []Channel {
	var out []Channel
	for _, c := range in {
		c.TimeLimitText, c.Note = clean(c.TimeLimitText), clean(c.Note)
		var fees []Fee
		for _, f := range c.Fees {
			f.Text, f.Description = clean(f.Text), clean(f.Description)
			fees = append(fees, f)
		}
		c.Fees = fees
		out = append(out, c)
	}
	return out
}

func normDocuments(in []Document) []Document {
	var out []Document
	for _, d := range in {
		d.Name, d.Note = clean(d.Name), clean(d.Note)
		d.Forms = normForms(d.Forms)
		if d.Name != "" || d.Note != "" || len(d.Forms) > 0 {
			out = append(out, d)
		}
	}
	return out
}

func normLegal(in []LegalRef) []LegalRef {
	var out []LegalRef
	for _, l := range in {
		l.Number, l.Summary, l.Issuer, l.Date = clean(l.Number), clean(l.Summary), clean(l.Issuer), clean(l.Date)
		if l != (LegalRef{}) {
			out = append(out, l)
		}
	}
	return out
}

func normForms(in []FileRef) []FileRef {
	var out []FileRef
	for _, f := range in {
		f.Name, f.URL, f.BlobKey = clean(f.Name), clean(f.URL), clean(f.BlobKey)
		if f != (FileRef{}) {
			out = append(out, f)
		}
	}
	return out
}

// ContentJSON returns the content of p (the fields with a json tag) as
// JSON, the form in which versions are stored. It does not normalise p.
func (p *Procedure) ContentJSON() ([]byte, error) {
	return json.Marshal(p)
}

// ContentHash returns the hex SHA-256 of the normalised content of p. It
// does not change p. Equal hashes mean equal content: the importer skips a
// record whose hash equals the current version's.
func (p *Procedure) ContentHash() string {
	c := p.Clone()
	c.Normalize()
	b, err := c.ContentJSON()
	if err != nil {
		return "" // unreachable: the content holds only strings, numbers and slices
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Clone returns a deep copy of p, content and metadata.
func (p *Procedure) Clone() *Procedure {
	c := *p
	c.Levels = slices.Clone(p.Levels)
	c.Applicants = slices.Clone(p.Applicants)
	c.Keywords = slices.Clone(p.Keywords)
	c.Steps = slices.Clone(p.Steps)
	c.LegalBasis = slices.Clone(p.LegalBasis)
	c.Forms = slices.Clone(p.Forms)
	c.Channels = make([]Channel, len(p.Channels))
	for i, ch := range p.Channels {
		ch.Fees = slices.Clone(ch.Fees)
		c.Channels[i] = ch
	}
	c.Documents = make([]Document, len(p.Documents))
	for i, d := range p.Documents {
		d.Forms = slices.Clone(d.Forms)
		c.Documents[i] = d
	}
	if p.Channels == nil {
		c.Channels = nil
	}
	if p.Documents == nil {
		c.Documents = nil
	}
	return &c
}

// SetContent replaces the content of p by that of src, keeping p's
// metadata (ID, status, versions, owner path, revision).
func (p *Procedure) SetContent(src *Procedure) {
	meta := *p
	*p = *src.Clone()
	p.ID, p.Status, p.Version, p.Latest = meta.ID, meta.Status, meta.Version, meta.Latest
	p.PublishedVersion, p.OwnerUnitCode, p.OwnerUnitPath = meta.PublishedVersion, meta.OwnerUnitCode, meta.OwnerUnitPath
	p.Created, p.Revision = meta.Created, meta.Revision
}

// DecodeContent parses content JSON written by ContentJSON into a new
// Procedure without metadata.
func DecodeContent(b []byte) (*Procedure, error) {
	var p Procedure
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, err
	}
	return &p, nil
}
