// Package jobqueue is the job queue adapter: River (riverqueue.com) on the
// project's database, implementing job.Enqueuer and job.Admin.
//
// One code path serves both databases; the dialect only picks River's
// driver. On SQLite it is riversqlite on the project's single writer pool
// (DB.Writer, one connection), so River and the application share one
// writer and never fight over SQLite's write lock; River's own
// transactions start with BEGIN IMMEDIATE through the writer's DSN, and
// its listen/notify stand-in (the river_notification table, polled every
// 50 ms) wakes workers soon after a commit. On PostgreSQL it is
// riverdatabasesql on the pgx stdlib pool, polling for new jobs, or
// listening for them when Options.ListenURL names the database.
//
// Jobs are inserted with EnqueueTx in the caller's transaction. Handlers are
// registered per kind with Handle before Start; periodic jobs are declared
// in one place, periodic.go. Failed jobs are retried with a bounded
// exponential backoff (DefaultBackoff) up to their maximum attempts, then
// discarded: River's discarded state is the dead letter, listed on the
// admin page and retried from there. Stop drains running jobs within its
// deadline and puts back those it has to cancel; a job left running by a
// killed process is retried once it has run for Options.RescueAfter (5
// minutes) and its kind's timeout.
//
// River's tables are created by Migrate, which cmd runs right after the
// project's own migrations.
//
// On SQLite a handler that holds a transaction must do all its writes in
// that transaction: the writer pool has one connection, so a second write
// from the same goroutine (through the pool or a non-transactional River
// call) would wait for itself.
package jobqueue
