// Command cong is the Cổng e-government portal: one binary whose subcommands
// serve the portal, run migrations, manage staff accounts, import data, back
// up the database and more. Run "cong help" for the list.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one subcommand. Each lives in its own file and registers itself
// in init, so adding one never edits this file.
type command struct {
	name  string // e.g. "serve" or "import units"
	short string // one line for "cong help"
	run   func(ctx context.Context, env *cmdEnv, args []string) error
}

// cmdEnv is what every subcommand receives: its output streams and the
// process environment (a function, so tests can run main in-process).
type cmdEnv struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

var commands = map[string]command{}

func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &cmdEnv{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	if err := run(ctx, env, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "cong:", err)
		os.Exit(1)
	}
}

// run finds the longest registered command name that prefixes args ("import
// units" before "import") and runs it with the remaining arguments.
func run(ctx context.Context, env *cmdEnv, args []string) error {
	for n := min(len(args), 3); n > 0; n-- {
		if c, ok := commands[strings.Join(args[:n], " ")]; ok {
			return c.run(ctx, env, args[n:])
		}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.stdout)
		return nil
	}
	usage(env.stderr)
	return fmt.Errorf("unknown command %q", strings.Join(args, " "))
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: cong <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-20s %s\n", n, commands[n].short)
	}
	fmt.Fprintln(w, "\nRun \"cong <command> -h\" for the flags of a command.")
}
