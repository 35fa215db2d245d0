package procimport_test

import (
	"fmt"
	"testing"

	"github.com/cong-vn/cong/internal/procimport"
)

// BenchmarkMap measures reading and mapping, per record.
func BenchmarkMap(b *testing.B) {
	recs, err := procimport.ReadFile("testdata/small.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		procimport.Map(recs[i%len(recs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkImport measures importing new procedures into the database
// (map, validate, hash, store with version and audit entry), in records per
// second. Each iteration imports one record under a fresh code.
func BenchmarkImport(b *testing.B) {
	db, svc := setup(b)
	items := readFixture(b, "small.jsonl")
	ctx := system()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		it := items[i%len(items)]
		it.Procedure = it.Procedure.Clone()
		it.Procedure.Code = fmt.Sprintf("8.%06d", i)
		rep, err := procimport.Apply(ctx, svc, db, []procimport.Item{it}, procimport.Options{Owner: "so-tu-phap"})
		if err != nil || len(rep.Created) != 1 {
			b.Fatalf("import: %+v, %v", rep, err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkImportReal imports the real national file, then re-runs it
// (every record unchanged), reporting records per second of each.
func BenchmarkImportReal(b *testing.B) {
	recs, err := procimport.ReadFile(realFile(b))
	if err != nil {
		b.Fatal(err)
	}
	ctx := system()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, svc := setup(b)
		b.StartTimer()
		if _, err := procimport.Apply(ctx, svc, db, procimport.MapAll(recs), procimport.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(recs))/b.Elapsed().Seconds(), "records/s")
}
