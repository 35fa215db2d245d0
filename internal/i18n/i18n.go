package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

//go:embed locales/*.json
var files embed.FS

// Languages lists the supported languages; the first is the default.
var Languages = []string{"vi", "en"}

// Default is the default language.
const Default = "vi"

// Catalog is a set of loaded catalogues. It is read-only after Load and safe
// for concurrent use.
type Catalog struct {
	msgs map[string]map[string]string
}

// Load reads the embedded catalogues.
func Load() (*Catalog, error) {
	c := &Catalog{msgs: map[string]map[string]string{}}
	for _, lang := range Languages {
		b, err := files.ReadFile("locales/" + lang + ".json")
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("i18n: %s.json: %w", lang, err)
		}
		c.msgs[lang] = m
	}
	return c, nil
}

// MustLoad is Load for program start-up, where a broken catalogue is a bug.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Has reports whether key exists in the default catalogue.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[Default][key]
	return ok
}

// T returns the message for key in lang, formatted with args.
func (c *Catalog) T(lang, key string, args ...any) string {
	msg, ok := c.msgs[lang][key]
	if !ok {
		msg, ok = c.msgs[Default][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Keys returns the sorted keys of lang's catalogue.
func (c *Catalog) Keys(lang string) []string {
	keys := make([]string, 0, len(c.msgs[lang]))
	for k := range c.msgs[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Localizer is a catalogue bound to one language, for templates
// ({{.L.T "nav.home"}}) and handlers.
type Localizer struct {
	c    *Catalog
	Lang string
}

// For returns a Localizer for lang (the default for an unknown lang).
func (c *Catalog) For(lang string) *Localizer {
	if _, ok := c.msgs[lang]; !ok {
		lang = Default
	}
	return &Localizer{c: c, Lang: lang}
}

// T returns the message for key, formatted with args.
func (l *Localizer) T(key string, args ...any) string { return l.c.T(l.Lang, key, args...) }

// Pick returns vi or en according to the language, falling back to vi
// when en is empty (for bilingual database fields).
func (l *Localizer) Pick(vi, en string) string {
	if l.Lang == "en" && strings.TrimSpace(en) != "" {
		return en
	}
	return vi
}

// Prefix returns the URL prefix of the language: "" for Vietnamese, "/en"
// for English.
func (l *Localizer) Prefix() string {
	if l.Lang == Default {
		return ""
	}
	return "/" + l.Lang
}
