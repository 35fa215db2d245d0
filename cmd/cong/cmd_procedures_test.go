package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/seed"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
)

// procEnv returns a command environment on a fresh database holding the
// demo units.
func procEnv(t *testing.T) (*cmdEnv, *bytes.Buffer) {
	t.Helper()
	ctx := context.Background()
	opts := storetest.Options(t)
	vars := map[string]string{"CONG_DATA_DIR": t.TempDir(), "CONG_DATABASE_URL": opts.PostgresURL}
	if opts.SQLitePath != "" {
		vars["CONG_DATA_DIR"] = filepath.Dir(opts.SQLitePath)
	}
	db, err := sqlstore.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Units(ctx, db); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	return &cmdEnv{stdout: &out, stderr: &bytes.Buffer{}, getenv: func(k string) string { return vars[k] }}, &out
}

func TestImportAndExportProcedures(t *testing.T) {
	ctx := context.Background()
	env, out := procEnv(t)
	file := filepath.Join("..", "..", "internal", "procimport", "testdata", "small.jsonl")
	if err := run(ctx, env, []string{"import", "procedures", "--format", "dvcqg", file}); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if !strings.Contains(out.String(), "created 3, updated 0, unchanged 0, failed 0") || !strings.Contains(out.String(), "problems by field:") {
		t.Errorf("first import printed:\n%s", out)
	}
	out.Reset()
	if err := run(ctx, env, []string{"import", "procedures", "--quiet", file}); err != nil || !strings.Contains(out.String(), "created 0, updated 0, unchanged 3") {
		t.Errorf("second import: %v\n%s", err, out)
	}
	if err := run(ctx, env, []string{"import", "procedures", "--format", "xml", file}); err == nil {
		t.Error("an unknown format was accepted")
	}

	path := filepath.Join(t.TempDir(), "p.csv")
	if err := run(ctx, env, []string{"export", "procedures", "--format", "csv", "--level", "province", "-o", path}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != "1.900001" || rows[1][12] != "so-tu-phap" {
		t.Errorf("export rows %q, %v", rows, err)
	}
	if err := run(ctx, env, []string{"export", "procedures", "--level", "ward"}); err == nil {
		t.Error("an unknown level was accepted")
	}
}
