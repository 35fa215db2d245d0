package main

import (
	"context"

	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/procedure"
)

// procedureLookup lets dossiers find their procedure's name and time limit
// in the published catalogue. The two domains share the channel and time
// unit vocabularies (the same strings), so the mapping is a conversion.
type procedureLookup struct{ svc *procedure.Service }

// LookupProcedure returns the published procedure with code and its time
// limit for channel, falling back to the in-person limit when the channel
// states none. NotFound for an unknown or unpublished code.
func (p procedureLookup) LookupProcedure(ctx context.Context, code string, channel dossier.Channel) (dossier.ProcedureInfo, error) {
	proc, err := p.svc.FindProcedureByCode(ctx, code)
	if err != nil {
		return dossier.ProcedureInfo{}, err
	}
	tl, ok := proc.TimeLimitFor(procedure.ChannelKind(channel))
	if !ok {
		tl, _ = proc.TimeLimitFor(procedure.InPerson)
	}
	return dossier.ProcedureInfo{Code: proc.Code, Name: proc.Name,
		TimeLimit: dossier.TimeLimit{Value: tl.Value, Unit: dossier.TimeUnit(tl.Unit)}}, nil
}
