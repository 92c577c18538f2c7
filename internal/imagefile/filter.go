package imagefile

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"math"
	"strconv"
	"strings"
)

// Filter is a CSS filter function applied to an image's pixels before it
// is drawn, as a browser applies Marp's ![sepia] or ![blur:3px].
type Filter struct {
	// Name is one of grayscale, sepia, saturate, hue-rotate, invert,
	// brightness, contrast, opacity or blur.
	Name string
	// Amount is the function's value: degrees for hue-rotate, the
	// standard deviation in the image's own pixels for blur, otherwise a
	// fraction (CSS's number or percentage / 100).
	Amount float64
}

// Drawable reports whether a filter of this name is drawn by Filtered.
func Drawable(name string) bool {
	switch name {
	case "grayscale", "sepia", "saturate", "hue-rotate", "invert", "brightness", "contrast", "opacity", "blur":
		return true
	}
	return false
}

// FormatFilters writes filters as the key Cache.Filtered takes: CSS
// notation without units, "sepia(1) blur(2.5)".
func FormatFilters(fs []Filter) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f.Name)
		b.WriteByte('(')
		b.WriteString(strconv.FormatFloat(f.Amount, 'g', 6, 64))
		b.WriteByte(')')
	}
	return b.String()
}

// ParseFilters reads what FormatFilters writes.
func ParseFilters(s string) ([]Filter, error) {
	var out []Filter
	for _, w := range strings.Fields(s) {
		name, rest, ok := strings.Cut(w, "(")
		arg, closed := strings.CutSuffix(rest, ")")
		if !ok || !closed || !Drawable(name) {
			return nil, fmt.Errorf("image filter %q: not a filter layerdeck draws", w)
		}
		v, err := strconv.ParseFloat(arg, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("image filter %q: not a number", w)
		}
		out = append(out, Filter{Name: name, Amount: v})
	}
	return out, nil
}

// maxBlur bounds a blur's standard deviation in pixels: more would only
// cost time, the image being a flat colour by then.
const maxBlur = 250

// applyFilters returns f with filters applied to its pixels, re-encoded
// as Decode would (JPEG stays JPEG while opaque).
func applyFilters(f *File, fs []Filter) (*File, error) {
	if f.Data == nil {
		return nil, errors.New("filters are not drawn on SVG images")
	}
	src, err := f.Image()
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	img := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(img, img.Bounds(), src, b.Min, draw.Src)
	for _, flt := range fs {
		switch flt.Name {
		case "blur":
			blur(img, math.Min(flt.Amount, maxBlur))
		case "opacity":
			a := clamp01(flt.Amount)
			for i := 3; i < len(img.Pix); i += 4 {
				img.Pix[i] = uint8(float64(img.Pix[i])*a + 0.5)
			}
		default:
			colourFilter(img, flt)
		}
	}
	out := &File{Format: f.Format, Width: f.Width, Height: f.Height}
	if out.Data, out.Type, err = reencode(img, f.Type == "jpeg"); err != nil {
		return nil, err
	}
	out.Sum = sha256.Sum256(out.Data)
	return out, nil
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// colourFilter applies a filter that maps each colour on its own: the
// matrices and transfer functions of the CSS Filter Effects spec, in sRGB
// as browsers apply CSS filter functions.
func colourFilter(img *image.NRGBA, f Filter) {
	var m [9]float64 // row-major 3×3, or zero for a transfer function
	a := f.Amount
	switch f.Name {
	case "grayscale":
		s := 1 - clamp01(a)
		m = [9]float64{
			0.2126 + 0.7874*s, 0.7152 - 0.7152*s, 0.0722 - 0.0722*s,
			0.2126 - 0.2126*s, 0.7152 + 0.2848*s, 0.0722 - 0.0722*s,
			0.2126 - 0.2126*s, 0.7152 - 0.7152*s, 0.0722 + 0.9278*s,
		}
	case "sepia":
		s := 1 - clamp01(a)
		m = [9]float64{
			0.393 + 0.607*s, 0.769 - 0.769*s, 0.189 - 0.189*s,
			0.349 - 0.349*s, 0.686 + 0.314*s, 0.168 - 0.168*s,
			0.272 - 0.272*s, 0.534 - 0.534*s, 0.131 + 0.869*s,
		}
	case "saturate":
		s := math.Max(a, 0)
		m = [9]float64{
			0.213 + 0.787*s, 0.715 - 0.715*s, 0.072 - 0.072*s,
			0.213 - 0.213*s, 0.715 + 0.285*s, 0.072 - 0.072*s,
			0.213 - 0.213*s, 0.715 - 0.715*s, 0.072 + 0.928*s,
		}
	case "hue-rotate":
		c, s := math.Cos(a*math.Pi/180), math.Sin(a*math.Pi/180)
		m = [9]float64{
			0.213 + c*0.787 - s*0.213, 0.715 - c*0.715 - s*0.715, 0.072 - c*0.072 + s*0.928,
			0.213 - c*0.213 + s*0.143, 0.715 + c*0.285 + s*0.140, 0.072 - c*0.072 - s*0.283,
			0.213 - c*0.213 - s*0.787, 0.715 - c*0.715 + s*0.715, 0.072 + c*0.928 + s*0.072,
		}
	}
	var lut [256]uint8
	for i := range lut {
		v := float64(i) / 255
		switch f.Name {
		case "invert":
			k := clamp01(a)
			v = v*(1-k) + (1-v)*k
		case "brightness":
			v *= math.Max(a, 0)
		case "contrast":
			v = (v-0.5)*math.Max(a, 0) + 0.5
		}
		lut[i] = byte8(v)
	}
	matrix := m != [9]float64{}
	for i := 0; i+3 < len(img.Pix); i += 4 {
		p := img.Pix[i : i+3 : i+3]
		if !matrix {
			p[0], p[1], p[2] = lut[p[0]], lut[p[1]], lut[p[2]]
			continue
		}
		r, g, b := float64(p[0])/255, float64(p[1])/255, float64(p[2])/255
		p[0] = byte8(m[0]*r + m[1]*g + m[2]*b)
		p[1] = byte8(m[3]*r + m[4]*g + m[5]*b)
		p[2] = byte8(m[6]*r + m[7]*g + m[8]*b)
	}
}

// byte8 is v in [0, 1] as a byte, clamped.
func byte8(v float64) uint8 {
	return uint8(clamp01(v)*255 + 0.5)
}

// blur approximates a Gaussian blur of standard deviation sigma with
// three box blurs each way (premultiplied, edges extended), as browsers
// do for CSS blur().
func blur(img *image.NRGBA, sigma float64) {
	if sigma < 0.5 {
		return
	}
	// Three boxes of width 2r+1 have the variance ((2r+1)² − 1)/4 = σ².
	r := int(math.Round((math.Sqrt(4*sigma*sigma+1) - 1) / 2))
	if r < 1 {
		return
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	px := make([]float64, 4*w*h)
	for i := 0; i < w*h; i++ {
		al := float64(img.Pix[4*i+3]) / 255
		px[4*i] = float64(img.Pix[4*i]) * al
		px[4*i+1] = float64(img.Pix[4*i+1]) * al
		px[4*i+2] = float64(img.Pix[4*i+2]) * al
		px[4*i+3] = float64(img.Pix[4*i+3])
	}
	tmp := make([]float64, max(w, h)*4)
	for pass := 0; pass < 3; pass++ {
		for y := 0; y < h; y++ {
			boxLine(px[4*y*w:], 4, w, r, tmp)
		}
		for x := 0; x < w; x++ {
			boxLine(px[4*x:], 4*w, h, r, tmp)
		}
	}
	for i := 0; i < w*h; i++ {
		a := px[4*i+3]
		img.Pix[4*i+3] = uint8(math.Min(255, a+0.5))
		if a < 0.5 {
			img.Pix[4*i], img.Pix[4*i+1], img.Pix[4*i+2] = 0, 0, 0
			continue
		}
		k := 255 / a
		for c := 0; c < 3; c++ {
			img.Pix[4*i+c] = uint8(math.Min(255, px[4*i+c]*k+0.5))
		}
	}
}

// boxLine blurs n pixels of 4 channels, stride apart, with a box of
// radius r, the edge pixels extended; tmp holds at least 4n values.
func boxLine(p []float64, stride, n, r int, tmp []float64) {
	at := func(i int) int { return min(max(i, 0), n-1) * stride }
	var sum [4]float64
	for i := -r; i <= r; i++ {
		j := at(i)
		for c := 0; c < 4; c++ {
			sum[c] += p[j+c]
		}
	}
	k := 1 / float64(2*r+1)
	for i := 0; i < n; i++ {
		for c := 0; c < 4; c++ {
			tmp[4*i+c] = sum[c] * k
		}
		out, in := at(i-r), at(i+r+1)
		for c := 0; c < 4; c++ {
			sum[c] += p[in+c] - p[out+c]
		}
	}
	for i := 0; i < n; i++ {
		copy(p[i*stride:i*stride+4], tmp[4*i:4*i+4])
	}
}
