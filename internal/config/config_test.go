package config

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cong.conf")
	os.WriteFile(file, []byte("# comment\nCONG_ADDR=127.0.0.1:1\nCONG_DATA_DIR=/from-file\nCONG_LOG_LEVEL=warn\n"), 0o600)
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c, rest, err := Load(fs, []string{"--addr", "127.0.0.1:3", "extra"}, env(map[string]string{
		"CONG_CONFIG": file, "CONG_ADDR": "127.0.0.1:2", "CONG_DATA_DIR": "/from-env",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:3" || c.DataDir != "/from-env" || c.LogLevel != "warn" || c.SessionIdle != 30*time.Minute {
		t.Errorf("precedence wrong: %+v", c)
	}
	if len(rest) != 1 || rest[0] != "extra" {
		t.Errorf("rest = %v", rest)
	}
}

func TestSecretFromFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "db")
	os.WriteFile(p, []byte("postgres://u:pw@db/cong\n"), 0o600)
	c, _, err := Load(flag.NewFlagSet("t", flag.ContinueOnError), nil, env(map[string]string{"CONG_DATABASE_URL_FILE": p}))
	if err != nil || c.DatabaseURL != "postgres://u:pw@db/cong" {
		t.Fatalf("got %q, %v", c.DatabaseURL, err)
	}
	_, _, err = Load(flag.NewFlagSet("t", flag.ContinueOnError), nil, env(map[string]string{"CONG_DATABASE_URL_FILE": p, "CONG_DATABASE_URL": "x"}))
	if err == nil {
		t.Fatal("both NAME and NAME_FILE accepted")
	}
	masked := strings.Join(c.Masked(), "\n")
	if strings.Contains(masked, "pw") || !strings.Contains(masked, "db") {
		t.Errorf("masking wrong:\n%s", masked)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Config)
		want string // substring of the error, "" for valid
	}{
		{"defaults", func(*Config) {}, ""},
		{"bad addr", func(c *Config) { c.Addr = "nohostport" }, "CONG_ADDR"},
		{"mysql url", func(c *Config) { c.DatabaseURL = "mysql://x" }, "CONG_DATABASE_URL"},
		{"short key", func(c *Config) { c.SecretKey = "short" }, "CONG_SECRET_KEY"},
		{"idle above absolute", func(c *Config) { c.SessionIdle = 48 * time.Hour }, "CONG_SESSION_IDLE"},
		{"bad level", func(c *Config) { c.LogLevel = "loud" }, "CONG_LOG_LEVEL"},
		{"receipt format", func(c *Config) { c.ReceiptFormat = "HS-{yyyy}-{seq:6}" }, ""},
		{"empty receipt format", func(c *Config) { c.ReceiptFormat = " " }, "CONG_RECEIPT_FORMAT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.mod(&c)
			err := c.Validate()
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Validate() = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestBadEnvValue(t *testing.T) {
	_, _, err := Load(flag.NewFlagSet("t", flag.ContinueOnError), nil, env(map[string]string{"CONG_SQLITE_READERS": "many"}))
	if err == nil || !strings.Contains(err.Error(), "CONG_SQLITE_READERS") {
		t.Fatalf("err = %v", err)
	}
}

// The README's configuration table names every variable.
func TestReadmeListsEveryVariable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range Help() {
		if !strings.Contains(string(b), "`"+row[0]+"`") {
			t.Errorf("README.md does not document %s", row[0])
		}
	}
}

func TestReceiptFormatFromEnv(t *testing.T) {
	c, _, err := Load(flag.NewFlagSet("t", flag.ContinueOnError), nil, env(map[string]string{"CONG_RECEIPT_FORMAT": "{unit}/{yy}/{seq:5}"}))
	if err != nil || c.ReceiptFormat != "{unit}/{yy}/{seq:5}" {
		t.Fatalf("got %q, %v", c.ReceiptFormat, err)
	}
	if d := Default(); d.ReceiptFormat != DefaultReceiptFormat {
		t.Errorf("default %q", d.ReceiptFormat)
	}
}
