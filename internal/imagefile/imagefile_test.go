package imagefile

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoad loads every kind of image file and checks what a PDF would
// embed: the file's own bytes when a PDF takes them, else a converted
// 8-bit PNG or JPEG that still shows the picture (red on the left).
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	// A palette with translucent entries and 16-bit grey with alpha,
	// which Go writes and gofpdf cannot read.
	pal := image.NewPaletted(image.Rect(0, 0, 8, 4), color.Palette{color.NRGBA{255, 0, 0, 128}, color.NRGBA{0, 0, 255, 255}})
	writePNG(t, filepath.Join(dir, "palette-alpha.png"), pal)
	ga := image.NewNRGBA64(image.Rect(0, 0, 8, 4))
	for i := range ga.Pix {
		ga.Pix[i] = 0xff
	}
	ga.SetNRGBA64(0, 0, color.NRGBA64{R: 0xffff, A: 0xffff})
	writePNG(t, filepath.Join(dir, "rgba64.png"), ga)

	tests := []struct {
		file     string
		format   Format
		w, h     int
		typ      string
		verbatim bool // Data is the file's own bytes
	}{
		{"testdata/photo.jpg", JPEG, 64, 40, "jpeg", true},
		{"testdata/progressive.jpg", JPEG, 64, 40, "jpeg", true},
		{"testdata/cmyk.jpg", JPEG, 64, 40, "jpeg", false},
		{"testdata/gray1.png", PNG, 64, 40, "png", true},
		{"testdata/rgb16.png", PNG, 64, 40, "png", false},
		{"testdata/interlaced.png", PNG, 64, 40, "png", false},
		{filepath.Join(dir, "palette-alpha.png"), PNG, 8, 4, "png", false},
		{filepath.Join(dir, "rgba64.png"), PNG, 8, 4, "png", false},
		{"testdata/anim.gif", GIF, 64, 40, "png", false},
		{"testdata/lossy.webp", WebP, 64, 40, "jpeg", false},
		{"testdata/lossless.webp", WebP, 64, 40, "png", false},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			f, err := Load(tt.file, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if f.Format != tt.format || f.Width != tt.w || f.Height != tt.h || f.Type != tt.typ {
				t.Errorf("got %s %d×%d as %s, want %s %d×%d as %s", f.Format, f.Width, f.Height, f.Type, tt.format, tt.w, tt.h, tt.typ)
			}
			raw, _ := os.ReadFile(tt.file)
			if got := bytes.Equal(f.Data, raw); got != tt.verbatim {
				t.Errorf("data is the file's bytes: %v, want %v", got, tt.verbatim)
			}
			if f.Type == "png" && !pdfReady(f.Data) {
				t.Errorf("the PNG to embed is not one a PDF writer reads (8-bit, not interlaced, no tRNS)")
			}
			img, err := f.Image()
			if err != nil {
				t.Fatal(err)
			}
			if tt.format == PNG && tt.w == 64 && tt.verbatim {
				return // grey
			}
			if c := color.NRGBAModel.Convert(img.At(0, 0)).(color.NRGBA); c.R < 0xc0 || c.B > 0x40 {
				t.Errorf("top left pixel is %v, want red", img.At(0, 0))
			}
		})
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// bombPNG is a PNG header announcing w × h pixels with no pixels after it.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.Write(pngMagic)
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

func TestLoadRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fifo := filepath.Join(dir, "fifo.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		lim  Limits
		want string
	}{
		{write("bomb.png", bombPNG(30000, 30000)), DefaultLimits, "is 30000 × 30000 pixels, more than the 50 megapixels an image may have"},
		{write("big.png", bombPNG(10, 10)), Limits{MaxBytes: 10, MaxPixels: 100}, "is 45 bytes, more than the 10 bytes an image may have"},
		{dir, DefaultLimits, "is a directory"},
		{fifo, DefaultLimits, "is not a regular file (a device, FIFO or socket)"},
		{"/dev/zero", DefaultLimits, "is not a regular file (a device, FIFO or socket)"},
		{write("text.png", []byte("hello")), DefaultLimits, "is not a PNG, JPEG, GIF, WebP or SVG file"},
		{write("cut.png", bombPNG(10, 10)[:20]), DefaultLimits, "is not a valid PNG image: unexpected EOF"},
		{write("empty.png", bombPNG(10, 10)), DefaultLimits, "is not a valid PNG image"},
		{write("bad.svg", []byte("<svg><path d='M0 0'</svg>")), DefaultLimits, "SVG syntax"},
	}
	for _, tt := range tests {
		_, err := Load(tt.path, tt.lim)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Load(%s) = %v, want %q", filepath.Base(tt.path), err, tt.want)
		}
	}
}

func TestCache(t *testing.T) {
	var c Cache
	a, err := c.Load("testdata/photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.Load("testdata/photo.jpg")
	if a != b {
		t.Error("the same unchanged file was loaded twice")
	}
	c.Prune()
	c.Prune()
	if len(c.entries) != 0 {
		t.Errorf("Prune kept %d unused entries", len(c.entries))
	}
}

func TestSVG(t *testing.T) {
	f, err := Decode([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100.5" height="50"><rect width="10" height="10"/></svg>`), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != SVG || f.Width != 101 || f.Height != 50 || f.Drawing == nil || f.Data != nil {
		t.Errorf("got %+v", f)
	}
}
