package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cong-vn/cong/internal/procedure"
	"github.com/cong-vn/cong/internal/procexport"
	"github.com/cong-vn/cong/internal/sqlstore"
)

func init() {
	register(command{name: "export procedures", short: "export the procedure catalogue (or a filter of it) as CSV, XLSX or JSON", run: runExportProcedures})
}

// exportProceduresFlags are the flags of "cong export procedures".
type exportProceduresFlags struct {
	format, levels, field, agency, owner, online, status, query, out string
	all                                                              bool
}

func (f *exportProceduresFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "csv", "csv, xlsx or json")
	fs.StringVar(&f.levels, "level", "", "only these levels, comma-separated: ministry, province, district, commune, other")
	fs.StringVar(&f.field, "field", "", "only this field (lĩnh vực), exactly")
	fs.StringVar(&f.agency, "agency", "", "only this implementing agency, exactly")
	fs.StringVar(&f.owner, "owner", "", "only procedures owned by the unit with this code")
	fs.StringVar(&f.online, "online", "", "only this online level: full, partial or none")
	fs.StringVar(&f.status, "status", "", "only this status; the published catalogue by default")
	fs.StringVar(&f.query, "query", "", "only procedures whose code or name contains this text (diacritics optional)")
	fs.BoolVar(&f.all, "all", false, "export the newest version of every procedure, drafts included, instead of the published catalogue")
	fs.StringVar(&f.out, "o", "", "write to this file instead of standard output")
}

// runExportProcedures writes the matching procedures in the chosen format.
func runExportProcedures(ctx context.Context, env *cmdEnv, args []string) error {
	var f exportProceduresFlags
	cfg, rest, err := loadConfig(env, "export procedures", args, f.register)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("export procedures: unexpected arguments %q", rest)
	}
	format, err := procexport.ParseFormat(f.format)
	if err != nil {
		return fmt.Errorf("export procedures: %w", err)
	}
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	filter, err := f.filter(ctx, db)
	if err != nil {
		return err
	}
	ps, _, err := procedure.NewService(db, db).FindProcedures(cliContext(ctx), filter)
	if err != nil {
		return describe("export procedures", err)
	}
	if err := writeExport(env.stdout, f.out, format, ps); err != nil {
		return fmt.Errorf("export procedures: %w", err)
	}
	fmt.Fprintf(env.stderr, "exported %d procedures as %s\n", len(ps), format)
	return nil
}

// filter builds the procedure filter of the flags.
func (f *exportProceduresFlags) filter(ctx context.Context, db *sqlstore.DB) (procedure.Filter, error) {
	pf := procedure.Filter{Private: f.all}
	for _, l := range strings.Split(f.levels, ",") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if !procedure.Level(l).Valid() {
			return pf, fmt.Errorf("export procedures: unknown level %q", l)
		}
		pf.Levels = append(pf.Levels, procedure.Level(l))
	}
	setStr := func(dst **string, v string) {
		if v != "" {
			*dst = &v
		}
	}
	setStr(&pf.Field, f.field)
	setStr(&pf.Agency, f.agency)
	setStr(&pf.Query, f.query)
	if err := f.enums(&pf); err != nil {
		return pf, err
	}
	if f.owner != "" {
		u, err := db.FindUnitByCode(ctx, f.owner)
		if err != nil {
			return pf, fmt.Errorf("export procedures: owner %q: %w", f.owner, err)
		}
		pf.OwnerUnitID = &u.ID
	}
	return pf, nil
}

// enums checks and sets the online level and the status.
func (f *exportProceduresFlags) enums(pf *procedure.Filter) error {
	if f.online != "" {
		o := procedure.OnlineLevel(f.online)
		if !o.Valid() {
			return fmt.Errorf("export procedures: unknown online level %q", f.online)
		}
		pf.OnlineLevel = &o
	}
	if f.status != "" {
		s := procedure.Status(f.status)
		if !s.Valid() {
			return fmt.Errorf("export procedures: unknown status %q", f.status)
		}
		pf.Status = &s
	}
	return nil
}

// writeExport writes to path, or to stdout when path is empty; a file is
// removed again when writing fails.
func writeExport(stdout io.Writer, path string, format procexport.Format, ps []*procedure.Procedure) error {
	if path == "" {
		return procexport.Export(stdout, format, ps)
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	err = errors.Join(procexport.Export(out, format, ps), out.Close())
	if err != nil {
		os.Remove(path)
	}
	return err
}
