package diagrams

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/goccy/go-graphviz"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// Graphviz's WebAssembly runtime belongs to the process, so the tests that
// say whether it starts run in a child process: this test binary again,
// running one child test (which skips itself unless childEnv is set).
const childEnv = "LAYERDECK_DIAGRAMS_CHILD"

// runChild runs the test named name in a new process with TMPDIR set to
// an empty directory and env added, and fails t if it fails. It returns
// the TMPDIR, for the caller to check that nothing was left in it.
func runChild(t *testing.T, name string, env ...string) (tmp string) {
	t.Helper()
	tmp = t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), append([]string{childEnv + "=1", "TMPDIR=" + tmp}, env...)...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+name) {
		t.Fatalf("child %s: %v\n%s", name, err, out)
	}
	return tmp
}

func isChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("runs as a child process of another test")
	}
}

// essaySources are the diagrams of the built-in deck.
func essaySources(t *testing.T) []Source {
	t.Helper()
	d, err := deck.Parse("essay.md", assets.Essay)
	if err != nil {
		t.Fatal(err)
	}
	return Sources(d)
}

// layoutAll lays out srcs with an engine of options o and returns their
// geometry and DOT text as JSON.
func layoutAll(t *testing.T, o Options, srcs []Source) []byte {
	t.Helper()
	f, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	o.Fonts, o.Theme, o.Lang = f, theme.Default(), "ja"
	e, err := NewEngine(o)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var out []any
	for _, src := range srcs {
		dot, err := e.DOT(src)
		if err != nil {
			t.Fatal(err)
		}
		g, err := e.Layout(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, dot, g)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assertEmpty fails unless dir holds nothing.
func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		t.Errorf("%s holds %s", dir, e.Name())
	}
}

// TestWarmCacheDoesNotStartGraphviz: a new process that finds every
// layout of the built-in deck in the disk cache (its DOT block as read by
// Graphviz included) draws them without starting Graphviz's runtime and
// writes nothing to TMPDIR; the geometry is the same.
func TestWarmCacheDoesNotStartGraphviz(t *testing.T) {
	cache := t.TempDir()
	want := layoutAll(t, Options{CacheDir: cache}, essaySources(t))
	out := filepath.Join(t.TempDir(), "geometry.json")
	tmp := runChild(t, "TestChildWarmCache", "CHILD_CACHE="+cache, "CHILD_OUT="+out)
	assertEmpty(t, tmp)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatal("the geometry drawn from the disk cache differs from Graphviz's")
	}
}

func TestChildWarmCache(t *testing.T) {
	isChild(t)
	if graphviz.Started() {
		t.Fatal("importing the package started Graphviz")
	}
	compile := t.TempDir()
	got := layoutAll(t, Options{CacheDir: os.Getenv("CHILD_CACHE"), CompileCacheDir: compile}, essaySources(t))
	if graphviz.Started() {
		t.Fatal("Graphviz started although every layout was in the disk cache")
	}
	assertEmpty(t, compile)
	if err := os.WriteFile(os.Getenv("CHILD_OUT"), got, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCompileCacheDir: Graphviz compiled to native code is kept in the
// engine's CompileCacheDir, made 0700, and never in TMPDIR; with no
// CompileCacheDir it is kept nowhere.
func TestCompileCacheDir(t *testing.T) {
	compile := filepath.Join(t.TempDir(), "layerdeck", "wazero")
	tmp := runChild(t, "TestChildCompile", "CHILD_COMPILE="+compile)
	assertEmpty(t, tmp)
	fi, err := os.Stat(compile)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("compile cache directory has mode %04o, want 0700", fi.Mode().Perm())
	}
	if ents, _ := os.ReadDir(compile); len(ents) == 0 {
		t.Error("nothing was kept in the compile cache directory")
	}
	// Again from the compile cache, and with none at all.
	runChild(t, "TestChildCompile", "CHILD_COMPILE="+compile)
	assertEmpty(t, runChild(t, "TestChildCompile", "CHILD_COMPILE="))
}

func TestChildCompile(t *testing.T) {
	isChild(t)
	layoutAll(t, Options{CompileCacheDir: os.Getenv("CHILD_COMPILE")}, talkSources()[:1])
	if !graphviz.Started() {
		t.Fatal("Graphviz did not start")
	}
}

// TestRefusedCompileCacheDir: a compile cache directory that others can
// write to, or a symbolic link, is not used: Graphviz is compiled in
// memory and lays out as usual.
func TestRefusedCompileCacheDir(t *testing.T) {
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(t.TempDir(), link); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{shared, link} {
		assertEmpty(t, runChild(t, "TestChildCompile", "CHILD_COMPILE="+dir))
		assertEmpty(t, dir)
	}
}

// TestPrivateDir: the check of the compile cache directory.
func TestPrivateDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("not checked on Windows")
	}
	root := t.TempDir()
	mk := func(name string, mode os.FileMode) string {
		p := filepath.Join(root, name)
		if err := os.Mkdir(p, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sticky := mk("sticky", 0o777|os.ModeSticky)
	if err := os.Chmod(sticky, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	open := mk("open", 0o777)
	file := filepath.Join(root, "file")
	os.WriteFile(file, nil, 0o600)
	link := filepath.Join(root, "link")
	os.Symlink(mk("target", 0o700), link)
	for _, tc := range []struct {
		dir, err string // err: part of the error, "" for none
	}{
		{mk("private", 0o700), ""},
		{mk("readable", 0o755), ""},
		{filepath.Join(sticky, "mine"), ""},
		{filepath.Join(link, "below-a-link"), ""},
		{mk("shared", 0o777), "is writable by others (mode 0777)"},
		{mk("group", 0o770), "is writable by others (mode 0770)"},
		{link, "is a symbolic link"},
		{file, "not a directory"},
		{filepath.Join(open, "mine"), "open is writable by others (mode 0777) and not sticky"},
	} {
		err := privateDir(tc.dir)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.dir, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: got %v, want an error with %q", tc.dir, err, tc.err)
		}
	}
	if fi, err := os.Stat(filepath.Join(sticky, "mine")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("a made directory: %v, %v; want mode 0700", fi.Mode(), err)
	}
	if os.Getuid() != 0 {
		t.Log("not root: the test of another user's directory is skipped")
		return
	}
	// Root can make a directory that belongs to someone else (nobody).
	theirs := mk("theirs", 0o700)
	if err := os.Chown(theirs, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if err := privateDir(theirs); err == nil || !strings.Contains(err.Error(), "belongs to user 65534") {
		t.Errorf("a directory of user 65534: %v", err)
	}
	below := filepath.Join(theirs, "mine")
	os.Mkdir(below, 0o700)
	if err := privateDir(below); err == nil || !strings.Contains(err.Error(), "neither to 0 nor to root") {
		t.Errorf("a directory inside one of user 65534: %v", err)
	}
}

// TestDOTParseCache: a DOT block read from the disk cache gives the same
// graph text as one read by Graphviz; blocks with errors are not cached
// and keep their positioned errors.
func TestDOTParseCache(t *testing.T) {
	dir := t.TempDir()
	f, _ := fonts.Default()
	engine := func() *Engine {
		e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), Lang: "ja", CacheDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { e.Close() })
		return e
	}
	inputs := append([]string{driversDOT, "digraph {\n  a -> b;\n  b -> [label=x];\n}\n"}, oddDOT...)
	type result struct{ dot, err string }
	read := func(e *Engine) []result {
		var out []result
		for _, in := range inputs {
			dot, err := e.DOT(dotSource(in))
			r := result{dot: dot}
			if err != nil {
				r.err = err.Error()
			}
			out = append(out, r)
		}
		return out
	}
	first := read(engine())
	ents, _ := filepath.Glob(filepath.Join(dir, "*.dot.json"))
	if len(ents) == 0 {
		t.Fatal("no DOT block was cached")
	}
	second := read(engine())
	for i := range inputs {
		if first[i] != second[i] {
			t.Errorf("%.40q: from the cache\n%+v\nfrom Graphviz\n%+v", inputs[i], second[i], first[i])
		}
	}
	if want := "d.md:22:8: DOT syntax error near '['"; second[1].err != want {
		t.Errorf("error from the second engine: %q, want %q", second[1].err, want)
	}
}
