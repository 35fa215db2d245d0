package main

import "context"

func init() {
	register(command{name: "migrate", short: "apply pending database migrations", run: func(ctx context.Context, env *cmdEnv, args []string) error {
		cfg, _, err := loadConfig(env, "migrate", args, nil)
		if err != nil {
			return err
		}
		db, err := openDB(ctx, cfg, env.stdout)
		if err != nil {
			return err
		}
		return db.Close()
	}})
}
