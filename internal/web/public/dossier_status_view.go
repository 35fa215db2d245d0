package public

import (
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// statusView is the dossier page a successful lookup shows: only what
// dossier.PublicDossier holds, which is safe to show.
type statusView struct {
	D           *dossier.PublicDossier
	Status      string // the canonical status, translated
	Centre      string
	Received    string
	ReceivedISO string
	Appointment string // "" when none is known
	ApptISO     string
	Explanation string // how the appointment was computed, "" when given by the centre
	Finished    string
	Returned    string
	History     []historyRow
	Slips       []slipRow
	Subs        []subscriptionRow
	Subscribe   subscribeForm
	Code        codeForm
	Rate        rateForm
}

// slipRow is an apology slip in the status page's list, with the link
// to its printable page (which needs the lookup token).
type slipRow struct {
	Number             int64
	Old, New, At       string
	OldISO, NewISO     string
	Reason, URL, Label string
	Token              string // the lookup's, posted to URL by the print button
}

// subscriptionRow is one subscription, masked, with its state.
type subscriptionRow struct {
	Address, State string
}

// codeForm is where the code of a confirmation SMS is typed.
type codeForm struct {
	Action string
	Token  string
	Code   httpx.Field
	Error  string
	Done   string
}

// historyRow is one step of the history.
type historyRow struct {
	When, ISO, Status, Note, Unit string
}

// subscribeForm is the subscription form; Done is the confirmation.
type subscribeForm struct {
	Action  string
	Token   string
	Channel httpx.Field // a choice only when SMS is offered
	Address httpx.Field
	Error   string
	Done    string
}

// rateForm is the rating form; Done is the confirmation.
type rateForm struct {
	Action     string
	Token      string
	Scores     []scoreOption
	ScoreError string
	Comment    httpx.Field
	Error      string
	Done       string
}

// scoreOption is one radio button of the rating.
type scoreOption struct {
	Value, Label string
	Checked      bool
}

func (f *rateForm) setScore(score int) {
	for i := range f.Scores {
		f.Scores[i].Checked = f.Scores[i].Value == strconv.Itoa(score)
	}
}

func newStatusView(l *i18n.Localizer, p *dossier.PublicDossier, sms bool) statusView {
	paths := lookupPathsFor(l)
	v := statusView{
		D: p, Status: statusLabel(l, p.Status), Centre: pick(l, p.CentreName, p.CentreNameEN),
		Received: datetimeVN(p.ReceivedAt), ReceivedISO: iso(p.ReceivedAt),
		Finished: datetimeVN(p.FinishedAt), Returned: datetimeVN(p.ReturnedAt),
	}
	if !p.AppointmentAt.IsZero() {
		v.Appointment, v.ApptISO = datetimeVN(p.AppointmentAt), iso(p.AppointmentAt)
	}
	if p.Explanation != nil {
		v.Explanation = p.Explanation.Text(l.Lang)
	}
	for _, e := range p.History {
		row := historyRow{When: datetimeVN(e.At), ISO: iso(e.At), Note: e.Note, Unit: pick(l, e.UnitName, e.UnitNameEN)}
		if e.Status != "" {
			row.Status = statusLabel(l, e.Status)
		}
		v.History = append(v.History, row)
	}
	v.Subscribe = subscribeForm{Action: paths.Subscribe, Token: p.Token,
		Address: httpx.Field{Name: "address", Type: "email", Label: l.T("lookup.sub_email"), Hint: l.T("lookup.sub_hint"),
			Required: true, Autocomplete: "email"},
	}
	v.Code = codeForm{Action: paths.ConfirmCode, Token: p.Token,
		Code: httpx.Field{Name: "sms_code", Label: l.T("dossier.code_label"), Hint: l.T("dossier.code_hint"), Required: true,
			Autocomplete: "one-time-code"}}
	v.Slips = slipRows(l, p, paths.Slip)
	v.Subs = subscriptionRows(l, p)
	v.Rate = rateForm{Action: paths.Rate, Token: p.Token,
		Comment: httpx.Field{Name: "comment", Type: "textarea", Label: l.T("lookup.rate_comment"), Hint: l.T("lookup.rate_comment_hint")}}
	for s := 5; s >= 1; s-- {
		v.Rate.Scores = append(v.Rate.Scores, scoreOption{Value: strconv.Itoa(s), Label: l.T("lookup.score_" + strconv.Itoa(s))})
	}
	if sms {
		v.withSMS(l)
	}
	return v
}

// slipRows lists p's apology slips, newest first, each with its printable
// page and the lookup token to post there.
func slipRows(l *i18n.Localizer, p *dossier.PublicDossier, base string) []slipRow {
	var out []slipRow
	for i := len(p.Slips) - 1; i >= 0; i-- {
		s := p.Slips[i]
		n := strconv.FormatInt(s.Number, 10)
		out = append(out, slipRow{Number: s.Number, Old: datetimeVN(s.OldAppointment), New: datetimeVN(s.NewAppointment),
			OldISO: iso(s.OldAppointment), NewISO: iso(s.NewAppointment), At: datetimeVN(s.At), Reason: s.Reason,
			URL: base + n, Token: p.Token, Label: l.T("dossier.slip_open", n)})
	}
	return out
}

// subscriptionRows describes p's subscriptions.
func subscriptionRows(l *i18n.Localizer, p *dossier.PublicDossier) []subscriptionRow {
	var out []subscriptionRow
	for _, s := range p.Subscriptions {
		state := "dossier.sub_state_confirmed"
		switch {
		case s.Confirmed:
		case s.Expired:
			state = "dossier.sub_state_expired"
		case s.Channel == dossier.BySMS:
			state = "dossier.sub_state_code"
		default:
			state = "dossier.sub_state_link"
		}
		out = append(out, subscriptionRow{Address: s.AddressMasked, State: l.T(state)})
	}
	return out
}

// withSMS offers SMS besides email.
func (v *statusView) withSMS(l *i18n.Localizer) {
	// Not "required": a select whose first option has a value always
	// has a choice, and the HTML checker refuses required on it.
	v.Subscribe.Channel = httpx.Field{Name: "channel", Type: "select", Label: l.T("lookup.channel"),
		Options: []httpx.Option{{Value: string(dossier.ByEmail), Label: l.T("lookup.channel_email"), Selected: true},
			{Value: string(dossier.BySMS), Label: l.T("lookup.channel_sms")}}}
	v.Subscribe.Address.Type, v.Subscribe.Address.Label, v.Subscribe.Address.Autocomplete = "text", l.T("lookup.sub_address"), "off"
}

// statusLabel translates a canonical status.
func statusLabel(l *i18n.Localizer, s dossier.Status) string {
	return l.T("lookup.status." + string(s))
}

// pick returns en in English when it is set, else vi.
func pick(l *i18n.Localizer, vi, en string) string {
	if l.Lang == "en" && en != "" {
		return en
	}
	return vi
}

// datetimeVN formats t in Vietnam time, "" for the zero time.
func datetimeVN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.Zone()).Format("15:04 02/01/2006")
}

// dateVN formats t's date in Vietnam time, "" for the zero time.
func dateVN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.Zone()).Format("02/01/2006")
}

func iso(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.Zone()).Format(time.RFC3339)
}
