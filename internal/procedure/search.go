package procedure

import (
	"context"
	"strings"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

// SearchSource gives the search indexer the documents of the procedures the
// public may read: the published version of each procedure. Drafts and
// approved versions are never indexed, a procedure never published has no
// document, and an abolished one is removed from the index (its page stays
// readable, but a search should lead to procedures one can still use).
type SearchSource struct {
	store Store
	units Units
}

// NewSearchSource returns the procedure source on store, naming owning
// units through units.
func NewSearchSource(store Store, units Units) *SearchSource {
	return &SearchSource{store: store, units: units}
}

// Kind is search.KindProcedure.
func (s *SearchSource) Kind() string { return search.KindProcedure }

// Documents returns the documents of the published procedures among codes;
// an unknown, unpublished or abolished code has none.
func (s *SearchSource) Documents(ctx context.Context, codes []string) ([]search.Document, error) {
	names := map[int64]string{}
	var out []search.Document
	for _, code := range codes {
		p, err := s.published(ctx, code)
		if err != nil {
			return nil, errs.E("procedure.SearchSource.Documents", err)
		}
		if p == nil {
			continue
		}
		name, ok := names[p.OwnerUnitID]
		if !ok {
			if u, err := s.units.FindUnitByID(ctx, p.OwnerUnitID); err == nil {
				name = u.NameVI
			}
			names[p.OwnerUnitID] = name
		}
		out = append(out, SearchDocument(p, name))
	}
	return out, nil
}

// published returns the published version of code, or nil when the public
// has none to use (unknown, never published, abolished).
func (s *SearchSource) published(ctx context.Context, code string) (*Procedure, error) {
	cur, err := s.store.FindProcedureByCode(ctx, code)
	if errs.Is(err, errs.NotFound) {
		return nil, nil
	}
	if err != nil || cur.PublishedVersion == 0 {
		return nil, err
	}
	p := cur
	if cur.Version != cur.PublishedVersion {
		if p, err = s.store.FindProcedureVersion(ctx, code, cur.PublishedVersion); err != nil {
			return nil, err
		}
	}
	if p.Status != Published {
		return nil, nil
	}
	return p, nil
}

// IDs returns the codes of every published procedure.
func (s *SearchSource) IDs(ctx context.Context) ([]string, error) {
	ps, _, err := s.store.FindProcedures(ctx, Filter{})
	if err != nil {
		return nil, errs.E("procedure.SearchSource.IDs", err)
	}
	codes := make([]string, len(ps))
	for i, p := range ps {
		codes[i] = p.Code
	}
	return codes, nil
}

// SearchDocument is the search document of p, owned by the unit named owner. The
// title is the name, so a citizen typing the name finds the procedure
// first; the body holds what people also search by: the code, the field,
// the agency, who may apply, the papers, the steps and the result. The
// facets are those of the catalogue's filters.
func SearchDocument(p *Procedure, owner string) search.Document {
	body := []string{p.Code, p.Field, p.ImplementingAgency, p.Description, strings.Join(p.Keywords, ", ")}
	body = append(body, p.Applicants...)
	for _, d := range p.Documents {
		body = append(body, d.Name)
	}
	for _, st := range p.Steps {
		body = append(body, st.Title, st.Text)
	}
	body = append(body, p.Result, p.Conditions)
	levels := make([]string, len(p.Levels))
	for i, l := range p.Levels {
		levels[i] = string(l)
	}
	facets := map[string][]string{"level": levels, "online_level": {string(p.OnlineLevel)}}
	if p.Field != "" {
		facets["field"] = []string{p.Field}
	}
	if p.ImplementingAgency != "" {
		facets["agency"] = []string{p.ImplementingAgency}
	}
	date := p.Revision.PublishedAt
	if date.IsZero() {
		date = p.Revision.At
	}
	return search.Document{
		Kind: search.KindProcedure, ID: p.Code, Lang: "vi", Title: p.Name,
		Body: strings.Join(nonEmpty(body), "\n"), URL: "/thu-tuc/" + p.Code,
		UnitCode: p.OwnerUnitCode, UnitName: owner, Date: date, Facets: facets,
	}
}

func nonEmpty(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
