package layout

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"testing"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
)

// dataPNG is a w × h PNG as a data: URI.
func dataPNG(t *testing.T, w, h int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

// imagesOf lists the images of a page.
func imagesOf(p *display.Page) []*display.Image {
	var out []*display.Image
	for _, it := range p.Items {
		if it.Image != nil {
			out = append(out, it.Image)
		}
	}
	return out
}

// TestImagePlacement: in Marp and Slidev decks an image in a paragraph
// stands at the left of the content, as HTML puts it, unless the slide is
// centred; layerdeck's own decks centre it.
func TestImagePlacement(t *testing.T) {
	fx := setup(t)
	img := dataPNG(t, 200, 100)
	tests := []struct {
		name, src string
		centred   bool
	}{
		{"layerdeck", "# 図\n\n![](" + img + ")\n", true},
		{"marp", "---\nmarp: true\n---\n\n# 図\n\n![](" + img + ")\n", false},
		{"marp lead (default theme: not centred)", "---\nmarp: true\n---\n\n<!-- _class: lead -->\n\n# 図\n\n![](" + img + ")\n", false},
		{"marp gaia lead", "---\nmarp: true\ntheme: gaia\n---\n\n<!-- _class: lead -->\n\n# 図\n\n![](" + img + ")\n", true},
		{"slidev", "---\ntheme: seriph\n---\n\n# 図\n\n![](" + img + ")\n", false},
		{"slidev center", "---\ntheme: seriph\nlayout: center\n---\n\n# 図\n\n![](" + img + ")\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, tt.src)
			if err := deck.CheckFiles(d, t.TempDir()); err != nil {
				t.Fatal(err)
			}
			res := fx.layout(t, d)
			ims := imagesOf(res.Doc.Pages[0])
			if len(ims) != 1 || ims[0].W != 150 {
				t.Fatalf("images %+v", ims)
			}
			th, _ := Themed(d)
			x := ims[0].X
			if centre := x + ims[0].W/2; tt.centred && (centre < 479 || centre > 481) {
				t.Errorf("x %.1f: not centred", x)
			}
			if !tt.centred && x != th.MarginX {
				t.Errorf("x %.1f: not at the left margin %.1f", x, th.MarginX)
			}
		})
	}
}

// TestImageRow: images of one paragraph stand side by side, bottoms on one
// line, as HTML sets inline images (Marp's usual way to show two pictures).
func TestImageRow(t *testing.T) {
	fx := setup(t)
	a, b := dataPNG(t, 200, 100), dataPNG(t, 100, 200)
	d := parse(t, "---\nmarp: true\n---\n\n# 二枚\n\n![左]("+a+") ![右]("+b+")\n")
	if err := deck.CheckFiles(d, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Slides[0].Blocks[0].(*deck.ImageRow); !ok {
		t.Fatalf("blocks %#v", d.Slides[0].Blocks)
	}
	ims := imagesOf(fx.layout(t, d).Doc.Pages[0])
	if len(ims) != 2 {
		t.Fatalf("images %+v", ims)
	}
	l, r := ims[0], ims[1]
	if l.W != 150 || l.H != 75 || r.W != 75 || r.H != 150 || r.X <= l.X+l.W || l.Y+l.H != r.Y+r.H {
		t.Errorf("not side by side at their sizes, bottoms aligned: %+v %+v", l, r)
	}
}
