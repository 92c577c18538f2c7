// Package imagefile is the one front door through which layerdeck reads
// image files: check, layout and the PDF, SVG and PNG renderers all load
// an image through Load, so a deck that passes check builds, and every
// output shows the same pixels.
//
// Load refuses what is not a regular file (directories, FIFOs, devices),
// files over a byte cap and images over a pixel cap (read from the header
// before anything is decoded), and returns the image's size and the bytes
// a renderer embeds: a JPEG's own bytes when a PDF can take them as they
// are (so photos are not re-encoded), an 8-bit non-interlaced PNG for
// everything else (16-bit, interlaced or translucent-palette PNGs, GIF's
// first frame, lossless or translucent WebP), a JPEG for CMYK JPEGs,
// JPEGs whose EXIF orientation turns them (turned upright, as browsers
// draw them) and opaque lossy WebP. An SVG file is read into vectors
// (internal/svgimage). Images may also come from data: URIs, and with
// CSS filters applied to their pixels (Cache.Filtered).
package imagefile

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"

	"golang.org/x/image/webp"

	"github.com/layerdeck/layerdeck/internal/svgimage"
)

// Format is an image file format.
type Format string

// The formats layerdeck reads.
const (
	PNG  Format = "png"
	JPEG Format = "jpeg"
	GIF  Format = "gif"
	WebP Format = "webp"
	SVG  Format = "svg"
)

// Limits bound what one image may cost.
type Limits struct {
	// MaxBytes is the largest file read.
	MaxBytes int64
	// MaxPixels is the largest width × height decoded.
	MaxPixels int64
}

// DefaultLimits allow a 64 MB file and 50 megapixels (a 16-bit RGBA
// image of that size decodes to 400 MB).
var DefaultLimits = Limits{MaxBytes: 64 << 20, MaxPixels: 50_000_000}

// File is a loaded image.
type File struct {
	Format Format
	// Width and Height are the size in pixels (an SVG's in CSS pixels,
	// rounded up).
	Width, Height int
	// Data is what a renderer embeds, of type Type ("png" or "jpeg");
	// nil for SVG.
	Data []byte
	Type string
	// Sum is the SHA-256 of Data: identical images are embedded once.
	Sum [32]byte
	// Drawing is an SVG image's vectors.
	Drawing *svgimage.Drawing
}

// Sniff reports a file's format from its first bytes, after checking
// that it is a regular file: the cheap check of deck.CheckFiles. A data:
// URI is read from its bytes.
func Sniff(path string) (Format, error) {
	if IsData(path) {
		data, err := DataURIBytes(path, DefaultLimits)
		if err != nil {
			return "", err
		}
		return sniff(data[:min(len(data), 512)])
	}
	f, err := open(path, DefaultLimits)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	return sniff(head[:n])
}

// open opens a regular file of at most lim.MaxBytes.
func open(path string, lim Limits) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch m := fi.Mode(); {
	case m.IsDir():
		return nil, errors.New("is a directory")
	case !m.IsRegular():
		return nil, errors.New("is not a regular file (a device, FIFO or socket)")
	case fi.Size() > lim.MaxBytes:
		return nil, fmt.Errorf("is %s, more than the %s an image may have", bytesize(fi.Size()), bytesize(lim.MaxBytes))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	// The file may have been swapped since the Stat.
	if fi2, err := f.Stat(); err != nil || !fi2.Mode().IsRegular() {
		f.Close()
		return nil, errors.New("is not a regular file")
	}
	return f, nil
}

var (
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic = []byte{0xFF, 0xD8, 0xFF}
)

func sniff(b []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(b, pngMagic):
		return PNG, nil
	case bytes.HasPrefix(b, jpegMagic):
		return JPEG, nil
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return GIF, nil
	case len(b) >= 12 && bytes.Equal(b[:4], []byte("RIFF")) && bytes.Equal(b[8:12], []byte("WEBP")):
		return WebP, nil
	case bytes.Contains(bytes.ToLower(b), []byte("<svg")):
		return SVG, nil
	}
	return "", errors.New("is not a PNG, JPEG, GIF, WebP or SVG file")
}

// Load reads and checks the image at path.
func Load(path string, lim Limits) (*File, error) {
	f, err := open(path, lim)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, lim.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, fmt.Errorf("is more than the %s an image may have", bytesize(lim.MaxBytes))
	}
	return Decode(data, lim)
}

// Decode reads an image held in memory, as Load does a file.
func Decode(data []byte, lim Limits) (*File, error) {
	format, err := sniff(data)
	if err != nil {
		return nil, err
	}
	if format == SVG {
		d, err := svgimage.Parse(data)
		if err != nil {
			return nil, err
		}
		return &File{Format: SVG, Width: ceil(d.Width), Height: ceil(d.Height), Drawing: d}, nil
	}
	var cfg image.Config
	switch format {
	case PNG:
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case JPEG:
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case GIF:
		cfg, err = gif.DecodeConfig(bytes.NewReader(data))
	case WebP:
		cfg, err = webp.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("is not a valid %s image: %v", name(format), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("is an empty %s image (%d × %d pixels)", name(format), cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > lim.MaxPixels {
		return nil, fmt.Errorf("is %d × %d pixels, more than the %d megapixels an image may have", cfg.Width, cfg.Height, lim.MaxPixels/1_000_000)
	}
	out := &File{Format: format, Width: cfg.Width, Height: cfg.Height}
	orientation := 1
	if format == JPEG {
		orientation = jpegOrientation(data)
	}
	switch {
	case orientation != 1:
		// Turned upright as browsers draw it, and so re-encoded.
		img, err := decode(format, data)
		if err != nil {
			return nil, fmt.Errorf("is not a valid %s image: %v", name(format), err)
		}
		img = orient(img, orientation)
		out.Width, out.Height = img.Bounds().Dx(), img.Bounds().Dy()
		if out.Data, out.Type, err = reencode(img, true); err != nil {
			return nil, err
		}
	case format == JPEG && cfg.ColorModel != color.CMYKModel:
		// A PDF embeds baseline and progressive JPEGs in grey or
		// YCbCr as they are.
		out.Data, out.Type = data, "jpeg"
	case format == PNG && pdfReady(data):
		// Decoded once to find damage before a renderer does.
		if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("is not a valid PNG image: %v", err)
		}
		out.Data, out.Type = data, "png"
	default:
		img, err := decode(format, data)
		if err != nil {
			return nil, fmt.Errorf("is not a valid %s image: %v", name(format), err)
		}
		lossy := format == JPEG || format == WebP && webpLossy(data)
		if out.Data, out.Type, err = reencode(img, lossy); err != nil {
			return nil, err
		}
	}
	out.Sum = sha256.Sum256(out.Data)
	return out, nil
}

// bytesize formats a byte count: 64 MB, 12 KB, 10 bytes.
func bytesize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func name(f Format) string {
	switch f {
	case JPEG:
		return "JPEG"
	case WebP:
		return "WebP"
	}
	return string(bytes.ToUpper([]byte(f)))
}

func ceil(v float64) int {
	n := int(v)
	if float64(n) < v {
		n++
	}
	return max(n, 1)
}

func decode(f Format, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	switch f {
	case PNG:
		return png.Decode(r)
	case JPEG:
		return jpeg.Decode(r)
	case GIF:
		return gif.Decode(r) // the first frame
	case WebP:
		return webp.Decode(r)
	}
	return nil, errors.New("unknown format")
}

// pdfReady reports whether a PNG is one a PDF writer embeds as it is:
// at most 8 bits a sample, not interlaced, without a tRNS chunk (whose
// palette or colour-key transparency gofpdf reads only in part).
func pdfReady(data []byte) bool {
	if len(data) < 33 {
		return false
	}
	depth, interlace := data[24], data[28]
	if depth > 8 || interlace != 0 {
		return false
	}
	for p := 8; p+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[p:]))
		typ := string(data[p+4 : p+8])
		switch typ {
		case "tRNS":
			return false
		case "IDAT", "IEND":
			return true
		}
		if n < 0 || p+12+n > len(data) {
			return false
		}
		p += 12 + n
	}
	return false
}

// webpLossy reports whether a WebP holds a lossy (VP8) image.
func webpLossy(data []byte) bool {
	return len(data) >= 16 && string(data[12:16]) == "VP8 " ||
		len(data) >= 21 && string(data[12:16]) == "VP8X" && data[20]&0x10 == 0 && bytes.Contains(data[30:min(len(data), 64)], []byte("VP8 "))
}

// reencode writes img as a JPEG (opaque images from lossy sources) or an
// 8-bit PNG.
func reencode(img image.Image, lossy bool) ([]byte, string, error) {
	var buf bytes.Buffer
	b := img.Bounds()
	if opaque(img) {
		rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
		if lossy {
			if err := jpeg.Encode(&buf, rgba, &jpeg.Options{Quality: 92}); err != nil {
				return nil, "", err
			}
			return buf.Bytes(), "jpeg", nil
		}
		img = rgba
	} else {
		nrgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(nrgba, nrgba.Bounds(), img, b.Min, draw.Src)
		img = nrgba
	}
	if _, isGray := img.(*image.Gray); !isGray {
		if g, ok := grayOf(img); ok {
			img = g
		}
	}
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "png", nil
}

// opaque reports whether every pixel of img is opaque.
func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}

// grayOf returns img as 8-bit grey if it is an opaque grey image.
func grayOf(img image.Image) (*image.Gray, bool) {
	rgba, ok := img.(*image.RGBA)
	if !ok {
		return nil, false
	}
	for i := 0; i+3 < len(rgba.Pix); i += 4 {
		if rgba.Pix[i] != rgba.Pix[i+1] || rgba.Pix[i] != rgba.Pix[i+2] {
			return nil, false
		}
	}
	g := image.NewGray(rgba.Bounds())
	for i := range g.Pix {
		g.Pix[i] = rgba.Pix[4*i]
	}
	return g, true
}

// Image decodes the bytes a renderer embeds (PNG renderer, previews).
func (f *File) Image() (image.Image, error) {
	if f.Data == nil {
		return nil, errors.New("an SVG image has no pixels")
	}
	if f.Type == "jpeg" {
		return jpeg.Decode(bytes.NewReader(f.Data))
	}
	return png.Decode(bytes.NewReader(f.Data))
}
