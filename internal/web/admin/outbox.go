package admin

import (
	"net/http"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/web/httpx"
)

// outboxRoutes registers the record of notifications: what was sent (or,
// with no SMTP server or SMS gateway configured, kept in the outbox) to
// whom and when. Recipients are always masked; the notify service shows
// the messages' content to portal administrators only and the notifications
// of their units to unit administrators.
func outboxRoutes(r httpx.Router, h *Handlers) {
	r.Handle("GET /quan-tri/thu-gui", h.staff(h.outboxList))
	r.Handle("GET /quan-tri/thu-gui/{id}", h.staff(h.outboxMessage))
}

const outboxURL = "/quan-tri/thu-gui"

// notifyStatuses are the statuses the filter offers, in delivery order.
var notifyStatuses = []notify.Status{notify.Queued, notify.Retrying, notify.Sent, notify.Failed, notify.Outbox}

// notifyChannels are the channels the filter offers.
var notifyChannels = []notify.Channel{notify.Email, notify.SMS, notify.Webhook}

type outboxView struct {
	Status   string // the status filtered on, "" for all
	Channel  string // the channel filtered on, "" for all
	Statuses []notify.Status
	Channels []notify.Channel
	Rows     []*notify.Notification
	Total    int
	Page     int
	Pages    int
	Pager    string // the list URL with the filters
}

// outboxList lists the notifications the actor may see, newest first.
func (h *Handlers) outboxList(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if h.Notify == nil {
		h.Render.Error(w, r, notConfigured("admin.outboxList"))
		return
	}
	l, q := h.localizer(r), r.URL.Query()
	v := outboxView{Status: q.Get("status"), Channel: q.Get("channel"), Statuses: notifyStatuses, Channels: notifyChannels, Page: pageParam(r)}
	f := notify.Filter{Offset: (v.Page - 1) * perPage, Limit: perPage}
	if s := notify.Status(v.Status); knownStatus(s) {
		f.Status = &s
	} else {
		v.Status = ""
	}
	if c := notify.Channel(v.Channel); c.Valid() {
		f.Channel = &c
	} else {
		v.Channel = ""
	}
	list, total, err := h.Notify.FindNotifications(r.Context(), f)
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	v.Rows, v.Total, v.Pages = list, total, pageCount(total)
	v.Pager = listURL(outboxURL, "status", v.Status, "channel", v.Channel)
	h.Render.HTML(w, r, http.StatusOK, "admin_outbox", adminPage(l, l.T("admin.outbox_title"), v))
}

func knownStatus(s notify.Status) bool {
	for _, x := range notifyStatuses {
		if x == s {
			return true
		}
	}
	return false
}

type outboxMessageView struct {
	N *notify.Notification
	// Content is true when the actor may read the message (a portal
	// administrator); others see only its record.
	Content bool
}

// outboxMessage shows one notification: its record and, for a portal
// administrator, its subject and bodies. The HTML body is shown as
// escaped source, never rendered, so a message cannot run anything in
// the staff area.
func (h *Handlers) outboxMessage(w http.ResponseWriter, r *http.Request, sess *account.Session) {
	if h.Notify == nil {
		h.Render.Error(w, r, notConfigured("admin.outboxMessage"))
		return
	}
	id, err := pathID(r, "notify.not_found")
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	n, err := h.Notify.FindNotificationByID(r.Context(), id)
	if errs.Is(err, errs.NotFound) {
		err = errs.E("admin.outboxMessage", errs.NotFound, "notify.not_found", err)
	}
	if err != nil {
		h.Render.Error(w, r, err)
		return
	}
	l := h.localizer(r)
	v := outboxMessageView{N: n, Content: access.ActorFrom(r.Context()).IsPortalAdmin()}
	h.Render.HTML(w, r, http.StatusOK, "admin_outbox_message", adminPage(l, l.T("admin.outbox_message_title", n.ID), v))
}
