package httpx

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/errs"
)

func TestDecodeJSON(t *testing.T) {
	type payload struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	}
	tests := []struct {
		body   string
		status int
		where  string // a substring of the message
	}{
		{`{"name":"a","count":1}`, 0, ""},
		{`{"name":"a",`, 400, "unexpected end"},
		{`{"name":"a" "count":1}`, 400, "byte 13"},
		{`{"name":1}`, 400, `field "name"`},
		{`{"nmae":"a"}`, 400, "unknown field"},
		{`{"name":"a"} {}`, 400, "trailing data"},
		{``, 400, "empty body"},
		{`{"name":"` + strings.Repeat("x", 2000) + `"}`, 413, ""},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/api/v1/x", strings.NewReader(tt.body))
		var p payload
		err := DecodeJSON(httptest.NewRecorder(), r, &p, 1024)
		if tt.status == 0 {
			if err != nil {
				t.Errorf("%q: %v", tt.body, err)
			}
			continue
		}
		if got := Status(err); got != tt.status {
			t.Errorf("%q: status %d, want %d (%v)", tt.body, got, tt.status, err)
		}
		_, args := errs.KeyOf(err)
		if tt.where != "" && (len(args) == 0 || !strings.Contains(args[0].(string), tt.where)) {
			t.Errorf("%q: message args %v lack %q", tt.body, args, tt.where)
		}
	}
}

func TestStatusOfUnknownErrorIs500(t *testing.T) {
	if Status(http.ErrAbortHandler) != 500 {
		t.Fatal("an unknown error is not a 500")
	}
}
