// Package job is the port of the background job queue: what the domain
// needs to hand work to be done later, outside the request, with retries.
//
// A job is inserted in the same transaction as the change that causes it
// (Enqueuer.EnqueueTx with the caller's Tx), so a committed change never
// loses its follow-up work and a rolled-back one never runs it. Handlers are
// plain functions of (ctx, args); they must be idempotent, because a job may
// run more than once (after a crash, a timeout, or a retry that follows a
// partial success). A failing handler is retried with backoff until its
// maximum attempts, then the job is discarded and kept for the admin page
// (the dead-letter state). A handler that knows retrying cannot help returns
// Cancel(err).
//
// The queue itself (River) lives in the jobqueue adapter; no domain package
// imports it. Service is the admin use cases (list, retry, cancel jobs),
// allowed to portal administrators only.
package job
