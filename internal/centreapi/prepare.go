package centreapi

import (
	"context"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

// resolver checks items before the ingest transaction and looks up what
// they name — the status mapping, units, procedures — once per batch.
type resolver struct {
	s       *Service
	mapping map[string]dossier.Status
	units   map[string]int64 // code → id; 0 for unknown
	procs   map[procKey]dossier.ProcedureInfo
}

type procKey struct {
	code    string
	channel dossier.Channel
}

// prepare parses every item of a batch of client c. Item problems are
// recorded in each parsed.fail; the error is for lookups that failed
// (the batch then fails as a whole).
func (s *Service) prepare(ctx context.Context, c *Client, items []Item) ([]parsed, error) {
	mapping, err := s.statusMap(ctx, c.UnitID)
	if err != nil {
		return nil, err
	}
	r := &resolver{s: s, mapping: mapping, units: map[string]int64{}, procs: map[procKey]dossier.ProcedureInfo{}}
	out := make([]parsed, len(items))
	for i := range items {
		if out[i], err = r.parse(ctx, &items[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parse checks one item and resolves its references.
func (r *resolver) parse(ctx context.Context, it *Item) (parsed, error) {
	p := parsed{item: it}
	if it.Malformed != "" {
		p.fail = &itemError{code: CodeInvalid, err: errs.E("centreapi.item", errs.Invalid, "centre.item_malformed", errs.MsgArgs{it.Malformed})}
		return p, nil
	}
	if f := checkFields(it, &p); len(f) > 0 {
		p.fail = invalid(f)
		return p, nil
	}
	if it.Status != "" {
		st, ok := r.mapping[it.Status]
		if !ok {
			p.fail = failure(CodeUnmappedStatus, it.Status)
			return p, nil
		}
		p.status = st
	}
	err := r.references(ctx, it, &p)
	if err == nil && p.fail == nil {
		p.hash = hashItem(it, &p)
	}
	return p, err
}

// checkFields checks the item's fields by type and parses its times.
func checkFields(it *Item, p *parsed) errs.FieldErrors {
	var f errs.FieldErrors
	switch it.Type {
	case DossierItem:
		checkDossier(&f, it, p)
	case StatusItem:
		if it.ReceiptCode == "" {
			f.Add("receipt_code", "field.required")
		}
	default:
		f.Add("type", "field.choose")
	}
	checkCommon(&f, it)
	if it.At != "" || it.Type == StatusItem {
		p.at = parseTime(&f, "at", it.At, true)
	}
	p.appointment = parseTime(&f, "appointment_at", it.AppointmentAt, false)
	if it.Type == StatusItem && it.Status == "" && it.AppointmentAt == "" {
		f.Add("status", "centre.status_or_appointment")
	}
	return f
}

// references resolves the unit, handling units and procedure of an item.
func (r *resolver) references(ctx context.Context, it *Item, p *parsed) error {
	var err error
	if it.Unit != "" {
		if p.unitID, err = r.unit(ctx, it.Unit); err != nil || p.unitID == 0 {
			p.fail = failure(CodeUnknownUnit, it.Unit)
			return err
		}
	}
	for _, code := range it.HandlingUnits {
		id, err := r.unit(ctx, code)
		if err != nil || id == 0 {
			p.fail = failure(CodeUnknownUnit, code)
			return err
		}
		p.handling = append(p.handling, id)
	}
	if it.Type == DossierItem {
		p.procedure, err = r.procedure(ctx, it.ProcedureCode, p.channel, it.ProcedureName)
	}
	return err
}

// unit returns the id of the unit with code, 0 when there is none.
func (r *resolver) unit(ctx context.Context, code string) (int64, error) {
	if id, ok := r.units[code]; ok {
		return id, nil
	}
	u, err := r.s.units.FindUnitByCode(ctx, code)
	switch {
	case errs.Is(err, errs.NotFound):
		r.units[code] = 0
		return 0, nil
	case err != nil:
		return 0, err
	}
	r.units[code] = u.ID
	return u.ID, nil
}

// procedure returns the procedure as the portal knows it, or, when the
// portal does not (or has no procedure lookup), the code and the name the
// centre sent, without a time limit.
func (r *resolver) procedure(ctx context.Context, code string, ch dossier.Channel, name string) (dossier.ProcedureInfo, error) {
	k := procKey{code, ch}
	if info, ok := r.procs[k]; ok {
		return withName(info, name), nil
	}
	info := dossier.ProcedureInfo{Code: code}
	if r.s.procs != nil {
		found, err := r.s.procs.LookupProcedure(ctx, code, ch)
		switch {
		case err == nil:
			info = found
			info.Code = code
		case !errs.Is(err, errs.NotFound):
			return info, err
		}
	}
	r.procs[k] = info
	return withName(info, name), nil
}

func withName(info dossier.ProcedureInfo, name string) dossier.ProcedureInfo {
	if info.Name == "" {
		info.Name = name
	}
	return info
}
