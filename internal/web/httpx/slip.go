package httpx

import (
	"fmt"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/i18n"
)

// Slip is an apology and new-appointment slip (phiếu xin lỗi và hẹn lại
// ngày trả kết quả) laid out as the official form of Circular
// 01/2018/TT-VPCP: the issuing unit under its parent, the national motto,
// the date, the title, then the applicant, the dossier and both
// appointments with the reason, and the signing block. The staff's print
// page and the applicant's both render it with the "apology_slip"
// template; they differ only in what they put in it (the applicant sees
// the name masked and a copy note instead of the signature space).
type Slip struct {
	Number      int64  // the slip's number; 0 prints none
	Parent      string // the unit above the issuing one, "" for none
	Unit        string // the issuing unit: the receiving centre
	Place       string // where it is dated ("Hà Nội"); "" leaves a blank to fill in
	Date        string // the slip's date as the form writes it (SlipDate)
	Applicant   string
	ReceiptCode string
	Procedure   string
	Received    string // the day the dossier was received (SlipDate)
	Old, New    string // the two appointments (SlipTime)
	Reason      string
	// Signer heads the signing block; SignHint is written under it;
	// SignSpace leaves room for a handwritten signature and seal.
	Signer, SignHint string
	SignSpace        bool
	// Back and BackLabel are the link above the slip, which printing
	// leaves out.
	Back, BackLabel string
}

// SlipDate writes t's day as official documents do: "ngày 06 tháng 05
// năm 2025" ("6 May 2025" in English), in Vietnam time; "" for no time.
func SlipDate(l *i18n.Localizer, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(calendar.Zone())
	return l.T("slip.day", fmt.Sprintf("%02d", t.Day()), fmt.Sprintf("%02d", int(t.Month())), strconv.Itoa(t.Year()),
		t.Format("January"), strconv.Itoa(t.Day()))
}

// SlipTime writes an appointment: "17 giờ 00, ngày 06 tháng 05 năm 2025"
// ("17:00, 6 May 2025"); "" for no time.
func SlipTime(l *i18n.Localizer, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	local := t.In(calendar.Zone())
	return l.T("slip.time", fmt.Sprintf("%02d", local.Hour()), fmt.Sprintf("%02d", local.Minute()), SlipDate(l, t))
}
