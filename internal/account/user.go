package account

import (
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
)

// User is a staff account.
type User struct {
	ID       int64
	Username string // ^[a-z0-9._-]{3,40}$; permanent, since the audit log names it
	Name     string // the full name shown to colleagues
	Email    string // optional

	PasswordHash       string // argon2id PHC string; never shown or logged
	MustChangePassword bool   // set by a reset; the next session may only change it
	PasswordChanged    time.Time

	TOTPSecret  string // base32, or sealed (totp_seal.go); set at enrolment, kept only while enrolling or enabled
	TOTPEnabled bool   // the enrolment was confirmed with a valid code

	Disabled  bool
	LastLogin time.Time // zero before the first login

	// Grants are the roles held, each with UnitPath filled by the store.
	Grants []access.Grant
	// Units names the unit of each grant, by unit ID, for display.
	Units map[int64]UnitRef

	Version int // incremented on every update; updates name the version they read
	Created time.Time
	Updated time.Time
}

// UnitRef names a unit for display next to a grant.
type UnitRef struct {
	Code string
	Name string // the Vietnamese name
}

// IsPortalAdmin reports whether u holds the portal admin role.
func (u *User) IsPortalAdmin() bool {
	for _, g := range u.Grants {
		if g.Role == access.PortalAdmin {
			return true
		}
	}
	return false
}

// ActorOf returns the access actor of u, holding all of u's grants.
func ActorOf(u *User) *access.Actor {
	return &access.Actor{UserID: u.ID, Name: u.Username, Grants: u.Grants}
}

// SystemActor returns the actor of the command line, which an operator
// with shell access runs: a portal admin without a user ID, recorded in the
// audit log under name.
func SystemActor(name string) *access.Actor {
	return &access.Actor{Name: name, Grants: []access.Grant{{Role: access.PortalAdmin}}}
}

var usernameRE = regexp.MustCompile(`^[a-z0-9._-]{3,40}$`)

// Validate checks the fields a user enters and returns an Invalid error
// with a translation key per failing field. It does not check grants.
func (u *User) Validate() error {
	var f errs.FieldErrors
	if !usernameRE.MatchString(u.Username) {
		f.Add("username", "account.username_invalid")
	}
	switch name := strings.TrimSpace(u.Name); {
	case name == "":
		f.Add("name", "field.required")
	case !utf8.ValidString(name):
		f.Add("name", "field.invalid_text")
	case utf8.RuneCountInString(name) > 200:
		f.Add("name", "field.too_long")
	}
	if u.Email != "" && !validEmail(u.Email) {
		f.Add("email", "field.email")
	}
	return f.Err("account.Validate")
}

// validEmail accepts a bare address such as "an@hanoi.gov.vn".
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && len(s) <= 254
}

// normalise trims what a user typed and lower-cases the username.
func (u *User) normalise() {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.Name = strings.TrimSpace(u.Name)
	u.Email = strings.TrimSpace(u.Email)
}

// UserFilter selects users; nil fields are not filtered on.
type UserFilter struct {
	Query    *string // folded substring of username, name or email
	UnitID   *int64  // users holding a grant on this unit
	Disabled *bool
	Offset   int
	Limit    int // 0 means no limit

	// AllUnits, Units and HidePortalAdmins are set by the Service from the
	// actor, never by callers: unless AllUnits, only users holding a grant
	// on one of Units (or below one with Subtree) match; with
	// HidePortalAdmins, users holding the portal admin role do not.
	AllUnits         bool
	Units            []access.Grant
	HidePortalAdmins bool
}

// UserUpdate is a change to a user's profile; nil fields stay as they are.
type UserUpdate struct {
	Name    *string
	Email   *string
	Version int // the version read; a different stored version is a Conflict
}
