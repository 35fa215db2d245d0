package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/cong-vn/cong/internal/access"
	"github.com/cong-vn/cong/internal/account"
	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/vntext"
)

var _ account.Store = (*DB)(nil)

const userColumns = `id, username, name, email, password_hash, must_change_password,
	password_changed_at, totp_secret, totp_enabled, disabled, last_login_at,
	version, created_at, updated_at`

// FindUserByID returns the user with id, its grants and their units, or
// NotFound.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*account.User, error) {
	return db.findUser(ctx, "sqlstore.FindUserByID", "id = ?", id)
}

// FindUserByUsername returns the user with username (exact), its grants
// and their units, or NotFound.
func (db *DB) FindUserByUsername(ctx context.Context, username string) (*account.User, error) {
	return db.findUser(ctx, "sqlstore.FindUserByUsername", "username = ?", username)
}

func (db *DB) findUser(ctx context.Context, op, cond string, arg any) (*account.User, error) {
	u, err := scanUser(db.QueryRow(ctx, "SELECT "+userColumns+" FROM users WHERE "+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(op, errs.NotFound, "account.user_not_found", err)
	}
	if err != nil {
		return nil, MapErr(op, err)
	}
	if err := db.loadGrants(ctx, []*account.User{u}); err != nil {
		return nil, MapErr(op, err)
	}
	return u, nil
}

// FindUsers returns the users matching f with their grants, ordered by
// username, and their total count before Offset and Limit (Limit 0 means
// all). Query matches the folded text anywhere in username, name and email.
func (db *DB) FindUsers(ctx context.Context, f account.UserFilter) ([]*account.User, int, error) {
	const op = "sqlstore.FindUsers"
	where, args := userWhere(f)
	var total int
	if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM users"+where, args...).Scan(&total); err != nil {
		return nil, 0, MapErr(op, err)
	}
	q, args := page("SELECT "+userColumns+" FROM users"+where+" ORDER BY username", args, f.Offset, f.Limit)
	users, err := db.queryUsers(ctx, q, args...)
	if err != nil {
		return nil, 0, MapErr(op, err)
	}
	if err := db.loadGrants(ctx, users); err != nil {
		return nil, 0, MapErr(op, err)
	}
	return users, total, nil
}

func (db *DB) queryUsers(ctx context.Context, q string, args ...any) ([]*account.User, error) {
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// userWhere builds the WHERE clause of f, including the actor's scope.
func userWhere(f account.UserFilter) (string, []any) {
	var w where
	if f.Query != nil {
		if q := vntext.Fold(*f.Query); q != "" {
			w.add(`search_key LIKE '%' || ? || '%' ESCAPE '\'`, escapeLike(q))
		}
	}
	if f.UnitID != nil {
		w.add("EXISTS (SELECT 1 FROM grants g WHERE g.user_id = users.id AND g.unit_id = ?)", *f.UnitID)
	}
	if f.Disabled != nil {
		w.add("disabled = ?", *f.Disabled)
	}
	if !f.AllUnits {
		cond, args := scopeCond(f.Units)
		w.add(`EXISTS (SELECT 1 FROM grants g JOIN units un ON un.id = g.unit_id
			WHERE g.user_id = users.id AND (`+cond+`))`, args...)
	}
	if f.HidePortalAdmins {
		w.add("NOT EXISTS (SELECT 1 FROM grants g WHERE g.user_id = users.id AND g.role = ?)", string(access.PortalAdmin))
	}
	return w.sql(), w.args
}

// scopeCond matches a grant g on a unit un inside scope: the unit itself,
// or below it for a Subtree grant. An empty scope matches nothing.
func scopeCond(scope []access.Grant) (string, []any) {
	if len(scope) == 0 {
		return "1 = 0", nil
	}
	conds := make([]string, 0, len(scope))
	var args []any
	for _, s := range scope {
		if s.Subtree && s.UnitPath != "" {
			conds = append(conds, `un.path LIKE ? || '%' ESCAPE '\'`)
			args = append(args, escapeLike(s.UnitPath))
		} else {
			conds = append(conds, "g.unit_id = ?")
			args = append(args, s.UnitID)
		}
	}
	return strings.Join(conds, " OR "), args
}

// loadGrants fills the grants and grant units of users in one query.
func (db *DB) loadGrants(ctx context.Context, users []*account.User) error {
	if len(users) == 0 {
		return nil
	}
	byID := make(map[int64]*account.User, len(users))
	ids := make([]any, len(users))
	for i, u := range users {
		byID[u.ID], ids[i] = u, u.ID
		u.Units = map[int64]account.UnitRef{}
	}
	rows, err := db.Query(ctx, `SELECT g.user_id, g.role, g.unit_id, g.subtree, un.path, un.code, un.name_vi
		FROM grants g JOIN units un ON un.id = g.unit_id
		WHERE g.user_id IN (`+marks(len(ids))+`) ORDER BY g.user_id, un.path, g.role`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var userID int64
		var g access.Grant
		var ref account.UnitRef
		if err := rows.Scan(&userID, &g.Role, &g.UnitID, &g.Subtree, &g.UnitPath, &ref.Code, &ref.Name); err != nil {
			return err
		}
		u := byID[userID]
		u.Grants = append(u.Grants, g)
		u.Units[g.UnitID] = ref
	}
	return rows.Err()
}

// cmpOr returns the first non-nil error.
func cmpOr(errors ...error) error {
	for _, err := range errors {
		if err != nil {
			return err
		}
	}
	return nil
}

// marks returns n comma-separated placeholders.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func scanUser(s scanner) (*account.User, error) {
	var u account.User
	var last sql.NullTime
	err := s.Scan(&u.ID, &u.Username, &u.Name, &u.Email, &u.PasswordHash, &u.MustChangePassword,
		&u.PasswordChanged, &u.TOTPSecret, &u.TOTPEnabled, &u.Disabled, &last,
		&u.Version, &u.Created, &u.Updated)
	if err != nil {
		return nil, err
	}
	if last.Valid {
		u.LastLogin = last.Time.UTC()
	}
	u.PasswordChanged, u.Created, u.Updated = u.PasswordChanged.UTC(), u.Created.UTC(), u.Updated.UTC()
	return &u, nil
}

// CountPortalAdmins counts the enabled users holding the portal admin role.
func (db *DB) CountPortalAdmins(ctx context.Context) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT COUNT(DISTINCT u.id) FROM users u JOIN grants g ON g.user_id = u.id
		WHERE g.role = ? AND u.disabled = ?`, string(access.PortalAdmin), false).Scan(&n)
	return n, MapErr("sqlstore.CountPortalAdmins", err)
}

// UnitPaths returns the path of each existing unit among ids.
func (db *DB) UnitPaths(ctx context.Context, ids []int64) (map[int64]string, error) {
	const op = "sqlstore.UnitPaths"
	out := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := db.Query(ctx, "SELECT id, path FROM units WHERE id IN ("+marks(len(ids))+")", args...)
	if err != nil {
		return nil, MapErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var path string
		if err := rows.Scan(&id, &path); err != nil {
			return nil, MapErr(op, err)
		}
		out[id] = path
	}
	return out, MapErr(op, rows.Err())
}

// userSearchKey is the folded text the staff list filter matches.
func userSearchKey(u *account.User) string {
	return vntext.Fold(u.Username + " " + u.Name + " " + u.Email)
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// accountErr returns the error of an account transaction for op: the
// project's errors keep their code, a duplicate username becomes Conflict
// on field "username", other driver errors are mapped by MapErr.
func accountErr(op string, err error) error {
	var e *errs.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e):
		return errs.E(op, err)
	}
	err = MapErr(op, err)
	if errs.Is(err, errs.Conflict) && strings.Contains(err.Error(), "username") {
		return errs.E(op, errs.Conflict, "account.username_taken",
			map[string]string{"username": "account.username_taken"}, err)
	}
	return err
}

// CreateUser inserts u, its grants and the audit entry e in one
// transaction, and sets u.ID and u.Version (1). A username in use is
// Conflict "account.username_taken" on field "username"; an unknown grant
// unit is Conflict.
func (db *DB) CreateUser(ctx context.Context, u *account.User, e *audit.Entry) error {
	err := db.InTx(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO users (username, name, email, password_hash,
			must_change_password, password_changed_at, totp_secret, totp_enabled, disabled,
			last_login_at, search_key, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
			u.Username, u.Name, u.Email, u.PasswordHash, u.MustChangePassword, u.PasswordChanged.UTC(),
			u.TOTPSecret, u.TOTPEnabled, u.Disabled, nullTime(u.LastLogin), userSearchKey(u),
			u.Created.UTC(), u.Updated.UTC()).Scan(&u.ID)
		if err != nil {
			return err
		}
		if err := insertGrants(ctx, tx, u.ID, u.Grants, u.Created); err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	if err != nil {
		return accountErr("sqlstore.CreateUser", err)
	}
	u.Version = 1
	return nil
}

func insertGrants(ctx context.Context, tx *Tx, userID int64, grants []access.Grant, now time.Time) error {
	for _, g := range grants {
		if _, err := tx.Exec(ctx, `INSERT INTO grants (user_id, role, unit_id, subtree, created_at)
			VALUES (?, ?, ?, ?, ?)`, userID, string(g.Role), g.UnitID, g.Subtree, now.UTC()); err != nil {
			return err
		}
	}
	return nil
}

// UpdateUser writes u's fields (not the username, grants, last login or
// TOTP step) if its stored version is u.Version, increments u.Version, and
// with endSessions deletes all the user's sessions, in one transaction with
// the audit entry e. NotFound for no such user, Conflict "error.stale" for
// another version.
func (db *DB) UpdateUser(ctx context.Context, u *account.User, endSessions bool, e *audit.Entry) error {
	const op = "sqlstore.UpdateUser"
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE users SET name = ?, email = ?, password_hash = ?,
			must_change_password = ?, password_changed_at = ?, totp_secret = ?, totp_enabled = ?,
			disabled = ?, search_key = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`,
			u.Name, u.Email, u.PasswordHash, u.MustChangePassword, u.PasswordChanged.UTC(),
			u.TOTPSecret, u.TOTPEnabled, u.Disabled, userSearchKey(u), u.Updated.UTC(), u.ID, u.Version)
		if err != nil {
			return err
		}
		if err := oneRow(ctx, tx, res, u.ID); err != nil {
			return err
		}
		if endSessions {
			if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = ?", u.ID); err != nil {
				return err
			}
		}
		return appendAudit(ctx, tx, e)
	})
	if err != nil {
		return accountErr(op, err)
	}
	u.Version++
	return nil
}

// oneRow checks that a versioned update of user id hit its row: none is
// NotFound when the user is gone and Conflict "error.stale" otherwise.
func oneRow(ctx context.Context, tx *Tx, res sql.Result, id int64) error {
	n, err := res.RowsAffected()
	if err != nil || n == 1 {
		return err
	}
	var exists int
	err = tx.QueryRow(ctx, "SELECT COUNT(*) FROM users WHERE id = ?", id).Scan(&exists)
	switch {
	case err != nil:
		return err
	case exists == 0:
		return errs.E("sqlstore.oneRow", errs.NotFound, "account.user_not_found")
	}
	return errs.E("sqlstore.oneRow", errs.Conflict, "error.stale")
}

// SetGrants replaces the grants of user userID and bumps its version, in
// one transaction with the audit entry e. NotFound for no such user,
// Conflict for an unknown unit.
func (db *DB) SetGrants(ctx context.Context, userID int64, grants []access.Grant, e *audit.Entry) error {
	now := e.At
	if now.IsZero() {
		now = time.Now()
	}
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE users SET version = version + 1, updated_at = ? WHERE id = ?", now.UTC(), userID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmpOr(err, errs.E("sqlstore.SetGrants", errs.NotFound, "account.user_not_found"))
		}
		if _, err := tx.Exec(ctx, "DELETE FROM grants WHERE user_id = ?", userID); err != nil {
			return err
		}
		if err := insertGrants(ctx, tx, userID, grants, now); err != nil {
			return err
		}
		return appendAudit(ctx, tx, e)
	})
	return accountErr("sqlstore.SetGrants", err)
}

// RecordLogin sets the user's last login and, when rehash is not empty,
// its password hash. It does not change the version: a login is not an
// edit, and must not make an admin's open form stale.
func (db *DB) RecordLogin(ctx context.Context, userID int64, at time.Time, rehash string) error {
	err := db.InTx(ctx, func(tx *Tx) error {
		if rehash != "" {
			if _, err := tx.Exec(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", rehash, userID); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, "UPDATE users SET last_login_at = ? WHERE id = ?", at.UTC(), userID)
		return err
	})
	return accountErr("sqlstore.RecordLogin", err)
}

// UseTOTPStep stores step as the user's last accepted TOTP step if it is
// later than the stored one; otherwise (the code was already used, or a
// later one was) it returns Conflict "totp.reused". The comparison is in
// the UPDATE, so two nodes cannot both accept one code.
func (db *DB) UseTOTPStep(ctx context.Context, userID int64, step int64) error {
	const op = "sqlstore.UseTOTPStep"
	var n int64
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", step, userID, step)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return accountErr(op, err)
	}
	if n == 0 {
		return errs.E(op, errs.Conflict, "totp.reused")
	}
	return nil
}
