package searchindex

import (
	"context"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/search"
)

// openTest opens a fresh index in a temporary directory, indexes docs and
// closes the index when the test ends.
func openTest(t testing.TB, docs ...search.Document) *Index {
	t.Helper()
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if len(docs) > 0 {
		if err := ix.Upsert(context.Background(), docs...); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// doc is a procedure document with the given id, title and body.
func doc(id, title, body string) search.Document {
	return search.Document{Kind: search.KindProcedure, ID: id, Title: title, Body: body, URL: "/thu-tuc/" + id}
}

// mustSearch runs q and fails the test on error.
func mustSearch(t testing.TB, ix *Index, q search.Query) *search.Results {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

// ids returns the IDs of the hits, in order.
func ids(res *search.Results) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}

// date is a UTC day.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
