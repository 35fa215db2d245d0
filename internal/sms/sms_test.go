package sms_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/sms"
)

const text = "Hồ sơ 123 đã được tiếp nhận & sẽ trả kết quả 10/02"

type captured struct {
	method, query, body, auth, token, ctype string
}

func gateway(t *testing.T, status int, reply string) (*httptest.Server, *captured) {
	t.Helper()
	c := &captured{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		*c = captured{r.Method, r.URL.RawQuery, string(b), r.Header.Get("Authorization"), r.Header.Get("X-Api-Key"), r.Header.Get("Content-Type")}
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	return srv, c
}

func TestGETWithQueryTemplateAndBasicAuth(t *testing.T) {
	srv, c := gateway(t, 200, "OK")
	g, err := sms.New(sms.Options{URL: srv.URL + "/send?to={to}&text={text}", Username: "cong", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SendSMS(context.Background(), "0912345678", text); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", "/?"+c.query, nil)
	if c.method != "GET" || req.URL.Query().Get("to") != "0912345678" || req.URL.Query().Get("text") != text {
		t.Errorf("captured %+v", c)
	}
	if !strings.HasPrefix(c.auth, "Basic ") {
		t.Errorf("auth %q", c.auth)
	}
}

func TestPOSTJSONWithTokenAndASCII(t *testing.T) {
	srv, c := gateway(t, 200, `{"status":"accepted"}`)
	g, err := sms.New(sms.Options{
		URL: srv.URL + "/api/sms", Method: "post", Body: `{"phone":"{to}","message":"{text}"}`, ContentType: "application/json",
		TokenHeader: "X-Api-Key", Token: "k3y", ASCII: true, SuccessMatch: `"accepted"`,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SendSMS(context.Background(), "+84912345678", `Câu "hỏi" đã trả lời`); err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(c.body), &got); err != nil {
		t.Fatalf("body %q: %v", c.body, err)
	}
	if c.method != "POST" || c.token != "k3y" || c.ctype != "application/json" || got["phone"] != "+84912345678" || got["message"] != `Cau "hoi" da tra loi` {
		t.Errorf("captured %+v, body %v", c, got)
	}
}

func TestRepliesAreClassified(t *testing.T) {
	tests := []struct {
		status int
		reply  string
		want   errs.Code
	}{
		{200, "ERROR", errs.Unavailable}, // SuccessMatch missing
		{429, "", errs.Unavailable},
		{503, "", errs.Unavailable},
		{400, "bad number", errs.Invalid},
		{401, "", errs.Invalid},
	}
	for _, tt := range tests {
		srv, _ := gateway(t, tt.status, tt.reply)
		g, _ := sms.New(sms.Options{URL: srv.URL + "?to={to}&text={text}", SuccessMatch: "OK"})
		err := g.SendSMS(context.Background(), "0912345678", "x")
		if errs.CodeOf(err) != tt.want {
			t.Errorf("%d %q: got %v, want %s", tt.status, tt.reply, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "0912345678") {
			t.Errorf("error text holds the number: %v", err)
		}
	}
}

func TestNetworkErrorHidesURL(t *testing.T) {
	srv, _ := gateway(t, 200, "")
	srv.Close()
	g, _ := sms.New(sms.Options{URL: srv.URL + "?to={to}&key=secret"})
	err := g.SendSMS(context.Background(), "0912345678", "x")
	if !errs.Is(err, errs.Unavailable) || strings.Contains(err.Error(), "0912345678") || strings.Contains(err.Error(), "secret") {
		t.Fatalf("got %v", err)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	for _, o := range []sms.Options{{URL: "ftp://x/{to}"}, {URL: "https://x", Method: "PUT"}, {URL: ""}} {
		if _, err := sms.New(o); !errs.Is(err, errs.Invalid) {
			t.Errorf("New(%+v): %v", o, err)
		}
	}
}

func TestASCII(t *testing.T) {
	if got := sms.ASCII("Đơn vị Hoàn Kiếm, Quận Đống Đa"); got != "Don vi Hoan Kiem, Quan Dong Da" {
		t.Errorf("got %q", got)
	}
}
