package procimport

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/vntext"
)

// Source is the Procedure.Source of imported procedures.
const Source = "dvcqg"

// Problem is something of a record the importer could not map exactly.
type Problem struct {
	Code   string // the procedure's code
	Line   int    // the record's line in the file
	Field  string // where, e.g. "channels[1].fees", "legal_basis[2].number"
	Value  string // the text concerned, shortened
	Reason string // what was done with it
}

func (p Problem) String() string {
	s := fmt.Sprintf("%s (line %d) %s: %s", p.Code, p.Line, p.Field, p.Reason)
	if p.Value != "" {
		s += fmt.Sprintf(" [%s]", p.Value)
	}
	return s
}

// Item is a record mapped to a procedure, with its problems. The
// procedure's OwnerUnitID is left for Apply to resolve.
type Item struct {
	Line      int
	Procedure *procedure.Procedure
	Problems  []Problem
}

// mapper collects the problems of one record.
type mapper struct {
	rec      *Record
	problems []Problem
}

func (m *mapper) problem(field, value, reason string) {
	m.problems = append(m.problems, Problem{Code: m.rec.Meta.Code, Line: m.rec.Line, Field: field, Value: short(value), Reason: reason})
}

// Map turns a record into a procedure. It never fails: whatever it cannot
// map exactly is kept as text where possible and listed in the problems.
func Map(rec *Record) Item {
	m := &mapper{rec: rec}
	c := rec.Content
	p := &procedure.Procedure{
		Code: strings.TrimSpace(rec.Meta.Code), Name: text(rec.Meta.Name), Field: text(rec.Meta.Field),
		Category: text(rec.Meta.Category), ImplementingAgency: text(c.ImplementingAgency),
		CompetentAgency: text(c.CompetentAgency), DelegatedAgency: text(c.DelegatedAgency),
		CoordinatingAgency: text(c.CoordinatingAgency), SubmitWhere: text(c.SubmitWhere),
		Result: text(c.Result), Conditions: conditions(c.Conditions), Description: text(c.Description),
		Source: Source,
	}
	if p.Code == "" {
		p.Code = strings.TrimSpace(rec.ID)
	}
	m.mapHeader(p)
	p.Applicants = nonEmpty(splitList(text(c.Applicants)))
	p.Keywords = nonEmpty(splitList(text(c.Keywords)))
	m.mapSteps(p)
	m.mapChannels(p)
	m.mapDocuments(p)
	m.mapLegal(p)
	m.mapRest(p)
	p.Normalize()
	return Item{Line: rec.Line, Procedure: p, Problems: m.problems}
}

// mapHeader maps the levels and the announcing decision.
func (m *mapper) mapHeader(p *procedure.Procedure) {
	ls, unknown := levels(m.rec.Meta.Levels)
	p.Levels = ls
	for _, u := range unknown {
		m.problem("levels", u, "unknown level; dropped")
	}
	if len(ls) == 0 {
		m.problem("levels", m.rec.Meta.Levels, "no level; the record cannot be imported")
	}
	if d := text(m.rec.Meta.Decision); d != "" {
		n, ok := decision(d)
		if !ok {
			m.problem("announcing_decision", d, "no full document number; kept as written")
		}
		p.AnnouncingDecision = n
	}
}

func (m *mapper) mapSteps(p *procedure.Procedure) {
	s, numbered := steps(text(m.rec.Content.Steps))
	p.Steps = s
	if !numbered {
		m.problem("steps", "", "no numbered steps (Bước 1, Bước 2...); kept as one step")
	}
}

// mapChannels maps the channels and infers the online level.
func (m *mapper) mapChannels(p *procedure.Procedure) {
	p.OnlineLevel = procedure.OnlineNone
	for i, row := range m.rec.Tables.Channels {
		field := fmt.Sprintf("channels[%d]", i)
		kind, ok := channelKinds[vntext.Normalize(row.Kind)]
		if !ok {
			m.problem(field+".kind", row.Kind, "unknown channel; dropped")
			continue
		}
		ch := procedure.Channel{Kind: kind, TimeLimitText: text(row.TimeLimit), Note: text(row.Note)}
		m.mapLimit(field, &ch)
		fs, bad := fees(row.Fees)
		ch.Fees = fs
		for _, b := range bad {
			m.problem(field+".fees", b.value, b.reason)
		}
		if kind == procedure.Online {
			p.OnlineLevel = procedure.OnlinePartial
		}
		p.Channels = append(p.Channels, ch)
	}
	if len(p.Channels) == 0 {
		m.problem("channels", "", "no channel")
	}
}

// mapLimit parses the channel's time limit text into a number and unit.
func (m *mapper) mapLimit(field string, ch *procedure.Channel) {
	switch t := ch.TimeLimitText; {
	case t == "":
		m.problem(field+".time_limit", "", "no time limit")
	case vntext.Normalize(t) == "không quy định":
		// stated as not regulated: nothing to parse
	default:
		tl, reason := timeLimit(t)
		ch.TimeLimit = tl
		if reason != "" {
			m.problem(field+".time_limit", t, reason)
		}
	}
}

func (m *mapper) mapDocuments(p *procedure.Procedure) {
	for i, row := range m.rec.Tables.Documents {
		d := procedure.Document{Name: strings.TrimSpace(row.Name), Forms: files(row.Files)}
		if o, c, ok := counts(row.Counts); ok {
			d.Originals, d.Copies = o, c
		} else if strings.TrimSpace(row.Counts) != "" {
			d.Note = strings.TrimSpace(row.Counts)
			m.problem(fmt.Sprintf("documents[%d].counts", i), row.Counts, "not \"Bản chính: n, Bản sao: m\"; kept as a note")
		}
		if d.Name == "" {
			m.problem(fmt.Sprintf("documents[%d].name", i), "", "document without a name; dropped")
			continue
		}
		p.Documents = append(p.Documents, d)
	}
}

func (m *mapper) mapLegal(p *procedure.Procedure) {
	for i, row := range m.rec.Tables.LegalBasis {
		field := fmt.Sprintf("legal_basis[%d]", i)
		num, ok := legalNumber(row.Number, row.Summary)
		if !ok {
			m.problem(field+".number", row.Number, "no document number found; kept as written")
		}
		ref := procedure.LegalRef{Number: num, Summary: strings.TrimSpace(row.Summary), Issuer: text(row.Issuer)}
		if row.Date != "" {
			if d, ok := date(row.Date); ok {
				ref.Date = d
			} else {
				m.problem(field+".date", row.Date, "not a DD-MM-YYYY date; dropped")
			}
		}
		p.LegalBasis = append(p.LegalBasis, ref)
	}
}

// mapRest reports the fields the procedure has no place for.
func (m *mapper) mapRest(p *procedure.Procedure) {
	if t := text(m.rec.Content.Method); t != "" {
		m.problem("content.cách_thức_thực_hiện", t, "free text on how to submit has no field; the channels hold it")
	}
	for _, k := range m.rec.Unknown {
		m.problem(k, "", "unknown field; not imported")
	}
	if !procedure.ValidCode(p.Code) {
		m.problem("code", p.Code, "not a national code; the record cannot be imported")
	}
}

func nonEmpty(in []string) []string {
	var out []string
	for _, s := range in {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// short cuts s to 80 characters for the report.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= 80 {
		return s
	}
	return string([]rune(s)[:79]) + "…"
}
