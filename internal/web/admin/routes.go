package admin

import (
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/centreapi"
	"github.com/cong-vn/cong/internal/dossier"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/unit"
	"github.com/cong-vn/cong/internal/web/httpx"
	"github.com/cong-vn/cong/internal/workcal"
)

// Handlers holds what the staff area needs.
type Handlers struct {
	Render   *httpx.Renderer
	Accounts *account.Service
	Units    *unit.Service
	Audit    audit.Store
	// Jobs is the job queue's admin (the jobs page); nil answers its
	// pages with 404.
	Jobs *job.Service
	// Notify is the notification service (the outbox and the webhook
	// endpoints); nil answers their pages with 404.
	Notify *notify.Service
	// Calendar is the working-day calendar (the overrides page); nil
	// answers its page with 404.
	Calendar *workcal.Service
	// Procedures is the procedures catalogue (its list, form, history,
	// import and export); nil answers its pages with 404.
	Procedures *procedure.Service
	// Centres is the one-stop centres' integration (API clients, status
	// mappings, connectivity); nil answers its pages with 404.
	Centres *centreapi.Service
	// Dossiers is the staff's view of dossiers (overdue lists, dossier
	// pages, apology slips); nil answers its pages with 404.
	Dossiers *dossier.Service
	// InsecureCookie drops the Secure flag and the __Host- prefix, for
	// development over plain HTTP on a host browsers do not treat as secure.
	InsecureCookie bool
}

// Routes registers the staff area.
func Routes(r httpx.Router, h *Handlers) {
	r.Handle("GET /quan-tri/dang-nhap", h.loginForm)
	r.Handle("POST /quan-tri/dang-nhap", h.login)
	r.Handle("POST /quan-tri/dang-xuat", h.logout)
	r.Handle("GET /quan-tri/xac-thuc", h.pending(account.PendingTOTP, h.totpForm))
	r.Handle("POST /quan-tri/xac-thuc", h.pending(account.PendingTOTP, h.totpSubmit))
	r.Handle("GET /quan-tri/bat-xac-thuc", h.pending(account.PendingEnrol, h.enrolForm))
	r.Handle("POST /quan-tri/bat-xac-thuc", h.pending(account.PendingEnrol, h.enrolSubmit))
	r.Handle("GET /quan-tri/doi-mat-khau", h.passwordPage(h.passwordForm))
	r.Handle("POST /quan-tri/doi-mat-khau", h.passwordPage(h.passwordSubmit))
	r.Handle("GET /quan-tri/{$}", h.staff(h.dashboard))
	unitRoutes(r, h)
	userRoutes(r, h)
	auditRoutes(r, h)
	jobRoutes(r, h)
	outboxRoutes(r, h)
	webhookRoutes(r, h)
	calendarRoutes(r, h)
	procedureRoutes(r, h)
	centreRoutes(r, h)
	dossierRoutes(r, h)
	r.Handle("GET /quan-tri", h.redirect("/quan-tri/"))
}
