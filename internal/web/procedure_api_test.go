package web_test

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
)

func TestProceduresAPI(t *testing.T) {
	f := newFixture(t)
	api := loadOpenAPI(t)
	for _, c := range []struct {
		path, tmpl string
		status     int
		want       []string
	}{
		{"/api/v1/procedures", "/api/v1/procedures", 200, []string{`"total":3`, `"limit":50`, `"code":"1.001193"`, `"url":"/thu-tuc/1.001193"`,
			`"levels":[{"value":"province","count":1},{"value":"commune","count":3}]`, `{"value":"so-tu-phap","label":"Sở Tư pháp","count":2}`,
			`"online_levels":[{"value":"full","count":1},{"value":"partial","count":1},{"value":"none","count":1}]`}},
		{"/api/v1/procedures?q=dang+ky+khai+sinh", "/api/v1/procedures", 200, []string{`"total":1`, `"name":"Thủ tục đăng ký khai sinh"`}},
		{"/api/v1/procedures?level=province,district", "/api/v1/procedures", 200, []string{`"total":1`, `"code":"1.001193"`}},
		{"/api/v1/procedures?field=H%E1%BB%99+t%E1%BB%8Bch", "/api/v1/procedures", 200, []string{`"total":1`}},
		{"/api/v1/procedures?agency=C%C3%B4ng+an+c%E1%BA%A5p+x%C3%A3", "/api/v1/procedures", 200, []string{`"total":1`, `"code":"1.004194"`}},
		{"/api/v1/procedures?unit=so-tu-phap&online_level=none", "/api/v1/procedures", 200, []string{`"total":1`, `"code":"2.000815"`,
			`"online_levels":[{"value":"partial","count":1},{"value":"none","count":1}]`}},
		{"/api/v1/procedures?offset=1&limit=1", "/api/v1/procedures", 200, []string{`"total":3`, `"offset":1`, `"limit":1`, `"code":"1.001193"`}},
		{"/api/v1/procedures?level=planet&online_level=x&limit=0", "/api/v1/procedures", 422, []string{`"code":"invalid"`, `"level":`, `"online_level":`, `"limit":`}},
		{"/api/v1/procedures?limit=201", "/api/v1/procedures", 422, []string{`"limit":`}},
		{"/api/v1/procedures?unit=none", "/api/v1/procedures", 422, []string{`"unit":"Không có đơn vị với mã này."`}},
		{"/api/v1/procedures/1.001193", "/api/v1/procedures/{code}", 200, []string{`"status":"published"`, `"version":1`,
			`"unit":{"code":"so-tu-phap","name_vi":"Sở Tư pháp","name_en":"Department of Justice"}`,
			`"time_limit":{"value":3,"unit":"working_days"}`, `"fees":[{"kind":"charge","amount":8000,"description":"đăng ký quá hạn"}]`,
			`{"name":"Giấy chứng sinh","originals":1,"copies":1,"note":"hoặc văn bản của người làm chứng","forms":[]}`,
			`"forms":[{"name":"Mẫu tờ khai đăng ký khai sinh","url":"https://forms.example/to-khai-khai-sinh.docx"}]`,
			`"legal_basis":[{"number":"60/2014/QH13","summary":"Luật Hộ tịch","issuer":"Quốc hội","date":"2014-11-20"}]`,
			`"history_url":"/thu-tuc/1.001193/lich-su"`}},
		{"/api/v1/procedures/2.000815", "/api/v1/procedures/{code}", 200, []string{`"time_limit":{"value":0.5,"unit":"working_days"}`, `"applicants":[]`}},
		{"/api/v1/procedures/9.999999", "/api/v1/procedures/{code}", 404, []string{`"code":"not_found"`}},
	} {
		t.Run(c.path, func(t *testing.T) {
			res, body := f.run(t, scenario{path: c.path, status: c.status, want: c.want})
			api.validate(t, "GET", c.tmpl, c.status, body)
			if c.status == 200 && res.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Error("open data without CORS header")
			}
		})
	}
	// The API never shows the domain's internal fields.
	_, body := f.run(t, scenario{path: "/api/v1/procedures/1.001193", status: 200})
	for _, field := range []string{"owner_unit_id", "OwnerUnitID", "blob_key", "Revision", "source"} {
		if strings.Contains(body, `"`+field+`"`) {
			t.Errorf("response carries %q", field)
		}
	}
}

// Open311 GeoReport v2: the service list and definitions as JSON (checked
// against openapi.json) and as XML in the specification's shape.
func TestOpen311(t *testing.T) {
	f := newFixture(t)
	api := loadOpenAPI(t)
	_, body := f.run(t, scenario{path: "/open311/v2/services.json", status: 200})
	api.validate(t, "GET", "/open311/v2/services.json", 200, body)
	var list []map[string]any
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list) != 3 {
		t.Fatalf("services.json: %d services, %v", len(list), err)
	}
	for _, s := range list {
		if s["service_code"] == "1.001193" {
			want := map[string]any{"service_name": "Thủ tục đăng ký khai sinh", "metadata": false, "type": "batch",
				"keywords": "khai sinh, giấy khai sinh", "group": "Hộ tịch"}
			for k, v := range want {
				if s[k] != v {
					t.Errorf("service %s = %v, want %v", k, s[k], v)
				}
			}
		}
	}

	res, body := f.run(t, scenario{path: "/open311/v2/services.xml", status: 200})
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/xml") {
		t.Errorf("services.xml Content-Type %q", ct)
	}
	var doc struct {
		XMLName  xml.Name `xml:"services"`
		Services []struct {
			Code     string `xml:"service_code"`
			Name     string `xml:"service_name"`
			Metadata bool   `xml:"metadata"`
			Type     string `xml:"type"`
			Group    string `xml:"group"`
		} `xml:"service"`
	}
	if err := xml.Unmarshal([]byte(body), &doc); err != nil || len(doc.Services) != 3 {
		t.Fatalf("services.xml: %d services, %v\n%s", len(doc.Services), err, trim(body))
	}
	for _, s := range doc.Services {
		if s.Code == "" || s.Name == "" || s.Type != "batch" || s.Metadata || s.Group == "" {
			t.Errorf("xml service %+v", s)
		}
	}

	_, body = f.run(t, scenario{path: "/open311/v2/services/1.001193.json", status: 200, want: []string{`{"service_code":"1.001193","attributes":[]}`}})
	api.validate(t, "GET", "/open311/v2/services/{service_code}.json", 200, body)
	_, body = f.run(t, scenario{path: "/open311/v2/services/1.001193.xml", status: 200, want: []string{"<attributes></attributes>"}})
	var def struct {
		XMLName xml.Name `xml:"service_definition"`
		Code    string   `xml:"service_code"`
		Attrs   *struct {
			Items []struct{} `xml:"attribute"`
		} `xml:"attributes"`
	}
	if err := xml.Unmarshal([]byte(body), &def); err != nil || def.Code != "1.001193" || def.Attrs == nil || len(def.Attrs.Items) != 0 {
		t.Errorf("definition xml %+v, %v\n%s", def, err, body)
	}

	_, body = f.run(t, scenario{path: "/open311/v2/services/9.999999.json", status: 404, want: []string{`[{"code":404,"description":"Không tìm thấy thủ tục hành chính."}]`}})
	api.validate(t, "GET", "/open311/v2/services/{service_code}.json", 404, body)
	_, body = f.run(t, scenario{path: "/open311/v2/services/9.999999.xml", status: 404})
	var errDoc struct {
		XMLName xml.Name `xml:"errors"`
		Errors  []struct {
			Code        int    `xml:"code"`
			Description string `xml:"description"`
		} `xml:"error"`
	}
	if err := xml.Unmarshal([]byte(body), &errDoc); err != nil || len(errDoc.Errors) != 1 || errDoc.Errors[0].Code != 404 {
		t.Errorf("xml error %+v, %v\n%s", errDoc, err, body)
	}
	f.run(t, scenario{path: "/open311/v2/services/1.001193.csv", status: 404, want: []string{`"code":404`}})
	f.run(t, scenario{path: "/open311/v2/services.csv", status: 404})
}

// Procedures are in the portal's search: a name typed without diacritics
// finds its procedure first, with the catalogue's facets.
func TestProcedureSearch(t *testing.T) {
	f := newFixture(t)
	api := loadOpenAPI(t)
	for q, code := range map[string]string{
		"thu+tuc+dang+ky+khai+sinh":                          "1.001193",
		"dang+ky+thuong+tru":                                 "1.004194",
		"chung+thuc+ban+sao+tu+ban+chinh+giay+to%2C+van+ban": "2.000815",
	} {
		_, body := f.run(t, scenario{path: "/api/v1/search?kind=procedure&q=" + q, status: 200})
		api.validate(t, "GET", "/api/v1/search", 200, body)
		var res struct {
			Items []struct {
				ID, URL, Kind string
				UnitName      string `json:"unit_name"`
			} `json:"items"`
			Facets map[string][]struct{ Value string } `json:"facets"`
		}
		if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Items) == 0 {
			t.Fatalf("q=%s: %v %s", q, err, trim(body))
		}
		if got := res.Items[0]; got.ID != code || got.URL != "/thu-tuc/"+code || got.Kind != "procedure" || got.UnitName == "" {
			t.Errorf("q=%s: first hit %+v, want %s", q, got, code)
		}
		for _, facet := range []string{"level", "field", "agency", "online_level"} {
			if len(res.Facets[facet]) == 0 {
				t.Errorf("q=%s: no %s facet", q, facet)
			}
		}
	}
	f.run(t, scenario{path: "/tim-kiem?q=khai+sinh&kind=procedure", status: 200, want: []string{
		`<a href="/thu-tuc/1.001193">Thủ tục đăng ký khai sinh</a>`, "Cấp thực hiện", "Cấp xã", "Mức độ trực tuyến", "Một phần",
	}})
	f.run(t, scenario{path: "/en/search?q=khai+sinh", status: 200, want: []string{`href="/en/procedures/1.001193"`}})
}
