package admin

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// procBlocks are the parts of the procedure form, in order, filled from
// p, with blank[group] empty rows after the filled ones of each repeating
// group. owners are the units the procedure may belong to; action is
// where the form posts.
func procBlocks(st *procState, p *procedure.Procedure, isNew bool, owners []httpx.Option, blank map[string]int, action string) []procBlock {
	l := st.l
	general := []procItem{}
	if isNew {
		f := st.field("code", "admin.procedure_code", "text", p.Code, "")
		f.Hint, f.Required = l.T("admin.procedure_code_hint"), true
		general = append(general, item(f))
	}
	// Built in the order of the page, which is the order of the error
	// summary.
	name := st.field("name", "admin.procedure_name", "textarea", p.Name, "")
	name.Required, name.Rows = true, 2
	field := st.field("field", "admin.procedure_field", "text", p.Field, "")
	field.Required = true
	general = append(general, item(name), item(field),
		item(st.field("category", "admin.procedure_category", "text", p.Category, "")),
		procItem{Checks: st.checks("levels", "admin.procedure_levels", "checkbox", levelValues(p.Levels), levelOptions(st), true)},
		procItem{Checks: st.checks("online_level", "admin.procedure_online", "radio", []string{string(p.OnlineLevel)}, onlineOptions(st), true)})
	owner := st.choice("owner_unit", "admin.procedure_owner", idString(p.OwnerUnitID), "", owners)
	owner.Required, owner.Hint = true, l.T("admin.procedure_owner_hint")
	general = append(general, item(owner))
	return []procBlock{
		{Legend: l.T("admin.procedure_general"), ID: "s-general", Items: general},
		{Legend: l.T("admin.procedure_agencies"), ID: "s-agencies", Items: []procItem{
			item(required(st.field("implementing_agency", "admin.procedure_implementing", "text", p.ImplementingAgency, ""))),
			item(st.field("competent_agency", "admin.procedure_competent", "text", p.CompetentAgency, "")),
			item(st.field("delegated_agency", "admin.procedure_delegated", "text", p.DelegatedAgency, "")),
			item(st.field("coordinating_agency", "admin.procedure_coordinating", "text", p.CoordinatingAgency, ""))}},
		{Legend: l.T("admin.procedure_who_what"), ID: "s-who", Items: []procItem{
			item(hinted(st.fieldLike("applicants", "admin.procedure_applicants", "textarea", strings.Join(p.Applicants, "\n"), "", "applicants."), l.T("admin.procedure_lines_hint"))),
			item(st.field("result", "admin.procedure_result", "textarea", p.Result, "")),
			item(st.field("conditions", "admin.procedure_conditions", "textarea", p.Conditions, ""))}},
		{Group: stepsGroup(st, p.Steps, blank["steps"], action)},
		{Group: channelsGroup(st, p.Channels, blank, action)},
		{Group: documentsGroup(st, p.Documents, blank["documents"], action)},
		{Legend: l.T("admin.procedure_places"), ID: "s-places", Items: []procItem{
			item(st.field("submit_where", "admin.procedure_submit_where", "textarea", p.SubmitWhere, "")),
			item(st.field("collect_where", "admin.procedure_collect_where", "textarea", p.CollectWhere, ""))}},
		{Group: legalGroup(st, p.LegalBasis, blank["legal_basis"], action)},
		{Group: formsGroup(st, p.Forms, blank["forms"], action)},
		{Legend: l.T("admin.procedure_announcement"), ID: "s-announcement", Items: []procItem{
			item(st.field("announcing_decision", "admin.procedure_announcing", "text", p.AnnouncingDecision, "")),
			item(st.field("effective_from", "admin.procedure_effective_from", "date", p.EffectiveFrom, "")),
			item(st.field("effective_to", "admin.procedure_effective_to", "date", p.EffectiveTo, ""))}},
		{Legend: l.T("admin.procedure_description"), ID: "s-description", Items: []procItem{
			item(st.field("description", "admin.procedure_description_text", "textarea", p.Description, "")),
			item(hinted(st.field("keywords", "admin.procedure_keywords", "textarea", strings.Join(p.Keywords, "\n"), ""), l.T("admin.procedure_lines_hint")))}},
	}
}

func item(f pfield) procItem { return procItem{Field: &f} }

func required(f pfield) pfield { f.Required = true; return f }

func hinted(f pfield, hint string) pfield { f.Hint = hint; return f }

// basisFields are the reason and the decision recorded with a change.
func basisFields(st *procState, b procedure.Basis) []pfield {
	reason := st.field("reason", "admin.procedure_reason", "textarea", b.Reason, "")
	reason.Rows = 2
	decision := st.field("decision", "admin.procedure_decision", "text", b.Decision, "")
	decision.Hint = st.l.T("admin.procedure_decision_hint")
	return []pfield{reason, decision}
}

func levelValues(ls []procedure.Level) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = string(l)
	}
	return out
}

func levelOptions(st *procState) []httpx.Option {
	var out []httpx.Option
	for _, l := range procedure.Levels {
		out = append(out, httpx.Option{Value: string(l), Label: st.l.T("procedure.level." + string(l))})
	}
	return out
}

func onlineOptions(st *procState) []httpx.Option {
	var out []httpx.Option
	for _, o := range procedure.OnlineLevels {
		out = append(out, httpx.Option{Value: string(o), Label: st.l.T("procedure.online." + string(o))})
	}
	return out
}

// group builds a repeating group of n rows named name ("steps",
// "channels.0.fees"); context, when set, says whose group it is on its more
// button.
func (s *procState) group(name, legend, context, action string, n int, row func(i int) formRow) *rowGroup {
	id := "g-" + strings.ReplaceAll(name, ".", "-")
	g := &rowGroup{ID: id, Legend: s.l.T(legend), Hint: s.l.T("admin.procedure_rows_hint"), CountName: name + "_rows",
		More: "more:" + name, MoreLabel: s.l.T("admin.more_rows"), Action: action + "#" + id}
	if context != "" {
		g.Hint = ""
		g.Legend += " – " + context
	}
	for i := range n {
		g.Rows = append(g.Rows, row(i))
	}
	return g
}

func stepsGroup(st *procState, steps []procedure.Step, blank int, action string) *rowGroup {
	return st.group("steps", "admin.procedure_steps", "", action, len(steps)+blank, func(i int) formRow {
		var s procedure.Step
		if i < len(steps) {
			s = steps[i]
		}
		n, pre := st.l.T("admin.procedure_step_n", i+1), fmt.Sprintf("steps.%d.", i)
		text := st.field(pre+"text", "admin.procedure_step_text", "textarea", s.Text, n)
		return formRow{Legend: n, Fields: []pfield{st.field(pre+"title", "admin.procedure_step_title", "text", s.Title, n), text}}
	})
}

func channelsGroup(st *procState, chans []procedure.Channel, blank map[string]int, action string) *rowGroup {
	l := st.l
	kinds := []httpx.Option{{Value: "", Label: l.T("admin.choose")}}
	for _, k := range procedure.ChannelKinds {
		kinds = append(kinds, httpx.Option{Value: string(k), Label: l.T("procedure.channel." + string(k))})
	}
	var units []httpx.Option
	for _, u := range procedure.TimeUnits {
		units = append(units, httpx.Option{Value: string(u), Label: l.T("procedure.unit." + string(u))})
	}
	return st.group("channels", "admin.procedure_channels", "", action, len(chans)+blank["channels"], func(i int) formRow {
		var c procedure.Channel
		value := ""
		if i < len(chans) {
			c = chans[i]
		}
		if !c.TimeLimit.IsZero() {
			value = strconv.FormatFloat(c.TimeLimit.Value, 'f', -1, 64)
		}
		n, pre := l.T("admin.procedure_channel_n", i+1), fmt.Sprintf("channels.%d.", i)
		limit := st.field(pre+"time_limit", "admin.procedure_time_limit", "number", value, n)
		limit.Hint = l.T("admin.procedure_time_limit_hint")
		unit := string(c.TimeLimit.Unit)
		if unit == "" {
			unit = string(procedure.WorkingDays)
		}
		fees := blank[pre+"fees"]
		if i >= len(chans) {
			fees = 1
		}
		return formRow{Legend: n, Fields: []pfield{
			st.choice(pre+"kind", "admin.procedure_channel_kind", string(c.Kind), n, kinds), limit,
			st.choice(pre+"time_limit_unit", "admin.procedure_time_unit", unit, n, units),
			st.field(pre+"time_limit_text", "admin.procedure_time_limit_text", "text", c.TimeLimitText, n),
			st.field(pre+"note", "admin.procedure_channel_note", "textarea", c.Note, n),
		}, Sub: feesGroup(st, i, c.Fees, fees, action)}
	})
}

// feesGroup is the fees of channel ch (its index on the form).
func feesGroup(st *procState, ch int, fees []procedure.Fee, blank int, action string) *rowGroup {
	l := st.l
	kinds := []httpx.Option{{Value: "", Label: l.T("admin.procedure_fee_kind_none")},
		{Value: string(procedure.KindFee), Label: l.T("procedure.fee.fee")},
		{Value: string(procedure.KindCharge), Label: l.T("procedure.fee.charge")}}
	name := fmt.Sprintf("channels.%d.fees", ch)
	return st.group(name, "admin.procedure_fees", l.T("admin.procedure_channel_n", ch+1), action, len(fees)+blank, func(j int) formRow {
		var f procedure.Fee
		amount := ""
		if j < len(fees) {
			f = fees[j]
			if f.Text == "" {
				amount = strconv.FormatInt(f.Amount, 10)
			}
		}
		n, pre := l.T("admin.procedure_fee_of", j+1, ch+1), fmt.Sprintf("%s.%d.", name, j)
		a := st.field(pre+"amount", "admin.procedure_fee_amount", "text", amount, n, strings.TrimSuffix(pre, "."))
		a.Mode, a.Hint = "numeric", l.T("admin.procedure_fee_amount_hint")
		return formRow{Legend: n, Fields: []pfield{
			st.choice(pre+"kind", "admin.procedure_fee_kind", string(f.Kind), n, kinds), a,
			st.field(pre+"text", "admin.procedure_fee_text", "text", f.Text, n),
			st.field(pre+"description", "admin.procedure_fee_description", "text", f.Description, n),
		}}
	})
}

func documentsGroup(st *procState, docs []procedure.Document, blank int, action string) *rowGroup {
	l := st.l
	return st.group("documents", "admin.procedure_documents", "", action, len(docs)+blank, func(i int) formRow {
		var d procedure.Document
		originals, copies := "", ""
		if i < len(docs) {
			d = docs[i]
			originals, copies = strconv.Itoa(d.Originals), strconv.Itoa(d.Copies)
		}
		n, pre := l.T("admin.procedure_document_n", i+1), fmt.Sprintf("documents.%d.", i)
		name := st.field(pre+"name", "admin.procedure_document_name", "textarea", d.Name, n)
		name.Rows = 2
		forms := st.fieldLike(pre+"forms", "admin.procedure_document_forms", "textarea", fileText(d.Forms), n, pre+"forms.")
		forms.Hint, forms.Rows = l.T("admin.procedure_files_hint"), 2
		return formRow{Legend: n, Fields: []pfield{name,
			st.field(pre+"originals", "admin.procedure_originals", "number", originals, n, pre+"count"),
			st.field(pre+"copies", "admin.procedure_copies", "number", copies, n),
			st.field(pre+"note", "admin.procedure_document_note", "textarea", d.Note, n), forms,
		}}
	})
}

func legalGroup(st *procState, refs []procedure.LegalRef, blank int, action string) *rowGroup {
	return st.group("legal_basis", "admin.procedure_legal", "", action, len(refs)+blank, func(i int) formRow {
		var ref procedure.LegalRef
		if i < len(refs) {
			ref = refs[i]
		}
		n, pre := st.l.T("admin.procedure_legal_n", i+1), fmt.Sprintf("legal_basis.%d.", i)
		number := st.field(pre+"number", "admin.procedure_legal_number", "text", ref.Number, n)
		number.Hint = st.l.T("admin.procedure_legal_number_hint")
		return formRow{Legend: n, Fields: []pfield{number,
			st.field(pre+"summary", "admin.procedure_legal_summary", "textarea", ref.Summary, n),
			st.field(pre+"issuer", "admin.procedure_legal_issuer", "text", ref.Issuer, n),
			st.field(pre+"date", "admin.procedure_legal_date", "date", ref.Date, n),
		}}
	})
}

func formsGroup(st *procState, files []procedure.FileRef, blank int, action string) *rowGroup {
	return st.group("forms", "admin.procedure_forms", "", action, len(files)+blank, func(i int) formRow {
		var f procedure.FileRef
		if i < len(files) {
			f = files[i]
		}
		n, pre := st.l.T("admin.procedure_form_n", i+1), fmt.Sprintf("forms.%d.", i)
		link := st.field(pre+"url", "admin.procedure_form_url", "url", f.URL, n)
		link.Hint = st.l.T("admin.procedure_form_url_hint")
		row := formRow{Legend: n, Fields: []pfield{st.field(pre+"name", "admin.procedure_form_name", "text", f.Name, n), link}}
		if f.BlobKey != "" {
			row.Hidden = []httpx.Option{{Value: pre + "blob_key", Label: f.BlobKey}}
		}
		return row
	})
}

// procBlankRows returns how many empty rows each repeating group shows after
// its filled ones: emptyRows (one for fees) when the form is shown or
// saved with errors; when more rows were asked for, the empty rows shown
// before, plus emptyRows more in the group asked for (every group for a
// plain "more").
func procBlankRows(in *procInput, p *procedure.Procedure) map[string]int {
	filled := map[string]int{"steps": len(p.Steps), "channels": len(p.Channels), "documents": len(p.Documents),
		"legal_basis": len(p.LegalBasis), "forms": len(p.Forms)}
	for i, c := range p.Channels {
		filled[fmt.Sprintf("channels.%d.fees", i)] = len(c.Fees)
	}
	out := map[string]int{}
	for g, n := range filled {
		def := emptyRows
		if strings.HasSuffix(g, ".fees") {
			def = 1
		}
		out[g] = def
		if in == nil || in.more == "" {
			continue
		}
		b := max(in.posted[g]-n, def)
		if in.more == "more" || in.more == "more:"+g {
			b += emptyRows
		}
		out[g] = max(min(b, maxProcRows-n), 0)
	}
	return out
}
