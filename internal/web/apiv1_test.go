package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cong-vn/cong/internal/web/apiv1"
)

// openAPI validates API responses against the embedded OpenAPI document.
type openAPI struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
}

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(apiv1.OpenAPI))
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("openapi.json", doc); err != nil {
		t.Fatal(err)
	}
	return &openAPI{doc: doc.(map[string]any), compiler: c}
}

// validate checks body against the schema the document gives for the
// operation (path template, method) and status.
func (o *openAPI) validate(t *testing.T, method, tmpl string, status int, body string) {
	t.Helper()
	op, ok := dig(o.doc, "paths", tmpl, strings.ToLower(method)).(map[string]any)
	if !ok {
		t.Fatalf("openapi.json has no operation %s %s", method, tmpl)
	}
	resp, ok := dig(op, "responses", fmt.Sprint(status)).(map[string]any)
	if !ok {
		t.Fatalf("openapi.json: %s %s does not document status %d", method, tmpl, status)
	}
	ptr := fmt.Sprintf("openapi.json#/paths/%s/%s/responses/%d", escape(tmpl), strings.ToLower(method), status)
	if ref, ok := resp["$ref"].(string); ok {
		ptr = "openapi.json" + ref
	}
	sch, err := o.compiler.Compile(ptr + "/content/application~1json/schema")
	if err != nil {
		t.Fatalf("compile schema %s: %v", ptr, err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
	if err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, trim(body))
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s %s (%d) does not match openapi.json: %v\n%s", method, tmpl, status, err, trim(body))
	}
}

func escape(p string) string { return strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1") }

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestOpenAPIDocumentServed(t *testing.T) {
	f := newFixture(t)
	_, body := f.run(t, scenario{path: "/api/v1/openapi.json", status: 200, want: []string{`"openapi": "3.1.0"`}})
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
}

func TestUnitsAPI(t *testing.T) {
	f := newFixture(t)
	api := loadOpenAPI(t)
	for _, c := range []struct {
		path, tmpl string
		status     int
		want       []string
	}{
		{"/api/v1/units", "/api/v1/units", 200, []string{`"code":"so-tu-phap"`, `"total":4`}},
		{"/api/v1/units?q=hoan+kiem&active=true", "/api/v1/units", 200, []string{`"total":1`, `"name_vi":"Phường Hoàn Kiếm"`, `"parent_code":"01"`}},
		{"/api/v1/units?kind=department", "/api/v1/units", 200, []string{`"total":1`}},
		{"/api/v1/units?parent=01&limit=1", "/api/v1/units", 200, []string{`"limit":1`, `"total":3`}},
		{"/api/v1/units?active=false", "/api/v1/units", 200, []string{`"successor_code":"00070"`}},
		{"/api/v1/units?kind=planet&limit=9999", "/api/v1/units", 422, []string{`"code":"invalid"`, `"kind":`, `"limit":`}},
		{"/api/v1/units?parent=none", "/api/v1/units", 422, []string{`"parent":`}},
		{"/api/v1/units/so-tu-phap", "/api/v1/units/{code}", 200, []string{`"leaders":[{"name":"Nguyễn Văn A"`, `"bio_vi":"Tiến sĩ Luật học."`}},
		{"/api/v1/units/none", "/api/v1/units/{code}", 404, []string{`"code":"not_found"`}},
	} {
		t.Run(c.path, func(t *testing.T) {
			_, body := f.run(t, scenario{path: c.path, status: c.status, want: c.want})
			api.validate(t, "GET", c.tmpl, c.status, body)
		})
	}
}
