package webhook_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/webhook"
)

func TestSignedPostVerifies(t *testing.T) {
	const secret = "s3cret"
	body := []byte(`{"id":1,"event":"dossier.received","data":{"code":"X"}}`)
	var verr error
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		verr = webhook.Verify(secret, r.Header.Get(webhook.TimestampHeader), r.Header.Get(webhook.SignatureHeader), b, time.Now(), 5*time.Minute)
		if r.Header.Get("Content-Type") != "application/json" || string(b) != string(body) {
			w.WriteHeader(400)
		}
	}))
	defer srv.Close()
	if err := webhook.New(0).PostWebhook(context.Background(), srv.URL, secret, body); err != nil {
		t.Fatal(err)
	}
	if verr != nil {
		t.Fatal(verr)
	}
}

func TestVerifyRejects(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	ts := "1700000000"
	sig := webhook.Sign("k", ts, []byte("body"))
	if err := webhook.Verify("k", ts, sig, []byte("body"), now, time.Minute); err != nil {
		t.Fatalf("valid: %v", err)
	}
	for name, err := range map[string]error{
		"other secret": webhook.Verify("x", ts, sig, []byte("body"), now, time.Minute),
		"other body":   webhook.Verify("k", ts, sig, []byte("bodY"), now, time.Minute),
		"old":          webhook.Verify("k", ts, sig, []byte("body"), now.Add(time.Hour), time.Minute),
		"bad ts":       webhook.Verify("k", "x", sig, []byte("body"), now, time.Minute),
	} {
		if err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if len(sig) != len("sha256=")+64 {
		t.Errorf("signature %q", sig)
	}
}

func TestRepliesAreClassified(t *testing.T) {
	for status, want := range map[int]errs.Code{200: "", 204: "", 302: errs.Invalid, 404: errs.Invalid, 408: errs.Unavailable, 429: errs.Unavailable, 500: errs.Unavailable} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if status == 302 {
				w.Header().Set("Location", "/elsewhere")
			}
			w.WriteHeader(status)
		}))
		err := webhook.New(time.Second).PostWebhook(context.Background(), srv.URL, "k", []byte("{}"))
		if errs.CodeOf(err) != want {
			t.Errorf("%d: got %v, want %q", status, err, want)
		}
		srv.Close()
	}
}
