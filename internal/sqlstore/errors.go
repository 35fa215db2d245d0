package sqlstore

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/cong-vn/cong/internal/errs"
)

// MapErr turns a driver error into the project's error: no rows is
// NotFound, a unique or foreign key violation is Conflict, anything else is
// Internal. The original error is kept as the cause.
func MapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(op, errs.NotFound, err)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return errs.E(op, errs.Conflict, "error.duplicate", err)
		case "23503":
			return errs.E(op, errs.Conflict, "error.in_use", err)
		}
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"):
		return errs.E(op, errs.Conflict, "error.duplicate", err)
	case strings.Contains(msg, "FOREIGN KEY constraint failed"):
		return errs.E(op, errs.Conflict, "error.in_use", err)
	}
	return errs.E(op, errs.Internal, err)
}
