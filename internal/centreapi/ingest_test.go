package centreapi_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

func TestIngestCreatesADossierAndItsHistory(t *testing.T) {
	f := newFixture(t)
	res := f.ingest(f.ca,
		upsert("e1", "HS-1", vn(4, 29, 10, 0)),
		status("e2", "HS-1", "DXL", vn(5, 2, 8, 0)),
	)
	if got := outcomes(res); !slices.Equal(got, []string{"ok", "ok"}) || res.OK != 2 {
		t.Fatalf("outcomes %v", got)
	}
	d := f.dossier("HS-1")
	if d.Status != dossier.InProcessing || d.CentreUnitID != f.a.ID || d.ProcedureName != "Đăng ký kết hôn" {
		t.Errorf("dossier %+v", d)
	}
	// 3 working days from Tue 29/4 over the 30/4–1/5 holidays: Tue 6/5 17:00.
	if !d.AppointmentAt.Equal(vn(5, 6, 17, 0)) || d.AppointmentBasis != dossier.Computed {
		t.Errorf("appointment %v %s", d.AppointmentAt, d.AppointmentBasis)
	}
	if len(d.History) != 2 || d.History[0].Status != dossier.Received || d.History[0].CentreStatus != "TN" ||
		d.History[0].CentreStatusText != "Tiếp nhận" || d.History[1].EventID != "e2" {
		t.Errorf("history %+v", d.History)
	}
	if !slices.Equal(d.HandlingUnitIDs, []int64{f.dept.ID}) {
		t.Errorf("handling units %v", d.HandlingUnitIDs)
	}
	if strings.Contains(d.ContactSealed, "0912") || strings.Contains(d.ContactSealed, "an@") || d.ContactSealed == "" {
		t.Errorf("contact stored in clear: %q", d.ContactSealed)
	}
	if c, err := f.svc.OpenContact(d); err != nil || c.Phone != "0912345678" || c.Email != "an@example.vn" {
		t.Errorf("open contact: %+v %v", c, err)
	}
	if d.LookupHash != dossier.LookupHash(f.keys, "HS-1", "5678") {
		t.Error("the lookup hash is not that of the phone's last four digits")
	}
}

func TestResendingChangesNothing(t *testing.T) {
	f := newFixture(t)
	batch := []centreapi.Item{upsert("e1", "HS-1", vn(4, 29, 10, 0)), status("e2", "HS-1", "DXL", vn(5, 2, 8, 0))}
	f.ingest(f.ca, batch...)
	// The same items, with times written in another zone: still the same.
	again := slices.Clone(batch)
	again[1].At = vn(5, 2, 8, 0).UTC().Format(time.RFC3339)
	res := f.ingest(f.ca, append(again, status("e2", "HS-1", "DXL", vn(5, 2, 8, 0)))...)
	if got := outcomes(res); !slices.Equal(got, []string{"duplicate", "duplicate", "duplicate"}) || res.Items[1].ReceiptCode != "HS-1" {
		t.Fatalf("outcomes %v", got)
	}
	if n := f.count("SELECT COUNT(*) FROM dossier_events"); n != 2 {
		t.Errorf("%d events after a re-send", n)
	}
	// The same event id with other content is refused, not applied.
	res = f.ingest(f.ca, status("e2", "HS-1", "CKQ", vn(5, 3, 8, 0)))
	if got := outcomes(res); got[0] != "error:event_id_reused" {
		t.Errorf("reused id: %v", got)
	}
	// The same event id within one batch: the second is a duplicate.
	res = f.ingest(f.ca, status("e3", "HS-1", "CKQ", vn(5, 5, 8, 0)), status("e3", "HS-1", "CKQ", vn(5, 5, 8, 0)))
	if got := outcomes(res); !slices.Equal(got, []string{"ok", "duplicate"}) {
		t.Errorf("in-batch duplicate: %v", got)
	}
}

func TestOutOfOrderEventsArePlacedByTime(t *testing.T) {
	f := newFixture(t)
	f.ingest(f.ca, upsert("e1", "HS-1", vn(4, 29, 10, 0)))
	f.ingest(f.ca, status("e4", "HS-1", "DTKQ", vn(5, 8, 9, 0)))
	f.ingest(f.ca, status("e3", "HS-1", "CKQ", vn(5, 7, 10, 0)), status("e2", "HS-1", "DXL", vn(5, 2, 8, 0)))
	d := f.dossier("HS-1")
	var got []dossier.Status
	for _, e := range d.History {
		got = append(got, e.Status)
	}
	want := []dossier.Status{dossier.Received, dossier.InProcessing, dossier.ResultReady, dossier.Returned}
	if !slices.Equal(got, want) || d.Status != dossier.Returned {
		t.Errorf("history %v status %s", got, d.Status)
	}
	if !d.FinishedAt.Equal(vn(5, 7, 10, 0)) || !d.ReturnedAt.Equal(vn(5, 8, 9, 0)) {
		t.Errorf("finished %v returned %v", d.FinishedAt, d.ReturnedAt)
	}
}

func TestOneBadItemNeverRejectsTheBatch(t *testing.T) {
	f := newFixture(t)
	bad := upsert("e9", "HS-9", vn(4, 29, 10, 0))
	bad.ReceivedAt = "29/04/2025"
	noAppointment := upsert("e10", "HS-10", vn(4, 29, 10, 0))
	noAppointment.ProcedureCode = "9.999999"
	res := f.ingest(f.ca,
		upsert("e1", "HS-1", vn(4, 29, 10, 0)),
		status("e2", "HS-1", "XYZ", vn(5, 2, 8, 0)),
		bad,
		status("e3", "HS-404", "DXL", vn(5, 2, 8, 0)),
		status("e4", "HS-1", "DTKQ", vn(4, 28, 9, 0)), // returned before its receipt
		centreapi.Item{Type: centreapi.StatusItem, EventID: "e5", ReceiptCode: "HS-1", Status: "DXL", At: vn(5, 2, 9, 0).Format(time.RFC3339), Unit: "no-such-unit"},
		centreapi.Item{Type: "note", EventID: "e6"},
		noAppointment,
		centreapi.Item{Type: centreapi.StatusItem, EventID: "e7", Malformed: `field "at" must be string`},
		status("e8", "HS-1", "DXL", vn(5, 2, 10, 0)),
	)
	want := []string{"ok", "error:unmapped_status", "error:invalid", "error:unknown_dossier", "error:invalid_transition",
		"error:unknown_unit", "error:invalid", "error:appointment_required", "error:invalid", "ok"}
	if got := outcomes(res); !slices.Equal(got, want) {
		t.Fatalf("outcomes\n got %v\nwant %v", got, want)
	}
	if res.OK != 2 || res.Errors != 8 {
		t.Errorf("counts %+v", res)
	}
	if fields := errs.FieldsOf(res.Items[2].Err); fields["received_at"] == "" {
		t.Errorf("bad time not named: %v", res.Items[2].Err)
	}
	if key, args := errs.KeyOf(res.Items[1].Err); key != "centre.item_unmapped_status" || args[0] != "XYZ" {
		t.Errorf("unmapped: %s %v", key, args)
	}
	if d := f.dossier("HS-1"); d.Status != dossier.InProcessing || len(d.History) != 2 {
		t.Errorf("the good items were not committed: %s, %d events", d.Status, len(d.History))
	}
	// Mapping the code later makes a re-send of the refused item work.
	if err := f.svc.SetStatusMapping(f.admin, "hcc-a", "XYZ", dossier.InProcessing); err != nil {
		t.Fatal(err)
	}
	if got := outcomes(f.ingest(f.ca, status("e2", "HS-1", "XYZ", vn(5, 2, 8, 0)))); got[0] != "ok" {
		t.Errorf("after mapping: %v", got)
	}
}

func TestACentreWritesOnlyItsOwnDossiers(t *testing.T) {
	f := newFixture(t)
	f.ingest(f.ca, upsert("e1", "HS-1", vn(4, 29, 10, 0)))
	if err := f.svc.SetStatusMapping(f.admin, "hcc-b", "DXL", dossier.InProcessing); err != nil {
		t.Fatal(err)
	}
	other := upsert("b1", "HS-1", vn(4, 29, 10, 0))
	other.Status = ""
	res := f.ingest(f.cb, other, status("b2", "HS-1", "DXL", vn(5, 2, 8, 0)))
	if got := outcomes(res); !slices.Equal(got, []string{"error:forbidden", "error:forbidden"}) {
		t.Errorf("outcomes %v", got)
	}
	if d := f.dossier("HS-1"); d.Status != dossier.Received || len(d.History) != 1 {
		t.Errorf("another centre changed the dossier: %s", d.Status)
	}
	// Event ids are per centre: centre B may use "e1" for its own dossier.
	mine := upsert("e1", "HS-B1", vn(4, 29, 10, 0))
	mine.Status = ""
	if got := outcomes(f.ingest(f.cb, mine)); got[0] != "ok" {
		t.Errorf("own dossier: %v", got)
	}
}

func TestReceiptCodesIssuedByThePortal(t *testing.T) {
	f := newFixture(t)
	res := f.ingest(f.ca, upsert("e1", "", vn(2, 10, 9, 0)), upsert("e2", "", vn(2, 10, 16, 0)), upsert("e3", "", vn(2, 11, 9, 0)))
	codes := []string{res.Items[0].ReceiptCode, res.Items[1].ReceiptCode, res.Items[2].ReceiptCode}
	want := []string{"000.00.00.H26-250210-0001", "000.00.00.H26-250210-0002", "000.00.00.H26-250211-0001"}
	if !slices.Equal(codes, want) {
		t.Errorf("codes %v, want %v", codes, want)
	}
	res = f.ingest(f.ca, upsert("e1", "", vn(2, 10, 9, 0)))
	if res.Items[0].Outcome != centreapi.Duplicate || res.Items[0].ReceiptCode != want[0] {
		t.Errorf("re-send: %+v", res.Items[0])
	}
}

func TestApologySlipRecorded(t *testing.T) {
	f := newFixture(t)
	given := upsert("e1", "HS-1", vn(4, 29, 10, 0))
	given.AppointmentAt = vn(5, 6, 17, 0).Format(time.RFC3339)
	f.ingest(f.ca, given)
	moved := status("e2", "HS-1", "DXL", vn(5, 8, 9, 0))
	moved.AppointmentAt, moved.PublicNote = vn(5, 12, 17, 0).Format(time.RFC3339), "Chờ ý kiến Sở Xây dựng"
	f.ingest(f.ca, moved)
	d := f.dossier("HS-1")
	slips, err := f.db.FindApologySlips(context.Background(), dossier.SlipFilter{DossierID: &d.ID, Unsent: true})
	if err != nil || len(slips) != 1 {
		t.Fatalf("slips %v %v", slips, err)
	}
	s := slips[0]
	if !s.OldAppointment.Equal(vn(5, 6, 17, 0)) || !s.NewAppointment.Equal(vn(5, 12, 17, 0)) || s.Reason != "Chờ ý kiến Sở Xây dựng" || s.ReceiptCode != "HS-1" {
		t.Errorf("slip %+v", s)
	}
	if !d.AppointmentAt.Equal(vn(5, 12, 17, 0)) || d.AppointmentBasis != dossier.Given {
		t.Errorf("appointment %v %s", d.AppointmentAt, d.AppointmentBasis)
	}
}

func TestSupplementPauseStored(t *testing.T) {
	f := newFixture(t)
	f.ingest(f.ca, upsert("e1", "HS-1", vn(4, 29, 10, 0)),
		status("e2", "HS-1", "BS", vn(5, 2, 9, 0)), status("e3", "HS-1", "DXL", vn(5, 6, 9, 0)))
	// A pause of 16 working hours moves 6/5 17:00 to 8/5 17:00.
	if d := f.dossier("HS-1"); !d.AppointmentAt.Equal(vn(5, 8, 17, 0)) {
		t.Errorf("appointment %v", d.AppointmentAt.In(vn(1, 1, 0, 0).Location()))
	}
}

func TestBatchLimits(t *testing.T) {
	f := newFixture(t)
	for _, n := range []int{0, centreapi.MaxBatch + 1} {
		items := make([]centreapi.Item, n)
		if _, err := f.svc.Ingest(context.Background(), f.ca, items); !errs.Is(err, errs.Invalid) {
			t.Errorf("%d items: %v", n, err)
		}
	}
}

func TestConcurrentBatchesOfOneCentre(t *testing.T) {
	f := newFixture(t)
	var items []centreapi.Item
	for i := range 200 {
		items = append(items, upsert("e"+itoa(i), "HS-"+itoa(i), vn(4, 29, 10, 0)))
	}
	var wg sync.WaitGroup
	results := make([]*centreapi.Result, 4)
	errors := make([]error, 4)
	for w := range 4 {
		wg.Go(func() { results[w], errors[w] = f.svc.Ingest(context.Background(), f.ca, items) })
	}
	wg.Wait()
	ok := 0
	for w := range 4 {
		if errors[w] != nil {
			t.Fatalf("worker %d: %v", w, errors[w])
		}
		ok += results[w].OK
	}
	if ok != 200 || f.count("SELECT COUNT(*) FROM dossiers") != 200 || f.count("SELECT COUNT(*) FROM dossier_events") != 200 {
		t.Errorf("%d ok in all, %d dossiers", ok, f.count("SELECT COUNT(*) FROM dossiers"))
	}
}
