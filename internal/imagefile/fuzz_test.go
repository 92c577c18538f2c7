package imagefile

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// FuzzImage: the image front door never panics on any bytes, and what it
// accepts has a size inside the limits and, for pixels, bytes that the
// renderers decode again without error (nothing corrupt is embedded).
func FuzzImage(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	var small bytes.Buffer
	img := image.NewNRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.NRGBA{R: 200, A: 128})
	png.Encode(&small, img)
	f.Add(small.Bytes())
	f.Add(small.Bytes()[:small.Len()/2])
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>`))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("\xff\xd8\xff"))
	f.Add([]byte("GIF89a"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	lim := Limits{MaxBytes: 1 << 20, MaxPixels: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode(data, lim)
		if err != nil {
			return
		}
		if file.Width <= 0 || file.Height <= 0 {
			t.Fatalf("accepted a %d × %d image", file.Width, file.Height)
		}
		if file.Format == SVG {
			return
		}
		if int64(file.Width)*int64(file.Height) > lim.MaxPixels {
			t.Fatalf("accepted %d × %d pixels, over the cap", file.Width, file.Height)
		}
		if _, err := file.Image(); err != nil {
			t.Fatalf("accepted a %s image whose %s bytes do not decode: %v", file.Format, file.Type, err)
		}
	})
}
