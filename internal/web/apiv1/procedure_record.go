package apiv1

import (
	"time"

	"github.com/cong-vn/cong/internal/procedure"
)

// Procedure is a procedure in API responses: every field of the published
// record, in the API's own shape.
type Procedure struct {
	Code               string              `json:"code"`
	Name               string              `json:"name"`
	URL                string              `json:"url"`
	Status             string              `json:"status"` // published or abolished
	Version            int                 `json:"version"`
	PublishedAt        *time.Time          `json:"published_at,omitempty"`
	Levels             []string            `json:"levels"`
	Field              string              `json:"field,omitempty"`
	Category           string              `json:"category,omitempty"`
	ImplementingAgency string              `json:"implementing_agency,omitempty"`
	CompetentAgency    string              `json:"competent_agency,omitempty"`
	DelegatedAgency    string              `json:"delegated_agency,omitempty"`
	CoordinatingAgency string              `json:"coordinating_agency,omitempty"`
	Applicants         []string            `json:"applicants"`
	Steps              []ProcedureStep     `json:"steps"`
	Channels           []ProcedureChannel  `json:"channels"`
	Documents          []ProcedureDocument `json:"documents"`
	Result             string              `json:"result,omitempty"`
	Conditions         string              `json:"conditions,omitempty"`
	LegalBasis         []ProcedureLegalRef `json:"legal_basis"`
	Forms              []ProcedureFile     `json:"forms"`
	SubmitWhere        string              `json:"submit_where,omitempty"`
	CollectWhere       string              `json:"collect_where,omitempty"`
	AnnouncingDecision string              `json:"announcing_decision,omitempty"`
	EffectiveFrom      string              `json:"effective_from,omitempty"`
	EffectiveTo        string              `json:"effective_to,omitempty"`
	OnlineLevel        string              `json:"online_level"`
	Unit               ProcedureUnit       `json:"unit"`
	Keywords           []string            `json:"keywords"`
	Description        string              `json:"description,omitempty"`
	VersionDecision    string              `json:"version_decision,omitempty"`
	HistoryURL         string              `json:"history_url"`
	PrintURL           string              `json:"print_url"`
}

// ProcedureUnit names a unit.
type ProcedureUnit struct {
	Code   string `json:"code"`
	NameVI string `json:"name_vi,omitempty"`
	NameEN string `json:"name_en,omitempty"`
}

// ProcedureStep is one step of a procedure.
type ProcedureStep struct {
	Title string `json:"title,omitempty"`
	Text  string `json:"text"`
}

// ProcedureChannel is one way of submitting with its time limit and fees.
type ProcedureChannel struct {
	Kind          string              `json:"kind"`
	TimeLimit     *ProcedureTimeLimit `json:"time_limit,omitempty"`
	TimeLimitText string              `json:"time_limit_text,omitempty"`
	Fees          []ProcedureFee      `json:"fees"`
	Note          string              `json:"note,omitempty"`
}

// ProcedureTimeLimit is a time limit as a number and a unit.
type ProcedureTimeLimit struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
}

// ProcedureFee is a fee or a charge: an amount in đồng (0 is free) or a text.
type ProcedureFee struct {
	Kind        string `json:"kind,omitempty"`
	Amount      int64  `json:"amount"`
	Text        string `json:"text,omitempty"`
	Description string `json:"description,omitempty"`
}

// ProcedureDocument is one paper of the dossier.
type ProcedureDocument struct {
	Name      string          `json:"name"`
	Originals int             `json:"originals"`
	Copies    int             `json:"copies"`
	Note      string          `json:"note,omitempty"`
	Forms     []ProcedureFile `json:"forms"`
}

// ProcedureFile is a form or sample; URL is set when it can be downloaded.
type ProcedureFile struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// ProcedureLegalRef is one legal document of the legal basis.
type ProcedureLegalRef struct {
	Number  string `json:"number,omitempty"`
	Summary string `json:"summary,omitempty"`
	Issuer  string `json:"issuer,omitempty"`
	Date    string `json:"date,omitempty"`
}

func toProcedure(p *procedure.Procedure) Procedure {
	path := "/thu-tuc/" + p.Code
	out := Procedure{
		Code: p.Code, Name: p.Name, URL: path, Status: string(p.Status), Version: p.Version,
		PublishedAt: procTime(p.Revision.PublishedAt), Levels: procLevels(p.Levels), Field: p.Field, Category: p.Category,
		ImplementingAgency: p.ImplementingAgency, CompetentAgency: p.CompetentAgency,
		DelegatedAgency: p.DelegatedAgency, CoordinatingAgency: p.CoordinatingAgency,
		Applicants: procStrings(p.Applicants), Result: p.Result, Conditions: p.Conditions,
		SubmitWhere: p.SubmitWhere, CollectWhere: p.CollectWhere, AnnouncingDecision: p.AnnouncingDecision,
		EffectiveFrom: p.EffectiveFrom, EffectiveTo: p.EffectiveTo, OnlineLevel: string(p.OnlineLevel),
		Unit: ProcedureUnit{Code: p.OwnerUnitCode}, Keywords: procStrings(p.Keywords), Description: p.Description,
		VersionDecision: p.Revision.Decision, HistoryURL: path + "/lich-su", PrintURL: path + "?in=1",
		Steps: []ProcedureStep{}, Channels: []ProcedureChannel{}, Documents: []ProcedureDocument{},
		LegalBasis: []ProcedureLegalRef{}, Forms: toProcFiles(p.Forms),
	}
	for _, s := range p.Steps {
		out.Steps = append(out.Steps, ProcedureStep{Title: s.Title, Text: s.Text})
	}
	for _, c := range p.Channels {
		out.Channels = append(out.Channels, toProcChannel(c))
	}
	for _, d := range p.Documents {
		out.Documents = append(out.Documents, ProcedureDocument{Name: d.Name, Originals: d.Originals, Copies: d.Copies, Note: d.Note, Forms: toProcFiles(d.Forms)})
	}
	for _, l := range p.LegalBasis {
		out.LegalBasis = append(out.LegalBasis, ProcedureLegalRef{Number: l.Number, Summary: l.Summary, Issuer: l.Issuer, Date: l.Date})
	}
	return out
}

func toProcChannel(c procedure.Channel) ProcedureChannel {
	out := ProcedureChannel{Kind: string(c.Kind), TimeLimitText: c.TimeLimitText, Note: c.Note, Fees: []ProcedureFee{}}
	if !c.TimeLimit.IsZero() {
		out.TimeLimit = &ProcedureTimeLimit{Value: c.TimeLimit.Value, Unit: string(c.TimeLimit.Unit)}
	}
	for _, f := range c.Fees {
		out.Fees = append(out.Fees, ProcedureFee{Kind: string(f.Kind), Amount: f.Amount, Text: f.Text, Description: f.Description})
	}
	return out
}

// toProcFiles lists forms by name, with the URL of those that have one; blob
// keys are internal and not served by the API.
func toProcFiles(fs []procedure.FileRef) []ProcedureFile {
	out := make([]ProcedureFile, len(fs))
	for i, f := range fs {
		out[i] = ProcedureFile{Name: f.Name, URL: f.URL}
	}
	return out
}

func procStrings(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
