package open311

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// Service is one entry of the service list, with the fields of GeoReport
// v2 "GET Service List".
type Service struct {
	XMLName     xml.Name `json:"-" xml:"service"`
	Code        string   `json:"service_code" xml:"service_code"`
	Name        string   `json:"service_name" xml:"service_name"`
	Description string   `json:"description" xml:"description"`
	Metadata    bool     `json:"metadata" xml:"metadata"` // always false: no extra attributes
	Type        string   `json:"type" xml:"type"`         // always "batch"
	Keywords    string   `json:"keywords" xml:"keywords"` // comma separated
	Group       string   `json:"group" xml:"group"`       // the procedure's field
}

// serviceList is the XML document of the list.
type serviceList struct {
	XMLName  xml.Name  `xml:"services"`
	Services []Service `xml:"service"`
}

// Definition is a service definition ("GET Service Definition"). A
// procedure asks for no attributes beyond a request's standard fields.
type Definition struct {
	Code       string      `json:"service_code"`
	Attributes []Attribute `json:"attributes"`
}

// xmlDefinition is Definition as XML; its <attributes> element is written
// even when empty.
type xmlDefinition struct {
	XMLName    xml.Name      `xml:"service_definition"`
	Code       string        `xml:"service_code"`
	Attributes xmlAttributes `xml:"attributes"`
}

type xmlAttributes struct {
	Items []Attribute `xml:"attribute"`
}

// Attribute is an extra field a service asks for, as the specification
// defines it; procedures have none.
type Attribute struct {
	Variable            bool   `json:"variable" xml:"variable"`
	Code                string `json:"code" xml:"code"`
	Datatype            string `json:"datatype" xml:"datatype"`
	Required            bool   `json:"required" xml:"required"`
	DatatypeDescription string `json:"datatype_description" xml:"datatype_description"`
	Order               int    `json:"order" xml:"order"`
	Description         string `json:"description" xml:"description"`
}

// Error is one error of an Open311 error response.
type Error struct {
	XMLName     xml.Name `json:"-" xml:"error"`
	Code        int      `json:"code" xml:"code"`
	Description string   `json:"description" xml:"description"`
}

type xmlErrors struct {
	XMLName xml.Name `xml:"errors"`
	Errors  []Error  `xml:"error"`
}

// services answers the service list: every published procedure, by name.
func (h *Handlers) services(w http.ResponseWriter, r *http.Request) {
	format := strings.TrimPrefix(r.URL.Path[strings.LastIndexByte(r.URL.Path, '.'):], ".")
	ps, _, err := h.Procedures.FindProcedures(access.WithActor(r.Context(), nil), procedure.Filter{})
	if err != nil {
		h.fail(w, r, format, err)
		return
	}
	l := h.Catalog.For(httpx.From(r).Lang)
	list := make([]Service, len(ps))
	for i, p := range ps {
		desc := p.Description
		if desc == "" {
			desc = l.T("procpage.summary", p.Name)
		}
		list[i] = Service{Code: p.Code, Name: p.Name, Description: desc, Type: "batch",
			Keywords: strings.Join(p.Keywords, ", "), Group: p.Field}
	}
	if format == "xml" {
		write(w, http.StatusOK, format, serviceList{Services: list})
		return
	}
	write(w, http.StatusOK, format, list)
}

// definition answers the definition of the service {code}.json or .xml.
func (h *Handlers) definition(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	code, format := file, ""
	for _, ext := range []string{"json", "xml"} {
		if c, ok := strings.CutSuffix(file, "."+ext); ok {
			code, format = c, ext
		}
	}
	if format == "" {
		h.fail(w, r, "json", errs.E("open311.definition", errs.NotFound))
		return
	}
	p, err := h.Procedures.FindProcedureByCode(access.WithActor(r.Context(), nil), code)
	if err != nil {
		h.fail(w, r, format, err)
		return
	}
	if p.Status != procedure.Published {
		h.fail(w, r, format, errs.E("open311.definition", errs.NotFound, "procedure.not_found"))
		return
	}
	if format == "xml" {
		write(w, http.StatusOK, format, xmlDefinition{Code: p.Code})
		return
	}
	write(w, http.StatusOK, format, Definition{Code: p.Code, Attributes: []Attribute{}})
}

// fail answers err as the specification's error list; internal causes go
// to the log only.
func (h *Handlers) fail(w http.ResponseWriter, r *http.Request, format string, err error) {
	info := httpx.From(r)
	status := httpx.Status(err)
	if status >= 500 {
		info.Logger.Error("request failed", "status", status, "err", err)
	}
	key, args := errs.KeyOf(err)
	e := Error{Code: status, Description: h.Catalog.For(info.Lang).T(key, args...)}
	if format == "xml" {
		write(w, status, format, xmlErrors{Errors: []Error{e}})
		return
	}
	write(w, status, format, []Error{e})
}

// write encodes v as JSON or XML with status.
func write(w http.ResponseWriter, status int, format string, v any) {
	var b []byte
	var err error
	ct := "application/json; charset=utf-8"
	if format == "xml" {
		ct = "application/xml; charset=utf-8"
		b, err = xml.Marshal(v)
		b = append([]byte(xml.Header), b...)
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		http.Error(w, "500 Internal Server Error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if status == http.StatusOK {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	w.WriteHeader(status)
	w.Write(b)
}
