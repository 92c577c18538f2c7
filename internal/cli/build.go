package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/layerdeck/layerdeck/internal/atomicfile"
	"github.com/layerdeck/layerdeck/internal/build"
	"github.com/layerdeck/layerdeck/internal/clock"
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
	force   bool
	// cmd names the command in messages ("build", "watch").
	cmd string
}

func (f *buildFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.out, "o", "", "output `FILE` (NAME.pdf; - for standard output; NAME.svg or NAME.png for NAME-01.svg, …) or directory (svg, png); default: next to the deck, essay.pdf for the built-in deck")
	fs.StringVar(&f.format, "format", "", "output `FORMAT`: pdf, or svg or png for one image per slide (NAME-01.svg, …); default: from the extension of -o, else pdf")
	fs.BoolVar(&f.force, "force", false, "replace a read-only output file")
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

The format follows --format, else the extension of -o (.pdf, .svg, .png),
else it is PDF. The output never replaces the deck or an image or font it
reads, a directory, or a read-only file (unless --force); a character
device such as /dev/null or a pipe is written into, as cp does.

Examples:
  layerdeck build
  layerdeck build talk/deck.md -o slides.pdf
  layerdeck build talk/deck.md --notes
  layerdeck build --format png -o images talk/deck.md
  layerdeck build -o - talk/deck.md > talk.pdf`,
	}
	c.define = func(fs *flag.FlagSet) func(Env, []string) int {
		f := buildFlags{cmd: "build"}
		f.define(fs)
		return func(env Env, args []string) int {
			if err := f.resolveFormat(); err != nil {
				return usageError(env, c, "%v", err)
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

// maxSourceDate is 9999-12-31T23:59:59Z, the last second a PDF date holds.
const maxSourceDate = 253402300799

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
	if n > maxSourceDate {
		// A PDF date has a four-digit year.
		return 0, fmt.Errorf("SOURCE_DATE_EPOCH=%q is past the year 9999", v)
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
	// A build on its own is timed as the whole process, start-up
	// included; a rebuild in watch from its start.
	start := clock.Start
	if f.stamp {
		start = time.Now()
	}
	res, err := b.Build(ctx, path, build.Options{Date: date, Notes: f.notes, NoPDF: f.format != "pdf"})
	if err != nil {
		rep.errors(err)
		return ExitError, nil
	}
	if reportFindings(rep, res.Findings, f.strict) {
		return ExitError, res
	}
	outs, err := plannedOutputs(res, path, f)
	if err == nil {
		err = guardOutputs(outs, inputs(path, res), f.force)
	}
	var ue *usageErr
	if errors.As(err, &ue) {
		cmd := cmp.Or(f.cmd, "build")
		fmt.Fprintf(env.Stderr, "layerdeck %s: %s\nRun 'layerdeck help %s' for usage.\n", cmd, ue.msg, cmd)
		return ExitUsage, res
	}
	if err != nil {
		rep.errors(err)
		return ExitError, res
	}
	size := 0
	for i, name := range outs {
		var data []byte
		switch {
		case f.format != "pdf":
			data, err = renderImage(res, i, f)
		case i == 0:
			data = res.PDF
		default:
			data = res.NotesPDF
		}
		if err == nil {
			err = writeOutput(env, name, data)
		}
		if err != nil {
			rep.errors(err)
			return ExitError, res
		}
		if f.format != "pdf" || i == 0 {
			size += len(data)
		}
	}
	written := outs
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
		msg := f.Msg
		if f.Slide > 0 {
			// Slide 0 is the front matter: no slide to name.
			msg = fmt.Sprintf("slide %d: %s", f.Slide, msg)
		}
		rep.message(sev, f.Pos, msg)
	}
	return failed
}

// writeOutput writes data atomically to path, into it when it is a
// character device or a pipe, or to stdout for "-".
func writeOutput(env Env, path string, data []byte) error {
	if path == "-" {
		if _, err := env.Stdout.Write(data); err != nil {
			return fmt.Errorf("writing to standard output: %w", unwrapPath(err))
		}
		return nil
	}
	if direct(path) {
		return writeDirect(path, data)
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return atomicfile.WriteFile(path, data, atomicfile.Options{})
}

// plannedOutputs lists the files a build writes: the PDF (and the notes
// PDF), or one image per slide, DIR/NAME-NN.EXT.
func plannedOutputs(res *build.Result, path string, f *buildFlags) ([]string, error) {
	out := outputPath(path, f.out)
	if f.format == "pdf" {
		outs := []string{out}
		if res.NotesPDF != nil {
			base := out
			if out == "-" || direct(out) {
				base = outputPath(path, "")
			}
			outs = append(outs, strings.TrimSuffix(base, ".pdf")+"-notes.pdf")
		}
		return outs, nil
	}
	dir := f.out
	base := strings.TrimSuffix(filepath.Base(outputPath(path, "")), ".pdf")
	switch ext := "." + f.format; {
	case dir == "":
		dir = filepath.Dir(outputPath(path, ""))
	case dir == "-":
		return nil, refuse("-o - writes a PDF only; name a directory or NAME%s for %s", ext, f.format)
	case strings.EqualFold(filepath.Ext(dir), ext) && !isDir(dir):
		dir, base = filepath.Dir(f.out), strings.TrimSuffix(filepath.Base(f.out), filepath.Ext(f.out))
	}
	var outs []string
	for i := range res.Doc.Pages {
		outs = append(outs, filepath.Join(dir, fmt.Sprintf("%s-%02d.%s", base, i+1, f.format)))
	}
	return outs, nil
}

// renderImage draws slide i as SVG or PNG.
func renderImage(res *build.Result, i int, f *buildFlags) ([]byte, error) {
	p := res.Doc.Pages[i]
	var data []byte
	var err error
	if f.format == "svg" {
		data, err = svg.Render(p, svg.Options{EmbedImages: true, Images: res.Images})
	} else {
		data, err = png.Render(p, png.Options{Fonts: res.Fonts, DPI: f.dpi, Images: res.Images})
	}
	if err != nil {
		return nil, fmt.Errorf("slide %d: %w", i+1, err)
	}
	return data, nil
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
