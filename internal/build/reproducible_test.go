package build

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImagesReproducible: a deck with several pictures of one width (as
// real decks have: logos, icons) builds to the same bytes every time, in
// fresh Builders (gofpdf patch 9).
func TestImagesReproducible(t *testing.T) {
	dir := t.TempDir()
	var deck strings.Builder
	deck.WriteString("# ロゴ\n\n")
	for k := range 5 {
		img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
		for i := range img.Pix {
			img.Pix[i] = byte(i*5 + k*47)
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("logo%d.png", k)
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&deck, "![](%s) ", name)
	}
	path := filepath.Join(dir, "deck.md")
	if err := os.WriteFile(path, []byte(deck.String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var first []byte
	for i := range 8 {
		b := New()
		res, err := b.Build(context.Background(), path, Options{})
		b.Close()
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = res.PDF
		} else if !bytes.Equal(res.PDF, first) {
			t.Fatalf("build %d differs from the first", i+1)
		}
	}
}
