package main

import (
	"context"
	"fmt"
)

func init() {
	register(command{name: "config", short: "print the effective configuration, secrets masked", run: func(ctx context.Context, env *cmdEnv, args []string) error {
		cfg, _, err := loadConfig(env, "config", args, nil)
		if err != nil {
			return err
		}
		for _, line := range cfg.Masked() {
			fmt.Fprintln(env.stdout, line)
		}
		return nil
	}})
}
