package searchindex

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver, with FTS5

	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/vntext"
)

// The baseline of issue 5: SQLite FTS5 over the same documents, folded
// (no diacritics, đ→d, as the index's folded fields), doing a results
// page's work: the 10 best by BM25 (titles weigh 10, bodies 1) with a
// snippet, and the total and the counts per kind and unit. A query is the
// OR of the same content syllables the engine searches for; a quoted
// phrase is an FTS5 phrase. FTS5 has no typo tolerance, no exact-diacritic
// ranking and no bigrams, so it does less than the engine.

var (
	ftsOnce sync.Once
	ftsDB   *sql.DB
	ftsErr  error
)

// benchFTS5 returns the FTS5 database of the bench corpus, built on first
// use (or reused from CONG_BENCH_DIR).
func benchFTS5(b *testing.B) *sql.DB {
	b.Helper()
	ftsOnce.Do(func() {
		n := benchDocs()
		dir, err := benchDirectory()
		if err != nil {
			ftsErr = err
			return
		}
		path := filepath.Join(dir, "fts5-"+strconv.Itoa(n)+".db")
		ftsDB, ftsErr = sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)"+
			"&_pragma=cache_size(-262144)&_pragma=mmap_size(1073741824)")
		if ftsErr != nil {
			return
		}
		ftsDB.SetMaxOpenConns(1)
		var have int
		if ftsDB.QueryRow(`SELECT count(*) FROM docs`).Scan(&have) == nil && have == n {
			return
		}
		start := time.Now()
		if ftsErr = fillFTS5(ftsDB, n); ftsErr == nil {
			fmt.Fprintf(os.Stderr, "FTS5 baseline: %d documents indexed in %v, database %s\n",
				n, time.Since(start).Round(time.Millisecond), mib(dirSize(path)))
		}
	})
	if ftsErr != nil {
		b.Fatal(ftsErr)
	}
	return ftsDB
}

func closeFTS5() {
	if ftsDB != nil {
		ftsDB.Close()
	}
}

// fillFTS5 creates the table and loads the n generated documents, folded.
func fillFTS5(db *sql.DB, n int) error {
	for _, stmt := range []string{
		`DROP TABLE IF EXISTS docs`,
		`CREATE VIRTUAL TABLE docs USING fts5(title, body, kind UNINDEXED, unit UNINDEXED)`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			return err
		}
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.Prepare(`INSERT INTO docs(rowid, title, body, kind, unit) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	err = benchCorpus(n, func(docs []search.Document) error {
		for _, d := range docs {
			id, _ := strconv.Atoi(d.ID)
			if _, err := ins.Exec(id, vntext.Fold(d.Title), vntext.Fold(d.Body), d.Kind, d.UnitCode); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.Exec(`INSERT INTO docs(docs) VALUES ('optimize')`)
	return err
}

// fts5Match returns the FTS5 query of a text: the OR of the content
// syllables the engine's plan searches for, and every quoted phrase.
func fts5Match(text string) string {
	pq, _ := parseQuery(text)
	p := makePlan(pq)
	var words []string
	for _, w := range p.words {
		words = append(words, `"`+w.folded+`"`)
	}
	expr := strings.Join(words, " OR ")
	for _, ph := range p.phrases {
		expr = "(" + expr + `) AND "` + strings.Join(ph, " ") + `"`
	}
	return expr
}

// fts5Search does a results page's work for c on db.
func fts5Search(db *sql.DB, c benchQuery) error {
	match := fts5Match(c.text)
	top := `SELECT rowid, kind, unit, snippet(docs, 1, '[', ']', '…', 32) FROM docs WHERE docs MATCH ?`
	args := []any{match}
	if c.kind != "" {
		top += ` AND kind = ?`
		args = append(args, c.kind)
	}
	rows, err := db.Query(top+` ORDER BY bm25(docs, 10.0, 1.0) LIMIT 10`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int
		var kind, unit, snip string
		if err := rows.Scan(&id, &kind, &unit, &snip); err != nil {
			rows.Close()
			return err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.Query(`SELECT kind, unit, count(*) FROM docs WHERE docs MATCH ? GROUP BY kind, unit`, match)
	if err != nil {
		return err
	}
	defer rows.Close()
	total, kinds, units := 0, map[string]int{}, map[string]int{}
	for rows.Next() {
		var kind, unit string
		var n int
		if err := rows.Scan(&kind, &unit, &n); err != nil {
			return err
		}
		kinds[kind] += n
		if c.kind == "" || kind == c.kind {
			total += n
			units[unit] += n
		}
	}
	return rows.Err()
}

// BenchmarkVsFTS5 asks each query of the engine and of FTS5 in turn, so
// that both see the same machine load, and reports both latencies and
// their ratio (x-p50, x-p99: how many times faster the engine is).
func BenchmarkVsFTS5(b *testing.B) {
	ix := benchIndex(b)
	db := benchFTS5(b)
	for _, c := range benchQueries {
		b.Run(c.name, func(b *testing.B) {
			q := c.query()
			var ours, theirs latencies
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := ix.Search(context.Background(), q); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				if err := fts5Search(db, c); err != nil {
					b.Fatal(err)
				}
				ours, theirs = append(ours, mid.Sub(start)), append(theirs, time.Since(mid))
			}
			b.StopTimer()
			b.ReportMetric(ours.pct(0.5), "p50-ms")
			b.ReportMetric(ours.pct(0.99), "p99-ms")
			b.ReportMetric(theirs.pct(0.5), "fts5-p50-ms")
			b.ReportMetric(theirs.pct(0.99), "fts5-p99-ms")
			b.ReportMetric(theirs.pct(0.5)/max(ours.pct(0.5), 0.001), "x-p50")
			b.ReportMetric(theirs.pct(0.99)/max(ours.pct(0.99), 0.001), "x-p99")
		})
	}
}
