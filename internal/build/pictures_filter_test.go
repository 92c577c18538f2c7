package build

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/render/svg"
)

// TestPictureFiltersAndDataImages: Marp's filters are drawn on the
// pixels (identical filtered images embedded once), a blur scaled to the
// image's own pixels; drop-shadow and filters on SVG are warned about
// once; data: images are drawn like files, and a bad one is an error at
// its position in check and build alike.
func TestPictureFiltersAndDataImages(t *testing.T) {
	dir := t.TempDir()
	photo, err := os.ReadFile(filepath.Join("..", "imagefile", "testdata", "photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "photo.jpg"), photo, 0o644)
	os.WriteFile(filepath.Join(dir, "logo.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#f80"/></svg>`), 0o644)
	pngData, err := os.ReadFile(filepath.Join("..", "imagefile", "testdata", "gray1.png"))
	if err != nil {
		t.Fatal(err)
	}
	dataURI := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngData)
	src := "---\nmarp: true\n---\n\n# Filters\n\n![sepia w:128](photo.jpg)\n\n![sepia w:128](photo.jpg)\n\n![blur:4px w:128](photo.jpg)\n\n![opacity drop-shadow w:128](photo.jpg)\n\n---\n\n![bg grayscale](photo.jpg)\n\n![sepia](logo.svg)\n\n---\n\n# Data\n\n![w:64](" + dataURI + ")\n"
	path := filepath.Join(dir, "deck.md")
	os.WriteFile(path, []byte(src), 0o644)
	b := New()
	defer b.Close()
	res, err := b.Build(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range res.Findings {
		msgs = append(msgs, f.String())
	}
	want := []string{
		`deck.md:13:1: slide 1: image filter "drop-shadow" is not drawn: images are drawn without shadows`,
		`deck.md:19:1: slide 2: image filters are not drawn on SVG images (logo.svg)`,
	}
	if got := strings.Join(msgs, "\n"); !strings.Contains(got, want[0]) || !strings.Contains(got, want[1]) || len(msgs) != 2 {
		t.Errorf("findings:\n%s", got)
	}
	var filters []string
	for _, p := range res.Doc.Pages {
		for _, it := range p.Items {
			if it.Image != nil {
				filters = append(filters, it.Image.Filter)
			}
		}
	}
	// photo.jpg is 64 pixels wide, drawn 96 pt (128 CSS pixels) wide: a
	// 4 px blur is 2 of its pixels.
	if got := strings.Join(filters, "|"); got != "sepia(1)|sepia(1)|blur(2)|opacity(0.5)|grayscale(1)|" {
		t.Errorf("filters %q", got)
	}
	// sepia twice is one image: sepia, blur, opacity (and its alpha
	// mask), grayscale, data.
	if n := bytes.Count(res.PDF, []byte("/Subtype /Image")); n != 6 {
		t.Errorf("%d images in the PDF, want 6", n)
	}
	page := res.Doc.Pages[2]
	var data *display.Image
	for _, it := range page.Items {
		if it.Image != nil {
			data = it.Image
		}
	}
	if data == nil || data.Path != dataURI || data.W != 48 {
		t.Fatalf("data: image %+v", data)
	}
	out, err := svg.Render(res.Doc.Pages[0], svg.Options{Images: res.Images})
	if err != nil {
		t.Fatal(err)
	}
	// A filtered image is inlined converted, even without EmbedImages.
	if bytes.Contains(out, []byte(`href="`+filepath.Join(dir, "photo.jpg"))) || !bytes.Contains(out, []byte(`href="data:image/jpeg;base64,`)) {
		t.Errorf("filtered image not inlined")
	}

	// A data: image that is not one: an error at its position.
	bad := "# Bad\n\n![](data:image/png;base64,aGVsbG8=)\n\n![](data:text/html,hi)\n"
	os.WriteFile(path, []byte(bad), 0o644)
	for _, o := range []Options{{Check: true}, {}} {
		res, err := b.Build(context.Background(), path, o)
		if err == nil {
			var list []string
			for _, e := range res.Errors() {
				list = append(list, e.String())
			}
			err = errorsOf(list)
		}
		got := err.Error()
		if !strings.Contains(got, "deck.md:3:1: ") || !strings.Contains(got, "image data:image/png;base64,… is not a PNG, JPEG, GIF, WebP or SVG file") ||
			!strings.Contains(got, "deck.md:5:1: ") || !strings.Contains(got, "image data:text/html,… is a data: URI of type text/html") {
			t.Errorf("%+v: %v", o, got)
		}
	}
}

type errorsOf []string

func (e errorsOf) Error() string { return strings.Join(e, "\n") }
