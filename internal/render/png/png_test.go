package png

import (
	"bytes"
	"image"
	"image/color"
	_ "image/png"
	"testing"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"

	// Accept -update, so that go test ./... -update runs in every package.
	_ "github.com/layerdeck/layerdeck/internal/golden"
)

func TestPixels(t *testing.T) {
	f, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	blue := display.Color{R: 0, G: 0, B: 255}
	page := &display.Page{Width: 200, Height: 100, Items: []display.Item{
		{Rect: &display.Rect{X: 10, Y: 10, W: 80, H: 40, Fill: display.NoPaint, Stroke: display.Paint{Color: blue, Width: 2}}},
		{Path: &display.Path{Segments: []display.Segment{{Op: display.MoveTo, Points: []display.Point{{X: 100, Y: 30}}}, {Op: display.LineTo, Points: []display.Point{{X: 180, Y: 30}}}}, Fill: display.NoPaint, Stroke: display.Paint{Color: blue, Width: 2}}},
		{Text: &display.Text{X: 10, Y: 85, Size: 20, Text: "推論モデル", Width: f.Regular.Width("推論モデル", 20)}},
	}}
	data, err := Render(page, Options{Fonts: f, DPI: 144})
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 400 || b.Dy() != 200 {
		t.Fatalf("size %v, want 400×200 at 144 dpi", b)
	}
	at := func(x, y int) color.RGBA { return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) }
	if c := at(100, 20); c.B < 200 || c.R > 60 {
		t.Errorf("box edge at (100,20) is %v, want blue", c)
	}
	if c := at(100, 60); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("inside the box %v, want white", c)
	}
	if c := at(280, 60); c.B < 200 {
		t.Errorf("line at (280,60) is %v", c)
	}
	dark := 0
	for y := 130; y < 175; y++ {
		for x := 20; x < 220; x++ {
			if c := at(x, y); c.R < 100 {
				dark++
			}
		}
	}
	if dark < 500 {
		t.Errorf("only %d dark pixels where the text is", dark)
	}
}

func TestBadSize(t *testing.T) {
	f, _ := fonts.Default()
	if _, err := Render(&display.Page{Width: 1e6, Height: 1e6}, Options{Fonts: f}); err == nil {
		t.Error("a huge page rendered")
	}
	if _, err := Render(&display.Page{}, Options{Fonts: f}); err == nil {
		t.Error("an empty page rendered")
	}
}

// TestEmboldenedText: bold text in a set without a bold face is drawn
// with more ink than the same text in regular, as much as in the real
// bold face roughly.
func TestEmboldenedText(t *testing.T) {
	def, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	one := &fonts.Set{Regular: def.Regular, Bold: def.Regular}
	ink := func(set *fonts.Set, bold bool) int {
		page := &display.Page{Width: 300, Height: 60, Items: []display.Item{
			{Text: &display.Text{X: 10, Y: 45, Size: 30, Bold: bold, Text: "推論モデル"}},
		}}
		data, err := Render(page, Options{Fonts: set, DPI: 72})
		if err != nil {
			t.Fatal(err)
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if c := color.GrayModel.Convert(img.At(x, y)).(color.Gray); c.Y < 128 {
					n++
				}
			}
		}
		return n
	}
	regular, fake, real := ink(one, false), ink(one, true), ink(def, true)
	t.Logf("dark pixels: regular %d, emboldened %d, bold face %d", regular, fake, real)
	if fake < regular*115/100 {
		t.Errorf("emboldened text has %d dark pixels, regular %d", fake, regular)
	}
	if fake > real*130/100 || fake < real*70/100 {
		t.Errorf("emboldened text has %d dark pixels, the bold face %d", fake, real)
	}
}
