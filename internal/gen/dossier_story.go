package gen

import (
	"time"

	"github.com/cong-vn/cong/internal/dossier"
)

// story plays one dossier's life from its receipt, adding the events a
// centre would send, and stops at the plan's End.
type story struct {
	m     *maker
	d     *dossier.Dossier
	src   *DossierSource
	n     int  // events added
	ended bool // an event fell at or after End: the rest is in the future
	late  bool // the result came after the appointment
}

// Public notes, as centres write them.
const (
	noteReceived   = "Đã tiếp nhận hồ sơ, hẹn trả kết quả theo phiếu hẹn."
	noteProcessing = "Hồ sơ đã được chuyển đến bộ phận chuyên môn giải quyết."
	noteSupplement = "Đề nghị bổ sung bản sao giấy tờ tùy thân và giấy tờ chứng minh nơi cư trú."
	noteSupplied   = "Ông/bà đã nộp bổ sung hồ sơ."
	noteResult     = "Đã có kết quả giải quyết. Mời ông/bà nhận kết quả."
	noteReturned   = "Đã trả kết quả."
	noteRefused    = "Hồ sơ không đủ điều kiện giải quyết theo quy định; xem văn bản trả lời."
	noteWithdrawn  = "Ông/bà đã rút hồ sơ theo đề nghị."
	noteCancelled  = "Hủy hồ sơ tiếp nhận trùng."
)

// live plays the story: receipt, then one of the endings.
func (s *story) live() {
	d, r := s.d, s.m.r
	recv := dossier.Event{Kind: dossier.Upsert, Status: dossier.Received, PublicNote: noteReceived, CentreStatusText: "Tiếp nhận"}
	if d.TimeLimit.IsZero() {
		due, _ := s.m.cal.AddWorkingDays(d.ReceivedAt, 5, nil)
		recv.AppointmentAt = due.UTC()
	}
	s.add(d.ReceivedAt, recv, s.src.CentreID)
	p := r.Float64()
	switch {
	case p < 0.012:
		s.add(s.between(0.1, 0.7), dossier.Event{Status: dossier.Withdrawn, PublicNote: noteWithdrawn}, s.src.CentreID)
	case p < 0.015:
		s.add(d.ReceivedAt.Add(time.Duration(10+r.IntN(100))*time.Minute), dossier.Event{Status: dossier.Cancelled, PublicNote: noteCancelled}, s.src.CentreID)
	default:
		s.handle(p < 0.025)
	}
}

// handle plays the processing: assignment, perhaps a supplement, and the
// result (or a refusal) and its return.
func (s *story) handle(refuse bool) {
	d, r := s.d, s.m.r
	unit := s.handlingUnit()
	s.add(d.ReceivedAt.Add(time.Duration(20+r.IntN(240))*time.Minute), dossier.Event{Status: dossier.InProcessing,
		PublicNote: noteProcessing, CentreStatusText: "Đang thụ lý",
		InternalNote: "Phân công chuyên viên " + personName(r) + " thụ lý."}, unit)
	if r.Float64() < 0.004 {
		return // stuck: never resolved, overdue for months
	}
	if r.Float64() < 0.10 {
		s.supplement(unit)
	}
	if refuse {
		s.add(s.between(0.5, 0.95), dossier.Event{Status: dossier.Refused, PublicNote: noteRefused, CentreStatusText: "Từ chối",
			InternalNote: "Lãnh đạo phòng ký văn bản trả lời."}, unit)
		return
	}
	at := s.resultTime()
	s.add(at, dossier.Event{Status: dossier.ResultReady, PublicNote: noteResult, CentreStatusText: "Có kết quả"}, s.src.CentreID)
	back := at.Add(time.Duration(r.IntN(4*60)) * time.Minute)
	if d.Channel != dossier.Online {
		back = s.workingHour(at.Add(time.Duration(r.IntN(4)) * 24 * time.Hour))
	}
	if back.Before(at) {
		back = at.Add(time.Hour)
	}
	s.add(back, dossier.Event{Status: dossier.Returned, PublicNote: noteReturned, CentreStatusText: "Đã trả kết quả"}, s.src.CentreID)
}

// supplement asks for a supplement part-way, and the applicant brings it
// one to seven days later (the clock pauses meanwhile), unless End comes
// first.
func (s *story) supplement(unit int64) {
	r := s.m.r
	ask := s.between(0.2, 0.6)
	s.add(ask, dossier.Event{Status: dossier.SupplementRequested, PublicNote: noteSupplement, CentreStatusText: "Yêu cầu bổ sung"}, unit)
	back := s.workingHour(ask.Add(time.Duration(1+r.IntN(7)) * 24 * time.Hour))
	s.add(back, dossier.Event{Status: dossier.Received, PublicNote: noteSupplied, CentreStatusText: "Đã bổ sung"}, s.src.CentreID)
	s.add(back.Add(time.Duration(30+r.IntN(120))*time.Minute), dossier.Event{Status: dossier.InProcessing, CentreStatusText: "Đang thụ lý"}, unit)
}

// resultTime picks when the result comes: mostly before the appointment,
// one in fourteen one to six working days after it.
func (s *story) resultTime() time.Time {
	d, r := s.d, s.m.r
	if r.Float64() < 0.07 {
		s.late = true
		late, _ := s.m.cal.AddWorkingDays(d.AppointmentAt, 1+r.IntN(6), nil)
		return late.Add(-time.Duration(r.IntN(7*60)) * time.Minute).UTC()
	}
	return s.between(0.45, 0.98)
}

// between returns a time at fraction u ∈ [lo, hi) of the way from the
// last event to the appointment.
func (s *story) between(lo, hi float64) time.Time {
	d := s.d
	from := d.History[len(d.History)-1].At
	to := d.AppointmentAt
	if !to.After(from) {
		to = from.Add(8 * time.Hour)
	}
	u := lo + s.m.r.Float64()*(hi-lo)
	return from.Add(time.Duration(u * float64(to.Sub(from)))).Truncate(time.Minute)
}

// workingHour moves t to 09:00 of its day in Vietnam when it falls out
// of the day's hours; the calendar's next working instant beyond that.
func (s *story) workingHour(t time.Time) time.Time {
	at, _ := s.m.cal.AddWorkingHours(t, 0, nil)
	return at.Add(time.Duration(s.m.r.IntN(90)) * time.Minute).UTC()
}

// handlingUnit is where the dossier is processed.
func (s *story) handlingUnit() int64 {
	if s.src.HandlingUnitID != 0 {
		return s.src.HandlingUnitID
	}
	return s.src.CentreID
}

// add adds an event at at unless the story has reached End.
func (s *story) add(at time.Time, ev dossier.Event, unit int64) {
	if s.ended || !at.Before(s.m.plan.End) {
		s.ended = true
		return
	}
	s.n++
	if ev.Kind == "" {
		ev.Kind = dossier.StatusChange
	}
	ev.At, ev.UnitID, ev.ReceivedVia = at.UTC(), unit, s.m.plan.Via
	ev.EventID, ev.Created = s.m.eventID(s.d.ReceiptCode, s.n), at.UTC().Add(time.Duration(1+s.m.r.IntN(300))*time.Second)
	if _, err := s.d.AddEvent(ev, s.m.cal); err != nil {
		// A step the lifecycle refuses is left out; the story goes on.
		s.n--
	}
}
