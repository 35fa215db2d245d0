package config

import (
	"bytes"
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

		{"sms get", func(c *Config) { c.SMSURL = "https://gw.example/send?to={to}&text={text}"; c.SMSMethod = "get" }, ""},
		{"sms post", func(c *Config) {
			c.SMSURL, c.SMSMethod, c.SMSBody = "https://gw.example/api/sms", "POST", `{"to":"{to}","text":"{text}"}`
			c.SMSUsername, c.SMSPassword, c.SMSTokenHeader, c.SMSToken = "u", "p", "X-Key", "k"
		}, ""},
		{"sms method", func(c *Config) { c.SMSURL = "https://gw.example/send"; c.SMSMethod = "PUT" }, "CONG_SMS_METHOD"},
		{"sms body without url", func(c *Config) { c.SMSBody = "to={to}" }, "CONG_SMS_URL must be set to use CONG_SMS_BODY"},
		{"sms credentials without url", func(c *Config) { c.SMSUsername, c.SMSPassword, c.SMSToken = "u", "p", "t" },
			"CONG_SMS_URL must be set to use CONG_SMS_USERNAME, CONG_SMS_PASSWORD, CONG_SMS_TOKEN"},
		{"sms ascii without url", func(c *Config) { c.SMSASCII = true }, "CONG_SMS_URL must be set to use CONG_SMS_ASCII"},
		{"sms url scheme", func(c *Config) { c.SMSURL = "ftp://gw.example/{to}" }, "CONG_SMS_URL"},
		{"sms url without host", func(c *Config) { c.SMSURL = "https:///send?to={to}" }, "CONG_SMS_URL"},

		{"mail from with name", func(c *Config) { c.MailFrom = "Sở Tư pháp <no-reply@stp.hanoi.gov.vn>" }, ""},
		{"mail from bare", func(c *Config) { c.MailFrom = "no-reply@stp.hanoi.gov.vn" }, ""},
		{"mail from invalid", func(c *Config) { c.MailFrom = "no-reply" }, "CONG_MAIL_FROM"},
		{"mail from two", func(c *Config) { c.MailFrom = "a@x.vn, b@x.vn" }, "CONG_MAIL_FROM"},
		{"mail from empty", func(c *Config) { c.MailFrom = "" }, "CONG_MAIL_FROM"},

		{"zero shutdown timeout", func(c *Config) { c.ShutdownTimeout = 0; c.PageCacheTTL = 0 }, ""},
		{"negative shutdown timeout", func(c *Config) { c.ShutdownTimeout = -time.Second }, "CONG_SHUTDOWN_TIMEOUT -1s: must not be negative"},
		{"negative page cache", func(c *Config) { c.PageCacheTTL = -time.Minute }, "CONG_PAGE_CACHE_TTL -1m0s: must not be negative"},
		{"negative session", func(c *Config) { c.SessionAbsolute = -time.Hour }, "CONG_SESSION_ABSOLUTE -1h0m0s: must not be negative"},

		{"blob s3", func(c *Config) { c.BlobURL = "s3://files?region=ap-southeast-1&endpoint=https://s3.gov.vn" }, ""},
		{"blob file", func(c *Config) { c.BlobURL = "file:///srv/cong/files" }, ""},
		{"blob mem", func(c *Config) { c.BlobURL = "mem://" }, ""},
		{"blob gcs", func(c *Config) { c.BlobURL = "gs://files" }, "CONG_BLOB_URL"},
		{"blob s3 without bucket", func(c *Config) { c.BlobURL = "s3://?region=x" }, "CONG_BLOB_URL"},
		{"blob path", func(c *Config) { c.BlobURL = "/srv/cong/files" }, "CONG_BLOB_URL"},
		{"blob malformed", func(c *Config) { c.BlobURL = "s3://%zz" }, "CONG_BLOB_URL"},

		{"smtp", func(c *Config) { c.SMTPURL = "smtps://u:p@mail.gov.vn:465" }, ""},
		{"smtp scheme", func(c *Config) { c.SMTPURL = "http://mail.gov.vn" }, "CONG_SMTP_URL"},
		{"smtp without host", func(c *Config) { c.SMTPURL = "smtp://:587" }, "CONG_SMTP_URL"},
		{"smtp bad port", func(c *Config) { c.SMTPURL = "smtp://mail.gov.vn:abc" }, "CONG_SMTP_URL"},

		{"postgres remote with key", func(c *Config) { c.DatabaseURL = "postgres://u:p@db.gov.vn/cong"; c.SecretKey = key }, ""},
		{"postgres remote without key", func(c *Config) { c.DatabaseURL = "postgres://u:p@db.gov.vn/cong" }, "CONG_SECRET_KEY (or CONG_SECRET_KEY_FILE) must be set"},
		{"postgres hosts without key", func(c *Config) { c.DatabaseURL = "postgres://127.0.0.1:5432,db.gov.vn:5432/cong" }, "CONG_SECRET_KEY"},
		{"postgres host param without key", func(c *Config) { c.DatabaseURL = "postgres:///cong?host=db.gov.vn" }, "CONG_SECRET_KEY"},
		{"postgres local with blob without key", func(c *Config) { c.DatabaseURL = "postgres://localhost/cong"; c.BlobURL = "s3://files" }, "CONG_SECRET_KEY"},
		{"postgres loopback without key", func(c *Config) { c.DatabaseURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable" }, ""},
		{"postgres localhost without key", func(c *Config) { c.DatabaseURL = "postgresql://u@localhost/cong" }, ""},
		{"postgres ipv6 loopback without key", func(c *Config) { c.DatabaseURL = "postgres://[::1]:5432/cong" }, ""},
		{"postgres socket without key", func(c *Config) { c.DatabaseURL = "postgres:///cong?host=/var/run/postgresql" }, ""},
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

// Validate reports every problem at once, each on its own line, and never
// the value of a secret.
func TestValidateReportsAll(t *testing.T) {
	c := Default()
	c.DatabaseURL = "postgres://u:dbpass@db.gov.vn/cong"
	c.SMSURL, c.SMSMethod = "ftp://gw.example/smstoken", "PATCH"
	c.SMTPURL = "imap://u:smtppass@mail.gov.vn"
	c.BlobURL = "gs://bucket"
	c.MailFrom = "nobody"
	c.ShutdownTimeout, c.PageCacheTTL = -time.Second, -time.Second
	err := c.Validate()
	if err == nil {
		t.Fatal("Validate() = nil")
	}
	for _, want := range []string{"CONG_SECRET_KEY", "CONG_SMS_URL", "CONG_SMS_METHOD", "CONG_SMTP_URL", "CONG_BLOB_URL",
		"CONG_MAIL_FROM", "CONG_SHUTDOWN_TIMEOUT", "CONG_PAGE_CACHE_TTL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %s in:\n%v", want, err)
		}
	}
	for _, secret := range []string{"dbpass", "smstoken", "smtppass"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%q shown in:\n%v", secret, err)
		}
	}
}

const key = "0123456789abcdef0123456789abcdef-secret"

// secretEnv sets every secret to a value that must never be printed.
var secretEnv = map[string]string{
	"CONG_SECRET_KEY":   key,
	"CONG_DATABASE_URL": "postgres://cong:db-pass-1@db.gov.vn:5432/cong?sslmode=require&password=db-pass-2",
	"CONG_SMTP_URL":     "smtps://mailer:smtp-pass@mail.gov.vn:465",
	"CONG_BLOB_URL":     "s3://files?region=x&secret=blob-pass",
	"CONG_SMS_URL":      "https://gw.example/key-sms-1/send?to={to}&text={text}&apikey=sms-key-2",
	"CONG_SMS_PASSWORD": "pw4sms",
	"CONG_SMS_TOKEN":    "tok4sms",
}

var secretValues = []string{key, "db-pass-1", "db-pass-2", "smtp-pass", "blob-pass", "sms-key-1", "sms-key-2", "pw4sms", "tok4sms"}

// -h and a mistyped flag print the flags' defaults, which are the values
// loaded from the environment: secrets show masked, and still work.
func TestFlagUsageMasksSecrets(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--bogus"}} {
		var out bytes.Buffer
		fs := flag.NewFlagSet("cong serve", flag.ContinueOnError)
		fs.SetOutput(&out)
		if _, _, err := Load(fs, args, env(secretEnv)); err == nil {
			t.Fatalf("%v: no error", args)
		}
		for _, s := range secretValues {
			if strings.Contains(out.String(), s) {
				t.Errorf("%v: usage shows %q:\n%s", args, s, out.String())
			}
		}
		for _, want := range []string{
			`-secret-key string`, `(default "****")`,
			`(default "postgres://cong:****@db.gov.vn:5432/cong")`,
			`(default "smtps://mailer:****@mail.gov.vn:465")`,
			`(default "https://gw.example/****")`,
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v: usage lacks %s:\n%s", args, want, out.String())
			}
		}
	}

	c, _, err := Load(flag.NewFlagSet("t", flag.ContinueOnError), nil, env(secretEnv))
	if err != nil || c.SecretKey != key || c.DatabaseURL != secretEnv["CONG_DATABASE_URL"] || c.SMSToken != "tok4sms" {
		t.Fatalf("values lost: %+v, %v", c, err)
	}
	c, _, err = Load(flag.NewFlagSet("t", flag.ContinueOnError), []string{"--sms-password", "other"}, env(secretEnv))
	if err != nil || c.SMSPassword != "other" {
		t.Fatalf("flag ignored: %q, %v", c.SMSPassword, err)
	}

	// Unset secrets show no default at all.
	var out bytes.Buffer
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(&out)
	Load(fs, []string{"-h"}, env(nil))
	if i := strings.Index(out.String(), "-secret-key"); i < 0 || strings.Contains(out.String()[i:i+200], "default") {
		t.Errorf("unset secret shows a default:\n%s", out.String())
	}
}

// cong config masks the password of a URL and keeps the user name.
func TestMaskedURLs(t *testing.T) {
	c := Default()
	c.DatabaseURL = "postgres://user:pw@host/db?sslmode=disable"
	c.SMTPURL = "smtp://apikey@mail.gov.vn:587?tls=starttls"
	c.SMSURL = "https://gw.example/send?to={to}&key=k"
	c.BlobURL = "file:///srv/files"
	c.SecretKey = key
	got := strings.Join(c.Masked(), "\n")
	for _, want := range []string{
		"CONG_DATABASE_URL=postgres://user:****@host/db\n",
		"CONG_SMTP_URL=smtp://apikey@mail.gov.vn:587\n",
		"CONG_SMS_URL=https://gw.example/****\n",
		"CONG_BLOB_URL=****\n",
		"CONG_SECRET_KEY=****\n",
		"CONG_SMS_TOKEN=\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
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
