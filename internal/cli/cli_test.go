package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/assets"
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
	src := "---\ntitle: x\nstacks:\n  ai:\n    title: t\n    pattern: progression\n    layers: []\n---\n# a\n---\nlayout: cover\n---\n# b\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	status, _, stderr := run(t, "build", path)
	want := path + ":4:3: stack ai has no layers: a stack needs at least one\n" +
		path + ":11:9: unknown layout \"cover\" (layouts: title, section, bullets, two-column, compare, diagram, quote, end)\n"
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
