package deck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadChecksFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cff.otf", []byte("OTTO\x00\x0a\x00\x80"))
	write("text.ttf", []byte("hello world"))
	write("pic.png", []byte("not an image"))
	write("d.md", []byte("---\nfonts:\n  regular: cff.otf\n  bold: text.ttf\n---\n# a\n\n![図](pic.png)\n\n![図](none.png)\n"))
	_, err := Load(filepath.Join(dir, "d.md"))
	if err == nil {
		t.Fatal("no error")
	}
	p := filepath.Join(dir, "d.md")
	want := []string{
		p + ":3:12: font " + filepath.Join(dir, "cff.otf") + " has CFF (PostScript) outlines: the PDF needs TrueType outlines (a .ttf with glyf), e.g. BIZ UDPGothic",
		p + ":4:9: font " + filepath.Join(dir, "text.ttf") + " is not a TrueType font: the PDF needs TrueType outlines (.ttf)",
		p + ":8:1: image pic.png is not a PNG, JPEG, GIF, WebP or SVG file",
		p + ":10:1: image none.png: no such file",
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if _, err := Load(filepath.Join(dir, "missing.md")); err == nil || err.Error() != filepath.Join(dir, "missing.md")+": no such file" {
		t.Errorf("missing deck: %v", err)
	}
	big := make([]byte, 50<<20)
	write("big.md", big)
	if _, err := Load(filepath.Join(dir, "big.md")); err == nil || !strings.Contains(err.Error(), "file is too large (50.0 MiB; a deck may be at most 8.0 MiB)") {
		t.Errorf("50 MB deck: %v", err)
	}
}

// TestLoadImportsBesideTheDeck: a deck in another directory imports the
// files beside it (and they theirs), not files of the working directory.
func TestLoadImportsBesideTheDeck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "talk")
	if err := os.MkdirAll(filepath.Join(dir, "pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"deck.md":        "---\ntheme: seriph\n---\n# a\n\n---\nsrc: ./pages/one.md\n---\n",
		"pages/one.md":   "# one\n\n---\nsrc: two.md\n---\n",
		"pages/two.md":   "# two\n",
		"pages/cycle.md": "---\nsrc: ./cycle.md\n---\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Load(filepath.Join(dir, "deck.md"))
	if err != nil || len(d.Slides) != 3 {
		t.Fatalf("Load: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "deck.md"), []byte("---\ntheme: seriph\n---\n# a\n\n---\nsrc: pages/cycle.md\n---\n"), 0o644)
	_, err = Load(filepath.Join(dir, "deck.md"))
	if err == nil || !strings.Contains(err.Error(), "cycle.md:2:6: src: ./cycle.md: imports nested more than 8 deep (an import cycle?)") {
		t.Fatalf("import cycle: %v", err)
	}
}
