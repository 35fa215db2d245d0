package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/cong-vn/cong/internal/search"
	"github.com/cong-vn/cong/internal/searchfeed"
	"github.com/cong-vn/cong/internal/searchindex"
)

func init() {
	register(command{name: "reindex", short: "rebuild the search indexes from the database without downtime", run: runReindex})
}

// runReindex asks every running server to rebuild its index aside and swap
// it in (they see the request within a poll interval). With --here it
// instead rebuilds this machine's index itself, for when no server runs.
func runReindex(ctx context.Context, env *cmdEnv, args []string) error {
	var here bool
	cfg, _, err := loadConfig(env, "reindex", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&here, "here", false, "rebuild the index in CONG_SEARCH_DIR now (only while no server uses it)")
	})
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg, env.stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	if !here {
		id, err := db.RequestRebuild(ctx, "cli")
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "rebuild request %d recorded; every running server rebuilds its index aside and swaps it in\n", id)
		return nil
	}
	index, err := searchindex.Open(cfg.SearchPath())
	if err != nil {
		return err
	}
	defer index.Close()
	var n int
	err = index.Rebuild(ctx, func(ctx context.Context, fresh search.Index) error {
		n, err = searchfeed.Rebuild(ctx, db, fresh, searchSources(db)...)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "search index rebuilt: %d documents\n", n)
	return nil
}
