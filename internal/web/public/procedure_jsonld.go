package public

import (
	"strings"

	"github.com/cong-vn/cong/internal/i18n"
	"github.com/cong-vn/cong/internal/procedure"
)

// procedureJSONLD describes p as a schema.org GovernmentService: its field
// as the service type, the owning unit as provider, the city as the area
// served, the legal basis as the terms of service, and one ServiceChannel
// per channel with its processing time.
func (h *Handlers) procedureJSONLD(l *i18n.Localizer, p *procedure.Procedure, v procedureView) map[string]any {
	url := h.BaseURL + v.PageURL
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "GovernmentService",
		"name": p.Name, "identifier": p.Code, "url": url,
		"description": procedureSummary(l, p),
		"provider":    h.procProviderLD(v),
		"areaServed":  map[string]any{"@type": "AdministrativeArea", "name": l.T("procpage.area_served")},
	}
	if p.Field != "" {
		ld["serviceType"] = p.Field
	}
	if len(p.Applicants) > 0 {
		ld["audience"] = map[string]any{"@type": "Audience", "audienceType": strings.Join(p.Applicants, "; ")}
	}
	var legal []string
	for _, ref := range p.LegalBasis {
		legal = append(legal, strings.TrimSpace(ref.Number+" "+ref.Summary))
	}
	if len(legal) > 0 {
		ld["termsOfService"] = strings.Join(legal, "; ")
	}
	var channels []map[string]any
	for _, c := range p.Channels {
		channels = append(channels, procChannelLD(l, p, c, url))
	}
	if len(channels) > 0 {
		ld["availableChannel"] = channels
	}
	return ld
}

// procProviderLD is the owning unit as a GovernmentOrganization.
func (h *Handlers) procProviderLD(v procedureView) map[string]any {
	org := map[string]any{"@type": "GovernmentOrganization", "name": v.OwnerName}
	if v.Owner == nil {
		return org
	}
	org["url"] = h.BaseURL + v.OwnerURL
	if v.Owner.Phone != "" {
		org["telephone"] = v.Owner.Phone
	}
	if v.Owner.Email != "" {
		org["email"] = v.Owner.Email
	}
	return org
}

// procChannelLD is one way of submitting as a ServiceChannel. Its serviceUrl is
// the procedure's page, where the channel's instructions are; an in-person
// channel names the place of submission.
func procChannelLD(l *i18n.Localizer, p *procedure.Procedure, c procedure.Channel, url string) map[string]any {
	ch := map[string]any{
		"@type": "ServiceChannel", "name": l.T("procedure.channel." + string(c.Kind)),
		"serviceUrl":        url,
		"availableLanguage": map[string]any{"@type": "Language", "name": "Vietnamese", "alternateName": "vi"},
	}
	if d := procISODuration(c.TimeLimit); d != "" {
		ch["processingTime"] = d
	}
	if desc := strings.TrimSpace(c.TimeLimitText + " " + c.Note); desc != "" {
		ch["description"] = desc
	}
	if c.Kind == procedure.InPerson && p.SubmitWhere != "" {
		ch["serviceLocation"] = map[string]any{"@type": "Place", "name": p.SubmitWhere}
	}
	return ch
}
