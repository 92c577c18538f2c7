package display

import "math"

// Transform returns copies of items scaled by s about the origin and then
// moved by (dx, dy): a point p becomes p*s + (dx, dy). Text sizes, stroke
// widths, dashes and corner radii scale too.
func Transform(items []Item, dx, dy, s float64) []Item {
	return Affine(items, Matrix{s, 0, 0, s, dx, dy})
}

// Matrix is an affine transformation: a point (x, y) becomes
// (A*x + C*y + E, B*x + D*y + F), as in SVG's matrix(a b c d e f).
type Matrix [6]float64

// Identity leaves points where they are.
var Identity = Matrix{1, 0, 0, 1, 0, 0}

// Mul returns the transformation that applies n first, then m.
func (m Matrix) Mul(n Matrix) Matrix {
	return Matrix{
		m[0]*n[0] + m[2]*n[1], m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3], m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4], m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

// Apply transforms a point.
func (m Matrix) Apply(p Point) Point {
	return Point{X: m[0]*p.X + m[2]*p.Y + m[4], Y: m[1]*p.X + m[3]*p.Y + m[5]}
}

// Scale is the factor by which the transformation scales lengths: the
// square root of its determinant's magnitude.
func (m Matrix) Scale() float64 {
	d := m[0]*m[3] - m[1]*m[2]
	if d < 0 {
		d = -d
	}
	return math.Sqrt(d)
}

// Affine returns copies of items transformed by m. Paths are transformed
// exactly; boxes (text, rectangles, images, links, clips) are placed by
// their corner and scaled by m.Scale(), which is exact for the scalings
// and translations layout uses.
func Affine(items []Item, m Matrix) []Item {
	out := make([]Item, 0, len(items))
	s := m.Scale()
	paint := func(p Paint) Paint {
		p.Width *= s
		if p.Dash != nil {
			d := make([]float64, len(p.Dash))
			for i, v := range p.Dash {
				d[i] = v * s
			}
			p.Dash = d
		}
		return p
	}
	corner := func(x, y float64) (float64, float64) {
		q := m.Apply(Point{X: x, Y: y})
		return q.X, q.Y
	}
	box := func(b *Box) *Box {
		if b == nil {
			return nil
		}
		c := *b
		c.X, c.Y = corner(b.X, b.Y)
		c.W, c.H = b.W*s, b.H*s
		return &c
	}
	for _, it := range items {
		n := len(out)
		switch {
		case it.Text != nil:
			t := *it.Text
			t.X, t.Y = corner(t.X, t.Y)
			t.Size, t.Width = t.Size*s, t.Width*s
			out = append(out, Item{Text: &t})
		case it.Rect != nil:
			r := *it.Rect
			r.X, r.Y = corner(r.X, r.Y)
			r.W, r.H, r.Radius = r.W*s, r.H*s, r.Radius*s
			r.Fill, r.Stroke = paint(r.Fill), paint(r.Stroke)
			out = append(out, Item{Rect: &r})
		case it.Path != nil:
			p := *it.Path
			p.Fill, p.Stroke = paint(p.Fill), paint(p.Stroke)
			p.Segments = make([]Segment, len(it.Path.Segments))
			for i, seg := range it.Path.Segments {
				pts := make([]Point, len(seg.Points))
				for j, q := range seg.Points {
					pts[j] = m.Apply(q)
				}
				p.Segments[i] = Segment{Op: seg.Op, Points: pts}
			}
			out = append(out, Item{Path: &p})
		case it.Image != nil:
			im := *it.Image
			im.X, im.Y = corner(im.X, im.Y)
			im.W, im.H = im.W*s, im.H*s
			im.Clip = box(im.Clip)
			out = append(out, Item{Image: &im})
		case it.Link != nil:
			l := *it.Link
			l.X, l.Y = corner(l.X, l.Y)
			l.W, l.H = l.W*s, l.H*s
			out = append(out, Item{Link: &l})
		case it.Group != nil:
			g := *it.Group
			g.Items = Affine(g.Items, m)
			g.Clip = box(g.Clip)
			out = append(out, Item{Group: &g})
		}
		if len(out) > n {
			out[n].Tag = it.Tag
		}
	}
	return out
}

// Translate moves items by (dx, dy) in place.
func Translate(items []Item, dx, dy float64) {
	for _, it := range items {
		switch {
		case it.Text != nil:
			it.Text.X += dx
			it.Text.Y += dy
		case it.Rect != nil:
			it.Rect.X += dx
			it.Rect.Y += dy
		case it.Path != nil:
			for _, seg := range it.Path.Segments {
				for j := range seg.Points {
					seg.Points[j].X += dx
					seg.Points[j].Y += dy
				}
			}
		case it.Image != nil:
			it.Image.X += dx
			it.Image.Y += dy
			if c := it.Image.Clip; c != nil {
				c.X += dx
				c.Y += dy
			}
		case it.Link != nil:
			it.Link.X += dx
			it.Link.Y += dy
		case it.Group != nil:
			Translate(it.Group.Items, dx, dy)
			if c := it.Group.Clip; c != nil {
				c.X += dx
				c.Y += dy
			}
		}
	}
}
