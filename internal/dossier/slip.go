package dossier

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/calendar"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/keyring"
	"github.com/cong-vn/cong/internal/notify"
)

// SlipTemplate is the notification template of an apology slip sent to
// the applicant.
const SlipTemplate = "dossier.apology_slip"

// SlipStore is what SlipNotifier reads and writes, inside the transaction
// that records the slips; *sqlstore.DB implements it.
type SlipStore interface {
	// FindNewSlips returns the slips of the dossiers that the write
	// running in tx recorded and that are not sent, oldest first.
	FindNewSlips(ctx context.Context, tx job.Tx, dossierIDs []int64) ([]*ApologySlip, error)
	// MarkSlipSent records in tx that slip id went out as notification
	// notificationID at at. It reports false, and changes nothing, when
	// the slip was marked already.
	MarkSlipSent(ctx context.Context, tx job.Tx, id, notificationID int64, at time.Time) (bool, error)
}

// SlipNotifier sends each apology slip to the applicant. As a ChangeHook
// it runs in the ingest transaction that records the slip, queues one
// message to the dossier's contact — by email when the centre gave an
// email address, else by SMS to the phone number — and marks the slip
// sent (ApologySlip.SentAt is when the message was queued; the outbox
// tracks its delivery). Everything commits or rolls back with the slip,
// and only slips the write recorded are sent, so a centre re-sending an
// event (a duplicate, which changes nothing) never sends twice, and a
// slip left unsent is not sent later either.
//
// A dossier without a contact, or whose contact does not open or is
// refused by the notification service, keeps its slip unsent: the staff
// print it from the slips list (SlipFilter.Unsent).
type SlipNotifier struct {
	store   SlipStore
	keys    *keyring.Keyring
	send    Sender
	units   Directory
	baseURL string
	log     *slog.Logger
	now     func() time.Time
}

// NewSlipNotifier returns a SlipNotifier. baseURL is the portal's
// address, for the link to the lookup page ("" gives a relative link).
func NewSlipNotifier(store SlipStore, keys *keyring.Keyring, send Sender, units Directory, baseURL string, log *slog.Logger) *SlipNotifier {
	if log == nil {
		log = slog.Default()
	}
	return &SlipNotifier{store: store, keys: keys, send: send, units: units, baseURL: strings.TrimSuffix(baseURL, "/"), log: log, now: time.Now}
}

// DossiersChanged queues the messages of the slips the write recorded.
// The template (SlipTemplate, in Vietnamese: the dossier does not say
// which language the applicant reads) gets Number (the slip's number),
// Code, Procedure, Unit (the receiving centre), OldAppointment and
// NewAppointment ("17:00 06/05/2025", Vietnam time), Reason (the
// centre's public note, or "") and TrackURL (the lookup page). Only
// dossiers with a contact whose appointment moved are looked at, so most
// writes cost no query. The store's and the queue's errors are returned
// and roll the write back.
func (n *SlipNotifier) DossiersChanged(ctx context.Context, tx job.Tx, changes []Changed) error {
	const op = "dossier.SlipNotifier"
	byID := map[int64]*Dossier{}
	var ids []int64
	for _, ch := range changes {
		d := ch.After
		if d == nil || d.ID == 0 || d.ContactSealed == "" || (ch.Before != nil && ch.Before.AppointmentAt.Equal(d.AppointmentAt)) {
			continue
		}
		if _, ok := byID[d.ID]; !ok {
			byID[d.ID] = d
			ids = append(ids, d.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slips, err := n.store.FindNewSlips(ctx, tx, ids)
	if err != nil {
		return errs.E(op, err)
	}
	for _, s := range slips {
		if d := byID[s.DossierID]; d != nil {
			if err := n.notify(ctx, tx, d, s); err != nil {
				return errs.E(op, err)
			}
		}
	}
	return nil
}

// notify queues the message of one slip and marks it sent.
func (n *SlipNotifier) notify(ctx context.Context, tx job.Tx, d *Dossier, s *ApologySlip) error {
	c, err := OpenContact(n.keys, d.ContactSealed, d.ReceiptCode)
	if err != nil {
		n.log.Warn("apology slip: the contact does not open", "slip", s.ID, "err", err)
		return nil
	}
	ch, to := notify.Email, c.Email
	if to == "" {
		ch, to = notify.SMS, c.Phone
	}
	if to == "" {
		return nil
	}
	m := notify.Message{Channel: ch, To: to, Lang: "vi", TemplateKey: SlipTemplate, UnitID: d.CentreUnitID,
		Data: n.slipData(ctx, d, s)}
	id, err := n.send.Send(ctx, tx, m)
	if errs.Is(err, errs.Invalid) {
		n.log.Warn("apology slip message refused", "slip", s.ID, "err", err)
		return nil
	}
	if err != nil {
		return err
	}
	_, err = n.store.MarkSlipSent(ctx, tx, s.ID, id, n.now())
	return err
}

// slipData is what the slip's template gets.
func (n *SlipNotifier) slipData(ctx context.Context, d *Dossier, s *ApologySlip) map[string]any {
	unit := ""
	if u, err := n.units.FindUnitByID(ctx, d.CentreUnitID); err == nil {
		unit = u.NameVI
	}
	return map[string]any{
		"Number": s.ID, "Code": d.ReceiptCode, "Procedure": d.ProcedureName, "Unit": unit,
		"OldAppointment": slipTime(s.OldAppointment), "NewAppointment": slipTime(s.NewAppointment),
		"Reason": s.Reason, "TrackURL": n.baseURL + "/tra-cuu-ho-so",
	}
}

// slipTime formats an appointment in Vietnam time, "17:00 06/05/2025".
func slipTime(t time.Time) string {
	return t.In(calendar.Zone()).Format("15:04 02/01/2006")
}
