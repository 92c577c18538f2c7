package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/internal/atomicfile"
)

func initCmd() *command {
	return &command{
		name:    "init",
		arg:     "directory",
		summary: "write the built-in deck's source to DIR/deck.md to start editing",
		usage:   "[--force] [DIR]",
		help: `Writes the source of the built-in deck as DIR/deck.md (DIR defaults to
the current directory, and is created if missing), so that you can edit it
and build it. An existing deck.md is never replaced without --force.

Examples:
  layerdeck init talk
  layerdeck build talk/deck.md
  layerdeck watch talk/deck.md`,
		define: func(fs *flag.FlagSet) func(Env, []string) int {
			force := fs.Bool("force", false, "replace an existing deck.md")
			return func(env Env, args []string) int {
				dir := argOr(args, ".")
				return runInit(env, dir, *force)
			}
		},
	}
}

func runInit(env Env, dir string, force bool) int {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(env.Stderr, "layerdeck init: %v\n", err)
		return ExitError
	}
	path := filepath.Join(dir, "deck.md")
	if _, err := os.Stat(path); err == nil && !force {
		fmt.Fprintf(env.Stderr, "layerdeck init: %s already exists; use --force to replace it\n", path)
		return ExitError
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(env.Stderr, "layerdeck init: %v\n", err)
		return ExitError
	}
	if err := atomicfile.WriteFile(path, assets.Essay, atomicfile.Options{}); err != nil {
		fmt.Fprintf(env.Stderr, "layerdeck init: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(env.Stderr, "wrote %s; build it with: layerdeck build %s\n", path, path)
	return ExitOK
}
