package access

import "testing"

// The unit tree used by the matrix: city(1) → dept(2) → centre(4); city → ward(3).
var (
	city   = Target{1, "/1/"}
	dept   = Target{2, "/1/2/"}
	ward   = Target{3, "/1/3/"}
	centre = Target{4, "/1/2/4/"}
)

func actor(grants ...Grant) *Actor { return &Actor{UserID: 9, Grants: grants} }

func TestCanMatrix(t *testing.T) {
	deptEditor := actor(Grant{Role: Editor, UnitID: 2, UnitPath: "/1/2/"})
	deptAdminTree := actor(Grant{Role: UnitAdmin, UnitID: 2, UnitPath: "/1/2/", Subtree: true})
	portal := actor(Grant{Role: PortalAdmin, UnitID: 1, UnitPath: "/1/"})
	operator := actor(Grant{Role: CentreOperator, UnitID: 4, UnitPath: "/1/2/4/"})
	approver := actor(Grant{Role: Approver, UnitID: 3, UnitPath: "/1/3/"})
	tests := []struct {
		name   string
		actor  *Actor
		action Action
		target Target
		want   bool
	}{
		{"anonymous may not view private", nil, ViewPrivate, dept, false},
		{"editor edits own unit content", deptEditor, EditContent, dept, true},
		{"editor may not approve", deptEditor, ApproveContent, dept, false},
		{"editor without subtree stops at own unit", deptEditor, EditContent, centre, false},
		{"editor may not touch sibling", deptEditor, EditContent, ward, false},
		{"editor may not touch parent", deptEditor, EditContent, city, false},
		{"editor may not edit unit details", deptEditor, EditUnit, dept, false},
		{"unit admin with subtree edits child", deptAdminTree, EditUnit, centre, true},
		{"unit admin with subtree manages child staff", deptAdminTree, ManageStaff, centre, true},
		{"unit admin may not edit parent", deptAdminTree, EditUnit, city, false},
		{"unit admin may not edit content", deptAdminTree, EditContent, dept, false},
		{"unit admin may not administer", deptAdminTree, Administer, dept, false},
		{"portal admin everywhere", portal, Administer, ward, true},
		{"portal admin edits any content", portal, ApproveContent, centre, true},
		{"operator writes own centre", operator, WriteDossier, centre, true},
		{"operator may not write other centre", operator, WriteDossier, dept, false},
		{"operator may not edit content", operator, EditContent, centre, false},
		{"approver answers", approver, AnswerQuestion, ward, true},
		{"approver approves own", approver, ApproveContent, ward, true},
		{"approver not elsewhere", approver, ApproveContent, dept, false},
	}
	for _, tt := range tests {
		if got := Can(tt.actor, tt.action, tt.target); got != tt.want {
			t.Errorf("%s: Can = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Every role × action pair is decided, and only PortalAdmin may administer.
func TestEveryRoleAndAction(t *testing.T) {
	actions := []Action{ViewPrivate, EditUnit, CreateUnit, ManageStaff, EditContent, ApproveContent, AnswerQuestion, WriteDossier, ViewAudit, Administer}
	for _, r := range Roles {
		a := actor(Grant{Role: r, UnitID: 2, UnitPath: "/1/2/", Subtree: true})
		for _, act := range actions {
			got := Can(a, act, centre)
			if r == PortalAdmin && !got {
				t.Errorf("portal admin denied %s", act)
			}
			if act == Administer && r != PortalAdmin && got {
				t.Errorf("%s allowed to administer", r)
			}
			if Can(a, act, ward) && r != PortalAdmin {
				t.Errorf("%s with a subtree grant on dept reached a ward for %s", r, act)
			}
		}
	}
}

func TestPathPrefixIsNotNumericPrefix(t *testing.T) {
	// Unit 1/2 must not cover unit 1/22.
	a := actor(Grant{Role: Editor, UnitID: 2, UnitPath: "/1/2/", Subtree: true})
	if Can(a, EditContent, Target{22, "/1/22/"}) {
		t.Fatal("grant on /1/2/ covered /1/22/")
	}
}
