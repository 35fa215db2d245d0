package admin

import (
	"strconv"
	"strings"

	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procexport"
	"github.com/cong-vn/cong/internal/unit"
)

// procSummary is a procedure's content, read-only: for staff who may not
// edit it, for abolished procedures and for past versions.
type procSummary struct {
	L         *i18n.Localizer // for the headings
	Facts     []fact
	Steps     []procedure.Step
	Channels  []channelText
	Documents []documentText
	Legal     []procedure.LegalRef
	Forms     []procedure.FileRef
}

// fact is one labelled value; multi-line values keep their lines.
type fact struct{ Label, Value string }

// channelText is a channel as read: its kind, time limit and fees in words.
type channelText struct {
	Kind, Limit, Note string
	Fees              []string
}

// documentText is a document with its counts in words.
type documentText struct {
	procedure.Document
	Counts string
}

// summarize describes p in l's language; units name its owner.
func summarize(l *i18n.Localizer, p *procedure.Procedure, units []*unit.Unit) *procSummary {
	owner := p.OwnerUnitCode
	for _, u := range units {
		if u.ID == p.OwnerUnitID {
			owner = u.Name(l.Lang)
		}
	}
	levels := make([]string, len(p.Levels))
	for i, lv := range p.Levels {
		levels[i] = l.T("procedure.level." + string(lv))
	}
	s := &procSummary{L: l, Steps: p.Steps, Legal: p.LegalBasis, Forms: p.Forms}
	for _, f := range []fact{
		{"admin.procedure_code", p.Code}, {"admin.procedure_name", p.Name},
		{"admin.procedure_levels", strings.Join(levels, ", ")}, {"admin.procedure_field", p.Field},
		{"admin.procedure_category", p.Category}, {"admin.procedure_online", l.T("procedure.online." + string(p.OnlineLevel))},
		{"admin.procedure_owner", owner}, {"admin.procedure_implementing", p.ImplementingAgency},
		{"admin.procedure_competent", p.CompetentAgency}, {"admin.procedure_delegated", p.DelegatedAgency},
		{"admin.procedure_coordinating", p.CoordinatingAgency}, {"admin.procedure_applicants", strings.Join(p.Applicants, "\n")},
		{"admin.procedure_result", p.Result}, {"admin.procedure_conditions", p.Conditions},
		{"admin.procedure_submit_where", p.SubmitWhere}, {"admin.procedure_collect_where", p.CollectWhere},
		{"admin.procedure_announcing", p.AnnouncingDecision}, {"admin.procedure_effective_from", p.EffectiveFrom},
		{"admin.procedure_effective_to", p.EffectiveTo}, {"admin.procedure_description_text", p.Description},
		{"admin.procedure_keywords", strings.Join(p.Keywords, ", ")}, {"admin.procedure_source", p.Source},
	} {
		if f.Value != "" {
			s.Facts = append(s.Facts, fact{Label: l.T(f.Label), Value: f.Value})
		}
	}
	for _, c := range p.Channels {
		ct := channelText{Kind: l.T("procedure.channel." + string(c.Kind)), Limit: procexport.TimeLimitText(c), Note: c.Note}
		for _, f := range c.Fees {
			ct.Fees = append(ct.Fees, procexport.FeeText(f))
		}
		s.Channels = append(s.Channels, ct)
	}
	for _, d := range p.Documents {
		s.Documents = append(s.Documents, documentText{Document: d,
			Counts: l.T("admin.procedure_counts", strconv.Itoa(d.Originals), strconv.Itoa(d.Copies))})
	}
	return s
}
