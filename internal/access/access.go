package access

import (
	"context"
	"strings"
)

// Role is what a grant lets its holder do on a unit.
type Role string

// The roles. A grant gives a role on one unit, and optionally on every unit
// below it (Subtree).
const (
	PortalAdmin    Role = "portal_admin"    // everything, everywhere
	UnitAdmin      Role = "unit_admin"      // the unit's details, its staff and their roles
	Editor         Role = "editor"          // drafts the unit's content
	Approver       Role = "approver"        // approves and publishes the unit's content
	Answerer       Role = "answerer"        // answers questions routed to the unit
	CentreOperator Role = "centre_operator" // a one-stop centre's dossiers
)

// Roles lists every role, in the order forms show them.
var Roles = []Role{PortalAdmin, UnitAdmin, Editor, Approver, Answerer, CentreOperator}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Action is something a staff member does to an object owned by a unit.
type Action string

// The actions. Each capability adds its own here with the roles allowed it.
const (
	ViewPrivate    Action = "view_private"    // see unpublished objects and staff-only fields
	EditUnit       Action = "edit_unit"       // change a unit's details and leaders
	CreateUnit     Action = "create_unit"     // create a unit below this one
	ManageStaff    Action = "manage_staff"    // create accounts and grant roles on this unit
	EditContent    Action = "edit_content"    // create and edit drafts
	ApproveContent Action = "approve_content" // approve, publish, withdraw
	AnswerQuestion Action = "answer_question"
	WriteDossier   Action = "write_dossier"
	ViewAudit      Action = "view_audit"
	Administer     Action = "administer" // portal-wide settings: calendar, jobs, integrations
)

// allowed maps each action to the roles that may do it. PortalAdmin may do
// everything and is not listed.
var allowed = map[Action][]Role{
	ViewPrivate:    {UnitAdmin, Editor, Approver, Answerer, CentreOperator},
	EditUnit:       {UnitAdmin},
	CreateUnit:     {UnitAdmin},
	ManageStaff:    {UnitAdmin},
	EditContent:    {Editor, Approver},
	ApproveContent: {Approver},
	AnswerQuestion: {Answerer, Approver},
	WriteDossier:   {CentreOperator},
	ViewAudit:      {UnitAdmin},
	Administer:     {},
}

// Grant is one role held on one unit.
type Grant struct {
	Role     Role
	UnitID   int64
	UnitPath string // the unit's path, "/1/5/" (ancestors and itself)
	Subtree  bool   // the role also holds on every unit below
}

// Actor is an authenticated staff member.
type Actor struct {
	UserID int64
	Name   string
	Grants []Grant
}

// Target is the unit that owns the object acted on.
type Target struct {
	UnitID   int64
	UnitPath string
}

// IsPortalAdmin reports whether the actor holds the portal admin role.
func (a *Actor) IsPortalAdmin() bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if g.Role == PortalAdmin {
			return true
		}
	}
	return false
}

// Can reports whether actor may do action on an object owned by target. It
// is the single authorisation rule of the portal: a nil actor may do
// nothing; a portal admin may do everything; anyone else needs a grant of an
// allowed role on the target unit itself, or on an ancestor with Subtree.
func Can(actor *Actor, action Action, target Target) bool {
	if actor == nil {
		return false
	}
	if actor.IsPortalAdmin() {
		return true
	}
	for _, g := range actor.Grants {
		if covers(g, target) && roleAllows(g.Role, action) {
			return true
		}
	}
	return false
}

// CanAnywhere reports whether actor may do action on at least one unit,
// for showing menu entries.
func CanAnywhere(actor *Actor, action Action) bool {
	if actor.IsPortalAdmin() {
		return true
	}
	if actor == nil {
		return false
	}
	for _, g := range actor.Grants {
		if roleAllows(g.Role, action) {
			return true
		}
	}
	return false
}

// UnitScope returns the unit paths on which actor may do action: a path
// ending in "/" with subtree=true covers every unit below. all is true for a
// portal admin. Store filters use it to list only what an actor may see.
func UnitScope(actor *Actor, action Action) (all bool, units []Grant) {
	if actor.IsPortalAdmin() {
		return true, nil
	}
	if actor == nil {
		return false, nil
	}
	for _, g := range actor.Grants {
		if roleAllows(g.Role, action) {
			units = append(units, g)
		}
	}
	return false, units
}

func covers(g Grant, t Target) bool {
	if g.UnitID == t.UnitID {
		return true
	}
	return g.Subtree && g.UnitPath != "" && strings.HasPrefix(t.UnitPath, g.UnitPath)
}

func roleAllows(r Role, a Action) bool {
	for _, x := range allowed[a] {
		if x == r {
			return true
		}
	}
	return false
}

type ctxKey struct{}

// WithActor returns ctx carrying actor.
func WithActor(ctx context.Context, actor *Actor) context.Context {
	return context.WithValue(ctx, ctxKey{}, actor)
}

// ActorFrom returns the actor in ctx, or nil for an anonymous request.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(ctxKey{}).(*Actor)
	return a
}
