package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Two "cong serve" processes on one database, each with its own search
// index fed by the shared change feed: a unit created through one process's
// admin pages becomes searchable through the other.
func TestTwoProcessesShareTheFeed(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two servers")
	}
	bin := buildBinary(t)
	env := serverEnv(t)
	seedDemo(t, bin, env)
	pwFile := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pwFile, []byte("tram-nam-trong-coi-nguoi-ta\n"), 0o600)
	cmd := exec.Command(bin, "user", "create", "--username", "qtdv", "--name", "Quản trị đơn vị",
		"--role", "unit_admin", "--unit", "01", "--subtree", "--password-file", pwFile)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cong user create: %v\n%s", err, out)
	}
	a := startServer(t, bin, append(env, "CONG_SEARCH_DIR="+filepath.Join(t.TempDir(), "search-a")))
	b := startServer(t, bin, append(env, "CONG_SEARCH_DIR="+filepath.Join(t.TempDir(), "search-b")))
	waitSearch(t, b, "hoan kiem", "Phường Hoàn Kiếm") // b built its index from the database

	s := loginHTTP(t, a, "qtdv", "tram-nam-trong-coi-nguoi-ta")
	parent := unitID(t, s, a, "01")
	res := s.postForm(t, a+"/quan-tri/don-vi/moi", url.Values{
		"code": {"so-hai-tien-trinh"}, "kind": {"department"}, "parent": {parent},
		"name_vi": {"Sở Thử nghiệm Hai tiến trình"}, "leader_rows": {"0"},
	})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create unit through A: %d", res.StatusCode)
	}
	waitSearch(t, b, "thu nghiem hai tien trinh", "Sở Thử nghiệm Hai tiến trình")
	waitSearch(t, a, "thu nghiem hai tien trinh", "Sở Thử nghiệm Hai tiến trình")
}

// waitSearch polls base's search API until a hit titled want appears.
func waitSearch(t *testing.T, base, q, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(base + "/api/v1/search?q=" + url.QueryEscape(q))
		if err == nil {
			var body struct{ Items []struct{ Title string } }
			json.NewDecoder(res.Body).Decode(&body)
			res.Body.Close()
			for _, it := range body.Items {
				if it.Title == want {
					return
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never found %q for %q", base, want, q)
}

// httpSession is a logged-in staff browser without cookies jar rules: the
// __Host- cookie is Secure, which Go's jar does not send over http.
type httpSession struct {
	cookie, csrf string
	client       *http.Client
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func loginHTTP(t *testing.T, base, user, password string) *httpSession {
	t.Helper()
	s := &httpSession{client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	res := s.postForm(t, base+"/quan-tri/dang-nhap", url.Values{"username": {user}, "password": {password}})
	for _, c := range res.Cookies() {
		if c.Name == "__Host-cong_sid" {
			s.cookie = c.Value
		}
	}
	if res.StatusCode != http.StatusSeeOther || s.cookie == "" {
		t.Fatalf("login %s: %d", user, res.StatusCode)
	}
	return s
}

func (s *httpSession) get(t *testing.T, u string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Cookie", "__Host-cong_sid="+s.cookie)
	res, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if m := csrfRE.FindSubmatch(b); m != nil {
		s.csrf = string(m[1])
	}
	return string(b)
}

func (s *httpSession) postForm(t *testing.T, u string, form url.Values) *http.Response {
	t.Helper()
	if s.csrf != "" {
		form.Set("csrf", s.csrf)
	}
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if s.cookie != "" {
		req.Header.Set("Cookie", "__Host-cong_sid="+s.cookie)
	}
	res, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

var optionRE = regexp.MustCompile(`<option value="(\d+)"[^>]*>([^<]*)</option>`)

// unitID reads the id of the unit with code from the create form's parent
// choices (their labels carry the code), loading the CSRF token on the way.
func unitID(t *testing.T, s *httpSession, base, code string) string {
	t.Helper()
	page := s.get(t, base+"/quan-tri/don-vi/moi")
	for _, m := range optionRE.FindAllStringSubmatch(page, -1) {
		if strings.Contains(m[2], "("+code+")") || strings.Contains(m[2], "Thành phố Hà Nội") && code == "01" {
			return m[1]
		}
	}
	t.Fatalf("no parent option for %s on the create form", code)
	return ""
}
