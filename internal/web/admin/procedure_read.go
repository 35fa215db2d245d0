package admin

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
)

// maxProcRows caps the rows of one repeating group of the procedure form.
// National records list up to a few dozen documents, so it is well above
// maxRows: rows beyond it would be lost on save.
const maxProcRows = 500

// procInput is what the procedure form posted besides the content.
type procInput struct {
	// posted is the number of rows each group was shown with, by group:
	// "steps", "channels", "documents", "legal_basis", "forms", and
	// "channels.N.fees" with N the channel's index after blank rows are
	// dropped.
	posted  map[string]int
	more    string // "" to save; "more" or "more:" and a group for more rows
	version int    // the version the editor read
	basis   procedure.Basis
	bad     errs.FieldErrors // fields that could not be read
}

// readProcedure copies the posted form into p, keeping p's Code unless new,
// and dropping blank rows the way procedure.Normalize drops empty entries,
// so that the service's error keys ("documents.2.name") index the rows as
// they are shown again.
func readProcedure(r *http.Request, p *procedure.Procedure, isNew bool) *procInput {
	in := &procInput{posted: map[string]int{}, more: moreAction(r)}
	if isNew {
		p.Code = pform(r, "code")
	}
	in.version, _ = strconv.Atoi(r.PostFormValue("version"))
	p.Name, p.Field, p.Category = pform(r, "name"), pform(r, "field"), pform(r, "category")
	p.ImplementingAgency, p.CompetentAgency = pform(r, "implementing_agency"), pform(r, "competent_agency")
	p.DelegatedAgency, p.CoordinatingAgency = pform(r, "delegated_agency"), pform(r, "coordinating_agency")
	p.Result, p.Conditions = pform(r, "result"), pform(r, "conditions")
	p.SubmitWhere, p.CollectWhere = pform(r, "submit_where"), pform(r, "collect_where")
	p.AnnouncingDecision = pform(r, "announcing_decision")
	p.EffectiveFrom, p.EffectiveTo = pform(r, "effective_from"), pform(r, "effective_to")
	p.Description = pform(r, "description")
	p.Applicants, p.Keywords = lines(pform(r, "applicants")), lines(pform(r, "keywords"))
	p.Levels = nil
	for _, v := range r.PostForm["levels"] {
		p.Levels = append(p.Levels, procedure.Level(v))
	}
	p.OnlineLevel = procedure.OnlineLevel(pform(r, "online_level"))
	if p.OnlineLevel == "" {
		p.OnlineLevel = procedure.OnlineNone
	}
	var ok bool
	if p.OwnerUnitID, ok = parseID(pform(r, "owner_unit")); !ok {
		in.bad.Add("owner_unit", "field.choose")
	}
	p.Steps = readSteps(r, in)
	p.Channels = readChannels(r, in)
	p.Documents = readDocuments(r, in)
	p.LegalBasis = readLegal(r, in)
	p.Forms = readForms(r, in)
	in.basis = procedure.Basis{Reason: pform(r, "reason"), Decision: pform(r, "decision")}
	return in
}

// pform returns the trimmed value of a posted field with its line breaks
// as "\n": browsers send those of text areas as "\r\n", which would make
// every save a change of content.
func pform(r *http.Request, name string) string {
	return strings.ReplaceAll(form(r, name), "\r\n", "\n")
}

// moreAction is the more-rows request of the form, "" when it was sent to
// be saved.
func moreAction(r *http.Request) string {
	a := r.PostFormValue("action")
	if a == "more" || strings.HasPrefix(a, "more:") {
		return a
	}
	return ""
}

// procRowCount reads the number of rows a group was rendered with.
func procRowCount(r *http.Request, name string) int {
	n, _ := strconv.Atoi(r.PostFormValue(name))
	return min(max(n, 0), maxProcRows)
}

// lines splits a text area into its non-blank lines, trimmed.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func readSteps(r *http.Request, in *procInput) []procedure.Step {
	n := procRowCount(r, "steps_rows")
	in.posted["steps"] = n
	var out []procedure.Step
	for i := range n {
		pre := fmt.Sprintf("steps.%d.", i)
		s := procedure.Step{Title: pform(r, pre+"title"), Text: pform(r, pre+"text")}
		if s != (procedure.Step{}) {
			out = append(out, s)
		}
	}
	return out
}

func readChannels(r *http.Request, in *procInput) []procedure.Channel {
	n := procRowCount(r, "channels_rows")
	in.posted["channels"] = n
	raw := in.more
	if strings.HasSuffix(raw, ".fees") {
		// A request for fee rows names the channel as shown; it is renamed
		// below when the channel is kept, and asks for nothing otherwise.
		in.more = "more:"
	}
	var out []procedure.Channel
	for i := range n {
		pre, at := fmt.Sprintf("channels.%d.", i), fmt.Sprintf("channels.%d.", len(out))
		c := procedure.Channel{Kind: procedure.ChannelKind(pform(r, pre+"kind")),
			TimeLimitText: pform(r, pre+"time_limit_text"), Note: pform(r, pre+"note")}
		// The unit alone does not fill a row: blank rows offer working
		// days already chosen.
		value := pform(r, pre+"time_limit")
		if value != "" {
			v, ok := parseDecimal(value)
			if !ok {
				in.bad.Add(at+"time_limit", "field.number")
			}
			c.TimeLimit = procedure.TimeLimit{Value: v, Unit: procedure.TimeUnit(pform(r, pre+"time_limit_unit"))}
		}
		var posted int
		c.Fees, posted = readFees(r, pre, at, in)
		if c.Kind == "" && value == "" && c.TimeLimitText == "" && c.Note == "" && len(c.Fees) == 0 {
			continue
		}
		in.posted[at+"fees"] = posted
		if raw == "more:"+pre+"fees" {
			in.more = "more:" + at + "fees"
		}
		out = append(out, c)
	}
	return out
}

// readFees reads the fee rows of the channel whose inputs start with pre
// and whose errors start with at.
func readFees(r *http.Request, pre, at string, in *procInput) ([]procedure.Fee, int) {
	n := procRowCount(r, pre+"fees_rows")
	var out []procedure.Fee
	for j := range n {
		fp := fmt.Sprintf("%sfees.%d.", pre, j)
		f := procedure.Fee{Kind: procedure.FeeKind(pform(r, fp+"kind")), Text: pform(r, fp+"text"), Description: pform(r, fp+"description")}
		amount := pform(r, fp+"amount")
		if f.Kind == "" && amount == "" && f.Text == "" && f.Description == "" {
			continue
		}
		if amount != "" {
			v, ok := parseAmount(amount)
			if !ok {
				in.bad.Add(fmt.Sprintf("%sfees.%d.amount", at, len(out)), "field.number")
			}
			f.Amount = v
		}
		out = append(out, f)
	}
	return out, n
}

func readDocuments(r *http.Request, in *procInput) []procedure.Document {
	n := procRowCount(r, "documents_rows")
	in.posted["documents"] = n
	var out []procedure.Document
	for i := range n {
		pre, at := fmt.Sprintf("documents.%d.", i), fmt.Sprintf("documents.%d.", len(out))
		d := procedure.Document{Name: pform(r, pre+"name"), Note: pform(r, pre+"note"), Forms: fileLines(pform(r, pre+"forms"))}
		originals, copies := pform(r, pre+"originals"), pform(r, pre+"copies")
		if d.Name == "" && d.Note == "" && len(d.Forms) == 0 && originals == "" && copies == "" {
			continue
		}
		var ok bool
		if d.Originals, ok = parseCount(originals); !ok {
			in.bad.Add(at+"originals", "field.number")
		}
		if d.Copies, ok = parseCount(copies); !ok {
			in.bad.Add(at+"copies", "field.number")
		}
		if d.Name == "" {
			// Normalize would drop a row with numbers only; keep it, and
			// say what it lacks.
			in.bad.Add(at+"name", "field.required")
		}
		out = append(out, d)
	}
	return out
}

func readLegal(r *http.Request, in *procInput) []procedure.LegalRef {
	n := procRowCount(r, "legal_basis_rows")
	in.posted["legal_basis"] = n
	var out []procedure.LegalRef
	for i := range n {
		pre := fmt.Sprintf("legal_basis.%d.", i)
		l := procedure.LegalRef{Number: pform(r, pre+"number"), Summary: pform(r, pre+"summary"),
			Issuer: pform(r, pre+"issuer"), Date: pform(r, pre+"date")}
		if l != (procedure.LegalRef{}) {
			out = append(out, l)
		}
	}
	return out
}

func readForms(r *http.Request, in *procInput) []procedure.FileRef {
	n := procRowCount(r, "forms_rows")
	in.posted["forms"] = n
	var out []procedure.FileRef
	for i := range n {
		pre := fmt.Sprintf("forms.%d.", i)
		f := procedure.FileRef{Name: pform(r, pre+"name"), URL: pform(r, pre+"url"), BlobKey: pform(r, pre+"blob_key")}
		if f != (procedure.FileRef{}) {
			out = append(out, f)
		}
	}
	return out
}

// fileLines reads a text area of files, one a line: "name" or
// "name | https://…".
func fileLines(s string) []procedure.FileRef {
	var out []procedure.FileRef
	for _, l := range lines(s) {
		name, link, _ := strings.Cut(l, "|")
		f := procedure.FileRef{Name: strings.TrimSpace(name), URL: strings.TrimSpace(link)}
		if f != (procedure.FileRef{}) {
			out = append(out, f)
		}
	}
	return out
}

// fileText writes files back as fileLines reads them.
func fileText(fs []procedure.FileRef) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Name)
		if f.URL != "" {
			b.WriteString(" | " + f.URL)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// parseDecimal reads a non-negative number written with a dot or a comma.
func parseDecimal(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1e6 {
		return 0, false
	}
	return v, true
}

// parseAmount reads an amount in đồng, with dots, commas or spaces between
// thousands ("2.000.000").
func parseAmount(s string) (int64, bool) {
	digits := strings.Map(func(r rune) rune {
		switch r {
		case '.', ',', ' ', '\u00a0':
			return -1
		}
		return r
	}, s)
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || v < 0 || v > 1e15 {
		return 0, false
	}
	return v, true
}

// parseCount reads a number of copies; "" is 0.
func parseCount(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 1000
}
