package unit

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/vntext"
)

// Kind classifies a unit.
type Kind string

// The kinds of unit.
const (
	City       Kind = "city"       // the city (province) People's Committee
	Department Kind = "department" // a Sở, Ban or ngành of the city
	Agency     Kind = "agency"     // another agency under the city or a department
	Ward       Kind = "ward"       // a phường
	Commune    Kind = "commune"    // a xã
	Centre     Kind = "centre"     // a one-stop reception-and-return centre
	// District is a former quận, huyện or thị xã: the district level ended
	// on 1 July 2025, so a district is kept only inactive, pointing at its
	// successor, for the records that name it.
	District Kind = "district"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{City, Department, Agency, Ward, Commune, Centre, District}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Administrative reports whether units of this kind are administrative
// units with a GSO code.
func (k Kind) Administrative() bool { return k == City || k == Ward || k == Commune }

// Unit is one node of the tree.
type Unit struct {
	ID       int64
	Code     string // the public key in URLs: the GSO code, or a short slug for agencies
	Kind     Kind
	GSOCode  string // the General Statistics Office code, administrative units only
	AgencyID string // identifier for electronic document exchange, e.g. 000.00.00.H26
	ParentID int64  // 0 for the root
	Path     string // ids of the ancestors and the unit itself: "/1/5/23/"; kept by the store
	Depth    int    // 0 for the root; kept by the store

	NameVI, NameEN string
	ShortName      string
	Address        string
	Phone, Email   string
	Website        string
	DescriptionVI  string
	DescriptionEN  string
	SortOrder      int

	Active        bool
	SuccessorID   int64  // the unit that took over, when inactive
	InactiveSince string // YYYY-MM-DD, when inactive

	// ParentCode and SuccessorCode are filled by the store when reading, for
	// links; they are ignored on write.
	ParentCode    string
	SuccessorCode string

	Leaders []Leader
	Version int // incremented on every update; updates name the version they read
	Created time.Time
	Updated time.Time
}

// Leader is one person in a unit's leadership, shown on its page.
type Leader struct {
	Name       string
	PositionVI string
	PositionEN string
	BioVI      string
	BioEN      string
	Phone      string
	Email      string
	Order      int
}

// Name returns the unit's name in lang ("vi" or "en"), falling back to
// Vietnamese.
func (u *Unit) Name(lang string) string {
	if lang == "en" && u.NameEN != "" {
		return u.NameEN
	}
	return u.NameVI
}

// Target is the access target of an object owned by u.
func (u *Unit) Target() access.Target {
	return access.Target{UnitID: u.ID, UnitPath: u.Path}
}

// SearchKey is the folded text that name filters compare against.
func (u *Unit) SearchKey() string {
	return vntext.Fold(strings.Join([]string{u.NameVI, u.NameEN, u.ShortName, u.Code, u.GSOCode}, " "))
}

var (
	codeRE  = regexp.MustCompile(`^[a-z0-9][a-z0-9.\-]{0,39}$`)
	dateRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	phoneRE = regexp.MustCompile(`^[0-9 +().\-]{6,40}$`)
)

// Validate checks the fields a user enters and returns an Invalid error
// with a translation key per failing field.
func (u *Unit) Validate() error {
	var f errs.FieldErrors
	if !codeRE.MatchString(u.Code) {
		f.Add("code", "unit.code_invalid")
	}
	if !u.Kind.Valid() {
		f.Add("kind", "field.choose")
	}
	if u.Kind == District && u.Active {
		f.Add("kind", "unit.district_active")
	}
	checkText(&f, "name_vi", u.NameVI, true, 200)
	checkText(&f, "name_en", u.NameEN, false, 200)
	checkText(&f, "short_name", u.ShortName, false, 80)
	checkText(&f, "address", u.Address, false, 300)
	checkText(&f, "description_vi", u.DescriptionVI, false, 5000)
	checkText(&f, "description_en", u.DescriptionEN, false, 5000)
	if u.Phone != "" && !phoneRE.MatchString(u.Phone) {
		f.Add("phone", "field.phone")
	}
	if u.Email != "" {
		if _, err := mail.ParseAddress(u.Email); err != nil || strings.ContainsAny(u.Email, "<> ") {
			f.Add("email", "field.email")
		}
	}
	if u.Website != "" {
		if p, err := url.Parse(u.Website); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			f.Add("website", "field.url")
		}
	}
	if u.GSOCode != "" && !regexp.MustCompile(`^\d{2,5}$`).MatchString(u.GSOCode) {
		f.Add("gso_code", "unit.gso_invalid")
	}
	if !u.Active && u.InactiveSince != "" && !dateRE.MatchString(u.InactiveSince) {
		f.Add("inactive_since", "field.date")
	}
	for i, l := range u.Leaders {
		if strings.TrimSpace(l.Name) == "" || strings.TrimSpace(l.PositionVI) == "" {
			f.Add(fmt.Sprintf("leaders.%d", i), "unit.leader_incomplete")
		}
	}
	return f.Err("unit.Validate")
}

func checkText(f *errs.FieldErrors, field, v string, required bool, max int) {
	switch {
	case required && strings.TrimSpace(v) == "":
		f.Add(field, "field.required")
	case !utf8.ValidString(v):
		f.Add(field, "field.invalid_text")
	case utf8.RuneCountInString(v) > max:
		f.Add(field, "field.too_long")
	}
}

// Filter selects units; nil fields are not filtered on.
type Filter struct {
	Query    *string // folded substring match on names and codes
	Kind     *Kind
	ParentID *int64
	Active   *bool
	// SuccessorID selects the units merged into this one.
	SuccessorID *int64
	Offset      int
	Limit       int // 0 means no limit
}

// Store persists units. Mutating methods write the audit entry in the same
// transaction.
type Store interface {
	// FindUnitByID returns NotFound when there is no such unit.
	FindUnitByID(ctx context.Context, id int64) (*Unit, error)
	// FindUnitByCode returns NotFound when there is no such unit.
	FindUnitByCode(ctx context.Context, code string) (*Unit, error)
	// FindUnits returns the matching units ordered by depth, sort order and
	// name, and the total count before Offset/Limit. Leaders are not loaded.
	FindUnits(ctx context.Context, f Filter) ([]*Unit, int, error)
	// CreateUnit inserts u, setting ID, Path, Depth, Version and times.
	// A duplicate code or GSO code is a Conflict.
	CreateUnit(ctx context.Context, u *Unit, e *audit.Entry) error
	// UpdateUnit replaces u's fields and leaders if its stored version is
	// u.Version (else Conflict "error.stale"), moving the subtree's paths
	// when the parent changed, and increments u.Version.
	UpdateUnit(ctx context.Context, u *Unit, e *audit.Entry) error
}

// RootID returns the id of the unit at the top of u's branch (the city or
// province), read from Path; u's own id when Path is empty.
func (u *Unit) RootID() int64 {
	first, _, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
	if id, err := strconv.ParseInt(first, 10, 64); err == nil {
		return id
	}
	return u.ID
}

// placePrefixes are the words of a unit's name that are not its place:
// the committee, then the kind of locality.
var placePrefixes = []string{"ủy ban nhân dân ", "ubnd ", "thành phố ", "tp. ", "tp ", "tỉnh ", "phường ", "xã ", "đặc khu "}

// PlaceName returns the place a document of the unit is dated at, as
// official documents write it before the date ("Hà Nội, ngày …"): the
// unit's Vietnamese name without "Ủy ban nhân dân" and the kind of
// locality ("Thành phố Hà Nội" → "Hà Nội").
func (u *Unit) PlaceName() string {
	name := strings.TrimSpace(u.NameVI)
	for _, p := range placePrefixes {
		if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
			name = strings.TrimSpace(name[len(p):])
		}
	}
	return name
}
