package procedure

import (
	"time"

	"github.com/cong-vn/cong/internal/access"
)

// Procedure is one administrative procedure as of one version. The fields
// with a json tag are its content: they are stored whole with each version,
// hashed to detect changes, and exported. The others describe the stored
// object and are filled by the store when reading.
type Procedure struct {
	Code   string  `json:"code"`             // national code, e.g. "1.002425"; permanent
	Name   string  `json:"name"`             // e.g. "Thủ tục đăng ký khai sinh"
	Levels []Level `json:"levels,omitempty"` // where it is carried out; at least one
	Field  string  `json:"field,omitempty"`  // lĩnh vực, e.g. "Hộ tịch"
	// Category is the national classification (loại thủ tục), e.g. "TTHC
	// được luật giao quy định chi tiết".
	Category string `json:"category,omitempty"`

	ImplementingAgency string `json:"implementing_agency,omitempty"` // cơ quan thực hiện
	CompetentAgency    string `json:"competent_agency,omitempty"`    // cơ quan có thẩm quyền
	DelegatedAgency    string `json:"delegated_agency,omitempty"`    // cơ quan được ủy quyền
	CoordinatingAgency string `json:"coordinating_agency,omitempty"` // cơ quan phối hợp

	Applicants []string   `json:"applicants,omitempty"` // đối tượng thực hiện
	Steps      []Step     `json:"steps,omitempty"`      // trình tự thực hiện, in order
	Channels   []Channel  `json:"channels,omitempty"`   // cách thức thực hiện
	Documents  []Document `json:"documents,omitempty"`  // thành phần hồ sơ
	Result     string     `json:"result,omitempty"`     // kết quả thực hiện
	Conditions string     `json:"conditions,omitempty"` // yêu cầu, điều kiện; "" when none
	LegalBasis []LegalRef `json:"legal_basis,omitempty"`
	// Forms are forms and sample dossiers not tied to one document;
	// AllForms adds those of the documents.
	Forms []FileRef `json:"forms,omitempty"`

	SubmitWhere  string `json:"submit_where,omitempty"`  // where to submit the dossier
	CollectWhere string `json:"collect_where,omitempty"` // where to collect the result

	AnnouncingDecision string `json:"announcing_decision,omitempty"` // e.g. "6225/QĐ-BQP"
	EffectiveFrom      string `json:"effective_from,omitempty"`      // YYYY-MM-DD
	EffectiveTo        string `json:"effective_to,omitempty"`        // YYYY-MM-DD, set when abolished

	OnlineLevel OnlineLevel `json:"online_level,omitempty"` // "" is read as none
	OwnerUnitID int64       `json:"owner_unit_id"`          // the accountable unit

	Keywords    []string `json:"keywords,omitempty"`
	Description string   `json:"description,omitempty"`
	Source      string   `json:"source,omitempty"` // where the content came from, e.g. "dvcqg", "seed"

	// ID is the store's key of the procedure (all versions share it).
	ID int64 `json:"-"`
	// Status is the status of this version.
	Status Status `json:"-"`
	// Version is the number of this version, from 1. Edits name the
	// version they read here.
	Version int `json:"-"`
	// Latest is the number of the newest version; equal to Version when the
	// procedure was read as current.
	Latest int `json:"-"`
	// PublishedVersion is the version the public sees, 0 when none.
	PublishedVersion int `json:"-"`
	// OwnerUnitCode and OwnerUnitPath are the owning unit's code and tree
	// path, filled when reading; the path decides access.
	OwnerUnitCode string `json:"-"`
	OwnerUnitPath string `json:"-"`
	// Created is when the procedure was first stored.
	Created time.Time `json:"-"`
	// Revision says who made this version, when, why and its approvals.
	Revision Revision `json:"-"`
}

// Step is one step of the procedure (trình tự thực hiện).
type Step struct {
	Title string `json:"title,omitempty"` // a short heading, e.g. "Nộp hồ sơ"; may be empty
	Text  string `json:"text"`
}

// Channel is one way of submitting (cách thức thực hiện) with its own time
// limit and fees. A procedure may list the same kind twice for different
// cases; Note then says which.
type Channel struct {
	Kind      ChannelKind `json:"kind"`
	TimeLimit TimeLimit   `json:"time_limit,omitzero"`
	// TimeLimitText is the time limit as published ("05 ngày làm việc kể
	// từ ngày nhận đủ hồ sơ"), kept even when TimeLimit holds its number.
	TimeLimitText string `json:"time_limit_text,omitempty"`
	Fees          []Fee  `json:"fees,omitempty"`
	Note          string `json:"note,omitempty"`
}

// TimeLimit is a time limit as a number and a unit. The zero value means
// the limit is not stated as a number (see Channel.TimeLimitText).
type TimeLimit struct {
	Value float64  `json:"value,omitempty"`
	Unit  TimeUnit `json:"unit,omitempty"`
}

// IsZero reports whether no time limit is given as a number.
func (t TimeLimit) IsZero() bool { return t.Value == 0 && t.Unit == "" }

// Fee is one fee (phí) or charge (lệ phí). When Text is empty, Amount is
// the amount in đồng and 0 means free; otherwise Text states the fee as
// published (a rate, another currency, a reference to a fee schedule) and
// Amount is 0.
type Fee struct {
	Kind        FeeKind `json:"kind,omitempty"`
	Amount      int64   `json:"amount,omitempty"`
	Text        string  `json:"text,omitempty"`
	Description string  `json:"description,omitempty"` // the case it applies to
}

// Document is one paper of the dossier (thành phần hồ sơ).
type Document struct {
	Name      string    `json:"name"`
	Originals int       `json:"originals,omitempty"` // bản chính
	Copies    int       `json:"copies,omitempty"`    // bản sao
	Note      string    `json:"note,omitempty"`
	Forms     []FileRef `json:"forms,omitempty"` // its form or sample, when there is one
}

// FileRef names a downloadable file: a form (mẫu đơn, tờ khai) or a sample
// dossier. It points at a URL or at a key of the blob store; a reference
// imported by name only has neither yet.
type FileRef struct {
	Name    string `json:"name"`
	URL     string `json:"url,omitempty"`
	BlobKey string `json:"blob_key,omitempty"`
}

// LegalRef is one legal document of the legal basis (căn cứ pháp lý). The
// number links it to the legal library.
type LegalRef struct {
	Number  string `json:"number,omitempty"`  // số ký hiệu, e.g. "12/2023/QĐ-UBND"
	Summary string `json:"summary,omitempty"` // trích yếu
	Issuer  string `json:"issuer,omitempty"`  // cơ quan ban hành
	Date    string `json:"date,omitempty"`    // YYYY-MM-DD
}

// Revision describes one version: who made it, when and why, and when it
// was approved and published.
type Revision struct {
	Version    int
	Status     Status // the version's status now
	Change     Change
	Reason     string
	Decision   string // the decision that announced, amended or abolished it
	AuthorID   int64  // 0 for the command line and imports
	AuthorName string
	At         time.Time
	Hash       string // ContentHash of the version

	ApprovedBy  string
	ApprovedAt  time.Time // zero until approved
	PublishedBy string
	PublishedAt time.Time // zero until published
}

// Change is how a version came about.
type Change string

// The changes.
const (
	ChangeCreate   Change = "create"   // the first draft
	ChangeEdit     Change = "edit"     // a new draft of the content
	ChangeAnnounce Change = "announce" // recorded as announced by a decision (import, seed)
	ChangeAbolish  Change = "abolish"  // abolished by a decision
)

// Target is the access target of the procedure: its owning unit.
func (p *Procedure) Target() access.Target {
	return access.Target{UnitID: p.OwnerUnitID, UnitPath: p.OwnerUnitPath}
}

// Public reports whether this version is one the public may read.
func (p *Procedure) Public() bool { return p.Status.Public() }

// AllForms returns the procedure's forms followed by those of its
// documents, each name once.
func (p *Procedure) AllForms() []FileRef {
	seen := map[string]bool{}
	var out []FileRef
	add := func(fs []FileRef) {
		for _, f := range fs {
			if !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, f)
			}
		}
	}
	add(p.Forms)
	for _, d := range p.Documents {
		add(d.Forms)
	}
	return out
}

// HasLevel reports whether the procedure is carried out at level l.
func (p *Procedure) HasLevel(l Level) bool {
	for _, x := range p.Levels {
		if x == l {
			return true
		}
	}
	return false
}

// TimeLimitFor returns the time limit of the first channel of kind that
// states one as a number, and false when none does (the dossier domain
// computes due dates from it).
func (p *Procedure) TimeLimitFor(kind ChannelKind) (TimeLimit, bool) {
	for _, c := range p.Channels {
		if c.Kind == kind && !c.TimeLimit.IsZero() {
			return c.TimeLimit, true
		}
	}
	return TimeLimit{}, false
}
