package centreapi

import (
	"context"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/errs"
)

// Outcome is what became of one item.
type Outcome string

// The outcomes.
const (
	OK        Outcome = "ok"        // applied and committed
	Duplicate Outcome = "duplicate" // the event id was already stored; nothing changed
	Failed    Outcome = "error"     // refused; see ErrorCode and Err
)

// ItemResult reports one item of a batch.
type ItemResult struct {
	Index       int
	EventID     string
	Outcome     Outcome
	ReceiptCode string // the dossier's code (issued by the portal when the item had none)
	ErrorCode   string // for Failed: one of the Code… constants
	Err         error  // for Failed: Invalid, with the message key and fields
}

// Result reports a batch.
type Result struct {
	Items                  []ItemResult
	OK, Duplicates, Errors int
}

// ingestAttempts bounds the retries of a batch whose transaction lost a
// race with another node (a unique key taken meanwhile).
const ingestAttempts = 3

// Ingest applies a batch of items sent by client c (from Authenticate)
// and commits every valid item in one transaction before it returns: a
// nil error means the OK items are durably stored. Items that fail are
// reported in the result and change nothing; the others are applied in
// order. It returns Invalid "centre.batch_size" for an empty batch or one
// of more than MaxBatch items, and Internal or Unavailable when a lookup
// or the store fails (nothing is then committed; re-sending the batch is
// safe).
func (s *Service) Ingest(ctx context.Context, c *Client, items []Item) (*Result, error) {
	const op = "centreapi.Ingest"
	if len(items) == 0 || len(items) > MaxBatch {
		s.RequestFailed(ctx, c)
		return nil, errs.E(op, errs.Invalid, "centre.batch_size", errs.MsgArgs{MaxBatch})
	}
	res, err := s.ingest(ctx, c, items)
	if err != nil {
		s.RequestFailed(ctx, c)
		return nil, errs.E(op, err)
	}
	return res, nil
}

func (s *Service) ingest(ctx context.Context, c *Client, items []Item) (*Result, error) {
	parsed, err := s.prepare(ctx, c, items)
	if err != nil {
		return nil, err
	}
	cal, err := s.cals.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	centre, err := s.units.FindUnitByID(ctx, c.UnitID)
	if err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		run := &batchRun{ctx: ctx, s: s, client: c, cal: cal, now: s.now().UTC(), parsed: parsed,
			receipt: dossier.ReceiptInput{AgencyID: centre.AgencyID, UnitCode: centre.Code}}
		err = s.store.Ingest(ctx, c.UnitID, run.apply)
		if err == nil {
			return run.result(), nil
		}
		if !errs.Is(err, errs.Conflict) || attempt == ingestAttempts {
			return nil, err
		}
	}
}

// batchRun is one attempt at applying a batch inside a transaction.
type batchRun struct {
	ctx     context.Context
	s       *Service
	client  *Client
	cal     *calendar.Calendar
	now     time.Time
	parsed  []parsed
	receipt dossier.ReceiptInput // the centre's part of issued receipt codes

	tx       IngestTx
	known    map[string]KnownEvent
	dossiers map[string]*dossier.Dossier
	changes  map[*dossier.Dossier]*Change
	order    []*Change
	results  []ItemResult
}

// apply runs in the transaction: it loads what the batch refers to,
// applies each item in memory, then writes the changes and the traffic.
func (b *batchRun) apply(tx IngestTx) error {
	ctx := b.ctx
	b.tx, b.changes = tx, map[*dossier.Dossier]*Change{}
	if err := b.load(ctx); err != nil {
		return err
	}
	b.results = make([]ItemResult, len(b.parsed))
	seen := map[string]KnownEvent{}
	for i := range b.parsed {
		r, err := b.applyOne(ctx, i, seen)
		if err != nil {
			return err
		}
		b.results[i] = r
	}
	if err := tx.Save(ctx, b.order, b.now); err != nil {
		return err
	}
	res := b.result()
	t := Traffic{UnitID: b.client.UnitID, Day: day(b.now), Requests: 1, Items: res.OK, Duplicates: res.Duplicates, ItemErrors: res.Errors}
	return tx.RecordTraffic(ctx, b.client, t, b.now)
}

// load reads the known event ids and the dossiers the valid items name.
func (b *batchRun) load(ctx context.Context) error {
	var ids, codes []string
	for _, p := range b.parsed {
		if p.fail == nil {
			ids = append(ids, p.item.EventID)
			if p.item.ReceiptCode != "" {
				codes = append(codes, p.item.ReceiptCode)
			}
		}
	}
	var err error
	if b.known, err = b.tx.KnownEvents(ctx, ids); err != nil {
		return err
	}
	b.dossiers, err = b.tx.Dossiers(ctx, codes)
	return err
}

// applyOne applies item i; the error is for the store only.
func (b *batchRun) applyOne(ctx context.Context, i int, seen map[string]KnownEvent) (ItemResult, error) {
	p := &b.parsed[i]
	r := ItemResult{Index: i, EventID: p.item.EventID, ReceiptCode: p.item.ReceiptCode}
	if p.fail != nil {
		return r.failed(p.fail), nil
	}
	if k, ok := b.known[p.item.EventID]; ok {
		return r.duplicate(k, p.hash), nil
	}
	if k, ok := seen[p.item.EventID]; ok {
		return r.duplicate(k, p.hash), nil
	}
	code, fail, err := b.applyItem(ctx, p)
	if err != nil || fail != nil {
		return r.failed(fail), err
	}
	seen[p.item.EventID] = KnownEvent{PayloadHash: p.hash, ReceiptCode: code}
	r.Outcome, r.ReceiptCode = OK, code
	return r, nil
}

func (r ItemResult) failed(f *itemError) ItemResult {
	if f != nil {
		r.Outcome, r.ErrorCode, r.Err = Failed, f.code, f.err
	}
	return r
}

// duplicate reports an event id already stored: a duplicate when the
// content is the same, an error when the id was reused for another item.
func (r ItemResult) duplicate(k KnownEvent, hash string) ItemResult {
	if k.PayloadHash != hash {
		return r.failed(failure(CodeEventIDReused, r.EventID))
	}
	r.Outcome, r.ReceiptCode = Duplicate, k.ReceiptCode
	return r
}

// result counts the outcomes.
func (b *batchRun) result() *Result {
	res := &Result{Items: b.results}
	for _, r := range b.results {
		switch r.Outcome {
		case OK:
			res.OK++
		case Duplicate:
			res.Duplicates++
		default:
			res.Errors++
		}
	}
	return res
}
