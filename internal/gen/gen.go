package gen

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/cong-vn/cong/internal/unit"
)

// Options say how much to generate.
type Options struct {
	// Units is the number of units, the city included (at least 1). About
	// one in six is a department, agency or centre, one in seven a former
	// unit merged into a current one, and the rest wards and communes.
	Units int
	// Dossiers is the number of dossiers, received over the year to
	// today at the generated one-stop centres (0: none).
	Dossiers int
	// Seed makes the content; the same seed gives the same content.
	Seed uint64
	// LookupCodes, when not nil, receives each generated dossier's
	// receipt code and second factor, one "code factor" line each.
	LookupCodes io.Writer
}

// Stores are where the generators write; cmd wires the database.
type Stores struct {
	Units unit.Store
	// Dossiers is where dossiers go; a nil Store skips them.
	Dossiers DossierStores
}

// Generator fills one content kind and returns how many items it created.
type Generator struct {
	Name string
	Run  func(ctx context.Context, r *Run) (int, error)
}

// Generators run in this order. A kind that refers to another comes after
// it.
var Generators = []Generator{
	{Name: "units", Run: generateUnits},
	{Name: "dossiers", Run: generateDossiers},
}

// Run is the state one generation shares across generators.
type Run struct {
	Opts   Options
	Stores Stores
	Rand   *rand.Rand
	Log    io.Writer // progress lines
	// Units are the units that exist after the units generator, for the
	// generators that place content in units.
	Units []*unit.Unit
	now   time.Time
}

// Generate runs every generator and returns how many items each created.
// It stops at the first error, which it returns wrapped with the
// generator's name; what was created before stays.
func Generate(ctx context.Context, stores Stores, opts Options, log io.Writer) (map[string]int, error) {
	if opts.Units < 1 {
		return nil, fmt.Errorf("gen: --units must be at least 1")
	}
	r := &Run{Opts: opts, Stores: stores, Rand: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)),
		Log: log, now: time.Now().UTC()}
	counts := map[string]int{}
	for _, g := range Generators {
		start := time.Now()
		n, err := g.Run(ctx, r)
		counts[g.Name] = n
		if err != nil {
			return counts, fmt.Errorf("gen %s: %w", g.Name, err)
		}
		fmt.Fprintf(log, "%s: %d created in %s\n", g.Name, n, time.Since(start).Round(time.Millisecond))
	}
	return counts, nil
}

// pick returns a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
