package main

import (
	"log/slog"
	"time"

	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/dossier"
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
}

// newDossierServices wires the centre integration on a store whose every
// ingest transaction also updates the statistics and queues the
// subscribers' messages (dossier.ChangeHook), the lookup and the
// statistics. send may be nil (no notifications).
func newDossierServices(cfg config.Config, db *sqlstore.DB, cal *workcal.Service, procs dossier.ProcedureLookup,
	units *unit.Service, send *notify.Service, log *slog.Logger) (*dossierServices, error) {
	keys, err := portalKeyring(cfg)
	if err != nil {
		return nil, err
	}
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	hooks := dossier.ChangeHooks{dossier.NewStatsKeeper(db, cal)}
	if send != nil {
		hooks = append(hooks, dossier.NewStatusNotifier(db, keys, send, cat, cfg.BaseURL, log))
	}
	centre, err := centreapi.NewService(centreapi.Deps{Store: db.CentreStore(hooks), Units: unit.NewService(db),
		Calendars: cal, Keys: keys, Procedures: procs})
	if err != nil {
		return nil, err
	}
	lookup, err := dossier.NewLookupService(dossier.LookupDeps{Store: db, Rates: db, Keys: keys, Calendars: cal, Units: units,
		Config: dossier.LookupConfig{SMS: cfg.SMSURL != ""}})
	if err != nil {
		return nil, err
	}
	stats := dossier.NewStatsService(db, units, cal)
	// Public figures may lag by half a minute; a burst of visitors or an
	// ingest that commits every second then costs one computation per
	// filter and half minute instead of one per request.
	stats.CacheTTL = 30 * time.Second
	return &dossierServices{Centre: centre, Lookup: lookup, Stats: stats}, nil
}
