package imagefile

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pngOf encodes img as a PNG.
func pngOf(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// solid is a w × h image of one colour.
func solid(w, h int, c color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return img
}

// pixel is the colour at (x, y) of the image a File embeds.
func pixel(t *testing.T, f *File, x, y int) color.NRGBA {
	t.Helper()
	img, err := f.Image()
	if err != nil {
		t.Fatal(err)
	}
	return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
}

// TestFilters checks each colour filter against the CSS Filter Effects
// matrices and transfer functions, worked out by hand.
func TestFilters(t *testing.T) {
	red := color.NRGBA{255, 0, 0, 255}
	tests := []struct {
		in      color.NRGBA
		filters string
		want    color.NRGBA
	}{
		{red, "grayscale(1)", color.NRGBA{54, 54, 54, 255}},
		{red, "grayscale(0)", red},
		{color.NRGBA{255, 255, 255, 255}, "sepia(1)", color.NRGBA{255, 255, 239, 255}},
		{red, "saturate(0)", color.NRGBA{54, 54, 54, 255}},
		{red, "hue-rotate(180)", color.NRGBA{0, 109, 109, 255}},
		{color.NRGBA{0, 64, 255, 255}, "invert(1)", color.NRGBA{255, 191, 0, 255}},
		{color.NRGBA{200, 100, 0, 255}, "brightness(0.5)", color.NRGBA{100, 50, 0, 255}},
		{color.NRGBA{64, 128, 192, 255}, "contrast(2)", color.NRGBA{0, 129, 255, 255}},
		{red, "opacity(0.5)", color.NRGBA{255, 0, 0, 128}},
		{red, "grayscale(1) invert(1)", color.NRGBA{201, 201, 201, 255}},
	}
	for _, tt := range tests {
		t.Run(tt.filters, func(t *testing.T) {
			f, err := Decode(pngOf(t, solid(4, 4, tt.in)), DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := ParseFilters(tt.filters)
			if err != nil {
				t.Fatal(err)
			}
			got, err := applyFilters(f, fs)
			if err != nil {
				t.Fatal(err)
			}
			if p := pixel(t, got, 1, 1); p != tt.want {
				t.Errorf("%v → %v, want %v", tt.in, p, tt.want)
			}
			if got.Type != "png" {
				t.Errorf("type %s", got.Type)
			}
		})
	}
}

// TestBlur blurs a black dot on white: it spreads, keeps its ink and
// stays centred; a photo stays a JPEG.
func TestBlur(t *testing.T) {
	img := solid(41, 41, color.NRGBA{255, 255, 255, 255})
	img.SetNRGBA(20, 20, color.NRGBA{0, 0, 0, 255})
	f, err := Decode(pngOf(t, img), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got, err := applyFilters(f, []Filter{{"blur", 3}})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := got.Image()
	ink := 0.0
	for y := 0; y < 41; y++ {
		for x := 0; x < 41; x++ {
			r, _, _, _ := out.At(x, y).RGBA()
			ink += 1 - float64(r)/0xffff
		}
	}
	if ink < 0.9 || ink > 1.1 {
		t.Errorf("ink %.2f, want 1", ink)
	}
	c := pixel(t, got, 20, 20)
	if c.R < 240 || c.R == 255 {
		t.Errorf("centre %v: the dot is spread over σ = 3 pixels", c)
	}
	if a, b := pixel(t, got, 17, 20), pixel(t, got, 23, 20); a != b || a.R == 255 {
		t.Errorf("left %v right %v", a, b)
	}
	if pixel(t, got, 5, 5).R != 255 {
		t.Errorf("far pixels stay white")
	}

	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, solid(16, 16, color.NRGBA{200, 30, 30, 255}), nil); err != nil {
		t.Fatal(err)
	}
	photo, err := Decode(jb.Bytes(), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := applyFilters(photo, []Filter{{"blur", 2}, {"sepia", 1}}); err != nil || got.Type != "jpeg" {
		t.Errorf("filtered photo: %v, %v", got, err)
	}
	if got, err := applyFilters(photo, []Filter{{"opacity", 0.5}}); err != nil || got.Type != "png" {
		t.Errorf("translucent photo: %v, %v", got, err)
	}
}

// TestCacheFiltered: a filtered image is converted once and embedded once
// whatever its path; filters on an SVG or unknown filters are errors.
func TestCacheFiltered(t *testing.T) {
	dir := t.TempDir()
	data := pngOf(t, solid(8, 8, color.NRGBA{255, 0, 0, 255}))
	a, b := filepath.Join(dir, "a.png"), filepath.Join(dir, "b.png")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	svg := filepath.Join(dir, "c.svg")
	os.WriteFile(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`), 0o644)
	var c Cache
	plain, _ := c.Load(a)
	f1, err := c.Filtered(a, "sepia(1)")
	if err != nil {
		t.Fatal(err)
	}
	f2, _ := c.Filtered(a, "sepia(1)")
	f3, _ := c.Filtered(b, "sepia(1)")
	if f1 != f2 || f1.Sum != f3.Sum || f1.Sum == plain.Sum {
		t.Errorf("filtered once per path and filters, same bytes for the same image")
	}
	if g, _ := c.Filtered(a, ""); g != plain {
		t.Errorf("no filters is the image itself")
	}
	if _, err := c.Filtered(svg, "sepia(1)"); err == nil || !strings.Contains(err.Error(), "SVG") {
		t.Errorf("SVG: %v", err)
	}
	if _, err := c.Filtered(a, "drop-shadow(1)"); err == nil {
		t.Errorf("drop-shadow is not drawn")
	}
	if got := FormatFilters([]Filter{{"sepia", 1}, {"blur", 2.5}}); got != "sepia(1) blur(2.5)" {
		t.Errorf("FormatFilters: %q", got)
	}
}

// exifJPEG is a JPEG of img with an APP1 Exif segment right after SOI
// holding the orientation o, in the byte order bo.
func exifJPEG(t *testing.T, img image.Image, o uint16, bo binary.ByteOrder) []byte {
	t.Helper()
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	var tiff bytes.Buffer
	if bo == binary.LittleEndian {
		tiff.WriteString("II")
	} else {
		tiff.WriteString("MM")
	}
	w := func(v any) { binary.Write(&tiff, bo, v) }
	w(uint16(42))
	w(uint32(8))
	w(uint16(2)) // two entries: a resolution unit first, then the orientation
	w([]uint16{0x0128, 3})
	w(uint32(1))
	w([]uint16{2, 0})
	w([]uint16{0x0112, 3})
	w(uint32(1))
	w([]uint16{o, 0})
	w(uint32(0))
	seg := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	app1 := []byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	out := append([]byte{0xFF, 0xD8}, app1...)
	out = append(out, seg...)
	return append(out, jb.Bytes()[2:]...)
}

// TestEXIFOrientation: a JPEG with each EXIF orientation is turned
// upright as a browser draws it. The stored image has four coloured
// quarters; each orientation moves its top-left (red) and top-right
// (green) quarters to known corners.
func TestEXIFOrientation(t *testing.T) {
	const w, h = 32, 16
	stored := image.NewNRGBA(image.Rect(0, 0, w, h))
	quarter := func(x, y int) color.NRGBA {
		switch {
		case x < w/2 && y < h/2:
			return color.NRGBA{255, 0, 0, 255}
		case y < h/2:
			return color.NRGBA{0, 255, 0, 255}
		case x < w/2:
			return color.NRGBA{0, 0, 255, 255}
		}
		return color.NRGBA{255, 255, 255, 255}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			stored.SetNRGBA(x, y, quarter(x, y))
		}
	}
	// Corners: 0 top left, 1 top right, 2 bottom right, 3 bottom left.
	redAt := []int{0, 0, 1, 2, 3, 0, 1, 2, 3}
	greenAt := []int{0, 1, 0, 3, 2, 3, 2, 1, 0}
	for o := 1; o <= 8; o++ {
		for _, bo := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
			data := exifJPEG(t, stored, uint16(o), bo)
			if got := jpegOrientation(data); got != o {
				t.Fatalf("orientation %d read as %d", o, got)
			}
			f, err := Decode(data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			ww, hh := w, h
			if o >= 5 {
				ww, hh = h, w
			}
			if f.Width != ww || f.Height != hh {
				t.Errorf("orientation %d: %d×%d, want %d×%d", o, f.Width, f.Height, ww, hh)
			}
			if o == 1 && !bytes.Equal(f.Data, data) {
				t.Errorf("an upright JPEG is embedded as it is")
			}
			corner := func(i int) color.NRGBA {
				x, y := []int{2, ww - 3, ww - 3, 2}[i], []int{2, 2, hh - 3, hh - 3}[i]
				return pixel(t, f, x, y)
			}
			near := func(c, want color.NRGBA) bool {
				d := func(a, b uint8) bool { return int(a)-int(b) < 40 && int(b)-int(a) < 40 }
				return d(c.R, want.R) && d(c.G, want.G) && d(c.B, want.B)
			}
			if c := corner(redAt[o]); !near(c, color.NRGBA{255, 0, 0, 255}) {
				t.Errorf("orientation %d: red quarter not at corner %d (%v)", o, redAt[o], c)
			}
			if c := corner(greenAt[o]); !near(c, color.NRGBA{0, 255, 0, 255}) {
				t.Errorf("orientation %d: green quarter not at corner %d (%v)", o, greenAt[o], c)
			}
		}
	}
	if jpegOrientation([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00}) != 1 {
		t.Errorf("a cut segment reads as upright")
	}
}

// TestDataURI decodes data: images through the same checks as files.
func TestDataURI(t *testing.T) {
	pngData := pngOf(t, solid(3, 2, color.NRGBA{0, 0, 255, 255}))
	var jb bytes.Buffer
	jpeg.Encode(&jb, solid(5, 4, color.NRGBA{0, 0, 255, 255}), nil)
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="red"/></svg>`
	tests := []struct {
		uri    string
		format Format
		w, h   int
	}{
		{"data:image/png;base64," + base64.StdEncoding.EncodeToString(pngData), PNG, 3, 2},
		{"DATA:image/jpeg;base64," + base64.RawStdEncoding.EncodeToString(jb.Bytes()), JPEG, 5, 4},
		{"data:image/svg+xml;utf8," + strings.ReplaceAll(strings.ReplaceAll(svg, "<", "%3C"), ">", "%3E"), SVG, 20, 10},
		{"data:image/svg+xml;charset=utf-8;base64," + base64.StdEncoding.EncodeToString([]byte(svg)), SVG, 20, 10},
	}
	for _, tt := range tests {
		f, err := DecodeDataURI(tt.uri, DefaultLimits)
		if err != nil {
			t.Errorf("%.40s: %v", tt.uri, err)
			continue
		}
		if f.Format != tt.format || f.Width != tt.w || f.Height != tt.h {
			t.Errorf("%.40s: %s %d×%d", tt.uri, f.Format, f.Width, f.Height)
		}
		if got, err := Sniff(tt.uri); err != nil || got != tt.format {
			t.Errorf("Sniff %.40s: %s %v", tt.uri, got, err)
		}
		var c Cache
		if cf, err := c.Load(tt.uri); err != nil || cf.Width != tt.w {
			t.Errorf("Cache.Load %.40s: %v", tt.uri, err)
		}
	}
	bad := map[string]string{
		"data:text/html,<b>hi</b>":                          "is a data: URI of type text/html, not a PNG, JPEG, GIF, WebP or SVG image",
		"data:image/png;base64,@@@@":                        "is a data: URI whose base64 cannot be read: illegal base64 data at input byte 0",
		"data:image/png;base64":                             "is not a valid data: URI (no comma before the data)",
		"data:image/png;base64,aGVsbG8gd29ybGQ=":            "is not a PNG, JPEG, GIF, WebP or SVG file",
		"data:image/png;base64," + strings.Repeat("A", 200): "is more than the 100 bytes an image may have",
	}
	for uri, want := range bad {
		_, err := DecodeDataURI(uri, Limits{MaxBytes: 100, MaxPixels: 1000})
		if err == nil || err.Error() != want {
			t.Errorf("%.30s: %v, want %s", uri, err, want)
		}
	}
	if _, err := DecodeDataURI("data:image/png;base64,"+base64.StdEncoding.EncodeToString(bombPNG(30000, 30000)), DefaultLimits); err == nil || !strings.Contains(err.Error(), "megapixels") {
		t.Errorf("pixel cap: %v", err)
	}
}
