package gen

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/keyring"
)

// DossierSource is a one-stop centre and the procedures it receives.
type DossierSource struct {
	CentreID         int64
	AgencyID         string // for receipt codes; the unit code when empty
	UnitCode         string
	HandlingUnitID   int64 // the unit that handles its dossiers; 0 for the centre itself
	Procedures       []dossier.ProcedureInfo
	Weight           int // its share of the dossiers, relative to the others
	procedureWeights []float64
}

// DossierPlan says what MakeDossiers makes.
type DossierPlan struct {
	N    int       // how many dossiers
	End  time.Time // the dossiers are received in the year before End; no event is at or after it
	Seed uint64
	// Format is the receipt code format; dossier.DefaultReceiptFormat
	// when nil.
	Format *dossier.ReceiptFormatter
	// Via marks the events (Event.ReceivedVia) and prefixes their ids:
	// "seed", "gen".
	Via   string
	Batch int // dossiers per emit; 5,000 when 0
	// Codes, when not nil, receives one "code factor" line per dossier,
	// for load tests of the lookup (the factor is stored only as a keyed
	// hash, so it cannot be read back). Write errors are ignored.
	Codes io.Writer
}

// Sample is a dossier a tester can look up: its receipt code and second
// factor.
type Sample struct {
	Code, Factor string
	Status       dossier.Status
}

// MakeDossiers makes plan.N realistic dossiers for the sources over the
// year before plan.End and passes them to emit in batches, with the
// receipt sequences reached so far. Receipts follow the working days
// (online submissions come on any day and hour, about 40% of all); most
// dossiers end returned on time, some late, some are still in progress or
// overdue at End, a few are refused, withdrawn or cancelled; about one in
// ten waits for a supplement (the clock pauses); a quarter of the returned
// ones are rated. The second factor is the last four digits of the
// applicant's phone, which is not stored. The same plan and sources give
// the same dossiers. It returns emit's error, and a few samples.
func MakeDossiers(plan DossierPlan, sources []*DossierSource, cal *calendar.Calendar, keys *keyring.Keyring,
	emit func([]dossier.Imported, map[string]int64) error) ([]Sample, error) {
	if len(sources) == 0 || plan.N <= 0 {
		return nil, nil
	}
	m := newMaker(plan, sources, cal, keys)
	start := calendar.DateOf(plan.End).AddDays(-365)
	weights, total := dayWeights(cal, start)
	var carry float64
	var batch []dossier.Imported
	for i, w := range weights {
		carry += float64(plan.N) * w / total
		n := int(carry)
		carry -= float64(n)
		day := start.AddDays(i)
		for range n {
			batch = append(batch, m.one(day, w == 1))
		}
		if len(batch) >= m.batch || i == len(weights)-1 {
			if err := emit(batch, m.seqs); err != nil {
				return m.samplesFound(), err
			}
			batch = nil
		}
	}
	return m.samplesFound(), nil
}

// dayWeights weighs each day of the year from start: 1 for a working day,
// 0.2 for a day off (online submissions only).
func dayWeights(cal *calendar.Calendar, start calendar.Date) ([]float64, float64) {
	out := make([]float64, 365)
	var total float64
	for i := range out {
		out[i] = 0.2
		if cal.IsWorkingDay(start.AddDays(i)) {
			out[i] = 1
		}
		total += out[i]
	}
	return out, total
}

// maker is the state of one MakeDossiers run.
type maker struct {
	plan    DossierPlan
	r       *rand.Rand
	cal     *calendar.Calendar
	keys    *keyring.Keyring
	format  *dossier.ReceiptFormatter
	sources []*DossierSource
	weights []float64
	seqs    map[string]int64
	batch   int
	samples []Sample
}

func newMaker(plan DossierPlan, sources []*DossierSource, cal *calendar.Calendar, keys *keyring.Keyring) *maker {
	m := &maker{plan: plan, r: rand.New(rand.NewPCG(plan.Seed, plan.Seed^0x5eed)), cal: cal, keys: keys,
		format: plan.Format, sources: sources, seqs: map[string]int64{}, batch: plan.Batch,
		samples: make([]Sample, len(sampleStatuses))}
	if m.format == nil {
		m.format = dossier.MustParseReceiptFormat(dossier.DefaultReceiptFormat)
	}
	if m.batch <= 0 {
		m.batch = 5000
	}
	for _, s := range sources {
		m.weights = append(m.weights, float64(max(s.Weight, 1)))
		s.procedureWeights = nil
		for i := range s.Procedures {
			// A few procedures take most dossiers (birth, residence,
			// certification), as at every centre.
			s.procedureWeights = append(s.procedureWeights, 1/float64(i+1))
		}
	}
	return m
}

// weighted returns an index of ws chosen in proportion to its weight.
func weighted(r *rand.Rand, ws []float64) int {
	var sum float64
	for _, w := range ws {
		sum += w
	}
	x := r.Float64() * sum
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// one makes a dossier received on day.
func (m *maker) one(day calendar.Date, working bool) dossier.Imported {
	src := m.sources[weighted(m.r, m.weights)]
	for len(src.Procedures) == 0 {
		src = m.sources[weighted(m.r, m.weights)]
	}
	proc := src.Procedures[weighted(m.r, src.procedureWeights)]
	ch := dossier.Online
	if working && m.r.Float64() >= 0.36 {
		ch = dossier.InPerson
		if m.r.Float64() < 0.06 {
			ch = dossier.Post
		}
	}
	received := m.receiptTime(day, ch)
	in := dossier.ReceiptInput{AgencyID: src.AgencyID, UnitCode: src.UnitCode, ReceivedAt: received}
	key := m.format.Key(in)
	m.seqs[key]++
	code := m.format.Format(in, m.seqs[key])
	phone := fmt.Sprintf("09%08d", m.r.IntN(100000000))
	d := &dossier.Dossier{ReceiptCode: code, CentreUnitID: src.CentreID}
	var handling []int64
	if src.HandlingUnitID != 0 {
		handling = []int64{src.HandlingUnitID}
	}
	d.SetHeader(dossier.Header{ProcedureCode: proc.Code, ProcedureName: proc.Name, TimeLimit: proc.TimeLimit, Channel: ch,
		ApplicantName: personName(m.r), LookupHash: dossier.LookupHash(m.keys, code, dossier.PhoneFactor(phone)),
		ReceivedAt: received, HandlingUnitIDs: handling}, received)
	s := &story{m: m, d: d, src: src}
	s.live()
	it := dossier.Imported{Dossier: d, Stats: dossier.Contribution(d, m.cal)}
	if d.Status == dossier.Returned && m.r.Float64() < 0.27 {
		it.Rating = m.rating(d, s.late)
		if !it.Rating.Created.Before(m.plan.End) {
			it.Rating.Created = d.ReturnedAt
		}
		it.Stats = append(it.Stats, dossier.RatingContribution(d, it.Rating.Score))
	}
	m.keepSample(Sample{Code: code, Factor: dossier.PhoneFactor(phone), Status: d.Status})
	if m.plan.Codes != nil {
		fmt.Fprintf(m.plan.Codes, "%s %s\n", code, dossier.PhoneFactor(phone))
	}
	return it
}

// sampleStatuses are the statuses of the samples, in the order shown.
var sampleStatuses = []dossier.Status{dossier.Returned, dossier.ResultReady, dossier.InProcessing, dossier.SupplementRequested}

// keepSample keeps the latest dossier of each status of sampleStatuses.
func (m *maker) keepSample(x Sample) {
	for i, s := range sampleStatuses {
		if s == x.Status {
			m.samples[i] = x
		}
	}
}

// samplesFound returns the samples found, in order.
func (m *maker) samplesFound() []Sample {
	var out []Sample
	for _, s := range m.samples {
		if s.Code != "" {
			out = append(out, s)
		}
	}
	return out
}

// receiptTime picks the time of a receipt on day: opening hours for a
// counter or the post, any hour (mostly daytime) online.
func (m *maker) receiptTime(day calendar.Date, ch dossier.Channel) time.Time {
	if ch == dossier.Online {
		h := 6 + m.r.IntN(17)
		return day.At(time.Duration(h)*time.Hour + time.Duration(m.r.IntN(3600))*time.Second).UTC()
	}
	mins := m.r.IntN(6 * 60)
	if mins < 210 {
		return day.At(8*time.Hour + time.Duration(mins)*time.Minute).UTC()
	}
	return day.At(13*time.Hour + 30*time.Minute + time.Duration(mins-210)*time.Minute).UTC()
}

var ratingComments = []string{"", "", "", "Cán bộ hướng dẫn tận tình.", "Thủ tục nhanh gọn.", "Trả kết quả đúng hẹn.",
	"Nên có thêm chỗ ngồi chờ.", "Thời gian chờ hơi lâu.", "Nộp trực tuyến rất tiện."}

// rating makes the applicant's rating; a late result is rated lower.
func (m *maker) rating(d *dossier.Dossier, late bool) *dossier.Rating {
	scores := []float64{0.02, 0.03, 0.10, 0.30, 0.55}
	if late {
		scores = []float64{0.10, 0.15, 0.30, 0.30, 0.15}
	}
	return &dossier.Rating{Score: weighted(m.r, scores) + 1, Comment: ratingComments[m.r.IntN(len(ratingComments))],
		Created: d.ReturnedAt.Add(time.Duration(1+m.r.IntN(48)) * time.Hour)}
}

// eventID numbers a dossier's events.
func (m *maker) eventID(code string, n int) string {
	return m.plan.Via + "-" + code + "-" + strconv.Itoa(n)
}
