package centreapi_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/errs"
)

const path = "/api/v1/centre/events"

// signed returns a request signed with cred at t.
func signed(cred centreapi.Credentials, t time.Time, body string) centreapi.SignedRequest {
	return centreapi.SignedRequest{Method: "POST", RequestURI: path, Body: []byte(body),
		Authorization: centreapi.Authorization(cred, "POST", path, t, []byte(body))}
}

func (f *fixture) auth(r centreapi.SignedRequest) (*centreapi.Client, error) {
	return f.svc.Authenticate(context.Background(), r)
}

func wantAuthErr(t *testing.T, name string, err error, key string) {
	t.Helper()
	if k, _ := errs.KeyOf(err); !errs.Is(err, errs.Unauthorized) || k != key {
		t.Errorf("%s: %v, want Unauthorized %s", name, err, key)
	}
}

func TestAuthenticate(t *testing.T) {
	f := newFixture(t)
	body := `{"items":[]}`
	c, err := f.auth(signed(f.credA, f.clock, body))
	if err != nil || c.UnitID != f.a.ID || c.SecretSealed != "" {
		t.Fatalf("valid request: %+v %v", c, err)
	}
	r := signed(f.credA, f.clock, body)
	_, err = f.auth(r)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.auth(r)
	wantAuthErr(t, "replay", err, "centre.auth_replay")

	tampered := signed(f.credA, f.clock, body)
	tampered.Body = []byte(`{"items":[{}]}`)
	_, err = f.auth(tampered)
	wantAuthErr(t, "tampered body", err, "centre.auth_failed")

	otherPath := signed(f.credA, f.clock, body)
	otherPath.RequestURI = path + "?x=1"
	_, err = f.auth(otherPath)
	wantAuthErr(t, "other path", err, "centre.auth_failed")

	wrong := f.credA
	wrong.Secret = f.credB.Secret
	_, err = f.auth(signed(wrong, f.clock, body))
	wantAuthErr(t, "wrong secret", err, "centre.auth_failed")

	unknown := centreapi.Credentials{KeyID: "ck_aaaaaaaaaaaaaaaaaaaa", Secret: "x"}
	_, err = f.auth(signed(unknown, f.clock, body))
	wantAuthErr(t, "unknown key", err, "centre.auth_failed")

	for _, skew := range []time.Duration{-6 * time.Minute, 6 * time.Minute} {
		_, err = f.auth(signed(f.credA, f.clock.Add(skew), body))
		wantAuthErr(t, fmt.Sprint("skew ", skew), err, "centre.auth_clock_skew")
	}
	if _, err = f.auth(signed(f.credA, f.clock.Add(-4*time.Minute), body)); err != nil {
		t.Errorf("4 minutes of skew refused: %v", err)
	}
	for name, h := range map[string]string{
		"missing":      "",
		"other scheme": "Bearer x",
		"no signature": centreapi.Scheme + " KeyId=" + f.credA.KeyID + ", Timestamp=1, Nonce=abcdefghijklmnopqr",
		"bad nonce":    centreapi.Scheme + " KeyId=" + f.credA.KeyID + ", Timestamp=1, Nonce=x, Signature=" + strings.Repeat("a", 64),
		"repeated":     centreapi.Scheme + " KeyId=a, KeyId=b, Nonce=abcdefghijklmnopqr, Signature=" + strings.Repeat("a", 64),
	} {
		_, err := f.auth(centreapi.SignedRequest{Method: "POST", RequestURI: path, Authorization: h})
		if !errs.Is(err, errs.Unauthorized) {
			t.Errorf("%s header: %v", name, err)
		}
	}
	// Failures of a known key count against its connectivity.
	if n := f.count("SELECT failed_requests FROM centre_traffic WHERE unit_id = ?", f.a.ID); n < 5 {
		t.Errorf("%d failures recorded", n)
	}
}

func TestRotateAndDisable(t *testing.T) {
	f := newFixture(t)
	body := "{}"
	fresh, err := f.svc.RotateClient(f.admin, f.credA.KeyID, false)
	if err != nil || fresh.KeyID != f.credA.KeyID || fresh.Secret == f.credA.Secret {
		t.Fatalf("rotate: %+v %v", fresh, err)
	}
	for name, cred := range map[string]centreapi.Credentials{"new secret": fresh, "old secret in grace": f.credA} {
		if _, err := f.auth(signed(cred, f.clock, body)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	f.clock = f.clock.Add(centreapi.DefaultRotationGrace + time.Minute)
	_, err = f.auth(signed(f.credA, f.clock, body))
	wantAuthErr(t, "old secret after grace", err, "centre.auth_failed")

	now, err := f.svc.RotateClient(f.admin, f.credA.KeyID, true)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.auth(signed(fresh, f.clock, body))
	wantAuthErr(t, "old secret after immediate rotation", err, "centre.auth_failed")
	if _, err := f.auth(signed(now, f.clock, body)); err != nil {
		t.Errorf("newest secret: %v", err)
	}
	if err := f.svc.DisableClient(f.admin, f.credA.KeyID); err != nil {
		t.Fatal(err)
	}
	_, err = f.auth(signed(now, f.clock, body))
	wantAuthErr(t, "disabled", err, "centre.auth_failed")
	if _, err := f.svc.RotateClient(f.admin, f.credA.KeyID, true); !errs.Is(err, errs.Invalid) {
		t.Errorf("rotating a disabled client: %v", err)
	}
	if _, err := f.svc.RotateClient(f.admin, "ck_nosuchkeynosuchkeyno", true); !errs.Is(err, errs.NotFound) {
		t.Errorf("rotating an unknown client: %v", err)
	}
}

func TestClientManagementIsForAdministrators(t *testing.T) {
	f := newFixture(t)
	operator := access.WithActor(context.Background(), &access.Actor{UserID: 5, Name: "op",
		Grants: []access.Grant{{Role: access.CentreOperator, UnitID: f.a.ID}}})
	anon := context.Background()
	for name, ctx := range map[string]context.Context{"operator": operator, "anonymous": anon} {
		want := errs.Forbidden
		if ctx == anon {
			want = errs.Unauthorized
		}
		if _, _, err := f.svc.CreateClient(ctx, "hcc-a", "x"); !errs.Is(err, want) {
			t.Errorf("%s create: %v", name, err)
		}
		if _, err := f.svc.FindClients(ctx, 0); !errs.Is(err, want) {
			t.Errorf("%s list: %v", name, err)
		}
		if _, err := f.svc.RotateClient(ctx, f.credA.KeyID, true); !errs.Is(err, want) {
			t.Errorf("%s rotate: %v", name, err)
		}
		if err := f.svc.DisableClient(ctx, f.credA.KeyID); !errs.Is(err, want) {
			t.Errorf("%s disable: %v", name, err)
		}
		if err := f.svc.SetStatusMapping(ctx, "hcc-a", "X", "received"); !errs.Is(err, want) {
			t.Errorf("%s map: %v", name, err)
		}
	}
	for name, code := range map[string]string{"unknown unit": "nope", "not a centre": "so-tu-phap"} {
		if _, _, err := f.svc.CreateClient(f.admin, code, ""); !errs.Is(err, errs.Invalid) || errs.FieldsOf(err)["unit"] == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
	list, err := f.svc.FindClients(f.admin, f.a.ID)
	if err != nil || len(list) != 1 || list[0].SecretSealed != "" || list[0].UnitCode != "hcc-a" {
		t.Errorf("list: %+v %v", list, err)
	}
	if n := f.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'centre.%'"); n < 2+len(defaultMapping) {
		t.Errorf("%d audit entries", n)
	}
	if err := f.svc.SetStatusMapping(f.admin, "hcc-a", "bad code with spaces", "received"); !errs.Is(err, errs.Invalid) {
		t.Errorf("bad code: %v", err)
	}
	if err := f.svc.DeleteStatusMapping(f.admin, "hcc-a", "RUT"); err != nil {
		t.Error(err)
	}
	if err := f.svc.DeleteStatusMapping(f.admin, "hcc-a", "RUT"); !errs.Is(err, errs.NotFound) {
		t.Errorf("deleting again: %v", err)
	}
}

func TestConnectivity(t *testing.T) {
	f := newFixture(t)
	f.ingest(f.ca, upsert("e1", "HS-1", vn(4, 29, 10, 0)), status("e2", "HS-1", "NOPE", vn(5, 2, 8, 0)))
	f.svc.RequestFailed(context.Background(), f.ca)
	c, err := f.svc.Connectivity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Connected != 1 || c.Total != 2 || len(c.Centres) != 2 {
		t.Fatalf("connected %d of %d", c.Connected, c.Total)
	}
	var a centreapi.CentreConnectivity
	for _, x := range c.Centres {
		if x.UnitID == f.a.ID {
			a = x
		}
	}
	// One item ok, one item error, one failed request: 2 errors in 3 attempts.
	if !a.Connected || a.Clients != 1 || len(a.Days) != centreapi.TrafficDays || a.Days[len(a.Days)-1].Items != 1 ||
		a.ErrorRate < 0.66 || a.ErrorRate > 0.67 || a.EventsPerDay != 1.0/7 {
		t.Errorf("centre A: %+v", a)
	}
	f.clock = f.clock.Add(centreapi.ConnectedWithin + time.Minute)
	if c, _ := f.svc.Connectivity(context.Background()); c.Connected != 0 {
		t.Errorf("still connected a day later: %d", c.Connected)
	}
}
