package dossier

import (
	"context"
	"math"
)

// TimeUnit is the unit of a procedure's time limit.
type TimeUnit string

// The time units, as the procedures domain names them.
const (
	WorkingDays TimeUnit = "working_days" // ngày làm việc
	Days        TimeUnit = "days"         // ngày (calendar days)
	Hours       TimeUnit = "hours"        // giờ (working hours)
)

// Valid reports whether u is a known unit.
func (u TimeUnit) Valid() bool { return u == WorkingDays || u == Days || u == Hours }

// TimeLimit is a procedure's time limit for one channel. The zero value
// means no limit is known.
type TimeLimit struct {
	Value float64
	Unit  TimeUnit
}

// IsZero reports whether no usable limit is given.
func (l TimeLimit) IsZero() bool {
	return l.Value <= 0 || !l.Unit.Valid() || math.IsInf(l.Value, 0) || math.IsNaN(l.Value)
}

// ProcedureInfo is what a dossier needs of its procedure.
type ProcedureInfo struct {
	Code      string // the national code, e.g. "1.002425"
	Name      string // in Vietnamese
	TimeLimit TimeLimit
}

// ProcedureLookup finds procedures by national code. The procedures
// domain implements it; the command wires it.
type ProcedureLookup interface {
	// LookupProcedure returns the procedure with code and its time limit
	// for channel (the limit is zero when the procedure states none for
	// it). It returns NotFound for an unknown code, and Internal or
	// Unavailable when it cannot look.
	LookupProcedure(ctx context.Context, code string, channel Channel) (ProcedureInfo, error)
}
