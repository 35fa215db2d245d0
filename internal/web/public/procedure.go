package public

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// procedureView is a procedure's page: every section of the record in
// plain language, its time limits explained in working days, and its forms.
type procedureView struct {
	P         *procedure.Procedure
	Owner     *unit.Unit // nil when the unit cannot be read
	OwnerName string
	OwnerURL  string
	Levels    string
	Online    string
	Abolished bool
	Published time.Time // when the version shown was published
	// EffectiveFrom and EffectiveTo are the procedure's dates as shown
	// (dd/mm/yyyy), "" when not set.
	EffectiveFrom, EffectiveTo string

	Limits      []procLimit
	Steps       []procStep
	Channels    []procChannel
	Documents   []procDocument
	Forms       []procForm
	Applicants  []string
	Result      []string // paragraphs
	Conditions  []string
	Description []string
	Legal       []procLegal

	Base        string // the catalogue in this language
	PageURL     string // this page
	FieldURL    string // the catalogue filtered on the procedure's field
	PrintURL    string
	HistoryURL  string
	APIURL      string
	CalendarURL string
	AbsURL      string // this page as an absolute URL, printed on paper
	Print       bool   // the print view
	Printed     string // when the print view was made, Vietnam time
}

// procLegal is one legal document of the legal basis.
type procLegal struct {
	Number, Summary, Issuer string
	Date, ISO               string // dd/mm/yyyy and YYYY-MM-DD; "" when unknown
}

type procStep struct {
	Title string
	Paras []string
}

type procChannel struct {
	Kind      string
	Limit     string // the time limit as a number and unit, "" when not stated so
	LimitText string // the time limit as published
	Fees      []string
	Note      string
}

type procDocument struct {
	Name              string
	Originals, Copies int
	Note              string
	Forms             []procForm
}

// procForm is a form or sample dossier. URL is empty when there is nothing
// to download from the portal: a reference imported by name only, or a
// file in the blob store, which the public pages cannot serve yet (no
// download route is wired); the name then tells the citizen what to ask
// the unit for.
type procForm struct{ Name, URL string }

// procedurePage shows one procedure as the public sees it. A procedure
// never published is NotFound; an abolished one is shown with a notice.
// With ?in=1 it renders the print view: the same content without the
// portal's navigation, for printing or saving.
func (h *Handlers) procedurePage(w http.ResponseWriter, r *http.Request) {
	l := h.Render.Catalog.For(httpx.From(r).Lang)
	ctx := procPublicView(r.Context())
	p, err := h.Procedures.FindProcedureByCode(ctx, r.PathValue("code"))
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v := h.procedureView(r, l, p)
	now := time.Now()
	if !v.Abolished {
		if v.Limits, err = h.procTimeLimits(ctx, l, p, now); err != nil {
			h.Render.Error(w, r, err)
			return
		}
	}
	name := "procedure"
	if r.URL.Query().Get("in") == "1" {
		name, v.Print, v.Printed = "procedure_print", true, procWhen(l, now)
	}
	page := &httpx.Page{
		L: l, Title: p.Name, Description: procedureSummary(l, p), Canonical: h.canonical(r),
		Owner: &httpx.Owner{Name: v.OwnerName, URL: v.OwnerURL}, Noindex: v.Abolished,
		Crumbs: []httpx.Crumb{{Label: l.T("nav.home"), URL: l.Prefix() + "/"}, {Label: l.T("procpage.title"), URL: v.Base}, {Label: p.Name}},
		Data:   v,
	}
	switch {
	case v.Print:
		page.Noindex = true
	case !v.Abolished:
		page.JSONLD = h.procedureJSONLD(l, p, v)
	}
	h.Render.HTML(w, r, http.StatusOK, name, page)
}

// procedureView lays p out for the page in l's language.
func (h *Handlers) procedureView(r *http.Request, l *i18n.Localizer, p *procedure.Procedure) procedureView {
	base := l.Prefix() + procedurePath(l.Lang)
	v := procedureView{
		P: p, Levels: procLevelNames(l, p.Levels), Online: l.T("procedure.online." + string(p.OnlineLevel)),
		Abolished: p.Status == procedure.Abolished, Published: p.Revision.PublishedAt,
		Applicants: p.Applicants, Result: procParagraphs(p.Result), Conditions: procParagraphs(p.Conditions),
		Description: procParagraphs(p.Description),
		Base:        base, PageURL: base + "/" + p.Code, PrintURL: base + "/" + p.Code + "?in=1",
		HistoryURL: base + "/" + p.Code + procHistorySuffix(l.Lang), APIURL: "/api/v1/procedures/" + p.Code,
		OwnerName: l.T("site.owner"), CalendarURL: l.Prefix() + calendarPath(l.Lang),
		EffectiveFrom: procDate(p.EffectiveFrom), EffectiveTo: procDate(p.EffectiveTo),
	}
	v.AbsURL = h.BaseURL + v.PageURL
	if h.BaseURL == "" {
		v.AbsURL = "http://" + r.Host + v.PageURL
	}
	v.Legal = procLegals(p.LegalBasis)
	if p.Field != "" {
		v.FieldURL = base + "?field=" + url.QueryEscape(p.Field)
	}
	if u, ok := h.Units.Lookup(r.Context(), p.OwnerUnitID); ok {
		v.Owner, v.OwnerName = u, u.Name(l.Lang)
		v.OwnerURL = l.Prefix() + unitsPath(l.Lang) + "/" + u.Code
	}
	for _, s := range p.Steps {
		v.Steps = append(v.Steps, procStep{Title: s.Title, Paras: procParagraphs(s.Text)})
	}
	for _, c := range p.Channels {
		v.Channels = append(v.Channels, procChannelOf(l, c))
	}
	for _, d := range p.Documents {
		v.Documents = append(v.Documents, procDocument{Name: d.Name, Originals: d.Originals, Copies: d.Copies, Note: d.Note, Forms: procForms(d.Forms)})
	}
	v.Forms = procForms(p.AllForms())
	return v
}

func procChannelOf(l *i18n.Localizer, c procedure.Channel) procChannel {
	cv := procChannel{Kind: l.T("procedure.channel." + string(c.Kind)), LimitText: c.TimeLimitText, Note: c.Note}
	if !c.TimeLimit.IsZero() {
		cv.Limit = procLimitLabel(l, c.TimeLimit)
	}
	if cv.LimitText == cv.Limit {
		cv.LimitText = ""
	}
	for _, f := range c.Fees {
		cv.Fees = append(cv.Fees, procFee(l, f))
	}
	return cv
}

// procFee says a fee in a sentence: "Lệ phí: 8.000 đồng (bản sao)".
func procFee(l *i18n.Localizer, f procedure.Fee) string {
	kind := l.T("procpage.fee_any")
	if f.Kind != "" {
		kind = l.T("procedure.fee." + string(f.Kind))
	}
	amount := f.Text
	switch {
	case amount != "":
	case f.Amount == 0:
		amount = l.T("procedure.fee.free")
	default:
		amount = l.T("procpage.amount", procDigits(f.Amount, l.Lang))
	}
	s := kind + ": " + amount
	if f.Description != "" {
		s += " (" + f.Description + ")"
	}
	return s
}

func procForms(fs []procedure.FileRef) []procForm {
	var out []procForm
	for _, f := range fs {
		out = append(out, procForm{Name: f.Name, URL: f.URL})
	}
	return out
}

// procedureSummary is the page's meta description.
func procedureSummary(l *i18n.Localizer, p *procedure.Procedure) string {
	if p.Description != "" {
		return p.Description
	}
	return l.T("procpage.summary", p.Name)
}

// procParagraphs splits text at its line breaks, dropping empty lines, so that
// text imported with line breaks keeps them without preformatted styling.
func procParagraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func procLegals(refs []procedure.LegalRef) []procLegal {
	var out []procLegal
	for _, ref := range refs {
		lv := procLegal{Number: ref.Number, Summary: ref.Summary, Issuer: ref.Issuer, Date: procDate(ref.Date)}
		if lv.Date != ref.Date {
			lv.ISO = ref.Date // a valid date: dmy changed it
		}
		out = append(out, lv)
	}
	return out
}

// procDate shows a YYYY-MM-DD date as dd/mm/yyyy, and anything else as it is.
func procDate(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}

func procHistorySuffix(lang string) string {
	if lang == "en" {
		return "/history"
	}
	return "/lich-su"
}
