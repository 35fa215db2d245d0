package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/procedure"
)

func TestProcedurePages(t *testing.T) {
	f := newFixture(t)
	for _, sc := range []scenario{
		{name: "nav link", path: "/", status: 200, want: []string{`href="/thu-tuc">Thủ tục hành chính</a>`}},
		{name: "catalogue", path: "/thu-tuc", status: 200, want: []string{
			"<h1>Thủ tục hành chính</h1>", "3 thủ tục", "Thủ tục đăng ký khai sinh", "Thủ tục đăng ký thường trú", "Thủ tục chứng thực bản sao",
			`<caption>Thủ tục hành chính, theo tên (trang 1 / 1)</caption>`, `<th scope="col">Tên thủ tục</th>`, `<th scope="row"><a href="/thu-tuc/1.001193">`,
			`href="/thu-tuc?level=commune">Cấp xã</a> <span class="count">3</span>`,
			`href="/thu-tuc?level=province">Cấp tỉnh</a> <span class="count">1</span>`,
			`href="/thu-tuc?online=full">Toàn trình</a> <span class="count">1</span>`,
			`>Ủy ban nhân dân cấp xã</a> <span class="count">2</span>`,
			`href="/thu-tuc?unit=so-tu-phap">Sở Tư pháp</a> <span class="count">2</span>`,
			`href="/dich-vu-cong-truc-tuyen"`, `href="/en/procedures"`,
		}, notWant: []string{`name="robots"`}},
		{name: "by field", path: "/thu-tuc?field=H%E1%BB%99+t%E1%BB%8Bch", status: 200, want: []string{
			"1 thủ tục", "Thủ tục đăng ký khai sinh", "Đang lọc theo:", `aria-current="true">Hộ tịch`, `name="robots" content="noindex"`,
			// the other dimensions count within the field
			`Cấp tỉnh</a> <span class="count">1</span>`, `Một phần</a> <span class="count">1</span>`,
		}, notWant: []string{"Thủ tục đăng ký thường trú", "Thủ tục chứng thực"}},
		{name: "by online level", path: "/thu-tuc?online=full", status: 200, want: []string{"1 thủ tục", "Thủ tục đăng ký thường trú"}, notWant: []string{"Thủ tục đăng ký khai sinh"}},
		{name: "by level", path: "/thu-tuc?level=province", status: 200, want: []string{"1 thủ tục", "Thủ tục đăng ký khai sinh"}},
		{name: "by agency", path: "/thu-tuc?agency=C%C3%B4ng+an+c%E1%BA%A5p+x%C3%A3", status: 200, want: []string{"1 thủ tục", "Thủ tục đăng ký thường trú"}},
		{name: "by owner", path: "/thu-tuc?unit=so-tu-phap", status: 200, want: []string{"2 thủ tục", "Thủ tục đăng ký khai sinh", "Thủ tục chứng thực",
			`Một phần</a> <span class="count">1</span>`, `Chưa trực tuyến</a> <span class="count">1</span>`}, notWant: []string{"Thủ tục đăng ký thường trú"}},
		{name: "combined", path: "/thu-tuc?unit=so-tu-phap&online=none", status: 200, want: []string{"1 thủ tục", "Thủ tục chứng thực", `<input type="hidden" name="unit" value="so-tu-phap">`}},
		{name: "name without diacritics", path: "/thu-tuc?q=dang+ky+khai+sinh", status: 200, want: []string{"1 thủ tục", "Thủ tục đăng ký khai sinh", `value="dang ky khai sinh"`}},
		{name: "name with diacritics", path: "/thu-tuc?q=%C4%90%C4%83ng+k%C3%BD", status: 200, want: []string{"2 thủ tục"}, notWant: []string{"Thủ tục chứng thực"}},
		{name: "by code", path: "/thu-tuc?q=2.000815", status: 200, want: []string{"1 thủ tục", "Thủ tục chứng thực"}},
		{name: "nothing found", path: "/thu-tuc?q=zzzz", status: 200, want: []string{"0 thủ tục", "Không có thủ tục nào phù hợp"}},
		{name: "bad values ignored", path: "/thu-tuc?level=planet&online=x&unit=none", status: 200, want: []string{"3 thủ tục"}, notWant: []string{"Đang lọc theo:"}},
		{name: "filter escapes html", path: "/thu-tuc?q=%3Cscript%3Ealert(1)%3C/script%3E", status: 200, want: []string{"&lt;script&gt;"}, notWant: []string{"<script>alert"}},
		{name: "catalogue en", path: "/en/procedures", status: 200, want: []string{`<html lang="en">`, "Administrative procedures", "3 procedures", `href="/en/procedures/1.001193"`, `lang="vi"><a href="/en/procedures/1.001193">`,
			`href="/en/procedures?unit=so-tu-phap">Department of Justice</a>`}},

		{name: "procedure", path: "/thu-tuc/1.001193", status: 200, want: []string{
			"<h1>Thủ tục đăng ký khai sinh</h1>", "<dt>Mã thủ tục</dt><dd>1.001193</dd>", "Cấp tỉnh, Cấp xã", "<dd>Một phần</dd>",
			`<a href="/thu-tuc?field=H%E1%BB%99&#43;t%E1%BB%8Bch">Hộ tịch</a>`, "TTHC được luật giao quy định chi tiết",
			// applicants, steps, channels, documents, forms, conditions, result
			"<li>Cha, mẹ của trẻ</li>", "<h3>Nộp hồ sơ</h3><p>Người yêu cầu nộp tờ khai tại Bộ phận Một cửa.</p><p>Có thể nộp trực tuyến.</p>",
			`<caption>Cách thức nộp hồ sơ, thời hạn giải quyết và phí, lệ phí</caption>`, `<th scope="row">Trực tiếp</th><td>3 ngày làm việc<br><span class="muted">03 ngày làm việc kể từ ngày nhận đủ hồ sơ</span>`,
			"Lệ phí: miễn phí (đăng ký đúng hạn)", "Lệ phí: 8.000 đồng (đăng ký quá hạn)",
			`<th scope="row">Giấy chứng sinh</th><td>1</td><td>1</td>`, "hoặc văn bản của người làm chứng",
			`<a href="https://forms.example/to-khai-khai-sinh.docx" download>Mẫu tờ khai đăng ký khai sinh</a>`,
			"Mẫu giấy cam đoan về việc sinh <span class=\"muted\">(nhận mẫu tại nơi nộp hồ sơ)</span>",
			"<p>Trẻ sinh ra trên lãnh thổ Việt Nam.</p>", "<p>Giấy khai sinh bản chính.</p>",
			// where, agencies, legal basis, announcement
			"<dt>Nơi nộp hồ sơ</dt><dd>Bộ phận Một cửa của Ủy ban nhân dân cấp xã</dd>", "<dd>Chủ tịch Ủy ban nhân dân cấp xã</dd>",
			`<th scope="row">60/2014/QH13</th><td>Luật Hộ tịch</td><td>Quốc hội</td><td><time datetime="2014-11-20">20/11/2014</time>`,
			"<dd>1872/QĐ-BTP</dd>", `<time datetime="2025-07-01">01/07/2025</time>`, "số 1, công bố ngày",
			// the owner, in the page and the footer
			`<dd><a href="/don-vi/so-tu-phap">Sở Tư pháp</a></dd>`, "Đơn vị chịu trách nhiệm nội dung trang này: Sở Tư pháp",
			// the time limit in working days
			"<strong>3 ngày làm việc</strong> (Trực tiếp, Trực tuyến) — nếu nộp hồ sơ hôm nay (", "hạn trả kết quả dự kiến là",
			"(không tính thứ Bảy, Chủ nhật và ngày lễ).", "Cách tính: Nhận hồ sơ", `href="/lich-nghi"`,
			// tools and JSON-LD
			`href="/thu-tuc/1.001193?in=1">In trang</a>`, `href="/thu-tuc/1.001193/lich-su">Lịch sử phiên bản</a>`, `href="/api/v1/procedures/1.001193"`,
			`"@type":"GovernmentService"`, `"serviceType":"Hộ tịch"`, `"identifier":"1.001193"`,
			`"provider":{"@type":"GovernmentOrganization","email":"sotuphap@hanoi.gov.vn","name":"Sở Tư pháp"`,
			`"areaServed":{"@type":"AdministrativeArea","name":"Thành phố Hà Nội"}`, `"termsOfService":"60/2014/QH13 Luật Hộ tịch"`,
			`"@type":"ServiceChannel"`, `"processingTime":"P3D"`, `"availableLanguage":{"@type":"Language","alternateName":"vi","name":"Vietnamese"}`,
			`"serviceLocation":{"@type":"Place","name":"Bộ phận Một cửa của Ủy ban nhân dân cấp xã"}`,
			`href="/en/procedures/1.001193"`,
		}, notWant: []string{`name="robots"`, " style=", "<style"}},
		{name: "half a working day and a fee", path: "/thu-tuc/2.000815", status: 200, want: []string{
			"0,5 ngày làm việc", "Phí: 2.000 đồng (mỗi trang)", "<dd>Chưa trực tuyến</dd>", `"processingTime":"PT4H"`,
			"<p>Chưa có thông tin.</p>", "Thủ tục này không có mẫu đơn, tờ khai đính kèm.", "Không có yêu cầu, điều kiện riêng.",
		}},
		{name: "procedure en", path: "/en/procedures/1.001193", status: 200, want: []string{
			`<html lang="en">`, `<h1 lang="vi">Thủ tục đăng ký khai sinh</h1>`, "<h2 id=\"h-limit\">Time limit</h2>", "<strong>3 working days</strong> (In person, Online)",
			"if you submit today", "(Saturdays, Sundays and public holidays not counted).", "How it was computed: Received",
			"Charge: VND 8,000 (đăng ký quá hạn)", "Charge: free", `<a href="/en/units/so-tu-phap">Department of Justice</a>`, `href="/thu-tuc/1.001193"`,
			`href="/en/procedures/1.001193?in=1">Print</a>`, `"availableLanguage"`,
		}},
		{name: "print view", path: "/thu-tuc/1.001193?in=1", status: 200, want: []string{
			`<body class="print-view">`, `<main id="main">`, "<h1>Thủ tục đăng ký khai sinh</h1>", `name="robots" content="noindex"`,
			"Thời hạn giải quyết", "Căn cứ pháp lý", "Đơn vị chịu trách nhiệm nội dung trang này: Sở Tư pháp",
			"Nguồn: http://", "/thu-tuc/1.001193 · In lúc ", `href="/thu-tuc/1.001193">← Về trang thủ tục</a>`, "Ctrl",
		}, notWant: []string{`class="main-nav"`, "site-search", "application/ld+json", "<script", `href="/thu-tuc/1.001193?in=1"`}},
		{name: "print view en", path: "/en/procedures/1.001193?in=1", status: 200, want: []string{`<html lang="en">`, "Source: http://", "Print"}},
		{name: "history", path: "/thu-tuc/1.001193/lich-su", status: 200, want: []string{
			"<h1>Lịch sử phiên bản: Thủ tục đăng ký khai sinh</h1>", `<caption>Các phiên bản đã công bố, mới nhất trước</caption>`,
			`<th scope="row">1 <span class="badge">đang áp dụng</span></th>`, "Công bố theo quyết định", "<td>1872/QĐ-BTP</td>",
			`href="/en/procedures/1.001193/history"`, `href="/thu-tuc/1.001193">Thủ tục đăng ký khai sinh</a>`,
		}},
		{name: "history en", path: "/en/procedures/1.001193/history", status: 200, want: []string{"Version history", "Announced by decision", `href="/thu-tuc/1.001193/lich-su"`}},
		{name: "unknown", path: "/thu-tuc/9.999999", status: 404, want: []string{"Không tìm thấy thủ tục hành chính."}},
		{name: "unknown en", path: "/en/procedures/9.999999", status: 404, want: []string{"Administrative procedure not found."}},
		{name: "unknown history", path: "/thu-tuc/9.999999/lich-su", status: 404},
		{name: "online services", path: "/dich-vu-cong-truc-tuyen", status: 200, want: []string{
			"<h1>Dịch vụ công trực tuyến</h1>", "Nghị định số 42/2022/NĐ-CP", "Có 2 dịch vụ công trực tuyến: 1 toàn trình, 1 một phần.",
			`<caption>Số dịch vụ công trực tuyến theo lĩnh vực</caption>`, `<a href="#linh-vuc-1">Đăng ký, quản lý cư trú</a></th><td>1</td><td>0</td>`,
			`<h2 id="linh-vuc-2">Hộ tịch</h2>`, `<a href="/thu-tuc/1.001193">Thủ tục đăng ký khai sinh</a></th><td>1.001193</td><td>Cấp tỉnh, Cấp xã</td><td>Một phần</td>`,
			`<a href="/thu-tuc/1.004194">Thủ tục đăng ký thường trú</a></th><td>1.004194</td><td>Cấp xã</td><td>Toàn trình</td>`,
		}, notWant: []string{"Thủ tục chứng thực"}},
		{name: "online services en", path: "/en/online-services", status: 200, want: []string{"Online public services", "2 online public services: 1 full online, 1 partially online.", `href="/en/procedures/1.001193"`}},
	} {
		t.Run(sc.name, func(t *testing.T) { f.run(t, sc) })
	}
}

// The page explains the time limit with the portal's calendar: the due date
// of a dossier submitted now, and how it was computed.
func TestProcedureWorkingDays(t *testing.T) {
	f := newFixture(t)
	cal, err := f.cal.Calendar(admin())
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now()
	_, body := f.run(t, scenario{path: "/thu-tuc/1.004194", status: 200, want: []string{"<strong>7 ngày làm việc</strong> (Trực tuyến)"}})
	after := time.Now()
	// The request ran between before and after; the due date is one of
	// theirs (they differ only across a period boundary).
	for _, at := range []time.Time{before, after} {
		due, why := cal.AddWorkingDays(at, 7, nil)
		if strings.Contains(body, `datetime="`+strings.ReplaceAll(due.Format(time.RFC3339), "+", "&#43;")+`"`) {
			if got := why.Text("vi"); !strings.Contains(body, strings.ReplaceAll(got, "+", "&#43;")) {
				t.Errorf("page lacks the explanation %q", got)
			}
			if due.Sub(at) < 7*24*time.Hour {
				t.Errorf("7 working days end %v after %v", due, at)
			}
			return
		}
	}
	due, _ := cal.AddWorkingDays(before, 7, nil)
	t.Errorf("page lacks the due date %s\n%s", due.Format(time.RFC3339), trim(body[strings.Index(body, "h-limit"):]))
}

// 25 procedures make two pages of 20 and 5, linked both ways.
func TestProcedureCataloguePages(t *testing.T) {
	f := newFixture(t)
	for i := range 22 {
		p := certifiedCopy(mustUnit(t, f, "00070"))
		p.Code, p.Name = fmt.Sprintf("2.%06d", 900000+i), fmt.Sprintf("Thủ tục mẫu số %02d", i)
		if _, err := f.procs.Announce(admin(), p, procedure.Basis{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	_, body := f.run(t, scenario{path: "/thu-tuc", status: 200, want: []string{"25 thủ tục", "(trang 1 / 2)", `rel="next" href="/thu-tuc?page=2"`}})
	if n := strings.Count(body, `<tr><th scope="row">`); n != 20 {
		t.Errorf("page 1 has %d rows", n)
	}
	_, body = f.run(t, scenario{path: "/thu-tuc?page=2", status: 200, want: []string{"(trang 2 / 2)", `rel="prev" href="/thu-tuc?page=1"`, `name="robots" content="noindex"`}})
	if n := strings.Count(body, `<tr><th scope="row">`); n != 5 {
		t.Errorf("page 2 has %d rows", n)
	}
	f.run(t, scenario{path: "/thu-tuc?q=mau+so&unit=00070&page=2", status: 200, want: []string{"(trang 2 / 2)", `href="/thu-tuc?q=mau&#43;so&amp;unit=00070&amp;page=1"`}})
}

// What the public never sees: a draft is not found anywhere; a newer draft
// of a published procedure leaves the published text in place; an abolished
// procedure keeps its page, marked, but leaves the lists.
func TestProcedureVisibility(t *testing.T) {
	f := newFixture(t)
	draft := residence(mustUnit(t, f, "00070"))
	draft.Code, draft.Name = "1.000777", "Thủ tục chưa công bố"
	if err := f.procs.CreateProcedure(admin(), draft, procedure.Basis{Reason: "mới"}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/thu-tuc/1.000777", "/en/procedures/1.000777", "/thu-tuc/1.000777/lich-su", "/thu-tuc/1.000777?in=1",
		"/api/v1/procedures/1.000777", "/open311/v2/services/1.000777.json"} {
		f.run(t, scenario{path: path, status: 404, notWant: []string{"Thủ tục chưa công bố"}})
	}
	for _, path := range []string{"/thu-tuc", "/dich-vu-cong-truc-tuyen", "/sitemap.xml", "/api/v1/procedures", "/open311/v2/services.json"} {
		f.run(t, scenario{path: path, status: 200, notWant: []string{"1.000777", "Thủ tục chưa công bố"}})
	}

	p, err := f.procs.FindProcedureByCode(admin(), "1.001193")
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "Thủ tục đăng ký khai sinh (dự thảo sửa đổi)"
	if err := f.procs.UpdateProcedure(admin(), p, procedure.Basis{Reason: "sửa"}); err != nil {
		t.Fatal(err)
	}
	f.run(t, scenario{path: "/thu-tuc/1.001193", status: 200, want: []string{"<h1>Thủ tục đăng ký khai sinh</h1>"}, notWant: []string{"dự thảo"}})
	f.run(t, scenario{path: "/thu-tuc/1.001193/lich-su", status: 200, notWant: []string{"dự thảo", "<td>sửa</td>"}})

	if _, err := f.procs.Abolish(admin(), "1.004194", 1, procedure.Basis{Decision: "99/QĐ-BCA", Date: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
	f.run(t, scenario{path: "/thu-tuc/1.004194", status: 200, want: []string{
		"Thủ tục này đã bị bãi bỏ", "Hết hiệu lực từ ngày 01/01/2026.", "Quyết định bãi bỏ: 99/QĐ-BCA.", `name="robots" content="noindex"`,
	}, notWant: []string{"application/ld+json", "hạn trả kết quả dự kiến"}})
	f.run(t, scenario{path: "/thu-tuc/1.004194/lich-su", status: 200, want: []string{"Bãi bỏ", "99/QĐ-BCA", "Công bố theo quyết định"}})
	f.run(t, scenario{path: "/api/v1/procedures/1.004194", status: 200, want: []string{`"status":"abolished"`, `"effective_to":"2026-01-01"`}})
	f.run(t, scenario{path: "/open311/v2/services/1.004194.json", status: 404})
	for _, path := range []string{"/thu-tuc", "/dich-vu-cong-truc-tuyen", "/sitemap.xml", "/open311/v2/services.json"} {
		f.run(t, scenario{path: path, status: 200, notWant: []string{"1.004194"}})
	}
}

func TestProcedureSitemap(t *testing.T) {
	f := newFixture(t)
	f.run(t, scenario{path: "/sitemap.xml", status: 200, want: []string{
		"/thu-tuc</loc>", "/en/procedures</loc>", "/dich-vu-cong-truc-tuyen</loc>", "/en/online-services</loc>",
		"/thu-tuc/1.001193</loc>", "/en/procedures/1.001193</loc>", "/thu-tuc/2.000815</loc>", "/thu-tuc/1.004194</loc>",
	}, notWant: []string{"lich-su", "in=1"}})
}

func mustUnit(t *testing.T, f *fixture, code string) int64 {
	t.Helper()
	u, err := f.db.FindUnitByCode(admin(), code)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}
