package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/layerdeck/layerdeck/internal/preview"
	"github.com/layerdeck/layerdeck/internal/watch"
)

func serveCmd() *command {
	c := &command{
		name:    "serve",
		arg:     "deck file",
		summary: "preview the deck in a browser, updated on every save",
		usage:   "[--addr HOST:PORT] [DECK]",
		help: `Serves a live preview of DECK (default: deck.md in the current directory,
else the built-in deck) and prints its URL. The page shows every slide as
SVG in the deck's fonts, with a link to the current PDF; a save updates
the slides that changed without reloading, and a deck error shows as an
overlay until it is fixed. /presenter is the presenter view: the current
and next slide, the speaker notes and the elapsed time.

Keys: → ← (or Space, PageDown, PageUp) move, Home End, f full screen,
p opens the presenter view, r resets its timer.

It listens on the loopback interface unless --addr names another; then
anyone who can reach that address can read the deck.

Examples:
  layerdeck serve talk/deck.md
  layerdeck serve --addr 127.0.0.1:8080`,
	}
	c.define = func(fs *flag.FlagSet) func(Env, []string) int {
		addr := fs.String("addr", "127.0.0.1:0", "`HOST:PORT` to listen on (port 0 picks a free one)")
		return func(env Env, args []string) int {
			path := ""
			if len(args) == 1 {
				path = args[0]
			} else if _, err := os.Stat("deck.md"); err == nil {
				path = "deck.md"
			}
			return runServe(env, path, *addr, nil)
		}
	}
	return c
}

// isLoopback reports whether a listen address stays on this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// runServe serves until env.Interrupt is closed (or Ctrl-C). ready, if
// set, receives the URL once the server listens (tests).
func runServe(env Env, path, addr string, ready func(url string)) int {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "layerdeck serve: --addr %q: %v\n", addr, err)
		return ExitUsage
	}
	if !isLoopback(host) {
		fmt.Fprintf(env.Stderr, "warning: serving on %s, not the loopback interface: anyone who can reach it can read the deck\n", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "layerdeck serve: %v\n", err)
		return ExitError
	}
	interrupt := env.Interrupt
	if interrupt == nil {
		interrupt = notifyInterrupt()
	}
	date, err := sourceDate(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "layerdeck serve: %v\n", err)
		return ExitError
	}
	b := newBuilder(env)
	defer b.Close()
	srv := preview.New(path, b, date)
	// Event streams end when base is cancelled, so that shutdown is prompt.
	base, stopStreams := context.WithCancel(context.Background())
	defer stopStreams()
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, BaseContext: func(net.Listener) context.Context { return base }}
	go hs.Serve(ln)
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(env.Stderr, "serving %s at %s (presenter view: %spresenter; Ctrl-C to stop)\n", displayName(path), url, url)
	rebuild := func() []string {
		start := time.Now()
		deps, problems := srv.Rebuild(context.Background())
		for _, p := range problems {
			fmt.Fprintln(env.Stderr, p)
		}
		fmt.Fprintf(env.Stderr, "%s rebuilt in %s\n", time.Now().Format("15:04:05"), ms(time.Since(start)))
		return deps
	}
	if ready != nil {
		ready(url)
	}
	if path == "" {
		rebuild()
		<-interrupt
	} else if err := watch.Run(path, interrupt, rebuild, func(err error) { fmt.Fprintf(env.Stderr, "layerdeck serve: %v\n", err) }); err != nil {
		fmt.Fprintf(env.Stderr, "layerdeck serve: %v\n", err)
	}
	stopStreams()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(env.Stderr, "layerdeck serve: %v\n", err)
	}
	hs.Close()
	fmt.Fprintln(env.Stderr, "stopped")
	return ExitOK
}

func displayName(path string) string {
	if path == "" {
		return "the built-in deck"
	}
	return strings.TrimSpace(path)
}
