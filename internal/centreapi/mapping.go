package centreapi

import (
	"context"
	"regexp"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

// statusCodeRE is what a centre's status code may look like.
var statusCodeRE = regexp.MustCompile(`^[\p{L}\p{N}._:/-]{1,64}$`)

// SetStatusMapping maps the centre's status code to the canonical status,
// replacing any earlier mapping of the code. Items sent before keep the
// status they got. Portal administrators and the centre's unit
// administrators (access.EditUnit) only: Unauthorized or Forbidden
// otherwise. It returns Invalid for an unknown centre, a malformed code or
// an unknown status.
func (s *Service) SetStatusMapping(ctx context.Context, unitCode, code string, status dossier.Status) error {
	const op = "centreapi.SetStatusMapping"
	var f errs.FieldErrors
	if !statusCodeRE.MatchString(code) {
		f.Add("code", "centre.status_code_invalid")
	}
	if !status.Valid() {
		f.Add("status", "field.choose")
	}
	if err := f.Err(op); err != nil {
		return err
	}
	u, err := s.mappingUnit(ctx, unitCode)
	if err != nil {
		return errs.E(op, err)
	}
	m := &Mapping{UnitID: u, Code: code, Status: status, Updated: s.now().UTC()}
	return wrap(op, s.store.SetStatusMapping(ctx, m, s.mappingEntry(ctx, "centre.mapping_set", m)))
}

// DeleteStatusMapping removes the mapping of code; later items with the
// code become "unmapped_status" errors. Access as SetStatusMapping;
// NotFound when the code has no mapping.
func (s *Service) DeleteStatusMapping(ctx context.Context, unitCode, code string) error {
	const op = "centreapi.DeleteStatusMapping"
	u, err := s.mappingUnit(ctx, unitCode)
	if err != nil {
		return errs.E(op, err)
	}
	m := &Mapping{UnitID: u, Code: code}
	return wrap(op, s.store.DeleteStatusMapping(ctx, u, code, s.mappingEntry(ctx, "centre.mapping_delete", m)))
}

// StatusMappings lists the centre's mappings by code. Access as
// SetStatusMapping.
func (s *Service) StatusMappings(ctx context.Context, unitCode string) ([]Mapping, error) {
	const op = "centreapi.StatusMappings"
	u, err := s.mappingUnit(ctx, unitCode)
	if err != nil {
		return nil, errs.E(op, err)
	}
	list, err := s.store.StatusMappings(ctx, u)
	return list, wrap(op, err)
}

// mappingUnit returns the id of the centre whose mappings the actor may
// manage.
func (s *Service) mappingUnit(ctx context.Context, unitCode string) (int64, error) {
	actor := access.ActorFrom(ctx)
	if actor == nil {
		return 0, errs.E("centreapi.mappingUnit", errs.Unauthorized)
	}
	u, err := s.centreUnit(ctx, unitCode)
	if err != nil {
		return 0, err
	}
	if !access.Can(actor, access.Administer, access.Target{}) && !access.Can(actor, access.EditUnit, u.Target()) {
		return 0, errs.E("centreapi.mappingUnit", errs.Forbidden, "error.forbidden")
	}
	return u.ID, nil
}

func (s *Service) mappingEntry(ctx context.Context, action string, m *Mapping) *audit.Entry {
	e := &audit.Entry{At: s.now().UTC(), Action: action, ObjectKind: "centre_status_mapping", ObjectID: m.Code,
		UnitID: m.UnitID, IP: audit.IPFrom(ctx), Detail: string(m.Status)}
	if a := access.ActorFrom(ctx); a != nil {
		e.ActorID, e.ActorName = a.UserID, a.Name
	}
	return e
}

// statusMap returns the centre's mappings as a map.
func (s *Service) statusMap(ctx context.Context, unitID int64) (map[string]dossier.Status, error) {
	list, err := s.store.StatusMappings(ctx, unitID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]dossier.Status, len(list))
	for _, m := range list {
		out[m.Code] = m.Status
	}
	return out, nil
}
