package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/cong-vn/cong/internal/blob"
	"github.com/cong-vn/cong/internal/cloudblob"
	"github.com/cong-vn/cong/internal/config"
	"github.com/cong-vn/cong/internal/fsblob"
	"github.com/cong-vn/cong/internal/job"
	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/mail"
	"github.com/cong-vn/cong/internal/notify"
	"github.com/cong-vn/cong/internal/notifysql"
	"github.com/cong-vn/cong/internal/notifytmpl"
	"github.com/cong-vn/cong/internal/sms"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/upload"
	"github.com/cong-vn/cong/internal/uploadsql"
	"github.com/cong-vn/cong/internal/webhook"
)

func init() {
	register(command{name: "worker", short: "run only the background job workers, until SIGTERM", run: runWorker})
}

// runWorker runs the job workers without the web server, for deployments
// that separate them; on SIGTERM or SIGINT it stops taking jobs and waits
// up to CONG_SHUTDOWN_TIMEOUT for running ones.
func runWorker(ctx context.Context, env *cmdEnv, args []string) error {
	workers := 0
	cfg, _, err := loadConfig(env, "worker", args, func(fs *flag.FlagSet) {
		fs.IntVar(&workers, "concurrency", 0, "jobs run at once (default 10)")
	})
	if err != nil {
		return err
	}
	log, flushLog := newLogger(cfg, env)
	defer flushLog()
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	deps, err := newJobs(ctx, cfg, env, db, log, workers)
	if err != nil {
		return err
	}
	if err := deps.Queue.Start(ctx); err != nil {
		return err
	}
	log.Info("workers started", "database", db.String())
	<-ctx.Done()
	log.Info("draining running jobs", "timeout", cfg.ShutdownTimeout.String())
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	return deps.Queue.Stop(stop)
}

// jobDeps is the job queue with the services whose work it runs. "cong
// serve" is to build it too (and start the queue unless told not to), so
// both processes register the same handlers and periodic jobs.
type jobDeps struct {
	Queue  *jobqueue.Queue
	Admin  *job.Service
	Notify *notify.Service
	Upload *upload.Service
}

// newJobs runs River's migrations, then builds the queue and the
// services, registering every job kind. workers 0 means the default.
func newJobs(ctx context.Context, cfg config.Config, env *cmdEnv, db *sqlstore.DB, log *slog.Logger, workers int) (*jobDeps, error) {
	blobs, err := openBlobs(ctx, cfg, env)
	if err != nil {
		return nil, err
	}
	j := &jobDeps{}
	opts := jobqueue.Options{Logger: log, Workers: workers}
	if cfg.UsesPostgres() {
		opts.ListenURL = cfg.DatabaseURL
	}
	j.Queue, err = jobqueue.New(db, opts)
	if err != nil {
		return nil, err
	}
	j.Upload = upload.NewService(uploadsql.New(db), blobs, j.Queue, upload.Options{TempDir: tempDir(cfg), Logger: log})
	if j.Notify, err = newNotify(ctx, cfg, env, db, j.Queue, log); err != nil {
		return nil, err
	}
	j.Admin = job.NewService(j.Queue, db)
	return j, j.register(cfg, db)
}

// register adds every handler and periodic job. The periodic ones are
// declared in jobqueue/periodic.go; this only supplies what they call.
// A kind's timeout also bounds how late its job is retried after the
// process running it is killed: River rescues it once it has run for its
// timeout and jobqueue.DefaultRescueAfter (5 minutes), never before.
func (j *jobDeps) register(cfg config.Config, db *sqlstore.DB) error {
	if err := jobqueue.Handle(j.Queue, j.Notify.Deliver, jobqueue.KindOptions{Timeout: 2 * time.Minute}); err != nil {
		return err
	}
	if err := jobqueue.Handle(j.Queue, j.Upload.DeleteOwnerFiles, jobqueue.KindOptions{Timeout: 30 * time.Minute}); err != nil {
		return err
	}
	accounts, err := newAccountService(cfg, db)
	if err != nil {
		return err
	}
	return j.Queue.SetPeriodic(jobqueue.Periodic{Sessions: accounts, RateCounters: accounts, Files: j.Upload})
}

// openBlobs opens the file store: the bucket of CONG_BLOB_URL, or the
// files directory under the data dir.
func openBlobs(ctx context.Context, cfg config.Config, env *cmdEnv) (blob.Store, error) {
	if cfg.BlobURL != "" {
		return cloudblob.Open(ctx, cfg.BlobURL)
	}
	return fsblob.New(filepath.Join(cfg.DataDir, "files"))
}

func tempDir(cfg config.Config) string {
	dir := filepath.Join(cfg.DataDir, "tmp")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return ""
	}
	return dir
}

// newNotify builds the notification service with the channels that are
// configured; without SMTP (or an SMS gateway) messages stay in the outbox.
// It first seals what an earlier version stored in clear.
func newNotify(ctx context.Context, cfg config.Config, env *cmdEnv, db *sqlstore.DB, q *jobqueue.Queue, log *slog.Logger) (*notify.Service, error) {
	set, err := notifytmpl.New(templateOverride(cfg))
	if err != nil {
		return nil, fmt.Errorf("notification templates: %w", err)
	}
	ch := notify.Channels{Webhook: webhook.New(10 * time.Second)}
	if cfg.SMTPURL != "" {
		m, err := mail.New(cfg.SMTPURL, cfg.MailFrom, mail.Options{})
		if err != nil {
			return nil, err
		}
		ch.Email = m
	}
	if o, ok := smsOptions(cfg); ok {
		g, err := sms.New(o)
		if err != nil {
			return nil, err
		}
		ch.SMS = g
	}
	keys, err := portalKeyring(cfg)
	if err != nil {
		return nil, err
	}
	store := notifysql.New(db, keys)
	msgs, eps, err := store.SealClear(ctx)
	if err != nil {
		return nil, err
	}
	if msgs+eps > 0 {
		log.Info("sealed the messages and webhook secrets stored in clear", "messages", msgs, "endpoints", eps)
	}
	return notify.NewService(store, q, set, ch, notify.Config{}, log), nil
}

// templateOverride is CONG_TEMPLATE_DIR/notify, where operators may put
// their own versions of the message templates, or nil.
func templateOverride(cfg config.Config) fs.FS {
	if cfg.TemplateDir == "" {
		return nil
	}
	dir := filepath.Join(cfg.TemplateDir, "notify")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil
	}
	return os.DirFS(dir)
}

// smsOptions returns the SMS gateway settings, and whether one is set.
func smsOptions(cfg config.Config) (sms.Options, bool) {
	o := sms.Options{
		URL: cfg.SMSURL, Method: cfg.SMSMethod, Body: cfg.SMSBody, ContentType: cfg.SMSContentType,
		Username: cfg.SMSUsername, Password: cfg.SMSPassword, TokenHeader: cfg.SMSTokenHeader, Token: cfg.SMSToken,
		SuccessMatch: cfg.SMSSuccessMatch, ASCII: cfg.SMSASCII,
	}
	return o, o.URL != ""
}
