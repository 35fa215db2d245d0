package web_test

import (
	"regexp"
	"strings"
	"testing"
)

func TestAdminOverdueDossiers(t *testing.T) {
	f := newCentreStaffFixture(t)
	sessions := map[string]*staff{"admin": f.adminSession(t), "hccclerk": f.session(t, "hccclerk"),
		"bclerk": f.session(t, "bclerk"), "wardadmin": f.session(t, "wardadmin")}
	const list = "/quan-tri/ho-so/qua-han"
	res := f.check(t, sessions, adminCase{name: "centre operator", actor: "hccclerk", path: list, status: 200, want: []string{
		"<h1>Hồ sơ quá hạn</h1>", "2 hồ sơ quá hạn",
		`<a href="/quan-tri/ho-so/HS-QH-1"><code>HS-QH-1</code></a>`, `<a href="/quan-tri/ho-so/HS-QH-2"><code>HS-QH-2</code></a>`,
		"<strong>4 ngày làm việc</strong>", "<strong>1 ngày làm việc</strong>",
		"Thủ tục đăng ký khai sinh <span class=\"muted\">(1.001193)</span>", "<td>Đang giải quyết</td>", "<td>Sở Tư pháp</td>",
		`<time datetime="2025-05-06T10:00:00Z">06/05/2025 17:00</time>`,
		`<option value="` + f.idOf("hcc-a") + `">Trung tâm phục vụ hành chính công A</option>`,
		`<form method="get" action="/quan-tri/ho-so"`, `<label for="f-code">Mã hồ sơ</label>`,
		`href="/quan-tri/ho-so/qua-han">Hồ sơ quá hạn</a>`,
	}, notWant: []string{"HS-B-1", "HS-XL-3", "Trung tâm phục vụ hành chính công B</option>"}})
	// Most overdue first.
	if a, b := strings.Index(res.body, "HS-QH-1"), strings.Index(res.body, "HS-QH-2"); a < 0 || b < a {
		t.Errorf("HS-QH-1 (4 days) at %d, HS-QH-2 (1 day) at %d: want the most overdue first", a, b)
	}
	f.checkAll(t, sessions, []adminCase{
		{name: "admin, every centre", actor: "admin", path: list, status: 200,
			want: []string{"3 hồ sơ quá hạn", "HS-QH-1", "HS-B-1", "<td>Trung tâm phục vụ hành chính công B</td>", `<option value="" selected>`}},
		{name: "admin, one centre", actor: "admin", path: list + "?unit=" + f.idOf("hcc-a"), status: 200,
			want:    []string{"2 hồ sơ quá hạn", "HS-QH-1", `<option value="` + f.idOf("hcc-a") + `" selected>`},
			notWant: []string{"HS-B-1"}},
		{name: "admin, a centre without overdue", actor: "admin", path: list + "?unit=" + f.idOf("hcc-c"), status: 200, want: []string{"Không có hồ sơ quá hạn."}},
		{name: "bad unit", actor: "admin", path: list + "?unit=abc", status: 404},
		{name: "another centre's operator", actor: "bclerk", path: list, status: 200, want: []string{"1 hồ sơ quá hạn", "HS-B-1"}, notWant: []string{"HS-QH-1"}},
		{name: "asking for another centre", actor: "bclerk", path: list + "?unit=" + f.idOf("hcc-a"), status: 200,
			want: []string{"Không có hồ sơ quá hạn."}, notWant: []string{"HS-QH-1"}},
		{name: "staff of a unit without centres", actor: "wardadmin", path: list, status: 200, want: []string{"Không có hồ sơ quá hạn."}},
		{name: "anonymous", path: list, status: 303, location: "/quan-tri/dang-nhap?next="},
		// The search box.
		{name: "open by code", actor: "hccclerk", path: "/quan-tri/ho-so?code=+HS-QH-1+", status: 303, location: "/quan-tri/ho-so/HS-QH-1"},
		{name: "another centre's code", actor: "hccclerk", path: "/quan-tri/ho-so?code=HS-B-1", status: 404, want: []string{
			`id="f-code-err">Không có hồ sơ mã HS-B-1 mà bạn được xem.`, `value="HS-B-1"`, "2 hồ sơ quá hạn"}},
		{name: "empty search", actor: "hccclerk", path: "/quan-tri/ho-so?code=", status: 303, location: list},
	})
}

var slipLinkRE = regexp.MustCompile(`href="(/quan-tri/ho-so/HS-XL-3/phieu-xin-loi/\d+)"`)

func TestAdminDossierPageAndSlip(t *testing.T) {
	f := newCentreStaffFixture(t)
	sessions := map[string]*staff{"admin": f.adminSession(t), "hccclerk": f.session(t, "hccclerk"),
		"bclerk": f.session(t, "bclerk"), "wardadmin": f.session(t, "wardadmin")}
	f.checkAll(t, sessions, []adminCase{
		{name: "dossier", actor: "hccclerk", path: "/quan-tri/ho-so/HS-QH-1", status: 200, want: []string{
			"<h1>Hồ sơ HS-QH-1</h1>", "Hồ sơ đã quá hạn 4 ngày làm việc.", "<dd>Nguyễn Văn An</dd>", "<dd>Trực tiếp</dd>",
			"<dd>Trung tâm phục vụ hành chính công A</dd>", "<dd>Sở Tư pháp</dd>", "Do bộ phận một cửa hẹn.",
			// The full history: internal notes and the centre's own statuses.
			"Ghi chú nội bộ: thiếu chữ ký", "Nội bộ: chờ lãnh đạo ký", "<code>DXL</code> Chuyên viên Lê Văn Cường thụ lý",
			"<code>TN</code> Cán bộ Trần Thị Bình tiếp nhận", "Đang thẩm định.", "Hệ thống một cửa (API)", "Mã sự kiện <code>a2</code>",
			"Hồ sơ chưa có phiếu xin lỗi nào.",
		}},
		{name: "admin sees every dossier", actor: "admin", path: "/quan-tri/ho-so/HS-B-1", status: 200, want: []string{"<h1>Hồ sơ HS-B-1</h1>"}},
		{name: "another centre's operator", actor: "bclerk", path: "/quan-tri/ho-so/HS-QH-1", status: 404, want: []string{"Không tìm thấy hồ sơ."},
			notWant: []string{"Nội bộ"}},
		{name: "another unit", actor: "wardadmin", path: "/quan-tri/ho-so/HS-QH-1", status: 404},
		{name: "unknown dossier", actor: "admin", path: "/quan-tri/ho-so/HS-KHONG-CO", status: 404},
		{name: "a computed appointment", actor: "hccclerk", path: "/quan-tri/ho-so/HS-TT-7", status: 200, want: []string{
			"Tính theo thời hạn giải quyết 3 ngày làm việc.", "<h2 id=\"h-appt\">Cách tính ngày hẹn</h2>",
			`<time datetime="2025-05-15T10:00:00Z">15/05/2025 17:00</time>`}},
		// A receipt code may hold "/": it stays one path segment.
		{name: "open a code with slashes", actor: "hccclerk", path: "/quan-tri/ho-so?code=HS/2025/6", status: 303, location: "/quan-tri/ho-so/HS%2F2025%2F6"},
		{name: "a code with slashes", actor: "hccclerk", path: "/quan-tri/ho-so/HS%2F2025%2F6", status: 200,
			want: []string{"<h1>Hồ sơ HS/2025/6</h1>", "Do bộ phận một cửa hẹn.", `href="/quan-tri/ho-so/qua-han">Hồ sơ quá hạn</a>`}, notWant: []string{"overdue-note"}},
	})
	page := f.check(t, sessions, adminCase{name: "dossier with a slip", actor: "hccclerk", path: "/quan-tri/ho-so/HS-XL-3", status: 200, want: []string{
		"Phiếu xin lỗi và hẹn lại ngày trả kết quả", "<td class=\"pre\">Chờ ý kiến thẩm định của Sở Tư pháp</td>", "Chưa gửi", "In phiếu",
		`<time datetime="2025-04-25T10:00:00Z">25/04/2025 17:00</time>`, `<time datetime="2025-05-20T10:00:00Z">20/05/2025 17:00</time>`,
	}, notWant: []string{"overdue-note"}})
	m := slipLinkRE.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no link to the slip\n%s", mainOf(page.body))
	}
	slip := m[1]
	f.checkAll(t, sessions, []adminCase{
		{name: "slip", actor: "hccclerk", path: slip, status: 200, want: []string{
			`<link rel="stylesheet" href="/static/slip.`, `<body class="slip-view">`,
			"Ủy ban nhân dân thành phố Hà Nội", `<p class="unit">Trung tâm phục vụ hành chính công A</p>`,
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
			"<h1>PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ</h1>", "Kính gửi: Ông/Bà Nguyễn Văn An",
			"đã tiếp nhận hồ sơ của Ông/Bà ngày 21 tháng 04 năm 2025", "<dd>HS-XL-3</dd>", "<dd>Thủ tục đăng ký khai sinh</dd>",
			"<dd>17 giờ 00, ngày 25 tháng 04 năm 2025</dd>", "<strong>17 giờ 00, ngày 20 tháng 05 năm 2025</strong>",
			"Chờ ý kiến thẩm định của Sở Tư pháp", "ĐẠI DIỆN CƠ QUAN, ĐƠN VỊ", `<p class="slip-date">Hà Nội, ngày`, `href="/quan-tri/ho-so/HS-XL-3"`,
		}, notWant: []string{"main-nav", "admin-bar"}},
		{name: "slip of another centre", actor: "bclerk", path: slip, status: 404},
		{name: "slip, another unit", actor: "wardadmin", path: slip, status: 404},
		{name: "unknown slip", actor: "admin", path: "/quan-tri/ho-so/HS-XL-3/phieu-xin-loi/999999", status: 404, want: []string{"Không tìm thấy phiếu xin lỗi."}},
		{name: "a slip under another dossier", actor: "admin", path: strings.Replace(slip, "HS-XL-3", "HS-QH-1", 1), status: 404},
	})
}
