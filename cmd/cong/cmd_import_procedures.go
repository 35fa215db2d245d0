package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procimport"
)

func init() {
	register(command{name: "import procedures", short: "import administrative procedures (national dvcqg JSON lines) and print the report", run: runImportProcedures})
}

// importProceduresFlags are the flags of "cong import procedures".
type importProceduresFlags struct {
	format, owner string
	dryRun, quiet bool
}

func (f *importProceduresFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "dvcqg", "the file's format; only dvcqg (national procedure database, one JSON object a line)")
	fs.StringVar(&f.owner, "owner", "", "code of the unit that owns every imported procedure; default: the unit the implementing agency names, else the city root")
	fs.BoolVar(&f.dryRun, "dry-run", false, "read and map the file and print the problems, without writing")
	fs.BoolVar(&f.quiet, "quiet", false, "print the counts only, not each problem")
}

// runImportProcedures reads FILE, maps its records, announces them as the
// command line's actor, and prints what it created, updated, left
// unchanged and could not map. Flags go before FILE.
func runImportProcedures(ctx context.Context, env *cmdEnv, args []string) error {
	var f importProceduresFlags
	cfg, rest, err := loadConfig(env, "import procedures", args, f.register)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return errors.New("import procedures: give one FILE, after the flags: cong import procedures --format dvcqg [--owner CODE] FILE")
	}
	if f.format != "dvcqg" {
		return fmt.Errorf("import procedures: unknown format %q; the only format is dvcqg", f.format)
	}
	recs, err := procimport.ReadFile(rest[0])
	if err != nil {
		return fmt.Errorf("import procedures: %w", err)
	}
	items := procimport.MapAll(recs)
	fmt.Fprintf(env.stdout, "read %d records from %s\n", len(recs), rest[0])
	if f.dryRun {
		printMapProblems(env.stdout, items, f.quiet)
		return nil
	}
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := procimport.Apply(cliContext(ctx), procedure.NewService(db, db), db, items, procimport.Options{Owner: f.owner})
	printImportReport(env.stdout, rep, f.quiet)
	return err
}

// printMapProblems prints the problems of a dry run.
func printMapProblems(w io.Writer, items []procimport.Item, quiet bool) {
	var rep procimport.Report
	for _, it := range items {
		rep.Problems = append(rep.Problems, it.Problems...)
	}
	printProblemLines(w, rep, quiet)
	fmt.Fprintf(w, "mapped %d records, %d problems (owners are resolved when importing)\n", len(items), len(rep.Problems))
}

// printImportReport prints the problems, the failures and the counts.
func printImportReport(w io.Writer, rep procimport.Report, quiet bool) {
	printProblemLines(w, rep, quiet)
	for _, fl := range rep.Failed {
		fmt.Fprintf(w, "   failed %s (line %d): %v\n", fl.Code, fl.Line, describe("import", fl.Err))
	}
	fmt.Fprintf(w, "owners:%s\n", countList(rep.Owners))
	fmt.Fprintf(w, "created %d, updated %d, unchanged %d, failed %d, problems %d\n",
		len(rep.Created), len(rep.Updated), len(rep.Unchanged), len(rep.Failed), len(rep.Problems))
}

// printProblemLines prints each problem unless quiet, then the counts by
// field.
func printProblemLines(w io.Writer, rep procimport.Report, quiet bool) {
	if !quiet {
		for _, p := range rep.Problems {
			fmt.Fprintln(w, "  ", p)
		}
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(w, "problems by field:%s\n", countList(rep.ProblemsByField()))
	}
}

// countList writes " a=1 b=2" in key order.
func countList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := ""
	for _, k := range keys {
		s += fmt.Sprintf(" %s=%d", k, m[k])
	}
	return s
}
