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

// Geometry is a laid-out diagram in points, origin at the top left, y
// down: what every renderer draws.
type Geometry struct {
	Name     string    `json:"name"`
	Width    float64   `json:"width"`
	Height   float64   `json:"height"`
	Clusters []Cluster `json:"clusters,omitempty"`
	Nodes    []Node    `json:"nodes"`
	Edges    []Edge    `json:"edges"`
}

// Box is a rectangle.
type Box struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Style is how a shape is painted.
type Style struct {
	Fill    display.Color `json:"fill"`
	Filled  bool          `json:"filled,omitempty"`
	Stroke  display.Color `json:"stroke"`
	Width   float64       `json:"width"`
	Dashed  bool          `json:"dashed,omitempty"`
	Rounded bool          `json:"rounded,omitempty"`
	Hidden  bool          `json:"hidden,omitempty"`
}

// Node is a laid-out node.
type Node struct {
	Name  string     `json:"name"`
	Shape string     `json:"shape"` // box, ellipse, diamond, none
	Box   Box        `json:"box"`
	Style Style      `json:"style"`
	Lines []TextLine `json:"lines"`
}

// Edge is a laid-out edge: a cubic Bézier spline (start point, then three
// points per segment) and arrowheads as polygons.
type Edge struct {
	ID         string            `json:"id,omitempty"`
	Tail       string            `json:"tail"`
	Head       string            `json:"head"`
	Points     []display.Point   `json:"points"`
	Arrowheads [][]display.Point `json:"arrowheads,omitempty"`
	Style      Style             `json:"style"`
	// LabelBox is where the label's text is centred; Lines is empty for
	// unlabelled edges.
	LabelBox Box        `json:"label_box"`
	Lines    []TextLine `json:"lines,omitempty"`
}

// Cluster is a laid-out cluster with its label.
type Cluster struct {
	Name     string     `json:"name"`
	Box      Box        `json:"box"`
	Style    Style      `json:"style"`
	LabelBox Box        `json:"label_box"`
	Lines    []TextLine `json:"lines,omitempty"`
}

// xdotJSON is the part of Graphviz's json output layerdeck reads.
type xdotJSON struct {
	BB      string       `json:"bb"`
	Objects []xdotObject `json:"objects"`
	Edges   []xdotEdge   `json:"edges"`
}

type xdotObject struct {
	GVID      int    `json:"_gvid"`
	Name      string `json:"name"`
	BB        string `json:"bb"`
	LP        string `json:"lp"`
	LWidth    string `json:"lwidth"`
	LHeight   string `json:"lheight"`
	Pos       string `json:"pos"`
	Width     string `json:"width"`
	Height    string `json:"height"`
	Shape     string `json:"shape"`
	Style     string `json:"style"`
	Color     string `json:"color"`
	FillColor string `json:"fillcolor"`
	PenWidth  string `json:"penwidth"`
	Nodes     []int  `json:"nodes"`
}

type xdotEdge struct {
	Tail     int      `json:"tail"`
	Head     int      `json:"head"`
	ID       string   `json:"id"`
	Style    string   `json:"style"`
	Color    string   `json:"color"`
	PenWidth string   `json:"penwidth"`
	LP       string   `json:"lp"`
	Draw     []xdotOp `json:"_draw_"`
	HDraw    []xdotOp `json:"_hdraw_"`
	TDraw    []xdotOp `json:"_tdraw_"`
}

type xdotOp struct {
	Op     string       `json:"op"`
	Points [][2]float64 `json:"points"`
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
	top := bb[3]
	flip := func(px, py float64) display.Point { return display.Point{X: px - bb[0], Y: top - py} }
	g := &Geometry{Name: name, Width: bb[2] - bb[0], Height: bb[3] - bb[1]}
	names := map[int]string{}
	for _, o := range x.Objects {
		names[o.GVID] = o.Name
		st := styleOf(o.Style, o.Color, o.FillColor, o.PenWidth, th)
		if o.BB != "" && o.Pos == "" { // a cluster
			b, err := floats(o.BB, 4)
			if err != nil {
				continue
			}
			c := Cluster{Name: o.Name, Box: Box{X: b[0] - bb[0], Y: top - b[3], W: b[2] - b[0], H: b[3] - b[1]}, Style: st}
			if l, ok := labels[o.Name]; ok {
				c.Lines = l.lines
				if lp, err := floats(o.LP, 2); err == nil {
					// The cell has room below the text (clusterBox): the
					// text sits at the top of it.
					w, h := l.size()
					p := flip(lp[0], lp[1])
					c.LabelBox = Box{X: p.X - w/2, Y: p.Y - (h+10)/2, W: w, H: h}
				}
			}
			g.Clusters = append(g.Clusters, c)
			continue
		}
		pos, err := floats(o.Pos, 2)
		if err != nil {
			continue
		}
		w, _ := strconv.ParseFloat(o.Width, 64)
		h, _ := strconv.ParseFloat(o.Height, 64)
		w, h = w*72, h*72
		p := flip(pos[0], pos[1])
		n := Node{Name: o.Name, Shape: shapeOf(o.Shape), Box: Box{X: p.X - w/2, Y: p.Y - h/2, W: w, H: h}, Style: st}
		if l, ok := labels[o.Name]; ok {
			n.Lines = l.lines
		}
		g.Nodes = append(g.Nodes, n)
	}
	for _, e := range x.Edges {
		st := styleOf(e.Style, e.Color, "", e.PenWidth, th)
		if st.Hidden {
			continue
		}
		ed := Edge{ID: e.ID, Tail: names[e.Tail], Head: names[e.Head], Style: st}
		for _, op := range e.Draw {
			if op.Op == "b" || op.Op == "B" {
				for _, q := range op.Points {
					ed.Points = append(ed.Points, flip(q[0], q[1]))
				}
			}
		}
		for _, ops := range [][]xdotOp{e.HDraw, e.TDraw} {
			for _, op := range ops {
				if op.Op == "P" || op.Op == "p" {
					var poly []display.Point
					for _, q := range op.Points {
						poly = append(poly, flip(q[0], q[1]))
					}
					ed.Arrowheads = append(ed.Arrowheads, poly)
				}
			}
		}
		if l, ok := labels[e.ID]; ok && e.ID != "" {
			ed.Lines = l.lines
			if lp, err := floats(e.LP, 2); err == nil {
				w, h := l.size()
				p := flip(lp[0], lp[1])
				ed.LabelBox = Box{X: p.X - w/2, Y: p.Y - h/2, W: w, H: h}
			}
		}
		g.Edges = append(g.Edges, ed)
	}
	return g, nil
}

// floats parses "a,b,c" into n numbers.
func floats(s string, n int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) < n {
		return nil, fmt.Errorf("want %d numbers in %q", n, s)
	}
	out := make([]float64, n)
	for i := 0; i < n; i++ {
		v, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("bad number in %q", s)
		}
		out[i] = v
	}
	return out, nil
}

func shapeOf(s string) string {
	switch s {
	case "ellipse", "oval", "circle", "doublecircle", "point":
		return "ellipse"
	case "diamond":
		return "diamond"
	case "plaintext", "plain", "none", "underline":
		return "none"
	}
	return "box"
}

// styleOf reads a Graphviz style, colours and pen width.
func styleOf(style, color, fill, pen string, th *theme.Theme) Style {
	st := Style{Stroke: th.Border, Fill: th.Surface, Width: 1.25}
	for _, s := range strings.Split(style, ",") {
		switch strings.TrimSpace(s) {
		case "dashed", "dotted":
			st.Dashed = true
		case "rounded":
			st.Rounded = true
		case "filled":
			st.Filled = true
		case "invis":
			st.Hidden = true
		}
	}
	if c, ok := parseColor(color); ok {
		st.Stroke = c
	}
	if c, ok := parseColor(fill); ok {
		st.Fill = c
		st.Filled = true
	} else if st.Filled {
		if c, ok := parseColor(color); ok {
			st.Fill = tint(c, 0.85)
		}
	}
	if w, err := strconv.ParseFloat(pen, 64); err == nil && w > 0 && w < 20 {
		st.Width = w
	}
	return st
}

// namedColors are the X11 colour names most DOT files use.
var namedColors = map[string]uint32{
	"black": 0x000000, "white": 0xffffff, "red": 0xff0000, "green": 0x00ff00, "blue": 0x0000ff,
	"gray": 0xc0c0c0, "grey": 0xc0c0c0, "lightgray": 0xd3d3d3, "lightgrey": 0xd3d3d3, "darkgray": 0xa9a9a9,
	"yellow": 0xffff00, "orange": 0xffa500, "purple": 0xa020f0, "navy": 0x000080, "lightblue": 0xadd8e6,
	"lightyellow": 0xffffe0, "pink": 0xffc0cb, "brown": 0xa52a2a, "darkgreen": 0x006400, "lightgreen": 0x90ee90,
}

func parseColor(s string) (display.Color, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "#") && (len(s) == 7 || len(s) == 9) {
		v, err := strconv.ParseUint(s[1:7], 16, 32)
		if err != nil {
			return display.Color{}, false
		}
		return display.Color{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}, true
	}
	if v, ok := namedColors[s]; ok {
		return display.Color{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}, true
	}
	return display.Color{}, false
}
