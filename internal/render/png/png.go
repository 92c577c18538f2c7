// Package png rasterizes a display page to a PNG image with
// golang.org/x/image/vector (anti-aliased): shapes from their outlines,
// strokes as polygons, text from the embedded fonts' glyph outlines,
// placed with the same advance widths as the PDF.
package png

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"slices"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/imagefile"
)

// Options adjust the rasterizing.
type Options struct {
	Fonts *fonts.Set
	// Images loads the image files; nil loads each when drawn.
	Images *imagefile.Cache
	// DPI is the resolution; 72 is one pixel per point (default 192).
	DPI float64
}

// MaxPixels bounds the size of an image.
const MaxPixels = 100 << 20

// Render rasterizes page to PNG bytes.
func Render(page *display.Page, o Options) ([]byte, error) {
	img, err := Rasterize(page, o)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Rasterize draws page into an RGBA image.
func Rasterize(page *display.Page, o Options) (*image.RGBA, error) {
	if o.Fonts == nil {
		return nil, errors.New("png: no fonts")
	}
	if o.DPI == 0 {
		o.DPI = 192
	}
	s := o.DPI / 72
	w, h := int(math.Ceil(page.Width*s)), int(math.Ceil(page.Height*s))
	if !(o.DPI > 0) || w <= 0 || h <= 0 || float64(w)*float64(h) > MaxPixels {
		return nil, fmt.Errorf("png: %g × %g pt at %g dpi is not a drawable size", page.Width, page.Height, o.DPI)
	}
	if o.Images == nil {
		o.Images = &imagefile.Cache{}
	}
	r := &raster{dst: image.NewRGBA(image.Rect(0, 0, w, h)), s: s, fonts: o.Fonts, images: o.Images}
	draw.Draw(r.dst, r.dst.Bounds(), image.White, image.Point{}, draw.Src)
	for _, it := range page.Items {
		if err := r.item(it); err != nil {
			return nil, err
		}
	}
	return r.dst, nil
}

type raster struct {
	dst    *image.RGBA
	s      float64 // pixels per point
	fonts  *fonts.Set
	images *imagefile.Cache
	z      vector.Rasterizer
	buf    sfnt.Buffer
}

// poly is a closed polygon in pixels.
type poly []display.Point

func (r *raster) item(it display.Item) error {
	switch {
	case it.Text != nil:
		r.text(it.Text)
	case it.Rect != nil:
		x := it.Rect
		if !(x.W > 0 && x.H > 0) {
			return nil
		}
		outline := roundRect(x.X*r.s, x.Y*r.s, x.W*r.s, x.H*r.s, math.Min(x.Radius*r.s, math.Min(x.W, x.H)*r.s/2))
		if !x.Fill.None {
			r.fill([]poly{outline}, x.Fill.Color, x.Fill.Alpha())
		}
		if !x.Stroke.None && x.Stroke.Width > 0 {
			r.stroke([][]display.Point{append(outline, outline[0])}, x.Stroke)
		}
	case it.Path != nil:
		lines, closed := r.flatten(it.Path)
		if !it.Path.Fill.None {
			var ps []poly
			for _, l := range lines {
				ps = append(ps, poly(l))
			}
			if it.Path.EvenOdd {
				evenOdd(ps)
			}
			r.fill(ps, it.Path.Fill.Color, it.Path.Fill.Alpha())
		}
		if !it.Path.Stroke.None && it.Path.Stroke.Width > 0 {
			for i := range lines {
				if closed[i] && len(lines[i]) > 0 {
					lines[i] = append(lines[i], lines[i][0])
				}
			}
			r.stroke(lines, it.Path.Stroke)
		}
	case it.Image != nil:
		return r.image(it.Image)
	case it.Group != nil:
		return r.group(it.Group)
	}
	return nil
}

// group draws a group's items into its clip box.
func (r *raster) group(g *display.Group) error {
	if c := g.Clip; c != nil {
		if !display.Finite(c.X, c.Y, c.W, c.H) {
			return nil
		}
		saved := r.dst
		defer func() { r.dst = saved }()
		clip := image.Rect(int(math.Floor(c.X*r.s)), int(math.Floor(c.Y*r.s)), int(math.Ceil((c.X+c.W)*r.s)), int(math.Ceil((c.Y+c.H)*r.s)))
		r.dst = r.dst.SubImage(clip).(*image.RGBA)
		if r.dst.Bounds().Empty() {
			return nil
		}
	}
	for _, it := range g.Items {
		if err := r.item(it); err != nil {
			return err
		}
	}
	return nil
}

// evenOdd orients the contours of an even-odd path so that the rasterizer's
// nonzero rule fills the same area: a contour inside an odd number of
// others winds against the outermost ones.
func evenOdd(ps []poly) {
	for i, p := range ps {
		if len(p) < 3 {
			continue
		}
		depth := 0
		for j, q := range ps {
			if i != j && len(q) > 2 && inside(p[0], q) {
				depth++
			}
		}
		if (area(p) > 0) != (depth%2 == 0) {
			slices.Reverse(p)
		}
	}
}

// area is a polygon's signed area (positive: clockwise on screen).
func area(p poly) float64 {
	a := 0.0
	for i := range p {
		q, n := p[i], p[(i+1)%len(p)]
		a += q.X*n.Y - n.X*q.Y
	}
	return a / 2
}

// inside reports whether pt lies inside polygon p (even-odd crossing test).
func inside(pt display.Point, p poly) bool {
	in := false
	for i, j := 0, len(p)-1; i < len(p); j, i = i, i+1 {
		a, b := p[i], p[j]
		if (a.Y > pt.Y) != (b.Y > pt.Y) && pt.X < (b.X-a.X)*(pt.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// flatten turns a path into polylines in pixels, curves subdivided.
func (r *raster) flatten(p *display.Path) (lines [][]display.Point, closed []bool) {
	var cur []display.Point
	px := func(q display.Point) display.Point { return display.Point{X: q.X * r.s, Y: q.Y * r.s} }
	flush := func(c bool) {
		if len(cur) > 1 {
			lines = append(lines, cur)
			closed = append(closed, c)
		}
		cur = nil
	}
	for _, seg := range p.Segments {
		switch {
		case seg.Op == display.MoveTo && len(seg.Points) == 1:
			flush(false)
			cur = []display.Point{px(seg.Points[0])}
		case seg.Op == display.LineTo && len(seg.Points) == 1 && cur != nil:
			cur = append(cur, px(seg.Points[0]))
		case seg.Op == display.CurveTo && len(seg.Points) == 3 && cur != nil:
			p0, p1, p2, p3 := cur[len(cur)-1], px(seg.Points[0]), px(seg.Points[1]), px(seg.Points[2])
			n := int(math.Min(64, math.Max(4, (dist(p0, p1)+dist(p1, p2)+dist(p2, p3))/4)))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				cur = append(cur, display.Point{
					X: u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
					Y: u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y,
				})
			}
		case seg.Op == display.Close:
			flush(true)
		}
	}
	flush(false)
	return lines, closed
}

func dist(a, b display.Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// fill paints polygons (pixels) in c at opacity alpha, anti-aliased.
func (r *raster) fill(ps []poly, c display.Color, alpha float64) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range ps {
		for _, q := range p {
			if !display.Finite(q.X, q.Y) {
				return
			}
			minX, minY = math.Min(minX, q.X), math.Min(minY, q.Y)
			maxX, maxY = math.Max(maxX, q.X), math.Max(maxY, q.Y)
		}
	}
	b := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(r.dst.Bounds())
	if b.Empty() {
		return
	}
	r.z.Reset(b.Dx(), b.Dy())
	ox, oy := float64(b.Min.X), float64(b.Min.Y)
	for _, p := range ps {
		if len(p) < 3 {
			continue
		}
		r.z.MoveTo(float32(p[0].X-ox), float32(p[0].Y-oy))
		for _, q := range p[1:] {
			r.z.LineTo(float32(q.X-ox), float32(q.Y-oy))
		}
		r.z.ClosePath()
	}
	r.z.Draw(r.dst, b, image.NewUniform(color.NRGBA{R: c.R, G: c.G, B: c.B, A: uint8(alpha*255 + 0.5)}), image.Point{})
}

// stroke paints polylines with the paint's width and dashes: each segment
// a quadrilateral, each joint and end a disc (round joins and caps), all
// wound the same way so that overlaps unite.
func (r *raster) stroke(lines [][]display.Point, p display.Paint) {
	hw := p.Width * r.s / 2
	if hw < 0.35 {
		hw = 0.35
	}
	var ps []poly
	for _, l := range lines {
		for _, run := range dashes(l, p.Dash, r.s) {
			for i := 0; i+1 < len(run); i++ {
				a, b := run[i], run[i+1]
				d := dist(a, b)
				if d == 0 {
					continue
				}
				nx, ny := -(b.Y-a.Y)/d*hw, (b.X-a.X)/d*hw
				ps = append(ps, poly{{X: a.X + nx, Y: a.Y + ny}, {X: b.X + nx, Y: b.Y + ny}, {X: b.X - nx, Y: b.Y - ny}, {X: a.X - nx, Y: a.Y - ny}})
			}
			if hw > 0.8 {
				for _, q := range run {
					ps = append(ps, disc(q, hw))
				}
			}
		}
	}
	r.fill(ps, p.Color, p.Alpha())
}

// dashes splits a polyline into its dashes (lengths in points).
func dashes(l []display.Point, dash []float64, s float64) [][]display.Point {
	total := 0.0
	for _, d := range dash {
		total += d
	}
	if len(dash) == 0 || total <= 0 {
		return [][]display.Point{l}
	}
	var out [][]display.Point
	var cur []display.Point
	i, left, on := 0, dash[0]*s, true
	for k := 0; k+1 < len(l); k++ {
		a, b := l[k], l[k+1]
		seg := dist(a, b)
		pos := 0.0
		for seg-pos > left {
			pos += left
			t := pos / seg
			q := display.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t}
			if on {
				if cur == nil {
					cur = []display.Point{a}
				}
				out = append(out, append(cur, q))
				cur = nil
			} else {
				cur = []display.Point{q}
			}
			on = !on
			i = (i + 1) % len(dash)
			left = dash[i] * s
		}
		left -= seg - pos
		if on {
			if cur == nil {
				cur = []display.Point{a}
			}
			cur = append(cur, b)
		}
	}
	if on && len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// disc is a circle of radius rad as a polygon wound like stroke quads.
func disc(c display.Point, rad float64) poly {
	n := int(math.Max(8, math.Min(32, rad*2)))
	p := make(poly, n)
	for i := range p {
		a := -2 * math.Pi * float64(i) / float64(n)
		p[i] = display.Point{X: c.X + rad*math.Cos(a), Y: c.Y + rad*math.Sin(a)}
	}
	return p
}

// roundRect is the outline of a rectangle with corner radius rad.
func roundRect(x, y, w, h, rad float64) poly {
	if rad <= 0 {
		return poly{{X: x, Y: y}, {X: x + w, Y: y}, {X: x + w, Y: y + h}, {X: x, Y: y + h}}
	}
	var p poly
	corner := func(cx, cy, start float64) {
		for i := 0; i <= 8; i++ {
			a := start + math.Pi/2*float64(i)/8
			p = append(p, display.Point{X: cx + rad*math.Cos(a), Y: cy + rad*math.Sin(a)})
		}
	}
	corner(x+w-rad, y+rad, -math.Pi/2)
	corner(x+w-rad, y+h-rad, 0)
	corner(x+rad, y+h-rad, math.Pi/2)
	corner(x+rad, y+rad, math.Pi)
	return p
}

// text draws a run glyph by glyph from the font outlines.
func (r *raster) text(t *display.Text) {
	if t.Text == "" || !display.Finite(t.X, t.Y, t.Size) || t.Size <= 0 {
		return
	}
	face := r.fonts.FaceFor(t.Bold, t.Mono)
	if t.Fallback > 0 && t.Fallback <= len(r.fonts.Fallback) {
		face = r.fonts.Fallback[t.Fallback-1]
	}
	f := face.SFNT()
	ppem := fixed.Int26_6(t.Size * r.s * 64)
	var ps []poly
	x := t.X
	for _, ch := range t.Text {
		gi, err := f.GlyphIndex(&r.buf, ch)
		if err == nil && gi != 0 {
			segs, err := f.LoadGlyph(&r.buf, gi, ppem, nil)
			if err == nil {
				ps = append(ps, glyphPolys(segs, x*r.s, t.Y*r.s)...)
			}
		}
		x += face.Advance(ch, t.Size) + t.Spacing
	}
	r.fill(ps, t.Color, 1)
	if r.fonts.Emboldened(t.Bold, t.Mono, t.Fallback) {
		// Bold without a bold face: the outlines stroked too.
		lines := make([][]display.Point, 0, len(ps))
		for _, p := range ps {
			lines = append(lines, append(p[:len(p):len(p)], p[0]))
		}
		r.stroke(lines, display.Paint{Color: t.Color, Width: fonts.EmboldenWidth(t.Size)})
	}
}

// glyphPolys converts glyph segments (26.6 pixels, y down, origin at the
// pen) to polygons placed at (ox, oy).
func glyphPolys(segs sfnt.Segments, ox, oy float64) []poly {
	var out []poly
	var cur poly
	pt := func(p fixed.Point26_6) display.Point {
		return display.Point{X: ox + float64(p.X)/64, Y: oy + float64(p.Y)/64}
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if len(cur) > 2 {
				out = append(out, cur)
			}
			cur = poly{pt(s.Args[0])}
		case sfnt.SegmentOpLineTo:
			cur = append(cur, pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			p0, p1, p2 := cur[len(cur)-1], pt(s.Args[0]), pt(s.Args[1])
			for i := 1; i <= 6; i++ {
				t := float64(i) / 6
				u := 1 - t
				cur = append(cur, display.Point{X: u*u*p0.X + 2*u*t*p1.X + t*t*p2.X, Y: u*u*p0.Y + 2*u*t*p1.Y + t*t*p2.Y})
			}
		case sfnt.SegmentOpCubeTo:
			p0, p1, p2, p3 := cur[len(cur)-1], pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2])
			for i := 1; i <= 8; i++ {
				t := float64(i) / 8
				u := 1 - t
				cur = append(cur, display.Point{X: u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X, Y: u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y})
			}
		}
	}
	if len(cur) > 2 {
		out = append(out, cur)
	}
	return out
}

func (r *raster) image(m *display.Image) error {
	f, err := r.images.Filtered(m.Path, m.Filter)
	if err != nil {
		return fmt.Errorf("png: image %s %w", imagefile.Short(m.Path), err)
	}
	src, err := f.Image()
	if err != nil {
		return fmt.Errorf("png: image %s: %w", imagefile.Short(m.Path), err)
	}
	rect := image.Rect(int(m.X*r.s), int(m.Y*r.s), int((m.X+m.W)*r.s), int((m.Y+m.H)*r.s))
	var dst xdraw.Image = r.dst
	if c := m.Clip; c != nil {
		dst = r.dst.SubImage(image.Rect(int(c.X*r.s), int(c.Y*r.s), int((c.X+c.W)*r.s), int((c.Y+c.H)*r.s))).(*image.RGBA)
	}
	xdraw.CatmullRom.Scale(dst, rect, src, src.Bounds(), xdraw.Over, nil)
	return nil
}
