package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
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
		usage:   "[--addr HOST:PORT] [--allow-host NAME]... [DECK]",
		help: `Serves a live preview of DECK (default: deck.md in the current directory,
else the built-in deck) and prints its URL. The page shows every slide as
SVG in the deck's fonts, with a link to the current PDF; a save updates
the slides that changed without reloading, and a deck error shows as an
overlay until it is fixed. /presenter is the presenter view: the current
and next slide, the speaker notes and the elapsed time.

Keys: → ← (or Space, PageDown, PageUp) move, Home End, f full screen,
p opens the presenter view, r resets its timer.

It listens on the loopback interface unless --addr names another; then
anyone who can reach that address can read the deck. It answers only
requests that name it by its address, localhost, 127.0.0.1 or [::1]
(a web page on another name that resolves to this machine gets 403);
--allow-host NAME, repeatable, allows another name, such as the machine's
LAN name or address with --addr 0.0.0.0:8080. It serves the page, the
deck's slides, notes and PDF, and the images the deck shows, from memory:
never another file.

Examples:
  layerdeck serve talk/deck.md
  layerdeck serve --addr 127.0.0.1:8080
  layerdeck serve --addr 0.0.0.0:8080 --allow-host talk.local --allow-host 192.168.1.20`,
	}
	c.define = func(fs *flag.FlagSet) func(Env, []string) int {
		addr := fs.String("addr", "127.0.0.1:0", "`HOST:PORT` to listen on (port 0 picks a free one)")
		var allow hostList
		fs.Var(&allow, "allow-host", "also answer requests for host `NAME` (repeatable; any port)")
		return func(env Env, args []string) int {
			path := ""
			if len(args) == 1 {
				path = args[0]
			} else if _, err := os.Stat("deck.md"); err == nil {
				path = "deck.md"
			}
			return runServe(env, path, *addr, allow, nil)
		}
	}
	return c
}

// hostList is the repeatable --allow-host flag.
type hostList []string

func (l *hostList) String() string { return strings.Join(*l, ",") }

func (l *hostList) Set(v string) error {
	if err := preview.CheckAllowHost(v); err != nil {
		return err
	}
	*l = append(*l, v)
	return nil
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
func runServe(env Env, path, addr string, allow []string, ready func(url string)) int {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "layerdeck serve: --addr %q: %v\n", addr, err)
		return ExitUsage
	}
	if !isLoopback(host) {
		fmt.Fprintf(env.Stderr, "warning: serving on %s, not the loopback interface: anyone who can reach it can read the deck\n", addr)
		if len(allow) == 0 {
			fmt.Fprintf(env.Stderr, "note: requests must name %s or localhost; add --allow-host NAME for the name or address other machines use\n", addr)
		}
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
	srv := preview.New(path, b, preview.Options{Date: date, Addr: ln.Addr().String(), AllowHosts: allow})
	// Event streams end when base is cancelled, so that shutdown is prompt.
	base, stopStreams := context.WithCancel(context.Background())
	defer stopStreams()
	hs := srv.HTTPServer()
	hs.BaseContext = func(net.Listener) context.Context { return base }
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
