package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/layerdeck/layerdeck/internal/atomicfile"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/render/pdf"
	"github.com/layerdeck/layerdeck/internal/render/png"
	"github.com/layerdeck/layerdeck/internal/render/svg"

	"github.com/layerdeck/layerdeck/diagrams"
)

// diagramFormats are the formats diagrams writes, in output order.
var diagramFormats = []string{"svg", "png", "pdf", "dot"}

func diagramsCmd() *command {
	c := &command{
		name:    "diagrams",
		arg:     "deck file",
		summary: "export the deck's diagrams on their own (SVG, PNG, PDF, DOT)",
		usage:   "[-o DIR] [--format svg,png,pdf,dot] [--dpi N] [DECK]",
		help: `Lays out every diagram of DECK (default: the built-in deck) and writes
one file per diagram per format into DIR, named after its stack or block:
ai.svg, crypto.png, compare.pdf, drivers.dot, …

  svg  text as <text> in the deck font, a viewBox, no outlines
  png  rasterized by layerdeck at --dpi
  pdf  one page sized to the diagram, the font embedded as a subset
  dot  the graph as given to Graphviz, with layerdeck's measured sizes;
       Graphviz's own dot command lays it out too

Examples:
  layerdeck diagrams -o out
  layerdeck diagrams talk/deck.md -o figures --format svg,png --dpi 300`,
	}
	c.define = func(fs *flag.FlagSet) func(Env, []string) int {
		out := fs.String("o", "diagrams", "output `DIR`")
		formats := fs.String("format", "svg,png,pdf,dot", "comma-separated `FORMATS`: svg, png, pdf, dot")
		dpi := fs.Float64("dpi", 192, "resolution of png output")
		return func(env Env, args []string) int {
			want := map[string]bool{}
			for _, f := range strings.Split(*formats, ",") {
				f = strings.TrimSpace(strings.ToLower(f))
				if !slices.Contains(diagramFormats, f) {
					return usageError(env, c, "unsupported format %q: want svg, png, pdf or dot", f)
				}
				want[f] = true
			}
			if !(*dpi > 0 && *dpi <= 1200) {
				return usageError(env, c, "--dpi %g: want a resolution from 1 to 1200", *dpi)
			}
			path := argOr(args, "")
			return runDiagrams(env, path, *out, want, *dpi)
		}
	}
	return c
}

func runDiagrams(env Env, path, dir string, want map[string]bool, dpi float64) int {
	start := time.Now()
	b := newBuilder(env)
	defer b.Close()
	rep := newReporter(env)
	d, fonts, ds, err := b.Diagrams(context.Background(), path)
	if err != nil {
		rep.errors(err)
		return ExitError
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		rep.errors(err)
		return ExitError
	}
	files, total := 0, 0
	for _, dg := range ds {
		page := diagrams.Page(dg.Geometry, 16)
		for _, f := range diagramFormats {
			if !want[f] {
				continue
			}
			var data []byte
			var err error
			switch f {
			case "svg":
				data, err = svg.Render(page, svg.Options{})
			case "png":
				data, err = png.Render(page, png.Options{Fonts: fonts, DPI: dpi})
			case "pdf":
				// A tagged PDF: the diagram is one Figure with its
				// description as alt text.
				tagged := *page
				tagged.Items = append([]display.Item(nil), page.Items...)
				display.SetTagAll(tagged.Items, &display.Tag{Role: "Figure", Alt: dg.Alt})
				data, err = pdf.Render(&display.Doc{Title: dg.Name, Author: d.Author, Lang: d.Lang, Pages: []*display.Page{&tagged}}, pdf.Options{Fonts: fonts})
			case "dot":
				data = []byte(dg.DOT)
			}
			if err != nil {
				rep.errors(fmt.Errorf("diagram %s: %w", dg.Name, err))
				return ExitError
			}
			name := filepath.Join(dir, dg.Name+"."+f)
			if err := atomicfile.WriteFile(name, data, atomicfile.Options{}); err != nil {
				rep.errors(err)
				return ExitError
			}
			files++
			total += len(data)
		}
	}
	fmt.Fprintf(env.Stderr, "%s: %d diagrams, %d files, %s in %s\n", dir, len(ds), files, kib(total), ms(time.Since(start)))
	return ExitOK
}
