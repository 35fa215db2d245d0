package searchindex

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/search"
)

// docID is the Bleve identifier of a document: its kind and ID.
func docID(kind, id string) string { return kind + ":" + id }

// Upsert adds docs or replaces the documents with the same Kind and ID, in
// one batch. A document without Kind, ID or Title, or whose Kind contains
// ':', is refused with Invalid (search.KeyBadDocument) and nothing is
// written.
func (ix *Index) Upsert(ctx context.Context, docs ...search.Document) error {
	const op = "searchindex.Upsert"
	for _, d := range docs {
		if d.Kind == "" || d.ID == "" || strings.TrimSpace(d.Title) == "" || strings.Contains(d.Kind, ":") {
			return errs.E(op, errs.Invalid, search.KeyBadDocument)
		}
	}
	if len(docs) == 0 {
		return nil
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	return ix.reader(op, func(bi bleve.Index) error {
		b := bi.NewBatch()
		for _, d := range docs {
			if err := b.Index(docID(d.Kind, d.ID), docFields(d)); err != nil {
				return errs.E(op, err)
			}
		}
		ix.recordState(b, docs)
		if err := bi.Batch(b); err != nil {
			return errs.E(op, err)
		}
		return nil
	})
}

// recordState updates the index state with docs and adds its persistent
// form to b.
func (ix *Index) recordState(b *bleve.Batch, docs []search.Document) {
	ix.stateMu.Lock()
	defer ix.stateMu.Unlock()
	for _, d := range docs {
		ix.st.record(d)
	}
	b.SetInternal(keyState, mustJSON(ix.st))
}

// docFields maps d onto the fields of the mapping (see buildMapping).
func docFields(d search.Document) map[string]any {
	m := map[string]any{
		"kind":  d.Kind,
		"id":    d.ID,
		"lang":  d.Lang,
		"title": cleanText(d.Title),
		"url":   d.URL,
	}
	if m["lang"] == "" {
		m["lang"] = "vi"
	}
	if d.Body != "" {
		m["body"] = cleanText(d.Body)
	}
	if d.UnitCode != "" {
		m["unit"], m["unit_name"] = d.UnitCode, d.UnitName
	}
	if !d.Date.IsZero() {
		m["date"] = d.Date.UTC()
	}
	if d.Boost != 0 && d.Boost != 1 {
		m["boost"] = d.Boost
	}
	if len(d.Facets) > 0 {
		f := make(map[string]any, len(d.Facets))
		for name, values := range d.Facets {
			f[name] = values
		}
		m["facet"] = f
	}
	return m
}

// cleanText returns s as valid UTF-8 in NFC: the form that is stored and
// that snippets are cut from.
func cleanText(s string) string {
	return norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
}

// Delete removes the document of kind and id; an absent one is no error.
func (ix *Index) Delete(ctx context.Context, kind, id string) error {
	const op = "searchindex.Delete"
	return ix.reader(op, func(bi bleve.Index) error {
		if err := bi.Delete(docID(kind, id)); err != nil {
			return errs.E(op, err)
		}
		return nil
	})
}
