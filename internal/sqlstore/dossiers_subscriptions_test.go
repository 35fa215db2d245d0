package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/storetest"
)

// TestDoubleOptInSubscriptions checks the pending subscriptions: a
// request for a pending address replaces it, expired ones do not count
// towards the maximum, the callback's error rolls the request back, and
// only confirmed ones are found for the status messages.
func TestDoubleOptInSubscriptions(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	_, _, _, centre := tree(t, db)
	d := saveDossier(t, db, centre, "HS-9", vnAt(5, 5, 10), nil, dossier.InProcessing)
	now := time.Now().UTC().Truncate(time.Second)
	request := func(hash, secret string, expires time.Time, then func(job.Tx) error) (*dossier.Subscription, error) {
		s := &dossier.Subscription{DossierID: d.ID, Channel: dossier.ByEmail, AddressSealed: "v1:x", AddressHash: hash,
			AddressMasked: "a***", Lang: "vi", Created: now, ConfirmHash: secret, ConfirmExpires: expires}
		if then == nil {
			then = func(tx job.Tx) error {
				if tx == nil {
					return errors.New("no transaction")
				}
				return nil
			}
		}
		return s, db.RequestSubscription(ctx, s, 2, then)
	}
	a, err := request("h1", "s1", now.Add(time.Hour), nil)
	if err != nil || a.ID == 0 {
		t.Fatalf("request: %v", err)
	}
	again, err := request("h1", "s2", now.Add(2*time.Hour), nil)
	if err != nil || again.ID != a.ID {
		t.Fatalf("request again: %d %v", again.ID, err)
	}
	got, err := db.FindSubscription(ctx, a.ID)
	if err != nil || got.ConfirmHash != "s2" || !got.ConfirmExpires.Equal(now.Add(2*time.Hour)) || got.Confirmed() {
		t.Fatalf("replaced subscription %+v %v", got, err)
	}
	// An expired pending subscription does not count: h2 (expired) and h3
	// fit under a maximum of 2 with h1.
	if _, err := request("h2", "s", now.Add(-time.Minute), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := request("h3", "s", now.Add(time.Hour), nil); err != nil {
		t.Fatalf("an expired one counted: %v", err)
	}
	if _, err := request("h4", "s", now.Add(time.Hour), nil); !errs.Is(err, errs.Invalid) {
		t.Errorf("over the maximum: %v", err)
	}
	// The callback's error rolls the request back.
	if _, err := request("h1", "s9", now.Add(time.Hour), func(job.Tx) error { return errs.E("test", errs.Unavailable) }); !errs.Is(err, errs.Unavailable) {
		t.Errorf("callback error: %v", err)
	}
	if s, _ := db.FindDossierSubscriptions(ctx, d.ID); len(s) != 3 || s[0].ConfirmHash != "s2" {
		t.Errorf("after a rolled back request: %+v", s)
	}
	if list, err := db.FindConfirmedSubscriptions(ctx, nil, []int64{d.ID}); err != nil || len(list) != 0 {
		t.Errorf("confirmed before confirming: %+v %v", list, err)
	}
	if err := db.ConfirmSubscription(ctx, a.ID, now); err != nil {
		t.Fatal(err)
	}
	if err := db.ConfirmSubscription(ctx, a.ID, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	list, err := db.FindConfirmedSubscriptions(ctx, nil, []int64{d.ID})
	if err != nil || len(list) != 1 || list[0].ID != a.ID || !list[0].ConfirmedAt.Equal(now) {
		t.Fatalf("confirmed: %+v %v", list, err)
	}
	if _, err := request("h1", "s", now.Add(time.Hour), nil); !errs.Is(err, errs.Conflict) {
		t.Errorf("a confirmed address again: %v", err)
	}
	if err := db.AddConfirmAttempts(ctx, []int64{a.ID, a.ID + 1}); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.FindSubscription(ctx, a.ID); s.ConfirmAttempts != 1 {
		t.Errorf("attempts %d", s.ConfirmAttempts)
	}
	if err := db.DeleteSubscription(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteSubscription(ctx, a.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("deleted twice: %v", err)
	}
	if err := db.ConfirmSubscription(ctx, a.ID, now); !errs.Is(err, errs.NotFound) {
		t.Errorf("confirm a deleted one: %v", err)
	}
	if _, err := db.FindSubscription(ctx, a.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("find a deleted one: %v", err)
	}
}
