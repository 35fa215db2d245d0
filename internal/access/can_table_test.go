package access

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"testing"
)

// The complete decision table of Can: every role × every action × where the
// target unit stands from the granted one. The expected answers are written
// out by hand from the documented rules, not derived from the allowed map:
//
//   - Can's contract: a portal admin may do everything; anyone else needs a
//     grant of an allowed role on the target unit itself, or on an ancestor
//     with Subtree. So a plain grant never reaches a child, and no grant
//     reaches a sibling or a parent.
//   - The role comments: portal admin "everything, everywhere"; unit admin
//     "the unit's details, its staff and their roles"; editor "drafts the
//     unit's content"; approver "approves and publishes the unit's
//     content"; answerer "answers questions routed to the unit"; centre
//     operator "a one-stop centre's dossiers".
//   - The action comments, and the packages that use them: audit.Service
//     (unit admins see their units' log through ViewAudit), procedure (editors
//     edit, approvers approve), unit.Service (CreateUnit on the parent),
//     DOMAIN.md's Q&A ("an official answer approved by the unit").
//
// Two cells rest on thinner ground and are marked "doc:" below: approvers
// editing drafts, and approvers answering questions. Neither is contradicted
// by a document, but no role comment says so either.

// cells are the expected answers of one role and action, by where the
// target unit stands from the granted one.
type cells struct {
	own            bool // the granted unit itself (grant with or without Subtree)
	childSubtree   bool // a unit below it (child and grandchild), grant with Subtree
	childNoSubtree bool // a unit below it, grant without Subtree
	sibling        bool // another child of its parent (grant with or without Subtree)
	parent         bool // its parent (grant with or without Subtree)
}

const (
	allow = true
	deny  = false
)

var canTable = []struct {
	role   Role
	action Action
	want   cells
}{
	// cells: own unit, child with a Subtree grant, child with a plain
	// grant, sibling, parent.
	//
	// Portal admin: "everything, everywhere", whichever unit the role was
	// granted on (see TestPortalAdminIgnoresGrantUnit).
	{PortalAdmin, ViewPrivate, cells{allow, allow, allow, allow, allow}},
	{PortalAdmin, EditUnit, cells{allow, allow, allow, allow, allow}},
	{PortalAdmin, CreateUnit, cells{allow, allow, allow, allow, allow}},
	{PortalAdmin, ManageStaff, cells{allow, allow, allow, allow, allow}},
	{PortalAdmin, EditContent, cells{allow, allow, allow, allow, allow}},
	{PortalAdmin, ApproveContent, cells{allow, allow, allow, allow, allow}},
	{PortalAdmin, AnswerQuestion, cells{allow, allow, allow, allow, allow}},
	{PortalAdmin, WriteDossier, cells{allow, allow, allow, allow, allow}},
	{PortalAdmin, ViewAudit, cells{allow, allow, allow, allow, allow}},
	{PortalAdmin, Administer, cells{allow, allow, allow, allow, allow}},

	// Unit admin: the unit's details, units below it, its staff, its log.
	{UnitAdmin, ViewPrivate, cells{allow, allow, deny, deny, deny}},
	{UnitAdmin, EditUnit, cells{allow, allow, deny, deny, deny}},
	{UnitAdmin, CreateUnit, cells{allow, allow, deny, deny, deny}},
	{UnitAdmin, ManageStaff, cells{allow, allow, deny, deny, deny}},
	{UnitAdmin, EditContent, cells{deny, deny, deny, deny, deny}},
	{UnitAdmin, ApproveContent, cells{deny, deny, deny, deny, deny}},
	{UnitAdmin, AnswerQuestion, cells{deny, deny, deny, deny, deny}},
	{UnitAdmin, WriteDossier, cells{deny, deny, deny, deny, deny}},
	{UnitAdmin, ViewAudit, cells{allow, allow, deny, deny, deny}},
	{UnitAdmin, Administer, cells{deny, deny, deny, deny, deny}},

	// Editor: drafts the unit's content.
	{Editor, ViewPrivate, cells{allow, allow, deny, deny, deny}},
	{Editor, EditUnit, cells{deny, deny, deny, deny, deny}},
	{Editor, CreateUnit, cells{deny, deny, deny, deny, deny}},
	{Editor, ManageStaff, cells{deny, deny, deny, deny, deny}},
	{Editor, EditContent, cells{allow, allow, deny, deny, deny}},
	{Editor, ApproveContent, cells{deny, deny, deny, deny, deny}},
	{Editor, AnswerQuestion, cells{deny, deny, deny, deny, deny}},
	{Editor, WriteDossier, cells{deny, deny, deny, deny, deny}},
	{Editor, ViewAudit, cells{deny, deny, deny, deny, deny}},
	{Editor, Administer, cells{deny, deny, deny, deny, deny}},

	// Approver: approves and publishes the unit's content.
	{Approver, ViewPrivate, cells{allow, allow, deny, deny, deny}},
	{Approver, EditUnit, cells{deny, deny, deny, deny, deny}},
	{Approver, CreateUnit, cells{deny, deny, deny, deny, deny}},
	{Approver, ManageStaff, cells{deny, deny, deny, deny, deny}},
	{Approver, EditContent, cells{allow, allow, deny, deny, deny}}, // doc: not in the role comment; an approver may correct a draft
	{Approver, ApproveContent, cells{allow, allow, deny, deny, deny}},
	{Approver, AnswerQuestion, cells{allow, allow, deny, deny, deny}}, // doc: DOMAIN.md's answers are "approved by the unit"
	{Approver, WriteDossier, cells{deny, deny, deny, deny, deny}},
	{Approver, ViewAudit, cells{deny, deny, deny, deny, deny}},
	{Approver, Administer, cells{deny, deny, deny, deny, deny}},

	// Answerer: answers questions routed to the unit.
	{Answerer, ViewPrivate, cells{allow, allow, deny, deny, deny}},
	{Answerer, EditUnit, cells{deny, deny, deny, deny, deny}},
	{Answerer, CreateUnit, cells{deny, deny, deny, deny, deny}},
	{Answerer, ManageStaff, cells{deny, deny, deny, deny, deny}},
	{Answerer, EditContent, cells{deny, deny, deny, deny, deny}},
	{Answerer, ApproveContent, cells{deny, deny, deny, deny, deny}},
	{Answerer, AnswerQuestion, cells{allow, allow, deny, deny, deny}},
	{Answerer, WriteDossier, cells{deny, deny, deny, deny, deny}},
	{Answerer, ViewAudit, cells{deny, deny, deny, deny, deny}},
	{Answerer, Administer, cells{deny, deny, deny, deny, deny}},

	// Centre operator: a one-stop centre's dossiers.
	{CentreOperator, ViewPrivate, cells{allow, allow, deny, deny, deny}},
	{CentreOperator, EditUnit, cells{deny, deny, deny, deny, deny}},
	{CentreOperator, CreateUnit, cells{deny, deny, deny, deny, deny}},
	{CentreOperator, ManageStaff, cells{deny, deny, deny, deny, deny}},
	{CentreOperator, EditContent, cells{deny, deny, deny, deny, deny}},
	{CentreOperator, ApproveContent, cells{deny, deny, deny, deny, deny}},
	{CentreOperator, AnswerQuestion, cells{deny, deny, deny, deny, deny}},
	{CentreOperator, WriteDossier, cells{allow, allow, deny, deny, deny}},
	{CentreOperator, ViewAudit, cells{deny, deny, deny, deny, deny}},
	{CentreOperator, Administer, cells{deny, deny, deny, deny, deny}},
}

// The tree of the table: parent(1) → own(2) → child(4) → grandchild(5),
// and parent → sibling(3). Grants are on own. The own unit is not the root,
// so that "parent" exists and a portal admin's grant is not on the root.
var (
	parentUnit = Target{UnitID: 1, UnitPath: "/1/"}
	ownUnit    = Target{UnitID: 2, UnitPath: "/1/2/"}
	sibling    = Target{UnitID: 3, UnitPath: "/1/3/"}
	child      = Target{UnitID: 4, UnitPath: "/1/2/4/"}
	grandchild = Target{UnitID: 5, UnitPath: "/1/2/4/5/"}
)

func grantOnOwn(r Role, subtree bool) *Actor {
	return &Actor{UserID: 9, Name: "t", Grants: []Grant{{Role: r, UnitID: ownUnit.UnitID, UnitPath: ownUnit.UnitPath, Subtree: subtree}}}
}

func TestCanTable(t *testing.T) {
	for _, row := range canTable {
		plain, tree := grantOnOwn(row.role, false), grantOnOwn(row.role, true)
		checks := []struct {
			where  string
			actor  *Actor
			target Target
			want   bool
		}{
			{"own unit, plain grant", plain, ownUnit, row.want.own},
			{"own unit, subtree grant", tree, ownUnit, row.want.own},
			{"child, subtree grant", tree, child, row.want.childSubtree},
			{"grandchild, subtree grant", tree, grandchild, row.want.childSubtree},
			{"child, plain grant", plain, child, row.want.childNoSubtree},
			{"grandchild, plain grant", plain, grandchild, row.want.childNoSubtree},
			{"sibling, plain grant", plain, sibling, row.want.sibling},
			{"sibling, subtree grant", tree, sibling, row.want.sibling},
			{"parent, plain grant", plain, parentUnit, row.want.parent},
			{"parent, subtree grant", tree, parentUnit, row.want.parent},
		}
		for _, c := range checks {
			if got := Can(c.actor, row.action, c.target); got != c.want {
				t.Errorf("Can(%s, %s, %s) = %v, want %v", row.role, row.action, c.where, got, c.want)
			}
		}
	}
}

// The table covers every role and every action constant exactly once, so a
// new role or action cannot slip past it undecided.
func TestCanTableIsComplete(t *testing.T) {
	seen := map[Role]map[Action]int{}
	for _, row := range canTable {
		if seen[row.role] == nil {
			seen[row.role] = map[Action]int{}
		}
		seen[row.role][row.action]++
	}
	actions := actionConstants(t)
	if len(actions) < 10 {
		t.Fatalf("found only %d Action constants in access.go: %v", len(actions), actions)
	}
	for _, r := range Roles {
		for _, a := range actions {
			if n := seen[r][a]; n != 1 {
				t.Errorf("role %s × action %s is in the table %d times, want once", r, a, n)
			}
		}
	}
	if len(canTable) != len(Roles)*len(actions) {
		t.Errorf("table has %d rows, want %d roles × %d actions", len(canTable), len(Roles), len(actions))
	}
}

// actionConstants returns the values of the constants of type Action
// declared in access.go.
func actionConstants(t *testing.T) []Action {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "access.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []Action
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Action" {
				continue
			}
			for _, v := range vs.Values {
				if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					out = append(out, Action(lit.Value[1:len(lit.Value)-1]))
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// The portal admin role is global by design ("everything, everywhere"):
// the unit it was granted on does not narrow it, on any of the helpers.
// Only a portal admin may grant the role (account.canGrant), and unit
// admins do not see portal admins, so a unit admin cannot make or unmake
// one on their unit.
func TestPortalAdminIgnoresGrantUnit(t *testing.T) {
	ward := &Actor{UserID: 9, Grants: []Grant{{Role: PortalAdmin, UnitID: sibling.UnitID, UnitPath: sibling.UnitPath}}}
	if !ward.IsPortalAdmin() {
		t.Fatal("portal admin granted on a ward is not a portal admin")
	}
	for _, target := range []Target{parentUnit, ownUnit, child, {}} {
		if !Can(ward, Administer, target) {
			t.Errorf("portal admin granted on a ward denied Administer on %+v", target)
		}
	}
	if all, _ := UnitScope(ward, ViewAudit); !all {
		t.Error("UnitScope of a portal admin granted on a ward is not all")
	}
	if !CanAnywhere(ward, Administer) {
		t.Error("CanAnywhere denied a portal admin granted on a ward")
	}
}

// Nobody without an actor, and nobody with no grants, may do anything.
func TestCanWithoutGrants(t *testing.T) {
	for _, a := range []*Actor{nil, {UserID: 9}} {
		for _, row := range canTable {
			if Can(a, row.action, ownUnit) {
				t.Errorf("actor %+v may %s", a, row.action)
			}
		}
	}
}
