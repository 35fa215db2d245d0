package web_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/cong-vn/cong/internal/audit"
)

// Logging out through the staff area writes "auth.logout" by the staff
// member, with the client's address; logging in again on a browser that
// still holds a session ends that one with detail "replaced".
func TestAdminLogoutIsAudited(t *testing.T) {
	f := newStaffFixture(t)
	logouts := func() []*audit.Entry {
		t.Helper()
		prefix := "auth.logout"
		list, _, err := f.db.FindAudit(context.Background(), audit.Filter{Action: &prefix})
		if err != nil {
			t.Fatal(err)
		}
		return list
	}

	s := f.session(t, "editor")
	if res := s.post(t, "/quan-tri/dang-xuat", nil); res.status != 303 {
		t.Fatalf("logout: %d", res.status)
	}
	list := logouts()
	if len(list) != 1 || list[0].ActorName != "editor" || list[0].IP == "" || list[0].Outcome != "ok" || list[0].Detail != "" {
		t.Fatalf("after logout: entries %+v, want one by editor with an address", list)
	}

	s = f.session(t, "editor")
	res := f.do(t, "POST", "/quan-tri/dang-nhap", s.cookie, url.Values{"username": {"editor"}, "password": {staffPassword}}, nil)
	if res.status != 303 || res.cookie == "" || res.cookie == s.cookie {
		t.Fatalf("second login: %d, cookie changed %v", res.status, res.cookie != s.cookie)
	}
	if list = logouts(); len(list) != 2 || list[0].Detail != "replaced" || list[0].ActorName != "editor" {
		t.Fatalf("after a second login: entries %+v, want the newest replaced by editor", list)
	}
}
