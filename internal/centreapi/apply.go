package centreapi

import (
	"context"
	"slices"

	"github.com/cong-vn/cong/internal/dossier"
)

// receivedVia marks the events that came through this API.
const receivedVia = "centre_api"

// applyItem applies a valid item to its dossier in memory and returns the
// dossier's receipt code, or the item's failure; the error is the
// store's.
func (b *batchRun) applyItem(ctx context.Context, p *parsed) (string, *itemError, error) {
	if p.item.Type == DossierItem {
		return b.upsert(ctx, p)
	}
	d, fail := b.owned(p.item.ReceiptCode)
	if fail != nil {
		return p.item.ReceiptCode, fail, nil
	}
	slip, err := d.AddEvent(b.event(p, dossier.StatusChange), b.cal)
	if err != nil {
		return d.ReceiptCode, &itemError{code: CodeInvalidTransition, err: err}, nil
	}
	b.change(d, false, slip)
	return d.ReceiptCode, nil, nil
}

// owned returns the dossier with code if the client's centre owns it.
func (b *batchRun) owned(code string) (*dossier.Dossier, *itemError) {
	d := b.dossiers[code]
	if d == nil {
		return nil, failure(CodeUnknownDossier, code)
	}
	if d.CentreUnitID != b.client.UnitID {
		return nil, failure(CodeForbidden, code)
	}
	return d, nil
}

// upsert creates or updates a dossier from a dossier item. On failure the
// dossier is left as it was.
func (b *batchRun) upsert(ctx context.Context, p *parsed) (string, *itemError, error) {
	code := p.item.ReceiptCode
	d := b.dossiers[code]
	isNew := d == nil
	if isNew {
		var err error
		if code == "" {
			if code, err = b.issueCode(ctx, p); err != nil {
				return "", nil, err
			}
		}
		d = &dossier.Dossier{ReceiptCode: code, CentreUnitID: b.client.UnitID}
	} else if d.CentreUnitID != b.client.UnitID {
		return code, failure(CodeForbidden, code), nil
	}
	saved := *d
	oldUnits := d.HandlingUnitIDs
	header, err := b.header(p, code)
	if err != nil {
		return code, nil, err
	}
	d.SetHeader(header, p.at)
	ev := b.event(p, dossier.Upsert)
	if isNew && ev.Status == "" {
		ev.Status = dossier.Received
	}
	slip, aerr := d.AddEvent(ev, b.cal)
	switch {
	case aerr != nil:
		*d = saved
		return code, &itemError{code: CodeInvalidTransition, err: aerr}, nil
	case isNew && d.AppointmentAt.IsZero():
		return code, failure(CodeAppointmentRequired, code), nil
	}
	if isNew {
		b.dossiers[code] = d
	}
	b.change(d, isNew || !slices.Equal(oldUnits, d.HandlingUnitIDs), slip)
	return code, nil, nil
}

// header builds the details a dossier item sets, sealing the contact and
// hashing the lookup factor, both bound to the receipt code.
func (b *batchRun) header(p *parsed, code string) (dossier.Header, error) {
	it := p.item
	h := dossier.Header{
		ProcedureCode: it.ProcedureCode, ProcedureName: p.procedure.Name, TimeLimit: p.procedure.TimeLimit,
		Channel: p.channel, ApplicantName: it.ApplicantName, ReceivedAt: p.received, HandlingUnitIDs: p.handling,
		LookupHash: dossier.LookupHash(b.s.keys, code, p.factor),
	}
	var err error
	h.ContactSealed, err = dossier.SealContact(b.s.keys, dossier.Contact{Email: it.Email, Phone: it.Phone}, code)
	return h, err
}

// event builds the history event of an item.
func (b *batchRun) event(p *parsed, kind dossier.EventKind) dossier.Event {
	it := p.item
	return dossier.Event{
		Kind: kind, At: p.at, UnitID: p.unitID, Status: p.status,
		CentreStatus: it.Status, CentreStatusText: it.StatusText,
		PublicNote: it.PublicNote, InternalNote: it.InternalNote,
		AppointmentAt: p.appointment, EventID: it.EventID,
		ReceivedVia: receivedVia, PayloadHash: p.hash, Created: b.now,
	}
}

// change records that d changed, once per dossier, in order of first
// change.
func (b *batchRun) change(d *dossier.Dossier, unitsChanged bool, slip *dossier.ApologySlip) {
	ch := b.changes[d]
	if ch == nil {
		ch = &Change{Dossier: d}
		b.changes[d] = ch
		b.order = append(b.order, ch)
	}
	ch.UnitsChanged = ch.UnitsChanged || unitsChanged
	if slip != nil {
		ch.Slips = append(ch.Slips, slip)
	}
}

// issueCode issues a receipt code from the portal's format, skipping
// numbers already taken by codes a centre chose itself.
func (b *batchRun) issueCode(ctx context.Context, p *parsed) (string, error) {
	in := b.receipt
	in.ReceivedAt = p.received
	key := b.s.receipts.Key(in)
	for {
		seq, err := b.tx.NextSequence(ctx, key)
		if err != nil {
			return "", err
		}
		code := b.s.receipts.Format(in, seq)
		if b.dossiers[code] != nil {
			continue
		}
		taken, err := b.tx.Dossiers(ctx, []string{code})
		if err != nil || len(taken) == 0 {
			return code, err
		}
	}
}

// OpenContact returns the applicant's contact of d in clear, for sending
// notifications. It returns Internal when the sealed contact does not
// open (another secret key, damaged data).
func (s *Service) OpenContact(d *dossier.Dossier) (dossier.Contact, error) {
	return dossier.OpenContact(s.keys, d.ContactSealed, d.ReceiptCode)
}
