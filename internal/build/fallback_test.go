package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/render/png"
	"github.com/layerdeck/layerdeck/internal/render/svg"
)

// TestFallbackFonts: characters the fonts lack are measured and drawn in
// the deck's fallback font (embedded in the PDF, named in the SVG, drawn
// in the PNG), after the colour emoji; what no font has is a warning at
// its own column; a fallback that is not a font is an error at its
// position.
func TestFallbackFonts(t *testing.T) {
	dir := t.TempDir()
	ttf, err := os.ReadFile(filepath.Join("..", "..", "fonts", "testdata", "DejaVuSans-subset.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "dv.ttf"), ttf, 0o644)
	path := filepath.Join(dir, "deck.md")
	os.WriteFile(path, []byte("---\nfonts:\n  fallback: [dv.ttf]\n---\n\n# 記号\n\n- 角度∆と直径⌀、ἀ ☔ 𓀀\n"), 0o644)
	b := New()
	defer b.Close()
	res, err := b.Build(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || !strings.HasSuffix(res.Findings[0].String(), "deck.md:8:35: slide 1: character '𓀀' (U+13000) is not in the font BIZUDPGothic-Regular nor its fallback fonts; it is drawn as an empty box") {
		t.Errorf("findings %v", res.Findings)
	}
	var runs []string
	emoji := 0
	for _, it := range res.Doc.Pages[0].Items {
		if it.Text != nil && it.Text.Fallback > 0 {
			runs = append(runs, it.Text.Text)
			if f := res.Fonts.Fallback[0]; it.Text.Width != f.Width(it.Text.Text, it.Text.Size) {
				t.Errorf("%q measured %v, the fallback's width %v", it.Text.Text, it.Text.Width, f.Width(it.Text.Text, it.Text.Size))
			}
		}
		if it.Group != nil && it.Group.ActualText == "☔" {
			emoji++
		}
	}
	if got := strings.Join(runs, "|"); got != "∆|⌀|ἀ" || emoji != 1 {
		t.Errorf("fallback runs %q, %d colour ☔", got, emoji)
	}
	out, err := svg.Render(res.Doc.Pages[0], svg.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`class="f1"`)) || !bytes.Contains(out, []byte(`text.f1{font-family:'layerdeck fallback 1',`)) {
		t.Errorf("SVG does not name the fallback font")
	}
	img, err := png.Render(res.Doc.Pages[0], png.Options{Fonts: res.Fonts, DPI: 24, Images: res.Images})
	if err != nil || len(img) == 0 {
		t.Errorf("png: %v", err)
	}
	if _, err := exec.LookPath("pdffonts"); err == nil {
		pdf := filepath.Join(dir, "deck.pdf")
		os.WriteFile(pdf, res.PDF, 0o644)
		fontsOut, _ := exec.Command("pdffonts", pdf).Output()
		text, _ := exec.Command("pdftotext", pdf, "-").Output()
		if !bytes.Contains(fontsOut, []byte("layerdeck-fallback1")) || !bytes.Contains(text, []byte("∆")) || !bytes.Contains(text, []byte("ἀ")) {
			t.Errorf("PDF fonts:\n%s\ntext:\n%s", fontsOut, text)
		}
	}

	// A fallback that is not a TrueType font: an error at its position.
	os.WriteFile(filepath.Join(dir, "bad.ttf"), []byte("not a font at all"), 0o644)
	os.WriteFile(path, []byte("---\nfonts:\n  fallback: [dv.ttf, bad.ttf]\n---\n\n# 記号\n"), 0o644)
	_, err = b.Build(context.Background(), path, Options{})
	var list deck.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !strings.HasSuffix(list[0].Error(), "deck.md:3:22: font "+filepath.Join(dir, "bad.ttf")+" is not a TrueType font: the PDF needs TrueType outlines (.ttf)") {
		t.Errorf("bad fallback: %v", err)
	}
}
