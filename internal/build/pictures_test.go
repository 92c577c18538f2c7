package build

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/render/png"
	"github.com/layerdeck/layerdeck/internal/render/svg"
)

// picturesDeck writes a Marp deck with a picture of every kind next to
// it, the remote one at url.
func picturesDeck(t *testing.T, url string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"rgb16.png", "lossy.webp", "anim.gif", "cmyk.jpg", "interlaced.png", "photo.jpg"} {
		data, err := os.ReadFile(filepath.Join("..", "imagefile", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	logo := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#eef"/><circle cx="10" cy="10" r="8" fill="#f80"/><text x="30" y="14" font-size="8" text-anchor="middle">図</text></svg>`
	deck := "---\nmarp: true\n---\n\n![bg](rgb16.png)\n\n# Background\n\n---\n\n![bg right:40%](lossy.webp)\n\n# Split\n\n---\n\n# Sizes\n\n![w:300](anim.gif)\n\n---\n\n# Vectors\n\n![w:400](logo.svg)\n\n---\n\n# More\n\n![h:100](cmyk.jpg)\n\n![](interlaced.png)\n\n![](photo.jpg)\n\n![](photo.jpg)\n\n---\n\n# Remote\n\n![w:200](" + url + ")\n"
	for name, data := range map[string]string{"logo.svg": logo, "deck.md": deck} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "deck.md")
}

func TestPictures(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close() // unreachable
	path := picturesDeck(t, srv.URL+"/gone.png")
	b := New()
	defer b.Close()
	b.ImageDir = filepath.Join(t.TempDir(), "images")
	res, err := b.Build(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].String(), "remote image http://") || res.Findings[0].Error {
		t.Fatalf("findings: %v", res.Findings)
	}
	find := func(page int, pick func(display.Item) bool) []display.Item {
		var out []display.Item
		var walk func(items []display.Item)
		walk = func(items []display.Item) {
			for _, it := range items {
				if pick(it) {
					out = append(out, it)
				}
				if it.Group != nil {
					walk(it.Group.Items)
				}
			}
		}
		walk(res.Doc.Pages[page].Items)
		return out
	}
	isImage := func(it display.Item) bool { return it.Image != nil }
	// The background covers the page; the split takes the right 40 %.
	if im := find(0, isImage); len(im) != 1 || im[0].Image.W < 960 || im[0].Image.H < 540 {
		t.Errorf("background: %+v", im)
	}
	if im := find(1, isImage); len(im) != 1 || *im[0].Image.Clip != (display.Box{X: 576, W: 384, H: 540}) {
		t.Errorf("split: %+v", im[0].Image.Clip)
	}
	// w:300 is 225 pt (Marp's CSS pixels on a 960-pt page).
	if im := find(2, isImage); len(im) != 1 || im[0].Image.W != 225 {
		t.Errorf("w:300: %+v", im)
	}
	// The SVG is vectors and text, 300 pt wide, no image.
	if im := find(3, isImage); len(im) != 0 {
		t.Errorf("the SVG became an image: %+v", im)
	}
	if tx := find(3, func(it display.Item) bool { return it.Text != nil && it.Text.Text == "図" }); len(tx) != 1 || tx[0].Text.Size != 60 {
		t.Errorf("SVG text: %+v", tx)
	}
	if im := find(4, isImage); len(im) != 4 || im[0].Image.H != 75 {
		t.Errorf("h:100: %+v", im)
	}
	// Five different raster images, the photo shown twice embedded once.
	if n := bytes.Count(res.PDF, []byte("/Subtype /Image")); n != 6 {
		t.Errorf("%d images in the PDF, want 6", n)
	}
	for i, p := range res.Doc.Pages {
		if _, err := svg.Render(p, svg.Options{EmbedImages: true, Images: res.Images}); err != nil {
			t.Errorf("svg page %d: %v", i+1, err)
		}
		if _, err := png.Render(p, png.Options{Fonts: res.Fonts, DPI: 24, Images: res.Images}); err != nil {
			t.Errorf("png page %d: %v", i+1, err)
		}
	}
}

// TestPicturesCheckMatchesBuild: an image that decodes badly fails check
// and build alike, at its position.
func TestPicturesCheckMatchesBuild(t *testing.T) {
	dir := t.TempDir()
	bad := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 40)...)
	os.WriteFile(filepath.Join(dir, "bad.png"), bad, 0o644)
	os.WriteFile(filepath.Join(dir, "deck.md"), []byte("# A\n\n![](bad.png)\n"), 0o644)
	b := New()
	defer b.Close()
	for _, o := range []Options{{Check: true}, {}} {
		res, err := b.Build(context.Background(), filepath.Join(dir, "deck.md"), o)
		if err != nil {
			t.Fatal(err)
		}
		errs := res.Errors()
		if len(errs) != 1 || !strings.HasSuffix(errs[0].String(), "deck.md:3:1: slide 1: image bad.png is not a valid PNG image: png: invalid format: invalid checksum") {
			t.Errorf("%+v: %v", o, errs)
		}
	}
}
