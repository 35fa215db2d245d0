package procedure

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/errs"
)

// codeRE is the shape of a national procedure code: a group digit, a dot
// and six digits ("1.002425", "2.000635").
var codeRE = regexp.MustCompile(`^[0-9]{1,2}\.[0-9]{6}$`)

// ValidCode reports whether code has the shape of a national code.
func ValidCode(code string) bool { return codeRE.MatchString(code) }

// Length limits, in characters. Imported national records hold long texts
// (legal summaries, conditions, steps), so the limits are generous.
const (
	maxName  = 1000
	maxShort = 2000   // agencies, field, result, places, decision
	maxLong  = 100000 // conditions, step texts, notes
)

// Validate checks p's content and returns an Invalid error whose Fields map
// each failing field to a translation key; field names of list entries
// carry their index, e.g. "channels.0.kind", "documents.2.name". It expects
// a normalised p (see Normalize).
func (p *Procedure) Validate() error {
	var f errs.FieldErrors
	if !ValidCode(p.Code) {
		f.Add("code", "procedure.code_invalid")
	}
	checkText(&f, "name", p.Name, true, maxName)
	p.validateLevels(&f)
	checkText(&f, "field", p.Field, true, maxShort)
	checkText(&f, "implementing_agency", p.ImplementingAgency, true, maxShort)
	for name, v := range map[string]string{
		"category": p.Category, "competent_agency": p.CompetentAgency, "delegated_agency": p.DelegatedAgency,
		"coordinating_agency": p.CoordinatingAgency, "result": p.Result, "submit_where": p.SubmitWhere,
		"collect_where": p.CollectWhere, "announcing_decision": p.AnnouncingDecision, "source": p.Source,
	} {
		checkText(&f, name, v, false, maxShort)
	}
	checkText(&f, "conditions", p.Conditions, false, maxLong)
	checkText(&f, "description", p.Description, false, maxLong)
	p.validateDates(&f)
	if !p.OnlineLevel.Valid() {
		f.Add("online_level", "field.choose")
	}
	if p.OwnerUnitID <= 0 {
		f.Add("owner_unit", "procedure.owner_required")
	}
	p.validateParts(&f)
	return f.Err("procedure.Validate")
}

func (p *Procedure) validateLevels(f *errs.FieldErrors) {
	if len(p.Levels) == 0 {
		f.Add("levels", "procedure.levels_required")
	}
	for _, l := range p.Levels {
		if !l.Valid() {
			f.Add("levels", "field.choose")
		}
	}
}

func (p *Procedure) validateDates(f *errs.FieldErrors) {
	from, okFrom := checkDate(f, "effective_from", p.EffectiveFrom)
	to, okTo := checkDate(f, "effective_to", p.EffectiveTo)
	if okFrom && okTo && !from.IsZero() && !to.IsZero() && to.Before(from) {
		f.Add("effective_to", "procedure.dates_order")
	}
}

// validateParts checks the repeating parts: steps, channels, documents,
// legal basis, forms and applicants.
func (p *Procedure) validateParts(f *errs.FieldErrors) {
	for i, s := range p.Steps {
		checkText(f, fmt.Sprintf("steps.%d.title", i), s.Title, false, maxShort)
		checkText(f, fmt.Sprintf("steps.%d.text", i), s.Text, true, maxLong)
	}
	for i, c := range p.Channels {
		c.validate(f, fmt.Sprintf("channels.%d", i))
	}
	for i, d := range p.Documents {
		name := fmt.Sprintf("documents.%d", i)
		checkText(f, name+".name", d.Name, true, maxLong)
		checkText(f, name+".note", d.Note, false, maxLong)
		if d.Originals < 0 || d.Copies < 0 {
			f.Add(name+".count", "procedure.count_invalid")
		}
		checkForms(f, name+".forms", d.Forms)
	}
	for i, l := range p.LegalBasis {
		name := fmt.Sprintf("legal_basis.%d", i)
		if l.Number == "" && l.Summary == "" {
			f.Add(name+".number", "procedure.legal_ref_required")
		}
		checkText(f, name+".number", l.Number, false, maxShort)
		checkText(f, name+".summary", l.Summary, false, maxLong)
		checkDate(f, name+".date", l.Date)
	}
	checkForms(f, "forms", p.Forms)
	for i, a := range p.Applicants {
		checkText(f, fmt.Sprintf("applicants.%d", i), a, false, maxShort)
	}
}

func (c Channel) validate(f *errs.FieldErrors, name string) {
	if !c.Kind.Valid() {
		f.Add(name+".kind", "field.choose")
	}
	if !c.TimeLimit.IsZero() && (c.TimeLimit.Value < 0 || !c.TimeLimit.Unit.Valid()) {
		f.Add(name+".time_limit", "procedure.time_limit_invalid")
	}
	checkText(f, name+".time_limit_text", c.TimeLimitText, false, maxLong)
	checkText(f, name+".note", c.Note, false, maxLong)
	for j, fee := range c.Fees {
		fn := fmt.Sprintf("%s.fees.%d", name, j)
		if fee.Amount < 0 || !fee.Kind.Valid() || (fee.Text != "" && fee.Amount != 0) {
			f.Add(fn, "procedure.fee_invalid")
		}
		checkText(f, fn+".text", fee.Text, false, maxLong)
		checkText(f, fn+".description", fee.Description, false, maxLong)
	}
}

// checkForms checks that each file has a name and, when it has a URL, an
// http or https one.
func checkForms(f *errs.FieldErrors, name string, forms []FileRef) {
	for i, fr := range forms {
		fn := fmt.Sprintf("%s.%d", name, i)
		checkText(f, fn+".name", fr.Name, true, maxShort)
		if fr.URL == "" {
			continue
		}
		if u, err := url.Parse(fr.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			f.Add(fn+".url", "field.url")
		}
	}
}

// checkDate checks an optional YYYY-MM-DD date and returns it.
func checkDate(f *errs.FieldErrors, field, v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		f.Add(field, "field.date")
		return t, false
	}
	return t, true
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
