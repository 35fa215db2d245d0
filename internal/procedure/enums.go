package procedure

import "slices"

// Level is an administrative level that carries a procedure out (cấp
// thực hiện). Since 1 July 2025 cities have two levels, province and
// commune; district remains for national records that still name it.
type Level string

// The levels, in canonical order.
const (
	LevelMinistry Level = "ministry" // cấp Bộ (central ministries and agencies)
	LevelProvince Level = "province" // cấp tỉnh, thành phố
	LevelDistrict Level = "district" // cấp huyện (before July 2025)
	LevelCommune  Level = "commune"  // cấp xã, phường, đặc khu
	LevelOther    Level = "other"    // cơ quan khác
)

// Levels lists every level in canonical order.
var Levels = []Level{LevelMinistry, LevelProvince, LevelDistrict, LevelCommune, LevelOther}

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return slices.Contains(Levels, l) }

// Status is the stage of a version in its lifecycle.
type Status string

// The statuses.
const (
	Draft     Status = "draft"     // being written; staff only
	Approved  Status = "approved"  // checked by an approver; staff only until published
	Published Status = "published" // public (for a past version: was public)
	Abolished Status = "abolished" // ended by a decision; public when it had been published
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{Draft, Approved, Published, Abolished}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Public reports whether a version with status s may be shown to the
// public.
func (s Status) Public() bool { return s == Published || s == Abolished }

// OnlineLevel is how far the procedure can be done online, in the terms of
// Decree 42/2022/NĐ-CP.
type OnlineLevel string

// The online levels.
const (
	OnlineFull    OnlineLevel = "full"    // toàn trình: entirely online
	OnlinePartial OnlineLevel = "partial" // một phần: submission online, some steps in person
	OnlineNone    OnlineLevel = "none"    // not online
)

// OnlineLevels lists every online level, fullest first.
var OnlineLevels = []OnlineLevel{OnlineFull, OnlinePartial, OnlineNone}

// Valid reports whether o is a known online level.
func (o OnlineLevel) Valid() bool { return slices.Contains(OnlineLevels, o) }

// ChannelKind is a way of submitting a dossier.
type ChannelKind string

// The channel kinds.
const (
	InPerson ChannelKind = "in_person" // trực tiếp
	Post     ChannelKind = "post"      // dịch vụ bưu chính
	Online   ChannelKind = "online"    // trực tuyến
)

// ChannelKinds lists every channel kind.
var ChannelKinds = []ChannelKind{InPerson, Post, Online}

// Valid reports whether k is a known channel kind.
func (k ChannelKind) Valid() bool { return slices.Contains(ChannelKinds, k) }

// TimeUnit is the unit of a time limit.
type TimeUnit string

// The time units. Working days skip weekends and public holidays (see the
// calendar package).
const (
	WorkingDays TimeUnit = "working_days" // ngày làm việc
	Days        TimeUnit = "days"         // ngày
	Hours       TimeUnit = "hours"        // giờ
)

// TimeUnits lists every time unit.
var TimeUnits = []TimeUnit{WorkingDays, Days, Hours}

// Valid reports whether u is a known time unit.
func (u TimeUnit) Valid() bool { return slices.Contains(TimeUnits, u) }

// FeeKind tells a fee (phí, paying for a service) from a charge (lệ phí,
// collected for the state's act).
type FeeKind string

// The fee kinds; "" when the record does not say.
const (
	KindFee    FeeKind = "fee"    // phí
	KindCharge FeeKind = "charge" // lệ phí
)

// Valid reports whether k is a known fee kind or empty.
func (k FeeKind) Valid() bool { return k == "" || k == KindFee || k == KindCharge }
