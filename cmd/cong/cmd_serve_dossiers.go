package main

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/workcal"
)

// dossierServices are the citizens' side of dossiers, and the centre API
// built on a store that keeps them informed.
type dossierServices struct {
	Centre *centreapi.Service
	Lookup *dossier.LookupService
	Stats  *dossier.StatsService
	// Staff is the staff's view of dossiers (overdue lists, dossier
	// pages, apology slips).
	Staff *dossier.Service
}

// newDossierServices wires the centre integration on a store whose every
// ingest transaction also updates the statistics and queues the
// subscribers' status messages and the applicants' apology slips
// (dossier.ChangeHook), the lookup (whose subscriptions need send for
// their confirmation) and the statistics. send may be nil (no
// notifications, no subscriptions). An invalid CONG_RECEIPT_FORMAT fails
// here, at start.
func newDossierServices(cfg config.Config, db *sqlstore.DB, cal *workcal.Service, procs dossier.ProcedureLookup,
	units *unit.Service, send *notify.Service, log *slog.Logger) (*dossierServices, error) {
	format, err := receiptFormat(cfg)
	if err != nil {
		return nil, err
	}
	keys, err := portalKeyring(cfg)
	if err != nil {
		return nil, err
	}
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	hooks := dossier.ChangeHooks{dossier.NewStatsKeeper(db, cal)}
	deps := dossier.LookupDeps{Store: db, Rates: db, Keys: keys, Calendars: cal, Units: units, BaseURL: cfg.BaseURL,
		Config: dossier.LookupConfig{SMS: cfg.SMSURL != ""}}
	if send != nil {
		hooks = append(hooks, dossier.NewStatusNotifier(db, keys, send, cat, cfg.BaseURL, log),
			dossier.NewSlipNotifier(db, keys, send, units, cfg.BaseURL, log))
		deps.Send = send
	}
	centre, err := centreapi.NewService(centreapi.Deps{Store: db.CentreStore(hooks), Units: unit.NewService(db),
		Calendars: cal, Keys: keys, Procedures: procs, Config: centreapi.Config{ReceiptFormat: format.String()}})
	if err != nil {
		return nil, err
	}
	lookup, err := dossier.NewLookupService(deps)
	if err != nil {
		return nil, err
	}
	stats := dossier.NewStatsService(db, units, cal)
	// Public figures may lag by half a minute; a burst of visitors or an
	// ingest that commits every second then costs one computation per
	// filter and half minute instead of one per request.
	stats.CacheTTL = 30 * time.Second
	return &dossierServices{Centre: centre, Lookup: lookup, Stats: stats, Staff: dossier.NewService(db, cal)}, nil
}

// receiptFormat compiles CONG_RECEIPT_FORMAT, or returns an error naming
// the variable and the problem ("unknown placeholder {x}").
func receiptFormat(cfg config.Config) (*dossier.ReceiptFormatter, error) {
	pattern := cfg.ReceiptFormat
	if pattern == "" {
		pattern = dossier.DefaultReceiptFormat
	}
	f, err := dossier.ParseReceiptFormat(pattern)
	if err != nil {
		problem := err.Error()
		if _, args := errs.KeyOf(err); len(args) == 1 {
			problem = fmt.Sprint(args[0])
		}
		return nil, fmt.Errorf("CONG_RECEIPT_FORMAT %q: %s", pattern, problem)
	}
	return f, nil
}
