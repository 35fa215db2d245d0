package gen

import (
	"context"
	"fmt"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/unit"
)

// DossierStores are what the dossier generator needs: where it writes,
// the published procedures it files dossiers under, the calendar of
// appointments and the portal's keys (lookup hashes).
type DossierStores struct {
	Store interface {
		dossier.Importer
		FindProcedures(ctx context.Context, f procedure.Filter) ([]*procedure.Procedure, int, error)
	}
	Calendars dossier.Calendars
	Keys      *keyring.Keyring
	// Format is the receipt code format (CONG_RECEIPT_FORMAT);
	// dossier.DefaultReceiptFormat when nil.
	Format *dossier.ReceiptFormatter
}

// generateDossiers makes Options.Dossiers dossiers over the year to today
// at the generated centres (every centre among Run.Units), under the
// published procedures (or a built-in list when there are none).
// Dossiers are matched by receipt code, which holds the receipt date, so
// a run interrupted on the same day can be restarted.
func generateDossiers(ctx context.Context, r *Run) (int, error) {
	st := r.Stores.Dossiers
	if r.Opts.Dossiers <= 0 || st.Store == nil {
		return 0, nil
	}
	cal, err := st.Calendars.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	procs, err := genProcedures(ctx, st)
	if err != nil {
		return 0, err
	}
	var sources []*DossierSource
	for _, u := range r.Units {
		if u.Kind == unit.Centre && u.Active {
			sources = append(sources, &DossierSource{CentreID: u.ID, AgencyID: u.AgencyID, UnitCode: u.Code,
				HandlingUnitID: u.ParentID, Procedures: procs, Weight: 1 + int(u.ID%5)})
		}
	}
	if len(sources) == 0 {
		return 0, fmt.Errorf("no one-stop centre among the units: generate more units")
	}
	end := calendar.DateOf(r.now).At(0).UTC()
	created, made := 0, 0
	plan := DossierPlan{N: r.Opts.Dossiers, End: end, Seed: r.Opts.Seed, Via: "gen", Batch: 10000, Format: st.Format,
		Codes: r.Opts.LookupCodes}
	_, err = MakeDossiers(plan, sources, cal, st.Keys, func(items []dossier.Imported, seqs map[string]int64) error {
		n, err := st.Store.ImportDossiers(ctx, items, seqs)
		created += n
		made += len(items)
		fmt.Fprintf(r.Log, "dossiers: %d of %d (%d new)\n", made, r.Opts.Dossiers, created)
		return err
	})
	return created, err
}

// genProcedures returns the published procedures with their in-person
// time limits, or fallbackProcedures when there are none.
func genProcedures(ctx context.Context, st DossierStores) ([]dossier.ProcedureInfo, error) {
	published := procedure.Published
	ps, _, err := st.Store.FindProcedures(ctx, procedure.Filter{Status: &published})
	if err != nil {
		return nil, err
	}
	var out []dossier.ProcedureInfo
	for _, p := range ps {
		out = append(out, ProcedureInfo(p))
	}
	if len(out) == 0 {
		out = fallbackProcedures
	}
	return out, nil
}

// ProcedureInfo returns what a dossier needs of p: its code, name and
// in-person time limit.
func ProcedureInfo(p *procedure.Procedure) dossier.ProcedureInfo {
	tl, _ := p.TimeLimitFor(procedure.InPerson)
	return dossier.ProcedureInfo{Code: p.Code, Name: p.Name, TimeLimit: dossier.TimeLimit{Value: tl.Value, Unit: dossier.TimeUnit(tl.Unit)}}
}

// fallbackProcedures serve a database without procedures: common
// procedures of the one-stop centres with their usual limits.
var fallbackProcedures = []dossier.ProcedureInfo{
	{Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", TimeLimit: dossier.TimeLimit{Value: 1, Unit: dossier.WorkingDays}},
	{Code: "2.000815", Name: "Chứng thực bản sao từ bản chính", TimeLimit: dossier.TimeLimit{Value: 1, Unit: dossier.WorkingDays}},
	{Code: "1.000894", Name: "Thủ tục đăng ký kết hôn", TimeLimit: dossier.TimeLimit{Value: 5, Unit: dossier.WorkingDays}},
	{Code: "1.000656", Name: "Thủ tục đăng ký khai tử", TimeLimit: dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}},
	{Code: "1.001612", Name: "Đăng ký thành lập hộ kinh doanh", TimeLimit: dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}},
	{Code: "1.009994", Name: "Cấp giấy phép xây dựng nhà ở riêng lẻ", TimeLimit: dossier.TimeLimit{Value: 15, Unit: dossier.Days}},
	{Code: "1.004227", Name: "Cấp Phiếu lý lịch tư pháp", TimeLimit: dossier.TimeLimit{Value: 10, Unit: dossier.WorkingDays}},
	{Code: "1.003005", Name: "Xác nhận tình trạng hôn nhân", TimeLimit: dossier.TimeLimit{Value: 3, Unit: dossier.WorkingDays}},
}
