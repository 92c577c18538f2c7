package gofpdf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestParsedFontCache (layerdeck patches 4 and 5): a second document with
// the same font bytes takes the parsed font and its cmap dictionaries from
// the caches and comes out byte for byte as the first.
func TestParsedFontCache(t *testing.T) {
	ttf, err := os.ReadFile(filepath.Join("..", "..", "fonts", "BIZUDPGothic-Regular.ttf"))
	if err != nil {
		t.Skip(err)
	}
	fixedDate := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	doc := func() []byte {
		f := New("P", "pt", "A4", "")
		f.SetCreationDate(fixedDate)
		f.SetModificationDate(fixedDate)
		f.SetCatalogSort(true)
		f.AddUTF8FontFromBytes("j", "", ttf)
		f.AddPage()
		f.SetFont("j", "", 20)
		f.Text(50, 100, "日本語と English")
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	parsedFonts, cmaps = parsedFontCache{}, cmapCache{}
	first := doc()
	if len(parsedFonts.m) != 1 || len(cmaps.m) != 1 {
		t.Fatalf("%d fonts and %d cmaps cached", len(parsedFonts.m), len(cmaps.m))
	}
	if second := doc(); !bytes.Equal(first, second) {
		t.Fatal("the document written with the cached font differs")
	}
}
