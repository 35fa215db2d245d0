package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
)

// The configuration's default pattern is the domain's (config may not
// import dossier, so the constant is written twice).
func TestReceiptFormatDefault(t *testing.T) {
	if config.DefaultReceiptFormat != dossier.DefaultReceiptFormat {
		t.Fatalf("config %q, dossier %q", config.DefaultReceiptFormat, dossier.DefaultReceiptFormat)
	}
}

func TestReceiptFormatConfig(t *testing.T) {
	for _, tc := range []struct{ pattern, err string }{
		{"{agency}-{yymmdd}-{seq:4}", ""},
		{"HS-{yyyy}-{seq:6}", ""},
		{"", ""}, // the default
		{"HS-{year}-{seq}", `CONG_RECEIPT_FORMAT "HS-{year}-{seq}": unknown placeholder {year}`},
		{"HS-{yyyy}", `CONG_RECEIPT_FORMAT "HS-{yyyy}": the pattern needs exactly one {seq}`},
		{"HS-{seq}-{seq}", "exactly one {seq}"},
		{"HS-{seq", "unclosed {"},
		{"HS-{seq:20}", "bad width"},
	} {
		cfg := config.Default()
		cfg.ReceiptFormat = tc.pattern
		f, err := receiptFormat(cfg)
		switch {
		case tc.err == "" && (err != nil || f == nil):
			t.Errorf("%q: %v", tc.pattern, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: got %v, want %q", tc.pattern, err, tc.err)
		}
	}
}

// cong gen issues receipt codes from CONG_RECEIPT_FORMAT, and refuses an
// invalid one before writing anything.
func TestGenUsesReceiptFormat(t *testing.T) {
	ctx := context.Background()
	opts := storetest.Options(t)
	vars := map[string]string{"CONG_DATA_DIR": t.TempDir(), "CONG_DATABASE_URL": opts.PostgresURL,
		"CONG_SECRET_KEY": strings.Repeat("s", 32), "CONG_RECEIPT_FORMAT": "HS-{yyyy}-{seq:6}"}
	if opts.SQLitePath != "" {
		vars["CONG_DATA_DIR"] = filepath.Dir(opts.SQLitePath)
	}
	env := &cmdEnv{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string { return vars[k] }}
	if err := run(ctx, env, []string{"gen", "--units", "60", "--dossiers", "30"}); err != nil {
		t.Fatalf("gen: %v\n%s", err, env.stdout)
	}
	db, err := sqlstore.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(ctx, "SELECT receipt_code FROM dossiers")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n, re := 0, regexp.MustCompile(`^HS-20[0-9]{2}-[0-9]{6}$`)
	for rows.Next() {
		var code string
		rows.Scan(&code)
		if !re.MatchString(code) {
			t.Errorf("code %q does not follow the format", code)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no dossiers generated")
	}
	vars["CONG_RECEIPT_FORMAT"] = "HS-{nope}-{seq}"
	if err := run(ctx, env, []string{"gen", "--units", "60", "--dossiers", "30"}); err == nil || !strings.Contains(err.Error(), "CONG_RECEIPT_FORMAT") {
		t.Errorf("invalid format: %v", err)
	}
}
