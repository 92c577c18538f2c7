package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/layerdeck/layerdeck/internal/atomicfile"
	"github.com/layerdeck/layerdeck/internal/build"
	"github.com/layerdeck/layerdeck/internal/layout"
	"github.com/layerdeck/layerdeck/internal/render/png"
	"github.com/layerdeck/layerdeck/internal/render/svg"
)

// buildFlags are the flags build and watch share.
type buildFlags struct {
	// stamp puts the time of day before the summary line (watch).
	stamp   bool
	out     string
	format  string
	dpi     float64
	notes   bool
	strict  bool
	verbose bool
}

func (f *buildFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.out, "o", "", "output `FILE` (PDF; - for standard output) or directory (svg, png); default: next to the deck, essay.pdf for the built-in deck")
	fs.StringVar(&f.format, "format", "pdf", "output `FORMAT`: pdf, or svg or png for one image per slide (NAME-01.svg, …)")
	fs.Float64Var(&f.dpi, "dpi", 192, "resolution of png output")
	fs.BoolVar(&f.notes, "notes", false, "also write NAME-notes.pdf: A4 pages with each slide above its speaker notes")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings (overflow, small diagram text) as errors")
	fs.BoolVar(&f.verbose, "v", false, "print the time of each stage")
}

func buildCmd() *command {
	c := &command{
		name:    "build",
		arg:     "deck file",
		summary: "build a deck into a PDF",
		usage:   "[flags] [DECK]",
		help: `Reads DECK (default: the built-in deck), lays it out and writes the PDF
next to it (deck.md → deck.pdf; the built-in deck → essay.pdf). Problems
are reported as FILE:LINE:COL: message; on an error nothing is written and
the previous output stays as it was.

Examples:
  layerdeck build
  layerdeck build talk/deck.md -o slides.pdf
  layerdeck build talk/deck.md --notes
  layerdeck build --format png -o images talk/deck.md
  layerdeck build -o - talk/deck.md > talk.pdf`,
	}
	c.define = func(fs *flag.FlagSet) func(Env, []string) int {
		var f buildFlags
		f.define(fs)
		return func(env Env, args []string) int {
			if f.format != "pdf" && f.format != "svg" && f.format != "png" {
				return usageError(env, c, "unknown format %q: want pdf, svg or png", f.format)
			}
			path := argOr(args, "")
			b := newBuilder(env)
			defer b.Close()
			status, _ := runBuild(context.Background(), env, b, path, &f)
			return status
		}
	}
	return c
}

// newBuilder returns a Builder with its caches in the user's cache
// directory ($XDG_CACHE_HOME/layerdeck or ~/.cache/layerdeck): layouts in
// graphviz/, Graphviz compiled to native code in wazero/ (used only if it
// is the user's alone). LAYERDECK_CACHE=off keeps nothing on disk.
func newBuilder(env Env) *build.Builder {
	b := build.New()
	if env.Getenv("LAYERDECK_CACHE") == "off" {
		return b
	}
	var root string
	if dir := env.Getenv("XDG_CACHE_HOME"); dir != "" {
		root = filepath.Join(dir, "layerdeck")
	} else if home := env.Getenv("HOME"); home != "" {
		root = filepath.Join(home, ".cache", "layerdeck")
	} else {
		return b
	}
	b.CacheDir = filepath.Join(root, "graphviz")
	b.CompileCacheDir = filepath.Join(root, "wazero")
	b.ImageDir = filepath.Join(root, "images")
	return b
}

// sourceDate reads SOURCE_DATE_EPOCH.
func sourceDate(env Env) (int64, error) {
	v := env.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a Unix time in seconds", v)
	}
	return n, nil
}

// outputPath is where build writes the PDF of the deck at path.
func outputPath(path, out string) string {
	if out != "" {
		return out
	}
	if path == "" {
		return "essay.pdf"
	}
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".pdf"
}

// runBuild builds once and writes the output; it returns the exit status
// and, when the deck parsed, the build result.
func runBuild(ctx context.Context, env Env, b *build.Builder, path string, f *buildFlags) (int, *build.Result) {
	rep := newReporter(env)
	date, err := sourceDate(env)
	if err != nil {
		rep.errors(err)
		return ExitError, nil
	}
	start := time.Now()
	res, err := b.Build(ctx, path, build.Options{Date: date, Notes: f.notes, NoPDF: f.format != "pdf"})
	if err != nil {
		rep.errors(err)
		return ExitError, nil
	}
	if reportFindings(rep, res.Findings, f.strict) {
		return ExitError, res
	}
	out := outputPath(path, f.out)
	var written []string
	var size int
	if f.format != "pdf" {
		files, n, err := writeImages(res, path, f)
		if err != nil {
			rep.errors(err)
			return ExitError, res
		}
		written, size = files, n
	} else {
		if err := writeOutput(env, out, res.PDF); err != nil {
			rep.errors(err)
			return ExitError, res
		}
		written, size = append(written, out), len(res.PDF)
		if res.NotesPDF != nil {
			notes := strings.TrimSuffix(out, ".pdf") + "-notes.pdf"
			if out == "-" {
				notes = strings.TrimSuffix(outputPath(path, ""), ".pdf") + "-notes.pdf"
			}
			if err := writeOutput(env, notes, res.NotesPDF); err != nil {
				rep.errors(err)
				return ExitError, res
			}
			written = append(written, notes)
		}
	}
	elapsed := time.Since(start)
	name := written[0]
	if name == "-" {
		name = "(stdout)"
	}
	if len(written) > 2 {
		name = fmt.Sprintf("%s … %s", written[0], filepath.Base(written[len(written)-1]))
	}
	if f.stamp {
		fmt.Fprintf(env.Stderr, "%s ", time.Now().Format("15:04:05"))
	}
	fmt.Fprintf(env.Stderr, "%s: %d slides, %d diagrams, %s in %s\n", name, len(res.Deck.Slides), res.Diagrams, kib(size), ms(elapsed))
	if f.verbose {
		t := res.Timings
		fmt.Fprintf(env.Stderr, "  parse %s, layout %s, graphviz %s, pdf %s\n", ms(t.Parse), ms(t.Layout), ms(t.Graphviz), ms(t.PDF))
	}
	return ExitOK, res
}

// reportFindings prints layout findings and reports whether they fail the
// build: errors always, warnings under strict.
func reportFindings(rep *reporter, fs []layout.Finding, strict bool) bool {
	failed := false
	for _, f := range fs {
		sev := "warning"
		if f.Error || strict {
			sev = "error"
			failed = true
		}
		rep.message(sev, f.Pos, fmt.Sprintf("slide %d: %s", f.Slide, f.Msg))
	}
	return failed
}

// writeOutput writes data atomically to path, or to stdout for "-".
func writeOutput(env Env, path string, data []byte) error {
	if path == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return atomicfile.WriteFile(path, data, atomicfile.Options{})
}

// writeImages writes one SVG or PNG per slide: DIR/NAME-NN.EXT.
func writeImages(res *build.Result, path string, f *buildFlags) ([]string, int, error) {
	dir := f.out
	if dir == "" {
		dir = filepath.Dir(outputPath(path, ""))
	}
	if dir == "-" {
		return nil, 0, fmt.Errorf("-o - writes a PDF only; name a directory for %s", f.format)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, err
	}
	base := strings.TrimSuffix(filepath.Base(outputPath(path, "")), ".pdf")
	var files []string
	total := 0
	for i, p := range res.Doc.Pages {
		var data []byte
		var err error
		if f.format == "svg" {
			data, err = svg.Render(p, svg.Options{Images: res.Images})
		} else {
			data, err = png.Render(p, png.Options{Fonts: res.Fonts, DPI: f.dpi, Images: res.Images})
		}
		if err != nil {
			return nil, 0, fmt.Errorf("slide %d: %w", i+1, err)
		}
		name := filepath.Join(dir, fmt.Sprintf("%s-%02d.%s", base, i+1, f.format))
		if err := atomicfile.WriteFile(name, data, atomicfile.Options{}); err != nil {
			return nil, 0, err
		}
		files = append(files, name)
		total += len(data)
	}
	return files, total, nil
}

func kib(n int) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%d KiB", (n+512)/1024)
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
