package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/build"
)

// finding is one problem in check's JSON output.
type finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Slide    int    `json:"slide,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// checkReport is check's JSON output.
type checkReport struct {
	Deck     string    `json:"deck"`
	Dialect  string    `json:"dialect,omitempty"`
	OK       bool      `json:"ok"`
	Slides   int       `json:"slides"`
	Diagrams int       `json:"diagrams"`
	Findings []finding `json:"findings"`
}

func checkCmd() *command {
	c := &command{
		name:    "check",
		arg:     "deck file",
		summary: "report every problem of a deck without writing anything",
		usage:   "[--format text|json] [-v] [DECK]",
		help: `Parses, validates and lays out DECK (default: the built-in deck) and
reports every problem: errors in the deck, content that overflows a slide,
characters the font lacks, unreadable images, diagram text too small to
read. Nothing is written. Exit status 0 when the deck is clean, 1 otherwise.
--format json prints the same findings for editors and CI.

Examples:
  layerdeck check talk/deck.md
  layerdeck check --format json talk/deck.md | jq .findings`,
	}
	c.define = func(fs *flag.FlagSet) func(Env, []string) int {
		format := fs.String("format", "text", "output `FORMAT`: text or json")
		verbose := fs.Bool("v", false, "also say which dialect (layerdeck, marp, slidev) the deck is read as")
		return func(env Env, args []string) int {
			if *format != "text" && *format != "json" {
				return usageError(env, c, "unknown format %q: want text or json", *format)
			}
			path := argOr(args, "")
			b := newBuilder(env)
			defer b.Close()
			return runCheck(env, b, path, *format == "json", *verbose)
		}
	}
	return c
}

func runCheck(env Env, b *build.Builder, path string, asJSON, verbose bool) int {
	name := path
	if name == "" {
		name = build.BuiltinName
	}
	rep := checkReport{Deck: name, Findings: []finding{}}
	res, err := b.Build(context.Background(), path, build.Options{Check: true})
	if err != nil {
		var list deck.ErrorList
		if !errors.As(err, &list) {
			list = deck.ErrorList{{Pos: deck.Pos{File: name}, Msg: err.Error()}}
		}
		for _, e := range list {
			rep.Findings = append(rep.Findings, finding{File: e.Pos.File, Line: e.Pos.Line, Col: e.Pos.Col, Severity: "error", Message: e.Msg})
		}
	} else {
		rep.Dialect = string(res.Deck.Dialect)
		rep.Slides, rep.Diagrams = len(res.Deck.Slides), res.Diagrams
		for _, f := range res.Findings {
			sev := "warning"
			if f.Error {
				sev = "error"
			}
			rep.Findings = append(rep.Findings, finding{File: f.Pos.File, Line: f.Pos.Line, Col: f.Pos.Col, Slide: f.Slide, Severity: sev, Message: f.Msg})
		}
	}
	rep.OK = len(rep.Findings) == 0
	if asJSON {
		out, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Fprintf(env.Stdout, "%s\n", out)
	} else {
		if verbose && rep.Dialect != "" {
			fmt.Fprintf(env.Stderr, "%s: read as a %s deck\n", name, rep.Dialect)
		}
		r := newReporter(env)
		for _, f := range rep.Findings {
			msg := f.Message
			if f.Slide > 0 {
				msg = fmt.Sprintf("slide %d: %s", f.Slide, msg)
			}
			r.message(f.Severity, deck.Pos{File: f.File, Line: f.Line, Col: f.Col}, msg)
		}
		if rep.OK {
			fmt.Fprintf(env.Stderr, "%s: ok: %d slides, %d diagrams\n", name, rep.Slides, rep.Diagrams)
		}
	}
	if !rep.OK {
		return ExitError
	}
	return ExitOK
}
