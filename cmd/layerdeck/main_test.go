package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
)

// layerdeck builds the command, once for all the tests of the package,
// into a temporary directory that TestMain removes.
func layerdeck(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command")
	}
	built.once.Do(func() {
		gocmd, err := exec.LookPath("go")
		if err != nil {
			built.noGo = true
			return
		}
		dir, err := os.MkdirTemp("", "layerdeck-bin")
		if err != nil {
			built.err = err
			return
		}
		built.dir = dir
		bin := filepath.Join(dir, "layerdeck")
		if out, err := exec.Command(gocmd, "build", "-o", bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		built.bin = bin
	})
	if built.noGo {
		t.Skip("no go command")
	}
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

var built struct {
	once     sync.Once
	dir, bin string
	err      error
	noGo     bool
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// env is a clean environment: TMPDIR, HOME and XDG_CACHE_HOME in new
// empty directories, plus extra.
type env struct{ tmp, home, cache string }

func newEnv(t *testing.T) env {
	return env{tmp: t.TempDir(), home: t.TempDir(), cache: t.TempDir()}
}

func (e env) run(t *testing.T, dir, bin string, extra []string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + e.tmp, "HOME=" + e.home, "XDG_CACHE_HOME=" + e.cache, "NO_COLOR=1"}, extra...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("layerdeck %v: %v\n%s", args, err, errb.String())
	}
	return out.String(), errb.String()
}

// names lists what dir holds.
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

var wasmInit = regexp.MustCompile(`init github.com/goccy/go-graphviz/internal/wasm @[^,]*, [^,]*, ([0-9]+) bytes`)

// TestVersionStartsNothing: layerdeck version starts no Graphviz and
// writes nothing, not to TMPDIR nor to the cache directory, and works
// when another user's $TMPDIR/go-graphviz (of go-graphviz before it was
// patched) is there and unreadable.
func TestVersionStartsNothing(t *testing.T) {
	bin := layerdeck(t)
	e := newEnv(t)
	planted := filepath.Join(e.tmp, "go-graphviz")
	if err := os.Mkdir(planted, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(planted, "planted"), []byte("not code"), 0o644)
	if err := os.Chmod(planted, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(planted, 0o755) })
	stdout, stderr := e.run(t, t.TempDir(), bin, []string{"GODEBUG=inittrace=1"}, "version")
	if !regexp.MustCompile(`^layerdeck `).MatchString(stdout) {
		t.Fatalf("version printed %q", stdout)
	}
	// Compiling the WebAssembly module at initialisation allocated tens
	// of megabytes there; now the package only fills a table.
	m := wasmInit.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no init trace of go-graphviz's wasm package in:\n%s", stderr)
	}
	if n, _ := strconv.Atoi(m[1]); n > 1<<20 {
		t.Errorf("go-graphviz's wasm package allocated %d bytes at initialisation: it compiles the module", n)
	}
	os.Chmod(planted, 0o755)
	if got := names(t, e.tmp); len(got) != 1 {
		t.Errorf("TMPDIR holds %v, want only go-graphviz", got)
	}
	if got := names(t, planted); len(got) != 1 || got[0] != "planted" {
		t.Errorf("the planted directory now holds %v", got)
	}
	for _, dir := range []string{e.home, e.cache} {
		if got := names(t, dir); len(got) != 0 {
			t.Errorf("%s holds %v", dir, got)
		}
	}
}

// TestBuildCaches: the built-in deck builds without starting Graphviz
// (its layouts come with the binary) and keeps nothing. Another deck
// starts Graphviz and keeps its compiled code and the layouts in the
// user's cache directory, the compiled code in a 0700 directory, never in
// TMPDIR (a planted $TMPDIR/go-graphviz is not read); a second build gives
// the same bytes; with LAYERDECK_CACHE=off nothing is kept.
func TestBuildCaches(t *testing.T) {
	bin := layerdeck(t)
	e := newEnv(t)
	planted := filepath.Join(e.tmp, "go-graphviz")
	if err := os.Mkdir(planted, 0o777); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	e.run(t, dir, bin, nil, "build", "-o", "essay.pdf")
	if got := names(t, e.cache); len(got) != 0 {
		t.Errorf("building the built-in deck kept %v: Graphviz started", got)
	}

	e.run(t, dir, bin, nil, "init", "talk")
	talk := filepath.Join(dir, "talk", "deck.md")
	src, err := os.ReadFile(talk)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(talk, bytes.ReplaceAll(src, []byte("推論モデル"), []byte("推論モデル（改）")), 0o644)
	e.run(t, dir, bin, nil, "build", "-o", "a.pdf", talk)
	wazero := filepath.Join(e.cache, "layerdeck", "wazero")
	fi, err := os.Stat(wazero)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("%s has mode %04o, want 0700", wazero, fi.Mode().Perm())
	}
	// The talk's diagrams are small: only Graphviz's fast kind is
	// compiled (go-graphviz patch 4).
	if got := names(t, wazero); len(got) != 1 || got[0] != "fast" {
		t.Errorf("compiled code kept in %v, want only fast", got)
	}
	if len(names(t, filepath.Join(e.cache, "layerdeck", "graphviz"))) == 0 {
		t.Error("no layout was kept")
	}
	e.run(t, dir, bin, nil, "build", "-o", "b.pdf", talk)
	a, _ := os.ReadFile(filepath.Join(dir, "a.pdf"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.pdf"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("a build from the cache differs from the first")
	}
	if got := names(t, e.tmp); len(got) != 1 || len(names(t, planted)) != 0 {
		t.Errorf("TMPDIR holds %v, and %v in go-graphviz", got, names(t, planted))
	}

	// A deck whose first diagram is a DOT block: Graphviz's first call
	// reads it, in the fast kind too.
	dotOnly := newEnv(t)
	deck := filepath.Join(dir, "dot.md")
	os.WriteFile(deck, []byte("---\nlayout: diagram\n---\n# 図\n\n```dot g\ndigraph { 読む -> 描く }\n```\n"), 0o644)
	dotOnly.run(t, dir, bin, nil, "build", "-o", "d.pdf", deck)
	if got := names(t, filepath.Join(dotOnly.cache, "layerdeck", "wazero")); len(got) != 1 || got[0] != "fast" {
		t.Errorf("a DOT deck kept compiled code in %v, want only fast", got)
	}

	off := newEnv(t)
	off.run(t, dir, bin, []string{"LAYERDECK_CACHE=off"}, "build", "-o", "c.pdf", talk)
	for _, d := range []string{off.tmp, off.home, off.cache} {
		if got := names(t, d); len(got) != 0 {
			t.Errorf("with LAYERDECK_CACHE=off, %s holds %v", d, got)
		}
	}
	c, _ := os.ReadFile(filepath.Join(dir, "c.pdf"))
	if !bytes.Equal(a, c) {
		t.Error("a build without caches differs")
	}
}
