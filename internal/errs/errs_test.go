package errs

import (
	"errors"
	"fmt"
	"testing"
)

func TestCodeOf(t *testing.T) {
	base := E("store.Get", NotFound, "unit.not_found")
	wrapped := fmt.Errorf("context: %w", base)
	outer := E("unit.Find", wrapped)
	tests := []struct {
		err  error
		want Code
	}{
		{nil, ""},
		{errors.New("boom"), Internal},
		{base, NotFound},
		{wrapped, NotFound},
		{outer, NotFound},
	}
	for _, tt := range tests {
		if got := CodeOf(tt.err); got != tt.want {
			t.Errorf("CodeOf(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if k, _ := KeyOf(outer); k != "unit.not_found" {
		t.Errorf("KeyOf inherits inner key, got %q", k)
	}
}

func TestInternalNeverShowsKey(t *testing.T) {
	err := E("op", Internal, "secret.detail", errors.New("db password wrong"))
	if k, _ := KeyOf(err); k != "error.internal" {
		t.Errorf("internal error leaked key %q", k)
	}
}

func TestFieldErrors(t *testing.T) {
	var f FieldErrors
	if f.Err("op") != nil {
		t.Fatal("empty FieldErrors gave an error")
	}
	f.Add("name", "field.required")
	f.Add("name", "field.too_long")
	err := f.Err("op")
	if !Is(err, Invalid) || FieldsOf(err)["name"] != "field.required" {
		t.Fatalf("got %v", err)
	}
}
