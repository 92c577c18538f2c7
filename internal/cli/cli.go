// Package cli implements the layerdeck command line: one file per
// subcommand, all sharing the deck loading and error reporting here.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Env is what a command may touch of the process: its streams and
// environment. Tests pass their own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads an environment variable.
	Getenv func(string) string
	// Interrupt, if set, is closed when the user asks the command to stop.
	// Long-running commands (watch, serve) end cleanly on it; when it is
	// nil they listen for Ctrl-C and SIGTERM themselves.
	Interrupt <-chan struct{}
}

// OSEnv is the environment of the running process.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1 // a deck error, a failed build, findings of check
	ExitUsage = 2 // bad flags or arguments
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // arguments, after the command name
	help    string // longer text with examples
	// arg names the one optional positional argument ("deck file",
	// "directory"); "" means the command takes none.
	arg string
	// define declares the command's flags on fs and returns the function
	// that runs it with the positional arguments once fs is parsed.
	define func(fs *flag.FlagSet) func(env Env, args []string) int
}

func commands() []*command {
	return []*command{buildCmd(), watchCmd(), serveCmd(), checkCmd(), diagramsCmd(), initCmd(), versionCmd()}
}

// Main runs the command line args (without the program name) and returns
// the exit status.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if len(args) == 0 {
		usage(env.Stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				commandHelp(env.Stdout, c)
				return ExitOK
			}
		}
		usage(env.Stdout)
		return ExitOK
	case "-version", "--version":
		name = "version"
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(env.Stderr, "layerdeck: unknown command %q\n\n", name)
		usage(env.Stderr)
		return ExitUsage
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	run := c.define(fs)
	pos, status, ok := parseArgs(fs, args[1:], env, c)
	if !ok {
		return status
	}
	switch {
	case c.arg == "" && len(pos) > 0:
		return usageError(env, c, "unexpected argument %q", pos[0])
	case len(pos) > 1:
		return usageError(env, c, "too many arguments: want at most one %s", c.arg)
	}
	return run(env, pos)
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprint(w, `layerdeck turns a Markdown deck into a presentation PDF with embedded
Japanese fonts and Graphviz-laid-out layer-flow diagrams.

Usage:
  layerdeck COMMAND [flags] [DECK]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Without DECK, build, check and diagrams use the built-in deck, a talk on
the layered evolution of AI and crypto; watch uses ./deck.md, and serve
./deck.md if there is one, else the built-in deck. Run 'layerdeck help
COMMAND' for its flags and examples.
`)
}

func commandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: layerdeck %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.help))
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.define(fs)
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	if b.Len() > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", b.String())
	}
}

// parseArgs parses flags that may stand before or after the positional
// arguments, and returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string, env Env, c *command) ([]string, int, bool) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				commandHelp(env.Stdout, c)
				return nil, ExitOK, false
			}
			fmt.Fprintf(env.Stderr, "layerdeck %s: %v\nRun 'layerdeck help %s' for usage.\n", c.name, err, c.name)
			return nil, ExitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, 0, true
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), 0, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// argOr returns the positional argument, or def when there is none.
func argOr(args []string, def string) string {
	if len(args) == 1 {
		return args[0]
	}
	return def
}

// usageError prints a usage error and returns ExitUsage.
func usageError(env Env, c *command, format string, a ...any) int {
	fmt.Fprintf(env.Stderr, "layerdeck %s: %s\nRun 'layerdeck help %s' for usage.\n", c.name, fmt.Sprintf(format, a...), c.name)
	return ExitUsage
}
