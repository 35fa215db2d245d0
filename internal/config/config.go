package config

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Config is the effective configuration. Field tags name the environment
// variable ("env"), whether the value is a secret ("secret", masked by
// Masked and accepted as NAME_FILE), and the help text ("help").
type Config struct {
	Addr        string `env:"CONG_ADDR" help:"address to listen on"`
	DataDir     string `env:"CONG_DATA_DIR" help:"directory for the SQLite database, files and the search index"`
	DatabaseURL string `env:"CONG_DATABASE_URL" secret:"true" help:"postgres://... to use PostgreSQL; empty for SQLite in the data dir"`
	BaseURL     string `env:"CONG_BASE_URL" help:"public URL of the portal, e.g. https://congdientu.hanoi.gov.vn (used in links, feeds and the sitemap)"`
	SecretKey   string `env:"CONG_SECRET_KEY" secret:"true" help:"32+ byte key for keyed hashes, signed tokens and sealed data, the same on every node; generated into the data dir when empty, except with PostgreSQL on another machine or CONG_BLOB_URL, where it is required"`
	LogLevel    string `env:"CONG_LOG_LEVEL" help:"debug, info, warn or error"`
	LogFormat   string `env:"CONG_LOG_FORMAT" help:"json or text"`
	SearchDir   string `env:"CONG_SEARCH_DIR" help:"directory of this process's search index (default: $CONG_DATA_DIR/search); each process needs its own"`
	TemplateDir string `env:"CONG_TEMPLATE_DIR" help:"directory of templates overriding the embedded ones"`
	TrustProxy  bool   `env:"CONG_TRUST_PROXY" help:"take the client address from X-Forwarded-For (only behind a proxy you run)"`
	Dev         bool   `env:"CONG_DEV" help:"development mode: cookies without the Secure flag over plain HTTP"`
	ReadPool    int    `env:"CONG_SQLITE_READERS" help:"size of the SQLite read connection pool"`
	SMTPURL     string `env:"CONG_SMTP_URL" secret:"true" help:"smtp(s)://user:pass@host:port for outgoing mail; empty stores mail in the outbox"`
	MailFrom    string `env:"CONG_MAIL_FROM" help:"sender address of outgoing mail"`
	BlobURL     string `env:"CONG_BLOB_URL" secret:"true" help:"gocloud.dev bucket URL for uploaded files (e.g. s3://bucket?region=...); empty for $CONG_DATA_DIR/files"`

	SMSURL          string `env:"CONG_SMS_URL" secret:"true" help:"SMS gateway URL template with {to} and {text}; empty keeps SMS in the outbox"`
	SMSMethod       string `env:"CONG_SMS_METHOD" help:"HTTP method of the SMS gateway (GET or POST)"`
	SMSBody         string `env:"CONG_SMS_BODY" help:"request body template of the SMS gateway, with {to} and {text}"`
	SMSContentType  string `env:"CONG_SMS_CONTENT_TYPE" help:"content type of the SMS gateway request body"`
	SMSUsername     string `env:"CONG_SMS_USERNAME" help:"basic-auth user of the SMS gateway"`
	SMSPassword     string `env:"CONG_SMS_PASSWORD" secret:"true" help:"basic-auth password of the SMS gateway"`
	SMSTokenHeader  string `env:"CONG_SMS_TOKEN_HEADER" help:"header carrying the SMS gateway token"`
	SMSToken        string `env:"CONG_SMS_TOKEN" secret:"true" help:"token of the SMS gateway"`
	SMSSuccessMatch string `env:"CONG_SMS_SUCCESS_MATCH" help:"text the gateway's reply must contain to count as sent"`
	SMSASCII        bool   `env:"CONG_SMS_ASCII" help:"strip diacritics from SMS text (for gateways without Unicode)"`
	NoWorkers       bool   `env:"CONG_NO_WORKERS" help:"serve without running background jobs (run cong worker elsewhere)"`

	SessionIdle     time.Duration `env:"CONG_SESSION_IDLE" help:"staff session idle timeout"`
	SessionAbsolute time.Duration `env:"CONG_SESSION_ABSOLUTE" help:"staff session absolute lifetime"`
	ShutdownTimeout time.Duration `env:"CONG_SHUTDOWN_TIMEOUT" help:"how long graceful shutdown waits for requests"`
	PageCacheTTL    time.Duration `env:"CONG_PAGE_CACHE_TTL" help:"how long anonymous public pages are kept in memory at most (0 disables the cache); any change of content drops them at once"`

	// ReceiptFormat is checked by the commands that issue codes (serve,
	// seed demo, gen) with dossier.ParseReceiptFormat: this package
	// depends on nothing in the project, so Validate checks only that it
	// is set.
	ReceiptFormat string `env:"CONG_RECEIPT_FORMAT" help:"pattern of the receipt codes the portal issues for dossiers sent without one: text with {agency}, {unit}, {yyyy}, {yy}, {mm}, {dd}, {yymmdd} and exactly one {seq} or {seq:N}"`
}

// DefaultReceiptFormat is the default of CONG_RECEIPT_FORMAT, the same as
// dossier.DefaultReceiptFormat (a test in cmd/cong keeps them equal).
const DefaultReceiptFormat = "{agency}-{yymmdd}-{seq:4}"

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		DataDir:         "./data",
		LogLevel:        "info",
		LogFormat:       "json",
		ReadPool:        8,
		MailFrom:        "Cổng giao tiếp điện tử <no-reply@localhost>",
		SessionIdle:     30 * time.Minute,
		SessionAbsolute: 12 * time.Hour,
		ShutdownTimeout: 20 * time.Second,
		PageCacheTTL:    time.Minute,
		ReceiptFormat:   DefaultReceiptFormat,
	}
}

// Load builds the configuration from defaults, the optional file named by
// CONG_CONFIG, the environment (through getenv) and flags parsed from args
// by fs. Flags are registered on fs under the lower-case, dashed variable
// name without the prefix (CONG_DATA_DIR → --data-dir). It returns the
// arguments left after the flags. It does not call Validate.
func Load(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, []string, error) {
	c := Default()
	if path := getenv("CONG_CONFIG"); path != "" {
		file, err := readFile(path)
		if err != nil {
			return c, nil, err
		}
		prev := getenv
		getenv = func(k string) string {
			if v := prev(k); v != "" {
				return v
			}
			return file[k]
		}
	}
	if err := c.fromEnv(getenv); err != nil {
		return c, nil, err
	}
	c.registerFlags(fs)
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	return c, fs.Args(), nil
}

// readFile parses a file of KEY=value lines; # starts a comment.
func readFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config file: %w", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("config file %s:%d: want KEY=value", path, n)
		}
		out[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"`)
	}
	return out, sc.Err()
}

// fields calls fn for each tagged field of c.
func (c *Config) fields(fn func(f reflect.StructField, v reflect.Value)) {
	rv := reflect.ValueOf(c).Elem()
	for i := range rv.NumField() {
		f := rv.Type().Field(i)
		if f.Tag.Get("env") != "" {
			fn(f, rv.Field(i))
		}
	}
}

func (c *Config) fromEnv(getenv func(string) string) error {
	var errs []error
	c.fields(func(f reflect.StructField, v reflect.Value) {
		name := f.Tag.Get("env")
		raw := getenv(name)
		if f.Tag.Get("secret") == "true" && getenv(name+"_FILE") != "" {
			if raw != "" {
				errs = append(errs, fmt.Errorf("%s and %s_FILE are both set; set one", name, name))
				return
			}
			b, err := os.ReadFile(getenv(name + "_FILE"))
			if err != nil {
				errs = append(errs, fmt.Errorf("%s_FILE: %w", name, err))
				return
			}
			raw = strings.TrimSpace(string(b))
		}
		if raw == "" {
			return
		}
		if err := setValue(v, raw); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	})
	return errors.Join(errs...)
}

func setValue(v reflect.Value, raw string) error {
	switch v.Interface().(type) {
	case string:
		v.SetString(raw)
	case bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("want true or false, got %q", raw)
		}
		v.SetBool(b)
	case int:
		n, err := strconv.Atoi(raw)
		if err != nil {
			return fmt.Errorf("want a whole number, got %q", raw)
		}
		v.SetInt(int64(n))
	case time.Duration:
		d, err := time.ParseDuration(raw)
		if err != nil {
			return fmt.Errorf("want a duration such as 30m, got %q", raw)
		}
		v.SetInt(int64(d))
	}
	return nil
}

// FlagName is the flag for an environment variable: CONG_DATA_DIR → data-dir.
func FlagName(env string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(env, "CONG_")), "_", "-")
}

// registerFlags registers a flag for every field, its default the value
// loaded so far. A secret's default is shown masked as by Masked (or not
// at all when unset), since -h and every mistyped flag print the defaults;
// the flag still holds and sets the real value.
func (c *Config) registerFlags(fs *flag.FlagSet) {
	c.fields(func(f reflect.StructField, v reflect.Value) {
		env := f.Tag.Get("env")
		name, help := FlagName(env), f.Tag.Get("help")+" ("+env+")"
		switch p := v.Addr().Interface().(type) {
		case *string:
			fs.StringVar(p, name, *p, help)
			if f.Tag.Get("secret") == "true" {
				fs.Lookup(name).DefValue = maskSecret(env, *p)
			}
		case *bool:
			fs.BoolVar(p, name, *p, help)
		case *int:
			fs.IntVar(p, name, *p, help)
		case *time.Duration:
			fs.DurationVar(p, name, *p, help)
		}
	})
}

// Validate reports every invalid value or combination at once.
func (c *Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("CONG_ADDR %q: want host:port", c.Addr))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("CONG_DATA_DIR must not be empty"))
	}
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			errs = append(errs, errors.New("CONG_DATABASE_URL must be a postgres:// URL"))
		}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("CONG_BASE_URL %q: want an http(s) URL", c.BaseURL))
		}
	}
	if c.SecretKey != "" && len(c.SecretKey) < 32 {
		errs = append(errs, errors.New("CONG_SECRET_KEY must be at least 32 characters"))
	}
	if c.SecretKey == "" && c.DatabaseURL != "" && (c.BlobURL != "" || !localPostgres(c.DatabaseURL)) {
		errs = append(errs, errors.New("CONG_SECRET_KEY (or CONG_SECRET_KEY_FILE) must be set with PostgreSQL on another machine or with CONG_BLOB_URL: "+
			"every node must use the same key to read what the others sealed (a node that ran without one keeps its key in CONG_DATA_DIR/secret.key)"))
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			errs = append(errs, errors.New("CONG_SMTP_URL must be smtp://host[:port] or smtps://host[:port]"))
		}
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		errs = append(errs, fmt.Errorf("CONG_MAIL_FROM %q: want an address such as no-reply@example.gov.vn or Name <no-reply@example.gov.vn>", c.MailFrom))
	}
	if c.BlobURL != "" && !validBlobURL(c.BlobURL) {
		errs = append(errs, errors.New("CONG_BLOB_URL must be an s3://bucket, file:///directory or mem:// URL"))
	}
	errs = append(errs, c.validateSMS()...)
	if !oneOf(c.LogLevel, "debug", "info", "warn", "error") {
		errs = append(errs, fmt.Errorf("CONG_LOG_LEVEL %q: want debug, info, warn or error", c.LogLevel))
	}
	if !oneOf(c.LogFormat, "json", "text") {
		errs = append(errs, fmt.Errorf("CONG_LOG_FORMAT %q: want json or text", c.LogFormat))
	}
	if c.ReadPool < 1 {
		errs = append(errs, errors.New("CONG_SQLITE_READERS must be at least 1"))
	}
	if strings.TrimSpace(c.ReceiptFormat) == "" {
		errs = append(errs, errors.New("CONG_RECEIPT_FORMAT must not be empty"))
	}
	if c.SessionIdle <= 0 || c.SessionAbsolute < c.SessionIdle {
		errs = append(errs, errors.New("CONG_SESSION_IDLE must be positive and not above CONG_SESSION_ABSOLUTE"))
	}
	c.fields(func(f reflect.StructField, v reflect.Value) {
		if d, ok := v.Interface().(time.Duration); ok && d < 0 {
			errs = append(errs, fmt.Errorf("%s %s: must not be negative", f.Tag.Get("env"), d))
		}
	})
	return errors.Join(errs...)
}

// validateSMS checks the SMS gateway settings as sms.New would, without
// printing the URL (it may hold a key): an http(s) URL with a host once
// {to} and {text} are filled in, the method GET or POST (any case, empty
// for GET), and no other CONG_SMS_* setting without the URL.
func (c *Config) validateSMS() []error {
	var errs []error
	if c.SMSURL == "" {
		var set []string
		c.fields(func(f reflect.StructField, v reflect.Value) {
			if env := f.Tag.Get("env"); strings.HasPrefix(env, "CONG_SMS_") && env != "CONG_SMS_URL" && !v.IsZero() {
				set = append(set, env)
			}
		})
		if len(set) > 0 {
			errs = append(errs, fmt.Errorf("CONG_SMS_URL must be set to use %s", strings.Join(set, ", ")))
		}
	} else {
		u, err := url.Parse(strings.NewReplacer("{to}", "0", "{text}", "x").Replace(c.SMSURL))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, errors.New("CONG_SMS_URL must be an http:// or https:// URL"))
		}
	}
	if c.SMSMethod != "" && !oneOf(strings.ToUpper(c.SMSMethod), "GET", "POST") {
		errs = append(errs, fmt.Errorf("CONG_SMS_METHOD %q: want GET or POST", c.SMSMethod))
	}
	return errs
}

// validBlobURL reports whether rawURL names a bucket of a driver
// internal/cloudblob registers: s3://bucket, file:///dir or mem://.
// Whether the bucket can be reached is checked when it is opened.
func validBlobURL(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "s3":
		return u.Host != ""
	case "file":
		return u.Path != ""
	case "mem":
		return true
	}
	return false
}

// localPostgres reports whether the PostgreSQL URL names only servers on
// this machine: a Unix socket, localhost or a loopback address (in the
// host part, which may list several, or the host parameter).
//
// Validate lets such a database go without CONG_SECRET_KEY when the files
// are kept in the data dir too: every node then runs on this machine and
// must share the data dir to serve the same files, so it shares the key
// generated there. A remote database or CONG_BLOB_URL allows nodes with
// data dirs of their own, each of which would generate its own key.
func localPostgres(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	hosts := u.Host
	if h := u.Query().Get("host"); h != "" {
		hosts = h
	}
	for _, h := range strings.Split(hosts, ",") {
		if host, _, err := net.SplitHostPort(h); err == nil {
			h = host
		}
		h = strings.Trim(h, "[]")
		ip := net.ParseIP(h)
		if h != "" && !strings.HasPrefix(h, "/") && h != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return false
		}
	}
	return true
}

func oneOf(s string, opts ...string) bool {
	for _, o := range opts {
		if s == o {
			return true
		}
	}
	return false
}

// SearchPath is the directory of the search index.
func (c *Config) SearchPath() string {
	if c.SearchDir != "" {
		return c.SearchDir
	}
	return filepath.Join(c.DataDir, "search")
}

// SQLitePath is the database file used when DatabaseURL is empty.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "cong.db") }

// UsesPostgres reports whether the configuration selects PostgreSQL.
func (c *Config) UsesPostgres() bool { return c.DatabaseURL != "" }

// Masked returns the configuration as ordered NAME=value lines with every
// secret replaced by "****" (or "" when unset), for "cong config".
func (c *Config) Masked() []string {
	var out []string
	c.fields(func(f reflect.StructField, v reflect.Value) {
		val := fmt.Sprint(v.Interface())
		if f.Tag.Get("secret") == "true" && val != "" {
			val = maskSecret(f.Tag.Get("env"), val)
		}
		out = append(out, f.Tag.Get("env")+"="+val)
	})
	return out
}

// maskSecret hides a secret: "" stays "", a URL keeps its scheme, user
// name, host and path so an operator can still see where the portal
// connects (postgres://user:****@db/cong) but loses its password and query
// (and, for the SMS gateway, whose path may carry a key, its path), and
// anything else becomes "****". The result is built by hand because
// url.URL.String would escape the asterisks.
func maskSecret(name, val string) string {
	if val == "" {
		return ""
	}
	u, err := url.Parse(val)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "****"
	}
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.User != nil {
		b.WriteString(url.User(u.User.Username()).String())
		if _, ok := u.User.Password(); ok {
			b.WriteString(":****")
		}
		b.WriteString("@")
	}
	b.WriteString(u.Host)
	if name == "CONG_SMS_URL" && strings.Trim(u.Path, "/") != "" {
		b.WriteString("/****")
	} else {
		b.WriteString(u.EscapedPath())
	}
	return b.String()
}

// Help lists every variable with its help text, for the README and -h.
func Help() [][3]string {
	c := Default()
	var out [][3]string
	c.fields(func(f reflect.StructField, v reflect.Value) {
		out = append(out, [3]string{f.Tag.Get("env"), fmt.Sprint(v.Interface()), f.Tag.Get("help")})
	})
	return out
}
