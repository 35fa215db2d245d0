package searchindex

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/search"
)

// The benchmarks search a generated corpus of CONG_BENCH_DOCS documents
// (default 20,000; the figures of docs/benchmarks.md use 100,000): titles
// and bodies drawn from Vietnamese words and generated syllables with a
// Zipf-like distribution, so that "của" is in nearly every body and "thủ
// tục" in many. BenchmarkVsFTS5 (bench_fts5_test.go) asks the same
// queries of SQLite FTS5 over the same documents, interleaved.
//
// Building 100,000 documents takes minutes on a loaded 2-core machine:
// with CONG_BENCH_DIR set, the indexes are kept in that directory and
// reused by later runs with the same number of documents. Nothing is built
// unless a benchmark runs.

// benchQueries are the query classes of issue 5, plus a long question and
// a kind filter.
type benchQuery struct{ name, text, kind string }

var benchQueries = []benchQuery{
	{"rare", "hươu nghệ", ""},
	{"common-cua", "của", ""},
	{"common-thu-tuc", "thủ tục", ""},
	{"three-words", "cấp giấy phép", ""},
	{"phrase", `"đăng ký kết hôn"`, ""},
	{"no-diacritics", "thu tuc dang ky ket hon", ""},
	{"typo", "giay phep xay dungg", ""},
	{"question", "thời hạn giải quyết hồ sơ đăng ký thường trú của công dân là bao nhiêu ngày làm việc", ""},
	{"filtered-kind", "thủ tục", "procedure"},
}

func (c benchQuery) query() search.Query {
	q := search.Query{Text: c.text}
	if c.kind != "" {
		q.Kinds = []string{c.kind}
	}
	return q
}

var (
	benchOnce    sync.Once
	benchDirOnce sync.Once
	benchIx      *Index
	benchDir     string // the directory of the bench indexes
	benchTemp    bool   // benchDir is temporary: removed at the end
	benchN       int
	benchErr     error
)

// benchDocs returns the number of documents of the bench corpus.
func benchDocs() int {
	if v, err := strconv.Atoi(os.Getenv("CONG_BENCH_DOCS")); err == nil && v > 0 {
		return v
	}
	return 20000
}

// benchDirectory returns the directory for the bench indexes:
// CONG_BENCH_DIR, or a temporary one removed at the end.
func benchDirectory() (string, error) {
	var err error
	benchDirOnce.Do(func() {
		if d := os.Getenv("CONG_BENCH_DIR"); d != "" {
			benchDir, err = d, os.MkdirAll(d, 0o755)
			return
		}
		benchDir, err = os.MkdirTemp("", "cong-bench-")
		benchTemp = err == nil
	})
	if err == nil && benchDir == "" {
		err = fmt.Errorf("no bench directory")
	}
	return benchDir, err
}

func benchIndex(b *testing.B) *Index {
	b.Helper()
	benchOnce.Do(func() {
		benchN = benchDocs()
		var dir string
		if dir, benchErr = benchDirectory(); benchErr != nil {
			return
		}
		path := filepath.Join(dir, "bleve-"+strconv.Itoa(benchN))
		if benchIx, benchErr = Open(path); benchErr != nil {
			return
		}
		if n, _ := benchIx.DocCount(context.Background()); n == int64(benchN) {
			return // built by an earlier run
		}
		start := time.Now()
		if benchErr = fillBench(benchIx, benchN); benchErr == nil {
			benchErr = benchIx.Compact(context.Background())
		}
		fmt.Fprintf(os.Stderr, "bench corpus: %d documents indexed in %v, peak RSS %s\n",
			benchN, time.Since(start).Round(time.Millisecond), mib(peakRSS()))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchIx
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIx != nil {
		benchIx.Close()
		// Measured once closed: a merge removes the merged segments' files
		// only after it returns.
		fmt.Fprintf(os.Stderr, "bench index: %s on disk\n", mib(dirSize(filepath.Join(benchDir, "bleve-"+strconv.Itoa(benchN)))))
	}
	closeFTS5()
	if benchTemp {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// Phrases and syllables of the generated text.
var (
	benchPhrases = strings.Split("thủ tục|hồ sơ|đăng ký|kết hôn|khai sinh|giấy phép|xây dựng|cấp|công dân|"+
		"ủy ban nhân dân|phường|xã|quận|thành phố|tiếp nhận|giải quyết|thời hạn|ngày làm việc|lệ phí|"+
		"cơ quan|chứng thực|bản sao|đất đai|quyền sử dụng đất|nhà ở|kinh doanh|hộ gia đình|cư trú|"+
		"thường trú|tạm trú|giáo dục|y tế|bảo hiểm xã hội|môi trường|giao thông|đường|dương|trường học|"+
		"quy hoạch|điều chỉnh|văn bản|quyết định|thông báo|kế hoạch|dự án|đầu tư", "|")
	benchInitials = strings.Split("b c ch d đ g gi h k kh l m n ng nh ph qu r s t th tr v x", " ")
	benchRhymes   = strings.Split("a ai am an ang anh ao au ay e em en eng ê êm ên ênh i im in inh iêu "+
		"o oa oai oan oang oi om on ong ô ôi ôm ôn ông ơ ơi ơm ơn u ui um un ung uy uyên ư ưa ưi ưng ươi ương", " ")
	benchTones = []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
)

// benchSyllable returns the i-th generated syllable, composed (NFC comes
// from the index; the tone is a combining mark here, on purpose).
func benchSyllable(i int) string {
	ini := benchInitials[i%len(benchInitials)]
	rhy := benchRhymes[(i/len(benchInitials))%len(benchRhymes)]
	tone := benchTones[(i/(len(benchInitials)*len(benchRhymes)))%len(benchTones)]
	return ini + rhy + tone
}

// benchWord draws a word: a common phrase, "của", or a generated
// syllable of Zipf-like rank.
func benchWord(r *rand.Rand, z *rand.Zipf) string {
	switch x := r.IntN(100); {
	case x < 6:
		return "của"
	case x < 30:
		return benchPhrases[r.IntN(len(benchPhrases))]
	default:
		return benchSyllable(int(z.Uint64()))
	}
}

func benchText(r *rand.Rand, z *rand.Zipf, words int) string {
	var b strings.Builder
	for i := 0; i < words; i++ {
		if i > 0 {
			b.WriteString([]string{" ", " ", " ", " ", " ", ", ", ". "}[r.IntN(7)])
		}
		b.WriteString(benchWord(r, z))
	}
	return b.String()
}

// benchCorpus calls f with the n generated documents, in batches; one in
// 2,000 mentions the rare words "hươu nghệ", which no generated syllable
// folds to.
func benchCorpus(n int, f func([]search.Document) error) error {
	r := rand.New(rand.NewPCG(1, 2))
	z := rand.NewZipf(r, 1.1, 4, 20000)
	kinds := []string{"procedure", "news", "qa", "legal"}
	batch := make([]search.Document, 0, 1000)
	for i := 0; i < n; i++ {
		d := search.Document{
			Kind: kinds[i%len(kinds)], ID: strconv.Itoa(i), URL: "/x/" + strconv.Itoa(i),
			Title: "Thủ tục " + benchText(r, z, 3+r.IntN(8)), Body: benchText(r, z, 40+r.IntN(200)),
			UnitCode: strconv.Itoa(i % 126), UnitName: "Phường " + strconv.Itoa(i%126),
			Date:   time.Date(2020+i%6, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
			Facets: map[string][]string{"level": {[]string{"xa", "tinh", "tw"}[i%3]}},
		}
		if i%3 != 0 {
			d.Title = benchText(r, z, 3+r.IntN(10))
		}
		if i%2000 == 7 {
			d.Body += " Con hươu nghệ."
		}
		batch = append(batch, d)
		if len(batch) == cap(batch) || i == n-1 {
			if err := f(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return nil
}

// fillBench indexes the n generated documents.
func fillBench(ix *Index, n int) error {
	return benchCorpus(n, func(docs []search.Document) error { return ix.Upsert(context.Background(), docs...) })
}

// latencies collects the durations of one operation.
type latencies []time.Duration

// pct returns the p-th percentile in milliseconds.
func (l latencies) pct(p float64) float64 {
	s := slices.Clone(l)
	slices.Sort(s)
	return float64(s[int(p*float64(len(s)-1))].Microseconds()) / 1000
}

// benchLatency runs f b.N times and reports the 50th and 99th percentile
// latencies besides the mean.
func benchLatency(b *testing.B, f func() error) {
	lat := make(latencies, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(lat.pct(0.50), "p50-ms")
	b.ReportMetric(lat.pct(0.99), "p99-ms")
}

func BenchmarkSearch(b *testing.B) {
	ix := benchIndex(b)
	for _, c := range benchQueries {
		b.Run(c.name, func(b *testing.B) {
			q := c.query()
			benchLatency(b, func() error { _, err := ix.Search(context.Background(), q); return err })
		})
	}
}

func BenchmarkSuggest(b *testing.B) {
	ix := benchIndex(b)
	for _, p := range []string{"th", "thủ tục đăng k", "giay ph", "hươu ng"} {
		b.Run(p, func(b *testing.B) {
			benchLatency(b, func() error { _, err := ix.Suggest(context.Background(), p, 8); return err })
		})
	}
}

// dirSize returns the bytes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// peakRSS returns the process's peak resident set size in bytes (Linux;
// 0 elsewhere).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func mib(n int64) string { return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20)) }
