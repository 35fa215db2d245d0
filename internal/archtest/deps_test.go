package archtest

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/cong-vn/cong/"

// rules maps a package prefix (relative to the module) to imports it must
// not have, directly or indirectly.
var rules = []struct {
	pkgs      []string
	forbidden []string
	why       string
}{
	{
		pkgs:      []string{"internal/errs", "internal/i18n", "internal/vntext", "internal/config"},
		forbidden: []string{"internal/"},
		why:       "base packages depend on nothing in the project",
	},
	{
		pkgs:      []string{"internal/access", "internal/audit", "internal/unit", "internal/account", "internal/calendar", "internal/workcal", "internal/procedure", "internal/search", "internal/searchfeed", "internal/job", "internal/notify", "internal/blob", "internal/dossier", "internal/centreapi", "internal/keyring"},
		forbidden: []string{"net/http", "html/template", "internal/sqlstore", "internal/web", "internal/searchindex", "internal/jobqueue", "github.com/riverqueue", "github.com/blevesearch", "modernc.org/sqlite", "github.com/jackc/pgx"},
		why:       "the domain knows no transport, storage engine or queue library",
	},
	{
		pkgs:      []string{"internal/sqlstore", "internal/searchindex", "internal/jobqueue", "internal/seed", "internal/unitimport", "internal/procimport"},
		forbidden: []string{"internal/web"},
		why:       "adapters never import the web layer",
	},
	{
		pkgs:      []string{"internal/web"},
		forbidden: []string{"modernc.org/sqlite", "github.com/jackc/pgx", "github.com/blevesearch", "github.com/riverqueue"},
		why:       "the web layer calls domain services, never storage engines",
	},
}

type pkg struct {
	ImportPath string
	Deps       []string
}

func TestDependencyLaw(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-json", "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	checked := 0
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(p.ImportPath, module)
		for _, r := range rules {
			if !hasPrefix(rel, r.pkgs) {
				continue
			}
			checked++
			for _, d := range p.Deps {
				if strings.HasPrefix(d, "internal/") || strings.Contains(d, "/internal/") && !strings.HasPrefix(d, module) {
					continue // the standard library's and other modules' internals
				}
				dr := strings.TrimPrefix(d, module)
				for _, f := range r.forbidden {
					if (dr == f || strings.HasPrefix(dr, f+"/") || (strings.HasSuffix(f, "/") && strings.HasPrefix(dr, f))) && !strings.HasPrefix(dr, rel) {
						t.Errorf("%s imports %s: %s", rel, d, r.why)
					}
				}
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d packages checked: the rule list is stale", checked)
	}
}

func hasPrefix(rel string, prefixes []string) bool {
	for _, p := range prefixes {
		if rel == p || strings.HasPrefix(rel, p+"/") {
			return true
		}
	}
	return false
}
