package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/cong-vn/cong/internal/unitimport"
)

func init() {
	register(command{name: "import units", short: "load a province's wards and communes (vn-provinces-db JSON)", run: runImportUnits})
}

// importUnitsFlags are the flags of "cong import units".
type importUnitsFlags struct {
	from, province, official string
	force                    bool
}

func (f *importUnitsFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.from, "from", "", "the simplified JSON file of vn-provinces-db (required)")
	fs.StringVar(&f.province, "province", "01", "the GSO code of the province to load")
	fs.StringVar(&f.official, "official", "", "a dvhcvn-20250701-merger directory: check codes and names against the official GSO lists first")
	fs.BoolVar(&f.force, "force", false, "import even when the official check finds problems")
}

// runImportUnits loads the province, checks it against the official lists
// when asked, refuses to go on past a serious problem without --force, and
// applies it, printing what it created, updated and left unchanged.
func runImportUnits(ctx context.Context, env *cmdEnv, args []string) error {
	var f importUnitsFlags
	cfg, _, err := loadConfig(env, "import units", args, f.register)
	if err != nil {
		return err
	}
	if f.from == "" {
		return errors.New("import units: --from FILE is required")
	}
	records, err := unitimport.Load(f.from, f.province)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "read %d units of province %s from %s\n", len(records), f.province, f.from)
	if f.official != "" {
		serious := printProblems(env.stdout, unitimport.CheckOfficial(records, f.official))
		if serious > 0 && !f.force {
			return fmt.Errorf("import units: %d problems against the official lists; fix the file or pass --force", serious)
		}
	}
	db, err := openDB(ctx, cfg, env.stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := unitimport.Apply(ctx, db, records, "import")
	printReport(env.stdout, rep)
	return err
}

// printProblems lists the problems and returns how many are serious.
func printProblems(w io.Writer, problems []unitimport.Problem) (serious int) {
	minor := 0
	for _, p := range problems {
		if p.Minor() {
			minor++
		} else {
			serious++
		}
		fmt.Fprintln(w, "  ", p)
	}
	fmt.Fprintf(w, "official check: %d problems, %d spelling notes (tone-mark placement)\n", serious, minor)
	return serious
}

func printReport(w io.Writer, rep unitimport.Report) {
	for _, code := range rep.Created {
		fmt.Fprintln(w, "   created", code)
	}
	for _, code := range rep.Updated {
		fmt.Fprintln(w, "   updated", code)
	}
	fmt.Fprintf(w, "created %d, updated %d, unchanged %d\n", len(rep.Created), len(rep.Updated), len(rep.Unchanged))
}
