package diagrams

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// xdotJSON is the part of Graphviz's json output (xdot as JSON) that
// layerdeck reads. Coordinates are points, y up.
type xdotJSON struct {
	BB      string       `json:"bb,omitempty"`
	LP      string       `json:"lp,omitempty"`
	Objects []xdotObject `json:"objects,omitempty"`
	Edges   []xdotEdge   `json:"edges,omitempty"`
}

type xdotObject struct {
	GVID   int      `json:"_gvid,omitempty"`
	Name   string   `json:"name,omitempty"`
	BB     string   `json:"bb,omitempty"`
	LP     string   `json:"lp,omitempty"`
	XLP    string   `json:"xlp,omitempty"`
	Pos    string   `json:"pos,omitempty"`
	Width  string   `json:"width,omitempty"`
	Height string   `json:"height,omitempty"`
	Shape  string   `json:"shape,omitempty"`
	Style  string   `json:"style,omitempty"`
	Draw   []xdotOp `json:"_draw_,omitempty"`
	LDraw  []xdotOp `json:"_ldraw_,omitempty"`
}

type xdotEdge struct {
	Tail   int      `json:"tail,omitempty"`
	Head   int      `json:"head,omitempty"`
	LTail  string   `json:"ltail,omitempty"`
	LHead  string   `json:"lhead,omitempty"`
	ID     string   `json:"id,omitempty"`
	Style  string   `json:"style,omitempty"`
	LP     string   `json:"lp,omitempty"`
	XLP    string   `json:"xlp,omitempty"`
	HeadLP string   `json:"head_lp,omitempty"`
	TailLP string   `json:"tail_lp,omitempty"`
	Draw   []xdotOp `json:"_draw_,omitempty"`
	LDraw  []xdotOp `json:"_ldraw_,omitempty"`
	HDraw  []xdotOp `json:"_hdraw_,omitempty"`
	TDraw  []xdotOp `json:"_tdraw_,omitempty"`
}

// xdotOp is one xdot drawing operation: "b" a Bézier, "P" a filled
// polygon, "c"/"C" the pen/fill colour, "S" a style, "E" an ellipse.
type xdotOp struct {
	Op     string       `json:"op,omitempty"`
	Points [][2]float64 `json:"points,omitempty"`
	Rect   []float64    `json:"rect,omitempty"`
	Color  string       `json:"color,omitempty"`
	Style  string       `json:"style,omitempty"`
}

// converter turns Graphviz coordinates (y up, from bb's corner) into the
// geometry's (y down, from the top-left corner).
type converter struct {
	x0, top float64
	labels  map[string]label
	th      *theme.Theme
	nodes   map[string]Node
	// clusters are the clusters as nodes, for compound edges.
	clusters map[string]Node
}

func (c *converter) pt(x, y float64) display.Point { return display.Point{X: x - c.x0, Y: c.top - y} }

// label places the label stored under key centred on lp, in the box it
// reserved, in the colour of Graphviz's drawing ldraw where it must;
// nil if there is none.
func (c *converter) label(key, lp string, ldraw []xdotOp, backing bool) *Label {
	l, ok := c.labels[key]
	if !ok || len(l.lines) == 0 {
		return nil
	}
	l = l.recolor(ldraw)
	p, err := floats(lp, 2)
	if err != nil {
		return nil
	}
	w, h := l.boxSize()
	q := c.pt(p[0], p[1])
	// The box Graphviz reserved, less the space kept clear around the text.
	b := Box{X: q.X - w/2, Y: q.Y - h/2 + l.above, W: w, H: h - l.above - l.below}
	out := &Label{Box: b, Lines: l.place(b)}
	if backing {
		bg := c.th.Background
		out.Backing = &bg
	}
	return out
}

// geometryFromJSON converts Graphviz's json output, with the labels
// layerdeck measured, into a Geometry.
func geometryFromJSON(name string, data []byte, labels map[string]label, th *theme.Theme) (*Geometry, error) {
	var x xdotJSON
	if err := json.Unmarshal(data, &x); err != nil {
		return nil, fmt.Errorf("reading the Graphviz layout: %v", err)
	}
	bb, err := floats(x.BB, 4)
	if err != nil {
		return nil, fmt.Errorf("reading the Graphviz layout: bounding box %q", x.BB)
	}
	c := &converter{x0: bb[0], top: bb[3], labels: labels, th: th, nodes: map[string]Node{}, clusters: map[string]Node{}}
	g := &Geometry{Name: name, Width: bb[2] - bb[0], Height: bb[3] - bb[1]}
	if l := c.label(keyGraph, x.LP, nil, false); l != nil {
		g.Labels = append(g.Labels, *l)
	}
	names := map[int]string{}
	for _, o := range x.Objects {
		names[o.GVID] = o.Name
		if o.Pos == "" {
			if cl, ok := c.cluster(o); ok {
				g.Clusters = append(g.Clusters, cl)
				c.clusters[cl.Name] = Node{Name: cl.Name, Shape: ShapeBox, Box: cl.Box}
			}
			continue
		}
		if n, ok := c.node(o); ok {
			g.Nodes = append(g.Nodes, n)
			c.nodes[n.Name] = n
			if l := c.label(keyXNode+o.Name, o.XLP, nil, false); l != nil {
				g.Labels = append(g.Labels, *l)
			}
		}
	}
	for _, e := range x.Edges {
		ed, ok := c.edge(e, names)
		if !ok {
			continue
		}
		g.Edges = append(g.Edges, ed)
		for _, x := range []struct{ key, lp string }{{keyXEdge, e.XLP}, {keyHead, e.HeadLP}, {keyTail, e.TailLP}} {
			if l := c.label(x.key+e.ID, x.lp, nil, false); l != nil {
				g.Labels = append(g.Labels, *l)
			}
		}
	}
	return g, nil
}

// cluster reads a cluster; other subgraphs have no bounding box.
func (c *converter) cluster(o xdotObject) (Cluster, bool) {
	b, err := floats(o.BB, 4)
	if err != nil {
		return Cluster{}, false
	}
	st := c.style(o.Style, o.Draw, c.th.Border, false)
	cl := Cluster{Name: o.Name, Box: Box{X: b[0] - c.x0, Y: c.top - b[3], W: b[2] - b[0], H: b[3] - b[1]}, Style: st}
	cl.Label = c.label(keyCluster+o.Name, o.LP, nil, false)
	return cl, true
}

// node reads a node: its box from its centre and size, its paint from
// its drawing operations.
func (c *converter) node(o xdotObject) (Node, bool) {
	pos, err := floats(o.Pos, 2)
	if err != nil {
		return Node{}, false
	}
	w, err1 := strconv.ParseFloat(o.Width, 64)
	h, err2 := strconv.ParseFloat(o.Height, 64)
	if err1 != nil || err2 != nil || !display.Finite(w, h) {
		return Node{}, false
	}
	w, h = w*72, h*72
	p := c.pt(pos[0], pos[1])
	n := Node{Name: o.Name, Shape: drawnShape(o.Shape), Box: Box{X: p.X - w/2, Y: p.Y - h/2, W: w, H: h}, Style: c.style(o.Style, o.Draw, c.th.Border, false)}
	n.Style.Hidden = n.Style.Hidden || len(o.Draw) == 0 && len(o.LDraw) == 0
	if l, ok := c.labels[keyNode+o.Name]; ok && !n.Style.Hidden {
		n.Lines = l.recolor(o.LDraw).place(n.Box)
	}
	return n, true
}

// edge reads an edge; invisible edges are left out.
func (c *converter) edge(e xdotEdge, names map[int]string) (Edge, bool) {
	st := c.style(e.Style, e.Draw, c.th.Muted, true)
	if st.Hidden || len(e.Draw) == 0 {
		return Edge{}, false
	}
	ed := Edge{ID: e.ID, Tail: names[e.Tail], Head: names[e.Head], Style: st}
	if _, ok := c.clusters[e.LTail]; ok {
		ed.TailCluster = e.LTail
	}
	if _, ok := c.clusters[e.LHead]; ok {
		ed.HeadCluster = e.LHead
	}
	for _, op := range e.Draw {
		if op.Op == "b" || op.Op == "B" {
			for _, q := range op.Points {
				ed.Points = append(ed.Points, c.pt(q[0], q[1]))
			}
		}
	}
	for k, ops := range [][]xdotOp{e.HDraw, e.TDraw} {
		end, ok := c.end(ed.Head, ed.HeadCluster)
		if k == 1 {
			end, ok = c.end(ed.Tail, ed.TailCluster)
		}
		for _, op := range ops {
			switch op.Op {
			case "P", "p":
				var poly []display.Point
				for _, q := range op.Points {
					poly = append(poly, c.pt(q[0], q[1]))
				}
				if ok {
					sharpen(poly, end)
				}
				ed.Arrowheads = append(ed.Arrowheads, poly)
			case "E", "e":
				if len(op.Rect) == 4 {
					ed.Arrowheads = append(ed.Arrowheads, c.octagon(op.Rect))
				}
			}
		}
	}
	if e.ID != "" {
		ed.Label = c.label(keyEdge+e.ID, e.LP, e.LDraw, true)
	}
	return ed, true
}

// end is the node an edge ends at, or its cluster for a compound edge.
func (c *converter) end(node, cluster string) (Node, bool) {
	if cluster != "" {
		n, ok := c.clusters[cluster]
		return n, ok
	}
	n, ok := c.nodes[node]
	return n, ok
}

// octagon approximates an xdot ellipse (centre and radii) as a polygon.
func (c *converter) octagon(r []float64) []display.Point {
	var out []display.Point
	for k := range 8 {
		a := float64(k) * math.Pi / 4
		out = append(out, c.pt(r[0]+r[2]*math.Cos(a), r[1]+r[3]*math.Sin(a)))
	}
	return out
}

// floats parses "a,b,c" into n finite numbers.
func floats(s string, n int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) < n {
		return nil, fmt.Errorf("want %d numbers in %q", n, s)
	}
	out := make([]float64, n)
	for i := range n {
		v, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil || !display.Finite(v) {
			return nil, fmt.Errorf("bad number in %q", s)
		}
		out[i] = v
	}
	return out, nil
}

// sharpen moves the tip of an arrowhead onto the outline of the node it
// points at. Graphviz stops the tip short by the miter of a thick stroke;
// layerdeck strokes with round joins, which would leave a gap.
func sharpen(poly []display.Point, n Node) {
	if len(poly) < 3 {
		return
	}
	ti := 0
	for i, q := range poly {
		if distToOutline(q, n) < distToOutline(poly[ti], n) {
			ti = i
		}
	}
	var base display.Point
	for i, q := range poly {
		if i != ti {
			base.X += q.X / float64(len(poly)-1)
			base.Y += q.Y / float64(len(poly)-1)
		}
	}
	tip := poly[ti]
	dx, dy := tip.X-base.X, tip.Y-base.Y
	l := math.Hypot(dx, dy)
	if l == 0 || inside(tip, n) {
		return
	}
	dx, dy = dx/l, dy/l
	// The outline lies at most maxReach ahead of the tip.
	const maxReach = 8.0
	at := func(t float64) display.Point { return display.Point{X: tip.X + dx*t, Y: tip.Y + dy*t} }
	if !inside(at(maxReach), n) {
		return
	}
	lo, hi := 0.0, maxReach
	for range 30 {
		mid := (lo + hi) / 2
		if inside(at(mid), n) {
			hi = mid
		} else {
			lo = mid
		}
	}
	poly[ti] = at(lo)
}

// inside reports whether p lies within the node's outline.
func inside(p display.Point, n Node) bool {
	b := n.Box
	cx, cy, rx, ry := b.X+b.W/2, b.Y+b.H/2, b.W/2, b.H/2
	if rx <= 0 || ry <= 0 {
		return false
	}
	u, v := (p.X-cx)/rx, (p.Y-cy)/ry
	switch n.Shape {
	case ShapeEllipse:
		return u*u+v*v <= 1
	case ShapeDiamond:
		return math.Abs(u)+math.Abs(v) <= 1
	}
	return math.Abs(u) <= 1 && math.Abs(v) <= 1
}

// distToOutline is about how far p lies from the node: the distance to
// its box.
func distToOutline(p display.Point, n Node) float64 {
	b := n.Box
	dx := math.Max(0, math.Max(b.X-p.X, p.X-(b.X+b.W)))
	dy := math.Max(0, math.Max(b.Y-p.Y, p.Y-(b.Y+b.H)))
	return math.Hypot(dx, dy)
}
