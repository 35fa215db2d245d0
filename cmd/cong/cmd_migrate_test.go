package main

import (
	"context"
	"strings"
	"testing"
)

// cong migrate applies the schema and the announced calendar changes
// once: a second run has nothing left to add.
func TestMigrateAddsTheAnnouncedCalendarOnce(t *testing.T) {
	ctx := context.Background()
	env, out := procEnv(t)
	if err := run(ctx, env, []string{"migrate"}); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	if !strings.Contains(out.String(), "announced calendar changes added:") {
		t.Errorf("first migrate printed:\n%s", out)
	}
	out.Reset()
	if err := run(ctx, env, []string{"migrate"}); err != nil || strings.Contains(out.String(), "announced calendar") {
		t.Errorf("second migrate: %v\n%s", err, out)
	}
}
