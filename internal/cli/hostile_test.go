package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/layerdeck/layerdeck/internal/golden"
)

// The hostile corpus: bad and extreme inputs, each run through check and
// build as a user would run them. testdata/hostile holds the small ones
// (NAME.md and the images, fonts and SVGs under files/); hostileGenerated
// writes the big ones. testdata/hostile/outcomes.txt is the table of
// what each must give: the exit status and messages of check and of build
// (go test -update rewrites it; review it with git diff).
//
// Beyond the table, every input must: finish each command within
// hostileTime and hostileHeap; never panic; give check and build the
// same verdict (a deck check passes builds, one with errors writes
// nothing, one with only warnings builds); position every message.
const (
	hostileTime = 5 * time.Second
	hostileHeap = 500 << 20
)

// hostileGenerated are the inputs too big to keep in the repository,
// by name; each writes its deck (and files) into dir and returns the
// deck's path.
var hostileGenerated = map[string]func(t *testing.T, dir string) string{
	"gen-slides-100000": func(t *testing.T, dir string) string {
		var b strings.Builder
		for i := range 100_000 {
			fmt.Fprintf(&b, "# s%d\n\n---\n\n", i)
		}
		return writeDeck(t, dir, b.String())
	},
	"gen-line-1mib": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "# a\n\n"+strings.Repeat("あいう abc ", 1<<20/13)+"\n")
	},
	"gen-word-7mib": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "# a\n\n"+strings.Repeat("w", 7<<20)+"\n")
	},
	"gen-deck-9mib": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "# a\n\n"+strings.Repeat("word ", 9<<20/5)+"\n")
	},
	"gen-list-10000-one-line": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "# a\n\n"+strings.Repeat("- ", 10_000)+"x\n")
	},
	"gen-list-10000-lines": func(t *testing.T, dir string) string {
		var b strings.Builder
		b.WriteString("# a\n\n")
		for i := range 10_000 {
			b.WriteString(strings.Repeat("  ", i%100) + "- x\n")
		}
		return writeDeck(t, dir, b.String())
	},
	"gen-quotes-10000": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "# a\n\n"+strings.Repeat(">", 10_000)+" x\n")
	},
	"gen-title-1m": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "---\ntitle: "+strings.Repeat("題", 1_000_000)+"\nlayout: title\n---\n")
	},
	"gen-heading-1m": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "# "+strings.Repeat("x", 1_000_000)+"\n")
	},
	"gen-keys-10000": func(t *testing.T, dir string) string {
		var b strings.Builder
		b.WriteString("---\n")
		for i := range 10_000 {
			fmt.Fprintf(&b, "key%d: %d\n", i, i)
		}
		return writeDeck(t, dir, b.String()+"---\n# a\n")
	},
	"gen-keywords-100000": func(t *testing.T, dir string) string {
		var b strings.Builder
		b.WriteString("---\nkeywords:\n")
		for i := range 100_000 {
			fmt.Fprintf(&b, "  - k%d\n", i)
		}
		return writeDeck(t, dir, b.String()+"---\n# a\n")
	},
	"gen-yaml-flow-1m": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "---\nkeywords: "+strings.Repeat("[", 1_000_000)+strings.Repeat("]", 1_000_000)+"\n---\n# a\n")
	},
	"gen-stacks-10000": func(t *testing.T, dir string) string {
		var b strings.Builder
		b.WriteString("---\nstacks:\n")
		for i := range 10_000 {
			fmt.Fprintf(&b, "  s%d:\n    title: t\n    pattern: progression\n    layers:\n      - {id: L1, name: n}\n", i)
		}
		return writeDeck(t, dir, b.String()+"---\n# a\n")
	},
	"gen-layers-10000": func(t *testing.T, dir string) string {
		var b strings.Builder
		b.WriteString("---\nstacks:\n  ai:\n    title: t\n    pattern: progression\n    layers:\n")
		for i := range 10_000 {
			fmt.Fprintf(&b, "      - {id: L%d, name: n%d}\n", i, i)
		}
		return writeDeck(t, dir, b.String()+"layout: diagram\ndiagram: ai\n---\n# a\n")
	},
	"gen-table-2000x200": func(t *testing.T, dir string) string {
		var b strings.Builder
		b.WriteString("# a\n\n|" + strings.Repeat(" h |", 200) + "\n|" + strings.Repeat("---|", 200) + "\n")
		for range 2000 {
			b.WriteString("|" + strings.Repeat(" c |", 200) + "\n")
		}
		return writeDeck(t, dir, b.String())
	},
	"gen-math-frac-10000": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "# a\n\n$$"+strings.Repeat(`\frac{1}{`, 10_000)+"x"+strings.Repeat("}", 10_000)+"$$\n")
	},
	"gen-math-braces-100000": func(t *testing.T, dir string) string {
		return writeDeck(t, dir, "# a\n\n$"+strings.Repeat("{", 100_000)+"$\n")
	},
	"gen-dot-500-nodes": func(t *testing.T, dir string) string {
		var b strings.Builder
		b.WriteString("---\nlayout: diagram\n---\n# a\n\n```dot\ndigraph {\n")
		for i := range 499 {
			fmt.Fprintf(&b, "  n%d -> n%d;\n", i, i+1)
		}
		return writeDeck(t, dir, b.String()+"}\n```\n")
	},
	"gen-mermaid-deep-subgraphs": func(t *testing.T, dir string) string {
		var b strings.Builder
		b.WriteString("---\nlayout: diagram\n---\n# a\n\n```mermaid\nflowchart TD\n")
		for i := range 1000 {
			fmt.Fprintf(&b, "subgraph g%d\n", i)
		}
		b.WriteString("a --> b\n" + strings.Repeat("end\n", 1000))
		return writeDeck(t, dir, b.String()+"```\n")
	},
	"gen-svg-deep-groups": func(t *testing.T, dir string) string {
		writeFile(t, filepath.Join(dir, "deep.svg"), `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">`+strings.Repeat("<g>", 100_000)+`<rect width="1" height="1"/>`+strings.Repeat("</g>", 100_000)+"</svg>")
		return writeDeck(t, dir, "# a\n\n![x](deep.svg)\n")
	},
	"gen-svg-huge-path": func(t *testing.T, dir string) string {
		writeFile(t, filepath.Join(dir, "path.svg"), `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0`+strings.Repeat(" L1 1 L0 1", 500_000)+`"/></svg>`)
		return writeDeck(t, dir, "# a\n\n![x](path.svg)\n")
	},
	"gen-image-fifo": func(t *testing.T, dir string) string {
		if err := syscall.Mkfifo(filepath.Join(dir, "pipe.png"), 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		return writeDeck(t, dir, "# a\n\n![x](pipe.png)\n")
	},
	"gen-deck-fifo": func(t *testing.T, dir string) string {
		path := filepath.Join(dir, "deck.md")
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		return path
	},
}

// hostileArgs are extra build flags of some inputs.
var hostileArgs = map[string][]string{
	"emoji-notes.md": {"--notes"},
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeDeck(t *testing.T, dir, src string) string {
	path := filepath.Join(dir, "deck.md")
	writeFile(t, path, src)
	return path
}

// measured is what one command cost.
type measured struct {
	status   int
	stderr   string
	elapsed  time.Duration
	peakHeap uint64 // the most heap in use while it ran, sampled
	alloc    uint64 // all it allocated
	panicked any
}

// measure runs the command line args in this process, sampling the heap
// in use every millisecond.
func measure(args []string) (m measured) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	peak := before.HeapInuse
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		var s runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				runtime.ReadMemStats(&s)
				peak = max(peak, s.HeapInuse)
			}
		}
	}()
	var errb bytes.Buffer
	start := time.Now()
	func() {
		defer func() { m.panicked = recover() }()
		env := Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &errb, Getenv: func(string) string { return "" }}
		m.status = Main(args, env)
	}()
	m.elapsed = time.Since(start)
	close(stop)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	m.peakHeap = max(peak, after.HeapInuse)
	m.alloc = after.TotalAlloc - before.TotalAlloc
	m.stderr = errb.String()
	return m
}

var (
	summaryLine = regexp.MustCompile(`(?m)^(.*): (\d+) slides, (\d+) diagrams, \d+ KiB in \d+ ms$`)
	positioned  = regexp.MustCompile(`^[^:]+:\d+:\d+: `)
	// measures are the lengths in messages, which follow the theme and
	// fonts, not the input: the table keeps the outcome.
	measures = regexp.MustCompile(`(overflows the slide by|formula is|than the|drawn with) [0-9.]+ pt`)
)

// fileLevel are the messages about a whole file, which have no line.
var fileLevel = []string{": file is too large", ": is a named pipe (FIFO), not a deck file"}

func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the hostile corpus")
	}
	type input struct {
		name string
		path func(t *testing.T, dir string) string
	}
	var inputs []input
	decks, _ := filepath.Glob("testdata/hostile/*.md")
	for _, p := range decks {
		if strings.HasSuffix(p, "-b.md") {
			continue // imported by another deck
		}
		p := p
		inputs = append(inputs, input{filepath.Base(p), func(*testing.T, string) string { return p }})
	}
	for name, gen := range hostileGenerated {
		inputs = append(inputs, input{name, gen})
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].name < inputs[j].name })

	var table strings.Builder
	var worst struct {
		time       time.Duration
		timeName   string
		heap       uint64
		heapName   string
		alloc      uint64
		allocName  string
		survived   int
		totalInput int
	}
	for _, in := range inputs {
		worst.totalInput++
		ok := t.Run(in.name, func(t *testing.T) {
			dir := t.TempDir()
			path := in.path(t, dir)
			out := filepath.Join(dir, "out.pdf")
			norm := func(s string) string {
				s = strings.ReplaceAll(s, path, "DECK")
				s = strings.ReplaceAll(s, dir+string(filepath.Separator), "")
				s = strings.ReplaceAll(s, filepath.Dir(path)+string(filepath.Separator), "")
				s = measures.ReplaceAllString(s, "$1 N pt")
				return summaryLine.ReplaceAllString(s, "$1: $2 slides, $3 diagrams")
			}
			check := measure([]string{"check", path})
			build := measure(append(append([]string{"build", "-o", out}, hostileArgs[in.name]...), path))
			fmt.Fprintf(&table, "== %s\ncheck: exit %d\n%sbuild: exit %d\n%s", in.name, check.status, head(norm(check.stderr)), build.status, head(norm(build.stderr)))
			for _, c := range []struct {
				cmd string
				m   measured
			}{{"check", check}, {"build", build}} {
				if c.m.panicked != nil {
					t.Fatalf("%s panicked: %v", c.cmd, c.m.panicked)
				}
				if c.m.elapsed > hostileTime || c.m.peakHeap > hostileHeap {
					t.Errorf("%s took %v and %d MiB of heap, over %v and %d MiB", c.cmd, c.m.elapsed, c.m.peakHeap>>20, hostileTime, hostileHeap>>20)
				}
				if c.m.elapsed > worst.time {
					worst.time, worst.timeName = c.m.elapsed, in.name+" "+c.cmd
				}
				if c.m.peakHeap > worst.heap {
					worst.heap, worst.heapName = c.m.peakHeap, in.name+" "+c.cmd
				}
				if c.m.alloc > worst.alloc {
					worst.alloc, worst.allocName = c.m.alloc, in.name+" "+c.cmd
				}
			}
			checkVerdict(t, check, build, out)
		})
		if ok {
			worst.survived++
		}
	}
	t.Logf("%d inputs, %d survived; slowest %v (%s); most heap in use %d MiB (%s); most allocated %d MiB (%s)",
		worst.totalInput, worst.survived, worst.time.Round(time.Millisecond), worst.timeName, worst.heap>>20, worst.heapName, worst.alloc>>20, worst.allocName)
	golden.Check(t, "testdata/hostile/outcomes.txt", []byte(table.String()))
}

// checkVerdict holds check and build to the same verdict, and every
// message of check to a position.
func checkVerdict(t *testing.T, check, build measured, out string) {
	t.Helper()
	var errs, warns int
	for _, line := range strings.Split(strings.TrimSuffix(check.stderr, "\n"), "\n") {
		switch {
		case line == "" || strings.Contains(line, ": ok: "):
		case positioned.MatchString(line) && strings.Contains(line, ": warning: "):
			warns++
		case positioned.MatchString(line):
			errs++
		default:
			errs++
			if !hasAny(line, fileLevel) {
				t.Errorf("check: message without a position: %q", line)
			}
		}
	}
	_, statErr := os.Stat(out)
	switch {
	case errs == 0 && warns == 0 && check.status != ExitOK:
		t.Errorf("check: exit %d without a message", check.status)
	case errs > 0 && build.status == ExitOK:
		t.Errorf("check found %d errors, build exit 0", errs)
	case errs > 0 && statErr == nil:
		t.Errorf("check found %d errors, build wrote %s", errs, out)
	case errs == 0 && build.status != ExitOK:
		t.Errorf("check found no errors, build exit %d:\n%s", build.status, build.stderr)
	case errs == 0:
		pdf, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(pdf, "\r\n"), []byte("%%EOF")) {
			t.Errorf("build exit 0 but %s is not a PDF (%v)", out, err)
		}
	}
}

// head keeps the first 20 lines of s: check lists all of 10 000 errors.
func head(s string) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) <= 21 {
		return s
	}
	return strings.Join(lines[:20], "") + fmt.Sprintf("(%d more lines)\n", len(lines)-21)
}

func hasAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
