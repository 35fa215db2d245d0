package searchindex

import (
	"github.com/blevesearch/bleve/v2/document"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/cong-vn/cong/internal/search"
)

// loadHit builds a result from the stored fields of document d of seg; the
// body comes back apart, for the snippet.
func loadHit(seg segment.Segment, d uint32) (search.Hit, string, error) {
	var h search.Hit
	var body string
	var bad error
	err := seg.VisitStoredFields(uint64(d), func(field string, _ byte, value []byte, _ []uint64) bool {
		switch field {
		case fKind:
			h.Kind = string(value)
		case fID:
			h.ID = string(value)
		case fTitleExact:
			h.Title = string(value)
		case fBodyExact:
			body = string(value)
		case fURL:
			h.URL = string(value)
		case fUnitName:
			h.UnitName = string(value)
		case fDate:
			t, _, err := document.NewDateTimeFieldFromBytes(field, nil, value).DateTime()
			if err != nil {
				bad = err
				return false
			}
			h.Date = t
		}
		return true
	})
	if err == nil {
		err = bad
	}
	return h, body, err
}
