package diagrams

import (
	"math"

	"github.com/layerdeck/layerdeck/internal/display"
)

// Draw returns the diagram's drawing scaled by scale with its top-left
// corner at (x, y) on the page: clusters, edges, nodes, the backings of
// edge labels, then all text, placed where the geometry measured it.
func (g *Geometry) Draw(x, y, scale float64) []display.Item {
	d := drawer{x: x, y: y, s: scale}
	for _, c := range g.Clusters {
		if !c.Style.Hidden {
			d.box(ShapeBox, c.Box, c.Style)
		}
	}
	for _, e := range g.Edges {
		d.edge(e)
	}
	for _, n := range g.Nodes {
		if !n.Style.Hidden {
			d.box(n.Shape, n.Box, n.Style)
		}
	}
	labels := g.allLabels()
	for _, l := range labels {
		if l.Backing != nil {
			d.backing(l)
		}
	}
	for _, n := range g.Nodes {
		d.lines(n.Lines)
	}
	for _, l := range labels {
		d.lines(l.Lines)
	}
	return d.out
}

// allLabels lists the cluster, edge and free labels.
func (g *Geometry) allLabels() []*Label {
	var out []*Label
	for i := range g.Clusters {
		if g.Clusters[i].Label != nil {
			out = append(out, g.Clusters[i].Label)
		}
	}
	for i := range g.Edges {
		if g.Edges[i].Label != nil {
			out = append(out, g.Edges[i].Label)
		}
	}
	for i := range g.Labels {
		out = append(out, &g.Labels[i])
	}
	return out
}

// drawer places geometry on a page.
type drawer struct {
	x, y, s float64
	out     []display.Item
}

func (d *drawer) pt(p display.Point) display.Point {
	return display.Point{X: d.x + p.X*d.s, Y: d.y + p.Y*d.s}
}

func (d *drawer) rect(b Box) Box {
	return Box{X: d.x + b.X*d.s, Y: d.y + b.Y*d.s, W: b.W * d.s, H: b.H * d.s}
}

func (d *drawer) stroke(st Style) display.Paint {
	if st.Width <= 0 {
		return display.NoPaint
	}
	p := display.Paint{Color: st.Stroke, Width: st.Width * d.s}
	switch {
	case st.Dashed:
		p.Dash = []float64{5 * d.s, 3 * d.s}
	case st.Dotted:
		p.Dash = []float64{1.5 * d.s, 2.5 * d.s}
	}
	return p
}

func fill(st Style) display.Paint {
	if !st.Filled {
		return display.NoPaint
	}
	return display.Paint{Color: st.Fill}
}

// box draws the outline of a node or cluster.
func (d *drawer) box(shape string, b Box, st Style) {
	r := d.rect(b)
	switch shape {
	case ShapeBox:
		rad := 0.0
		if st.Rounded {
			rad = math.Min(st.Radius*d.s, math.Min(r.W, r.H)/4)
		}
		d.out = append(d.out, display.Item{Rect: &display.Rect{X: r.X, Y: r.Y, W: r.W, H: r.H, Radius: rad, Fill: fill(st), Stroke: d.stroke(st)}})
	case ShapeEllipse:
		d.out = append(d.out, display.Item{Path: &display.Path{Segments: ellipse(r), Fill: fill(st), Stroke: d.stroke(st)}})
	case ShapeDiamond:
		cx, cy := r.X+r.W/2, r.Y+r.H/2
		segs := []display.Segment{
			{Op: display.MoveTo, Points: []display.Point{{X: cx, Y: r.Y}}},
			{Op: display.LineTo, Points: []display.Point{{X: r.X + r.W, Y: cy}}},
			{Op: display.LineTo, Points: []display.Point{{X: cx, Y: r.Y + r.H}}},
			{Op: display.LineTo, Points: []display.Point{{X: r.X, Y: cy}}},
			{Op: display.Close},
		}
		d.out = append(d.out, display.Item{Path: &display.Path{Segments: segs, Fill: fill(st), Stroke: d.stroke(st)}})
	}
}

// edge draws an edge's spline and arrowheads.
func (d *drawer) edge(e Edge) {
	if len(e.Points) >= 4 {
		segs := []display.Segment{{Op: display.MoveTo, Points: []display.Point{d.pt(e.Points[0])}}}
		for i := 1; i+2 < len(e.Points); i += 3 {
			segs = append(segs, display.Segment{Op: display.CurveTo, Points: []display.Point{d.pt(e.Points[i]), d.pt(e.Points[i+1]), d.pt(e.Points[i+2])}})
		}
		d.out = append(d.out, display.Item{Path: &display.Path{Segments: segs, Fill: display.NoPaint, Stroke: d.stroke(e.Style)}})
	}
	solid := e.Style
	solid.Dashed, solid.Dotted = false, false
	for _, head := range e.Arrowheads {
		if len(head) < 3 {
			continue
		}
		segs := []display.Segment{{Op: display.MoveTo, Points: []display.Point{d.pt(head[0])}}}
		for _, q := range head[1:] {
			segs = append(segs, display.Segment{Op: display.LineTo, Points: []display.Point{d.pt(q)}})
		}
		segs = append(segs, display.Segment{Op: display.Close})
		d.out = append(d.out, display.Item{Path: &display.Path{Segments: segs, Fill: display.Paint{Color: e.Style.Stroke}, Stroke: d.stroke(solid)}})
	}
}

// backing paints the box behind a label's text, so that it reads over
// the line it sits on.
func (d *drawer) backing(l *Label) {
	r := d.rect(l.Box)
	d.out = append(d.out, display.Item{Rect: &display.Rect{X: r.X, Y: r.Y, W: r.W, H: r.H, Radius: 3 * d.s, Fill: display.Paint{Color: *l.Backing}, Stroke: display.NoPaint}})
}

// lines draws placed text lines, a line of several pieces piece by piece.
func (d *drawer) lines(ls []TextLine) {
	for _, l := range ls {
		p := d.pt(display.Point{X: l.X, Y: l.Baseline})
		if len(l.Pieces) == 0 {
			d.out = append(d.out, display.Item{Text: &display.Text{X: p.X, Y: p.Y, Size: l.Size * d.s, Bold: l.Bold, Color: l.Color, Text: l.Text, Width: l.Width * d.s}})
			continue
		}
		// The pieces stand for the line's text: copying it gives no
		// space at the gaps between them.
		span := &display.Tag{Role: "Span", ActualText: l.Text}
		for _, pc := range l.Pieces {
			d.out = append(d.out, display.Item{Text: &display.Text{X: p.X + pc.X*d.s, Y: p.Y, Size: l.Size * d.s, Bold: pc.Bold, Color: pc.Color, Text: pc.Text, Width: pc.Width * d.s}, Tag: span})
		}
	}
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
