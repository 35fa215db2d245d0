package main

import (
	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/gen"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/workcal"
)

// dossierGenStores wires the dossier generator: the database, the
// working-day calendar, the portal's keys (the lookup hashes must match
// the server's) and the receipt code format.
func dossierGenStores(cfg config.Config, db *sqlstore.DB) (gen.DossierStores, error) {
	format, err := receiptFormat(cfg)
	if err != nil {
		return gen.DossierStores{}, err
	}
	cal, err := workcal.NewService(db, calendar.Options{})
	if err != nil {
		return gen.DossierStores{}, err
	}
	keys, err := portalKeyring(cfg)
	if err != nil {
		return gen.DossierStores{}, err
	}
	return gen.DossierStores{Store: db, Calendars: cal, Keys: keys, Format: format}, nil
}
