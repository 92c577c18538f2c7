package display

// Transform returns copies of items scaled by s about the origin and then
// moved by (dx, dy): a point p becomes p*s + (dx, dy). Text sizes, stroke
// widths, dashes and corner radii scale too.
func Transform(items []Item, dx, dy, s float64) []Item {
	out := make([]Item, 0, len(items))
	pt := func(p Point) Point { return Point{X: p.X*s + dx, Y: p.Y*s + dy} }
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
	for _, it := range items {
		switch {
		case it.Text != nil:
			t := *it.Text
			t.X, t.Y, t.Size, t.Width = t.X*s+dx, t.Y*s+dy, t.Size*s, t.Width*s
			out = append(out, Item{Text: &t})
		case it.Rect != nil:
			r := *it.Rect
			r.X, r.Y, r.W, r.H, r.Radius = r.X*s+dx, r.Y*s+dy, r.W*s, r.H*s, r.Radius*s
			r.Fill, r.Stroke = paint(r.Fill), paint(r.Stroke)
			out = append(out, Item{Rect: &r})
		case it.Path != nil:
			p := Path{Fill: paint(it.Path.Fill), Stroke: paint(it.Path.Stroke)}
			p.Segments = make([]Segment, len(it.Path.Segments))
			for i, seg := range it.Path.Segments {
				pts := make([]Point, len(seg.Points))
				for j, q := range seg.Points {
					pts[j] = pt(q)
				}
				p.Segments[i] = Segment{Op: seg.Op, Points: pts}
			}
			out = append(out, Item{Path: &p})
		case it.Image != nil:
			m := *it.Image
			m.X, m.Y, m.W, m.H = m.X*s+dx, m.Y*s+dy, m.W*s, m.H*s
			out = append(out, Item{Image: &m})
		case it.Link != nil:
			l := *it.Link
			l.X, l.Y, l.W, l.H = l.X*s+dx, l.Y*s+dy, l.W*s, l.H*s
			out = append(out, Item{Link: &l})
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
		case it.Link != nil:
			it.Link.X += dx
			it.Link.Y += dy
		}
	}
}
