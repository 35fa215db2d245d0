package unit

import (
	"context"
	"strings"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

// SearchSource gives the search indexer the documents of active units.
type SearchSource struct{ store Store }

// NewSearchSource returns the unit source on store.
func NewSearchSource(store Store) *SearchSource { return &SearchSource{store: store} }

// Kind is search.KindUnit.
func (s *SearchSource) Kind() string { return search.KindUnit }

// Documents returns the documents of the active units among codes.
func (s *SearchSource) Documents(ctx context.Context, codes []string) ([]search.Document, error) {
	var out []search.Document
	for _, code := range codes {
		u, err := s.store.FindUnitByCode(ctx, code)
		if errs.Is(err, errs.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if u.Active {
			out = append(out, Document(u))
		}
	}
	return out, nil
}

// IDs returns the codes of every active unit.
func (s *SearchSource) IDs(ctx context.Context) ([]string, error) {
	active := true
	units, _, err := s.store.FindUnits(ctx, Filter{Active: &active})
	if err != nil {
		return nil, err
	}
	codes := make([]string, len(units))
	for i, u := range units {
		codes[i] = u.Code
	}
	return codes, nil
}

// Document is the search document of u: its names, contacts, description
// and leaders, so "giám đốc sở tư pháp" or a street finds the unit.
func Document(u *Unit) search.Document {
	body := []string{u.NameEN, u.ShortName, u.Address, u.Phone, u.Email, u.DescriptionVI}
	for _, l := range u.Leaders {
		body = append(body, l.Name+" – "+l.PositionVI)
	}
	return search.Document{
		Kind: search.KindUnit, ID: u.Code, Lang: "vi", Title: u.NameVI,
		Body: strings.Join(nonEmpty(body), "\n"), URL: "/don-vi/" + u.Code,
		UnitCode: u.Code, UnitName: u.NameVI,
		Facets: map[string][]string{"unit_kind": {string(u.Kind)}},
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
