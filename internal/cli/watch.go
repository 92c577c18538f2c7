package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/imagefile"
	"github.com/layerdeck/layerdeck/internal/watch"
)

func watchCmd() *command {
	c := &command{
		name:    "watch",
		arg:     "deck file",
		summary: "build, then rebuild on every change to the deck, its images and fonts",
		usage:   "[flags] [DECK]",
		help: `Builds DECK (default: deck.md in the current directory) and rebuilds it
whenever the deck, an image or a font it uses changes, printing one line
per rebuild. A broken deck never ends the watch: the errors are printed and
the last good PDF stays in place. The PDF is replaced by rename, so PDF
viewers that reload on change show each new version. Ctrl-C ends it.

Examples:
  layerdeck init talk && layerdeck watch talk/deck.md
  layerdeck watch talk/deck.md -o /tmp/talk.pdf --notes`,
	}
	c.define = func(fs *flag.FlagSet) func(Env, []string) int {
		f := buildFlags{cmd: "watch"}
		f.define(fs)
		return func(env Env, args []string) int {
			if err := f.resolveFormat(); err != nil {
				return usageError(env, c, "%v", err)
			}
			path := argOr(args, "deck.md")
			if _, err := os.Stat(path); err != nil {
				fmt.Fprintf(env.Stderr, "layerdeck watch: %s: %v (layerdeck init writes a deck to start from)\n", path, unwrapErr(err))
				return ExitError
			}
			if f.out == "-" {
				return usageError(env, c, "watch writes files; -o - is for build")
			}
			return runWatch(env, path, &f, nil)
		}
	}
	return c
}

func unwrapErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// runWatch builds path and rebuilds on changes until env.Interrupt is
// closed (or Ctrl-C). onBuild, if set, is called after each build with its
// status (tests wait on it).
func runWatch(env Env, path string, f *buildFlags, onBuild func(status int)) int {
	interrupt := env.Interrupt
	if interrupt == nil {
		interrupt = notifyInterrupt()
	}
	b := newBuilder(env)
	defer b.Close()
	f.stamp = true
	fmt.Fprintf(env.Stderr, "watching %s (Ctrl-C to stop)\n", path)
	var deps []string
	err := watch.Run(path, interrupt, func() []string {
		status, res := runBuild(context.Background(), env, b, path, f)
		if status != ExitOK {
			fmt.Fprintf(env.Stderr, "%s build failed; %s is unchanged\n", time.Now().Format("15:04:05"), outputPath(path, f.out))
		}
		if res != nil {
			deps = dependencies(res.Deck)
		}
		if onBuild != nil {
			onBuild(status)
		}
		return deps
	}, func(err error) { fmt.Fprintf(env.Stderr, "layerdeck watch: %v\n", err) })
	if err != nil {
		fmt.Fprintf(env.Stderr, "layerdeck watch: %v\n", err)
		return ExitError
	}
	fmt.Fprintln(env.Stderr, "stopped")
	return ExitOK
}

// dependencies lists the files a deck reads besides itself: its images,
// fonts and theme file, as absolute paths.
func dependencies(d *deck.Deck) []string {
	var out []string
	add := func(p string) {
		if p != "" && !imagefile.IsData(p) {
			if a, err := filepath.Abs(p); err == nil {
				out = append(out, a)
			}
		}
	}
	for _, f := range d.Fonts.Files() {
		add(f)
	}
	add(d.Theme.File)
	for _, s := range d.Slides {
		for _, img := range deck.Images(append(append([]deck.Block{}, s.Blocks...), s.Right...)) {
			add(img.Path)
		}
	}
	sort.Strings(out)
	return out
}

// notifyInterrupt returns a channel closed on Ctrl-C or SIGTERM.
func notifyInterrupt() <-chan struct{} {
	ch := make(chan struct{})
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		signal.Stop(sig)
		close(ch)
	}()
	return ch
}
