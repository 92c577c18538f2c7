package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/assets"

	// Accept -update, so that go test ./... -update runs in every package.
	_ "github.com/layerdeck/layerdeck/internal/golden"
)

// run runs the command line and returns status, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	status := Main(args, env)
	return status, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	status, _, stderr := run(t)
	if status != ExitUsage || !strings.Contains(stderr, "Usage:") {
		t.Fatalf("no args: status %d, stderr %q", status, stderr)
	}
	status, _, stderr = run(t, "frobnicate")
	if status != ExitUsage || !strings.HasPrefix(stderr, `layerdeck: unknown command "frobnicate"`) {
		t.Fatalf("unknown command: status %d, stderr %q", status, stderr)
	}
	status, stdout, _ := run(t, "help", "init")
	if status != ExitOK || !strings.Contains(stdout, "Usage: layerdeck init [--force] [DIR]") || !strings.Contains(stdout, "-force") {
		t.Fatalf("help init: status %d, stdout %q", status, stdout)
	}
	status, _, stderr = run(t, "build", "--no-such-flag")
	if status != ExitUsage || !strings.Contains(stderr, "flag provided but not defined: -no-such-flag") {
		t.Fatalf("bad flag: status %d, stderr %q", status, stderr)
	}
	status, _, stderr = run(t, "build", "a.md", "b.md")
	if status != ExitUsage || !strings.Contains(stderr, "too many arguments") {
		t.Fatalf("two decks: status %d, stderr %q", status, stderr)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		status, stdout, _ := run(t, args...)
		if status != ExitOK || !strings.HasPrefix(stdout, "layerdeck ") {
			t.Fatalf("%v: status %d, stdout %q", args, status, stdout)
		}
	}
}

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "talk")
	status, _, stderr := run(t, "init", dir)
	if status != ExitOK {
		t.Fatalf("init: status %d, stderr %q", status, stderr)
	}
	path := filepath.Join(dir, "deck.md")
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, assets.Essay) {
		t.Fatalf("deck.md differs from the built-in deck (err %v)", err)
	}
	if err := os.WriteFile(path, []byte("# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	status, _, stderr = run(t, "init", dir)
	if status != ExitError || !strings.Contains(stderr, "already exists; use --force to replace it") {
		t.Fatalf("init over a deck: status %d, stderr %q", status, stderr)
	}
	if b, _ := os.ReadFile(path); string(b) != "# edited\n" {
		t.Fatal("init replaced an existing deck without --force")
	}
	// The flag may follow the directory.
	status, _, stderr = run(t, "init", dir, "--force")
	if status != ExitOK {
		t.Fatalf("init --force: status %d, stderr %q", status, stderr)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, assets.Essay) {
		t.Fatal("init --force did not replace the deck")
	}
}

func TestDeckErrorsArePositioned(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.md")
	src := "---\ntitle: x\nstacks:\n  ai:\n    title: t\n    pattern: progression\n    layers: []\n---\n# a\n---\nlayout: covr\n---\n# b\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	status, _, stderr := run(t, "build", path)
	want := path + ":4:3: stack ai has no layers: a stack needs at least one\n" +
		path + ":11:9: unknown layout \"covr\" (did you mean \"cover\"?)\n"
	if status != ExitError || stderr != want {
		t.Fatalf("status %d, stderr:\n%s\nwant:\n%s", status, stderr, want)
	}
	status, _, stderr = run(t, "build", filepath.Join(dir, "missing.md"))
	if status != ExitError || stderr != filepath.Join(dir, "missing.md")+": no such file\n" {
		t.Fatalf("missing deck: status %d, stderr %q", status, stderr)
	}
}

func TestCaretUnderWideText(t *testing.T) {
	if got := caretPad("  名前: x", 11); got != "        " {
		t.Fatalf("caretPad = %q", got)
	}
	if got := caretPad("\tab", 3); got != "\t " {
		t.Fatalf("caretPad with tab = %q", got)
	}
}

func TestDiagramsCommand(t *testing.T) {
	dir := t.TempDir()
	status, _, stderr := run(t, "diagrams", "-o", dir, "--format", "svg,dot")
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	for _, name := range []string{"ai", "crypto", "compare", "drivers"} {
		for _, ext := range []string{"svg", "dot"} {
			if fi, err := os.Stat(filepath.Join(dir, name+"."+ext)); err != nil || fi.Size() == 0 {
				t.Errorf("%s.%s: %v", name, ext, err)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, name+".png")); err == nil {
			t.Errorf("%s.png written though not asked for", name)
		}
	}
	status, _, stderr = run(t, "diagrams", "--format", "gif")
	if status != ExitUsage || !strings.Contains(stderr, `unsupported format "gif"`) {
		t.Fatalf("bad format: %d %s", status, stderr)
	}
}

func TestBuildToStdoutAndCheckJSON(t *testing.T) {
	status, stdout, stderr := run(t, "build", "-o", "-")
	if status != ExitOK || !strings.HasPrefix(stdout, "%PDF-") {
		t.Fatalf("build -o -: status %d, stderr %s", status, stderr)
	}
	if !strings.HasPrefix(stderr, "(stdout): 14 slides, 4 diagrams, ") {
		t.Errorf("summary %q", stderr)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "d.md")
	os.WriteFile(bad, []byte("# 絵文字𓀀\n"), 0o644)
	status, stdout, _ = run(t, "check", "--format", "json", bad)
	if status != ExitError || !strings.Contains(stdout, `"severity": "warning"`) || !strings.Contains(stdout, `U+13000`) || !strings.Contains(stdout, `"ok": false`) {
		t.Fatalf("check json: %d\n%s", status, stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "d.pdf")); err == nil {
		t.Error("check wrote a PDF")
	}
	status, _, stderr = run(t, "check")
	if status != ExitOK || !strings.Contains(stderr, "essay.md: ok: 14 slides, 4 diagrams") {
		t.Fatalf("check of the built-in deck: %d %s", status, stderr)
	}
}

func TestBuildFailureKeepsPreviousPDF(t *testing.T) {
	dir := t.TempDir()
	deckPath := filepath.Join(dir, "deck.md")
	pdfPath := filepath.Join(dir, "deck.pdf")
	os.WriteFile(deckPath, []byte("# 良い版\n"), 0o644)
	if status, _, stderr := run(t, "build", deckPath); status != ExitOK {
		t.Fatal(stderr)
	}
	good, _ := os.ReadFile(pdfPath)
	os.WriteFile(deckPath, []byte("# 悪い版𓀀\n"), 0o644)
	if status, _, _ := run(t, "build", "--strict", deckPath); status != ExitError {
		t.Fatal("a deck with a missing glyph built under --strict")
	}
	if now, _ := os.ReadFile(pdfPath); !bytes.Equal(now, good) {
		t.Fatal("the failed build changed the previous PDF")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("directory holds %d files, want deck.md and deck.pdf", len(ents))
	}
}

func TestSourceDateEpoch(t *testing.T) {
	for v, want := range map[string]string{"99999999999999": "is past the year 9999", "-5": "is not a Unix time", "abc": "is not a Unix time"} {
		env := Env{Getenv: func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return v
			}
			return ""
		}}
		if _, err := sourceDate(env); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", v, err)
		}
	}
	env := Env{Getenv: func(string) string { return "253402300799" }}
	if n, err := sourceDate(env); err != nil || n != 253402300799 {
		t.Errorf("year 9999: %d %v", n, err)
	}
}
