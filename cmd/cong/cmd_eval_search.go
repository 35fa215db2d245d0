package main

import (
	"context"
	"flag"

	"github.com/cong-vn/cong/internal/searcheval"
)

func init() {
	register(command{
		name:  "eval search",
		short: "measure search relevance on the ALQAC 2023 legal questions",
		run:   runEvalSearch,
	})
}

// runEvalSearch indexes the ALQAC 2023 articles into a temporary index with
// the production analyzer and reports recall@k and MRR per split, with the
// questions as given and without diacritics.
func runEvalSearch(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("cong eval search", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dir := fs.String("alqac", "../shared/data/alqac2023-legal-qa", "directory of the ALQAC 2023 data (all_articles_2023.json, train.json, private_test.json)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	work := fs.String("workdir", "", "directory for the temporary index (default: the system's temporary directory)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	rep, err := searcheval.RunALQAC(ctx, *dir, searcheval.Options{WorkDir: *work})
	if err != nil {
		return err
	}
	if *asJSON {
		return rep.WriteJSON(env.stdout)
	}
	return rep.WriteText(env.stdout)
}
