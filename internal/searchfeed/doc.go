// Package searchfeed keeps a search index in step with the database.
//
// Content stores write a row to the change feed in the same transaction as
// the change (sqlstore.RecordChange). Each running process has its own
// index and an Indexer that tails the feed: it reads the changes after the
// last sequence applied, asks each kind's Source for the current public
// documents, upserts those it gets and deletes the others, then stores the
// last sequence inside the index. After a crash it resumes from that
// sequence; applying a change twice is harmless, since it re-reads the
// current state. Rebuild fills a fresh index from the sources for
// "cong reindex" and for a process whose index is missing.
package searchfeed
