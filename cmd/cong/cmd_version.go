package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=..."; the VCS
// revision recorded by the Go toolchain is used otherwise.
var version = "dev"

func init() {
	if version == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					version = "dev-" + s.Value[:12]
				}
			}
		}
	}
	register(command{name: "version", short: "print the version", run: func(ctx context.Context, env *cmdEnv, args []string) error {
		fmt.Fprintf(env.stdout, "cong %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return nil
	}})
}
