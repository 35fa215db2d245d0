package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/errs"
)

// Sessions are stored by the SHA-256 of their token (account.HashToken);
// the token itself never reaches the database.

const sessionColumns = `token_hash, user_id, mfa_passed, csrf_token, ip, user_agent,
	created_at, last_seen_at, expires_at`

// CreateSession inserts s. A token hash already stored is Conflict.
func (db *DB) CreateSession(ctx context.Context, s *account.Session) error {
	err := db.InTx(ctx, func(tx *Tx) error { return insertSession(ctx, tx, s) })
	return accountErr("sqlstore.CreateSession", err)
}

func insertSession(ctx context.Context, tx *Tx, s *account.Session) error {
	_, err := tx.Exec(ctx, `INSERT INTO sessions (`+sessionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.TokenHash, s.UserID, s.MFAPassed, s.CSRFToken, s.IP, s.UserAgent,
		s.Created.UTC(), s.LastSeen.UTC(), s.Expires.UTC())
	return err
}

// FindSession returns the session stored under tokenHash, or NotFound.
func (db *DB) FindSession(ctx context.Context, tokenHash string) (*account.Session, error) {
	const op = "sqlstore.FindSession"
	var s account.Session
	err := db.QueryRow(ctx, "SELECT "+sessionColumns+" FROM sessions WHERE token_hash = ?", tokenHash).
		Scan(&s.TokenHash, &s.UserID, &s.MFAPassed, &s.CSRFToken, &s.IP, &s.UserAgent, &s.Created, &s.LastSeen, &s.Expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(op, errs.NotFound, "auth.session_invalid", err)
	}
	if err != nil {
		return nil, MapErr(op, err)
	}
	s.Created, s.LastSeen, s.Expires = s.Created.UTC(), s.LastSeen.UTC(), s.Expires.UTC()
	return &s, nil
}

// TouchSession sets the last-seen time of the session under tokenHash. A
// session already gone is no error.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, at time.Time) error {
	return db.execTx(ctx, "sqlstore.TouchSession", "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", at.UTC(), tokenHash)
}

// RotateSession deletes the session under oldHash and inserts s, in one
// transaction. NotFound when oldHash is already gone (a concurrent
// rotation or logout won), and nothing is inserted.
func (db *DB) RotateSession(ctx context.Context, oldHash string, s *account.Session) error {
	const op = "sqlstore.RotateSession"
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", oldHash)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmpOr(err, errs.E(op, errs.NotFound, "auth.session_invalid"))
		}
		return insertSession(ctx, tx, s)
	})
	return accountErr(op, err)
}

// DeleteSession deletes the session under tokenHash; none is no error.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	return db.execTx(ctx, "sqlstore.DeleteSession", "DELETE FROM sessions WHERE token_hash = ?", tokenHash)
}

// DeleteExpiredSessions deletes the sessions whose absolute end is not
// after now or that were last seen at or before idleBefore, and returns
// how many.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int, error) {
	var n int64
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?", now.UTC(), idleBefore.UTC())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), accountErr("sqlstore.DeleteExpiredSessions", err)
}

// execTx runs one statement in a write transaction of its own.
func (db *DB) execTx(ctx context.Context, op, q string, args ...any) error {
	err := db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, q, args...)
		return err
	})
	return accountErr(op, err)
}
