package diagrams

import (
	"math"

	"github.com/layerdeck/layerdeck/internal/display"
)

// Draw returns the diagram's drawing scaled by scale with its top-left
// corner at (x, y): clusters, edges, nodes, then all text, each line
// centred on its measured width.
func (g *Geometry) Draw(x, y, scale float64) []display.Item {
	var out []display.Item
	pt := func(p display.Point) display.Point { return display.Point{X: x + p.X*scale, Y: y + p.Y*scale} }
	box := func(b Box) Box { return Box{X: x + b.X*scale, Y: y + b.Y*scale, W: b.W * scale, H: b.H * scale} }
	stroke := func(st Style) display.Paint {
		p := display.Paint{Color: st.Stroke, Width: st.Width * scale}
		if st.Dashed {
			p.Dash = []float64{5 * scale, 3 * scale}
		}
		return p
	}
	fill := func(st Style) display.Paint {
		if !st.Filled {
			return display.NoPaint
		}
		return display.Paint{Color: st.Fill}
	}
	for _, c := range g.Clusters {
		b := box(c.Box)
		out = append(out, display.Item{Rect: &display.Rect{X: b.X, Y: b.Y, W: b.W, H: b.H, Radius: 10 * scale, Fill: fill(c.Style), Stroke: stroke(c.Style)}})
	}
	for _, e := range g.Edges {
		if len(e.Points) >= 4 {
			segs := []display.Segment{{Op: display.MoveTo, Points: []display.Point{pt(e.Points[0])}}}
			for i := 1; i+2 < len(e.Points); i += 3 {
				segs = append(segs, display.Segment{Op: display.CurveTo, Points: []display.Point{pt(e.Points[i]), pt(e.Points[i+1]), pt(e.Points[i+2])}})
			}
			out = append(out, display.Item{Path: &display.Path{Segments: segs, Fill: display.NoPaint, Stroke: stroke(e.Style)}})
		}
		for _, head := range e.Arrowheads {
			if len(head) < 3 {
				continue
			}
			segs := []display.Segment{{Op: display.MoveTo, Points: []display.Point{pt(head[0])}}}
			for _, q := range head[1:] {
				segs = append(segs, display.Segment{Op: display.LineTo, Points: []display.Point{pt(q)}})
			}
			segs = append(segs, display.Segment{Op: display.Close})
			out = append(out, display.Item{Path: &display.Path{Segments: segs, Fill: display.Paint{Color: e.Style.Stroke}, Stroke: display.Paint{Color: e.Style.Stroke, Width: e.Style.Width * scale}}})
		}
	}
	for _, n := range g.Nodes {
		if n.Style.Hidden {
			continue
		}
		b := box(n.Box)
		switch n.Shape {
		case "box":
			r := 0.0
			if n.Style.Rounded {
				r = math.Min(8*scale, math.Min(b.W, b.H)/4)
			}
			out = append(out, display.Item{Rect: &display.Rect{X: b.X, Y: b.Y, W: b.W, H: b.H, Radius: r, Fill: fill(n.Style), Stroke: stroke(n.Style)}})
		case "ellipse":
			out = append(out, display.Item{Path: &display.Path{Segments: ellipse(b), Fill: fill(n.Style), Stroke: stroke(n.Style)}})
		case "diamond":
			cx, cy := b.X+b.W/2, b.Y+b.H/2
			segs := []display.Segment{
				{Op: display.MoveTo, Points: []display.Point{{X: cx, Y: b.Y}}},
				{Op: display.LineTo, Points: []display.Point{{X: b.X + b.W, Y: cy}}},
				{Op: display.LineTo, Points: []display.Point{{X: cx, Y: b.Y + b.H}}},
				{Op: display.LineTo, Points: []display.Point{{X: b.X, Y: cy}}},
				{Op: display.Close},
			}
			out = append(out, display.Item{Path: &display.Path{Segments: segs, Fill: fill(n.Style), Stroke: stroke(n.Style)}})
		}
	}
	for _, e := range g.Edges {
		if len(e.Lines) > 0 {
			bg := display.White
			out = appendLines(out, e.Lines, box(e.LabelBox), scale, &bg)
		}
	}
	for _, c := range g.Clusters {
		out = appendLines(out, c.Lines, box(c.LabelBox), scale, nil)
	}
	for _, n := range g.Nodes {
		if !n.Style.Hidden {
			out = appendLines(out, n.Lines, box(n.Box), scale, nil)
		}
	}
	return out
}

// appendLines draws text lines centred in b; with bg, on a backing box.
func appendLines(out []display.Item, lines []TextLine, b Box, scale float64, bg *display.Color) []display.Item {
	total := 0.0
	maxW := 0.0
	for _, l := range lines {
		total += l.Size * lineGap * scale
		maxW = math.Max(maxW, l.Width*scale)
	}
	top := b.Y + (b.H-total)/2
	if bg != nil && len(lines) > 0 {
		pad := 2 * scale
		out = append(out, display.Item{Rect: &display.Rect{X: b.X + b.W/2 - maxW/2 - pad, Y: top, W: maxW + 2*pad, H: total, Radius: 3 * scale, Fill: display.Paint{Color: *bg}, Stroke: display.NoPaint}})
	}
	for _, l := range lines {
		pitch := l.Size * lineGap * scale
		asc, desc := l.Ascent*scale, l.Descent*scale
		base := top + (pitch-(asc+desc))/2 + asc
		w := l.Width * scale
		out = append(out, display.Item{Text: &display.Text{X: b.X + (b.W-w)/2, Y: base, Size: l.Size * scale, Bold: l.Bold, Color: l.Color, Text: l.Text, Width: w}})
		top += pitch
	}
	return out
}

// ellipse is the path of the ellipse inscribed in b, as four Béziers.
func ellipse(b Box) []display.Segment {
	const k = 0.5522847498
	cx, cy, rx, ry := b.X+b.W/2, b.Y+b.H/2, b.W/2, b.H/2
	p := func(x, y float64) display.Point { return display.Point{X: x, Y: y} }
	return []display.Segment{
		{Op: display.MoveTo, Points: []display.Point{p(cx+rx, cy)}},
		{Op: display.CurveTo, Points: []display.Point{p(cx+rx, cy+k*ry), p(cx+k*rx, cy+ry), p(cx, cy+ry)}},
		{Op: display.CurveTo, Points: []display.Point{p(cx-k*rx, cy+ry), p(cx-rx, cy+k*ry), p(cx-rx, cy)}},
		{Op: display.CurveTo, Points: []display.Point{p(cx-rx, cy-k*ry), p(cx-k*rx, cy-ry), p(cx, cy-ry)}},
		{Op: display.CurveTo, Points: []display.Point{p(cx+k*rx, cy-ry), p(cx+rx, cy-k*ry), p(cx+rx, cy)}},
		{Op: display.Close},
	}
}

// Page returns a page sized to the diagram plus margin on every side,
// holding its drawing: for exporting a diagram on its own.
func Page(g *Geometry, margin float64) *display.Page {
	return &display.Page{
		Width:    g.Width + 2*margin,
		Height:   g.Height + 2*margin,
		Bookmark: g.Name,
		Items:    g.Draw(margin, margin, 1),
	}
}
