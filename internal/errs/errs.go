package errs

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code classifies an error for the transport layer.
type Code string

// The codes, one per way a request can fail.
const (
	Invalid      Code = "invalid"      // the input is wrong; Fields says where
	Malformed    Code = "malformed"    // the request cannot be parsed (bad JSON): 400
	NotFound     Code = "not_found"    // no such object, or the actor may not know it exists
	Conflict     Code = "conflict"     // a unique key or a stale version
	Unauthorized Code = "unauthorized" // not logged in, or bad credentials
	Forbidden    Code = "forbidden"    // logged in but not allowed
	RateLimited  Code = "rate_limited" // too many attempts; try later
	TooLarge     Code = "too_large"    // the body or upload exceeds its limit
	Unavailable  Code = "unavailable"  // a dependency is down; retrying may help
	Internal     Code = "internal"     // a bug or an unexpected failure
)

// Error is the project's error. The zero value is not useful; build one with E.
type Error struct {
	Op     string            // the operation, e.g. "unit.CreateUnit"
	Code   Code              // how the error is classified
	Key    string            // translation key of the safe message
	Args   []any             // arguments for the safe message
	Fields map[string]string // field name → translation key, for Invalid
	Err    error             // the internal cause; logged, never shown
}

// E builds an *Error from its arguments, by type: a string is the Op (the
// first) or the message Key (the second), a Code is the Code, a
// map[string]string is Fields, an error is the cause, and a Args value holds
// message arguments. A cause that is itself an *Error lends its Code, Key and
// Fields when they are not given.
func E(args ...any) error {
	e := &Error{}
	strs := 0
	for _, a := range args {
		switch v := a.(type) {
		case string:
			if strs == 0 {
				e.Op = v
			} else {
				e.Key = v
			}
			strs++
		case Code:
			e.Code = v
		case map[string]string:
			e.Fields = v
		case MsgArgs:
			e.Args = v
		case error:
			e.Err = v
		case nil:
		default:
			panic(fmt.Sprintf("errs.E: bad argument of type %T", a))
		}
	}
	var inner *Error
	if errors.As(e.Err, &inner) {
		if e.Code == "" {
			e.Code = inner.Code
		}
		if e.Key == "" {
			e.Key, e.Args = inner.Key, inner.Args
		}
		if e.Fields == nil {
			e.Fields = inner.Fields
		}
	}
	if e.Code == "" {
		e.Code = Internal
	}
	return e
}

// MsgArgs carries arguments for the safe message of E.
type MsgArgs []any

// Error renders the full internal description, for logs.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Op != "" {
		b.WriteString(": ")
	}
	b.WriteString(string(e.Code))
	if e.Key != "" {
		b.WriteString(" (" + e.Key + ")")
	}
	if len(e.Fields) > 0 {
		names := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			names = append(names, k+"="+e.Fields[k])
		}
		sort.Strings(names)
		b.WriteString(" [" + strings.Join(names, " ") + "]")
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// CodeOf returns the Code of the outermost *Error in err's chain, Internal for
// any other non-nil error, and "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err has the given code.
func Is(err error, c Code) bool { return CodeOf(err) == c }

// KeyOf returns the translation key and arguments of the safe message: the
// error's own key, or the generic key of its code.
func KeyOf(err error) (string, []any) {
	var e *Error
	if errors.As(err, &e) && e.Key != "" && e.Code != Internal {
		return e.Key, e.Args
	}
	return "error." + string(CodeOf(err)), nil
}

// FieldsOf returns the per-field errors (field → translation key), or nil.
func FieldsOf(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// FieldErrors collects per-field validation errors. The zero value is ready.
type FieldErrors map[string]string

// Add records key for field unless the field already has an error.
func (f *FieldErrors) Add(field, key string) {
	if *f == nil {
		*f = FieldErrors{}
	}
	if _, ok := (*f)[field]; !ok {
		(*f)[field] = key
	}
}

// Err returns nil when no field failed, otherwise an Invalid error for op.
func (f FieldErrors) Err(op string) error {
	if len(f) == 0 {
		return nil
	}
	return E(op, Invalid, "error.invalid", map[string]string(f))
}
