// Package svgimage reads an SVG document into display items: paths,
// shapes, strokes, fills and transforms become display paths in the
// drawing's own CSS pixels, and <text> becomes text runs that are set in
// the deck's fonts when the drawing is placed. Nothing is rasterized, so
// an SVG image stays sharp and its text searchable in every output.
//
// It reads the static subset of SVG 1.1 that pictures use: path, rect,
// circle, ellipse, line, polyline, polygon, g, use, defs, symbol-free
// documents, text and tspan, presentation attributes, style attributes
// and simple <style> rules (tag, .class and #id selectors), opacity,
// fill-rule and dashes. Gradients are drawn in the average colour of
// their stops, clip paths as the box around them, and what cannot be
// drawn (embedded <image>s, filters, masks, patterns) is left out and
// named in Drawing.Skipped.
//
// The reader is layerdeck's own: the Go SVG libraries at hand either
// rasterize (github.com/srwiley/oksvg keeps fills and transforms
// private and reads no text) or pull a large dependency tree and
// system fonts into the binary (github.com/tdewolff/canvas).
package svgimage

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/layerdeck/layerdeck/internal/display"
)

// Limits bound the work a document may ask for.
const (
	maxElements = 200000
	maxDepth    = 64
)

// Drawing is an SVG document read into display items.
type Drawing struct {
	// Width and Height are the drawing's size in CSS pixels: its width
	// and height attributes, else its viewBox's size, else 300 × 150.
	Width, Height float64
	// Items are in CSS pixels, origin at the drawing's top left.
	Items []display.Item
	// Skipped names the features that were not drawn, sorted.
	Skipped []string
	// anchors are the text-anchor fractions (0 start, 0.5 middle, 1
	// end) of the Text items, by item index.
	anchors map[int]float64
}

// node is an element of the document.
type node struct {
	name     string
	attrs    map[string]string
	children []*node
	text     strings.Builder
	// order is the node's place among its parent's children and text.
	textParts []string
}

// Parse reads an SVG document.
func Parse(data []byte) (*Drawing, error) {
	root, err := readTree(data)
	if err != nil {
		return nil, err
	}
	if root.name != "svg" {
		return nil, errors.New("not an SVG document: its root element is <" + root.name + ">")
	}
	r := &reader{ids: map[string]*node{}, skipped: map[string]bool{}, d: &Drawing{anchors: map[int]float64{}}}
	r.index(root, 0)
	r.css = parseCSS(r.styleText(root))
	w, h, m := viewport(root.attrs)
	r.d.Width, r.d.Height = w, h
	r.vw, r.vh = w, h
	if vb := numbers(root.attrs["viewBox"]); len(vb) == 4 && vb[2] > 0 && vb[3] > 0 {
		r.vw, r.vh = vb[2], vb[3]
	}
	st := defaultStyle
	r.children(root, st, m, 0)
	for k := range r.skipped {
		r.d.Skipped = append(r.d.Skipped, k)
	}
	sort.Strings(r.d.Skipped)
	return r.d, nil
}

// readTree parses the XML into nodes.
func readTree(data []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if l := strings.ToLower(label); l == "utf-8" || l == "us-ascii" || l == "ascii" {
			return in, nil
		}
		return nil, fmt.Errorf("character set %q is not supported: save the SVG as UTF-8", label)
	}
	var stack []*node
	var root *node
	count := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("SVG syntax: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxElements || len(stack) >= maxDepth*4 {
				return nil, fmt.Errorf("SVG has more than %d elements or is nested too deeply", maxElements)
			}
			n := &node{name: t.Name.Local, attrs: map[string]string{}}
			for _, a := range t.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
				p.textParts = append(p.textParts, "\x00")
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.text.Write(t)
				p.textParts = append(p.textParts, string(t))
			}
		}
	}
	if root == nil {
		return nil, errors.New("not an SVG document: no elements")
	}
	return root, nil
}

// viewport is the drawing's size and the transformation from its user
// space (the viewBox) to CSS pixels, as preserveAspectRatio says.
func viewport(a map[string]string) (w, h float64, m display.Matrix) {
	vb := numbers(a["viewBox"])
	hasVB := len(vb) == 4 && vb[2] > 0 && vb[3] > 0
	w, h = length(a["width"], 0, 0), length(a["height"], 0, 0)
	switch {
	case w > 0 && h > 0:
	case hasVB && w > 0:
		h = w * vb[3] / vb[2]
	case hasVB && h > 0:
		w = h * vb[2] / vb[3]
	case hasVB:
		w, h = vb[2], vb[3]
	default:
		if w <= 0 {
			w = 300
		}
		if h <= 0 {
			h = 150
		}
	}
	if !hasVB {
		return w, h, display.Identity
	}
	sx, sy := w/vb[2], h/vb[3]
	par := strings.Fields(a["preserveAspectRatio"])
	align := "xMidYMid"
	slice := false
	if len(par) > 0 {
		align = par[0]
		slice = len(par) > 1 && par[1] == "slice"
	}
	if align != "none" {
		s := math.Min(sx, sy)
		if slice {
			s = math.Max(sx, sy)
		}
		sx, sy = s, s
	}
	tx, ty := -vb[0]*sx, -vb[1]*sy
	if align != "none" {
		fx, fy := 0.5, 0.5
		switch {
		case strings.HasPrefix(align, "xMin"):
			fx = 0
		case strings.HasPrefix(align, "xMax"):
			fx = 1
		}
		switch {
		case strings.HasSuffix(align, "YMin"):
			fy = 0
		case strings.HasSuffix(align, "YMax"):
			fy = 1
		}
		tx += (w - vb[2]*sx) * fx
		ty += (h - vb[3]*sy) * fy
	}
	return w, h, display.Matrix{sx, 0, 0, sy, tx, ty}
}

// reader holds the state of one Parse.
type reader struct {
	d       *Drawing
	ids     map[string]*node
	css     []cssRule
	skipped map[string]bool
	vw, vh  float64 // the viewBox size, for percentages
	count   int
}

func (r *reader) index(n *node, depth int) {
	if depth > maxDepth*4 {
		return
	}
	if id := n.attrs["id"]; id != "" {
		if _, dup := r.ids[id]; !dup {
			r.ids[id] = n
		}
	}
	for _, c := range n.children {
		r.index(c, depth+1)
	}
}

// styleText is the text of every <style> element.
func (r *reader) styleText(n *node) string {
	var b strings.Builder
	var walk func(n *node, depth int)
	walk = func(n *node, depth int) {
		if depth > maxDepth*4 {
			return
		}
		if n.name == "style" {
			b.WriteString(n.text.String())
			b.WriteByte('\n')
		}
		for _, c := range n.children {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

func (r *reader) skip(what string) { r.skipped[what] = true }

// children draws the children of n.
func (r *reader) children(n *node, st style, m display.Matrix, depth int) {
	for _, c := range n.children {
		r.element(c, st, m, depth+1)
	}
}

// element draws one element and what it contains.
func (r *reader) element(n *node, parent style, m display.Matrix, depth int) {
	r.count++
	if depth > maxDepth || r.count > maxElements {
		r.skip("elements nested or repeated too deeply")
		return
	}
	switch n.name {
	case "defs", "style", "title", "desc", "metadata", "clipPath", "linearGradient", "radialGradient", "symbol", "marker", "script":
		return
	case "image", "foreignObject", "pattern", "mask", "filter", "switch":
		r.skip("<" + n.name + ">")
		return
	}
	st := r.style(n, parent)
	if st.hidden {
		return
	}
	if t := n.attrs["transform"]; t != "" {
		m = m.Mul(parseTransform(t))
	}
	if n.attrs["filter"] != "" {
		r.skip("filters")
	}
	if n.attrs["mask"] != "" {
		r.skip("masks")
	}
	start := len(r.d.Items)
	switch n.name {
	case "svg", "g", "a":
		if n.name == "svg" && depth > 1 {
			_, _, vm := viewport(n.attrs)
			m = m.Mul(display.Matrix{1, 0, 0, 1, length(n.attrs["x"], r.vw, 0), length(n.attrs["y"], r.vh, 0)}).Mul(vm)
		}
		r.children(n, st, m, depth)
	case "use":
		ref := r.ids[strings.TrimPrefix(href(n.attrs), "#")]
		if ref == nil || ref == n {
			return
		}
		x, y := length(n.attrs["x"], r.vw, 0), length(n.attrs["y"], r.vh, 0)
		mm := m.Mul(display.Matrix{1, 0, 0, 1, x, y})
		if ref.name == "symbol" {
			_, _, vm := viewport(ref.attrs)
			r.children(ref, r.style(ref, st), mm.Mul(vm), depth+1)
		} else {
			r.element(ref, st, mm, depth+1)
		}
	case "text":
		r.text(n, st, m)
	default:
		segs := r.shape(n)
		if len(segs) > 0 {
			r.path(segs, st, m)
		}
	}
	if cp := n.attrs["clip-path"]; cp != "" && len(r.d.Items) > start {
		r.clip(cp, m, start)
	}
}

// clip puts the items drawn from start on in a group clipped to the box
// around the clip path's shapes.
func (r *reader) clip(ref string, m display.Matrix, start int) {
	id := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(ref), "url(#"), ")")
	cp := r.ids[strings.Trim(id, `'"`)]
	if cp == nil || cp.name != "clipPath" {
		return
	}
	if t := cp.attrs["transform"]; t != "" {
		m = m.Mul(parseTransform(t))
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range cp.children {
		cm := m
		if t := c.attrs["transform"]; t != "" {
			cm = cm.Mul(parseTransform(t))
		}
		for _, s := range r.shape(c) {
			for _, p := range s.Points {
				q := cm.Apply(p)
				minX, minY = math.Min(minX, q.X), math.Min(minY, q.Y)
				maxX, maxY = math.Max(maxX, q.X), math.Max(maxY, q.Y)
			}
		}
	}
	if !(maxX > minX && maxY > minY) {
		return
	}
	items := append([]display.Item(nil), r.d.Items[start:]...)
	g := &display.Group{Items: items, Clip: &display.Box{X: minX, Y: minY, W: maxX - minX, H: maxY - minY}}
	// Anchors of the texts in the group move with them.
	for i := range items {
		delete(r.d.anchors, start+i)
	}
	r.d.Items = append(r.d.Items[:start], display.Item{Group: g})
}

// path appends a shape's fill and stroke.
func (r *reader) path(segs []display.Segment, st style, m display.Matrix) {
	p := &display.Path{Fill: display.NoPaint, Stroke: display.NoPaint, EvenOdd: st.evenOdd}
	if c, ok := r.paint(st.fill, st.color); ok && st.fillOpacity*st.opacity > 0 {
		p.Fill = display.Paint{Color: c, Opacity: opacity(st.fillOpacity * st.opacity)}
	}
	sw := st.strokeWidth * m.Scale()
	if c, ok := r.paint(st.stroke, st.color); ok && sw > 0 && st.strokeOpacity*st.opacity > 0 {
		p.Stroke = display.Paint{Color: c, Width: sw, Opacity: opacity(st.strokeOpacity * st.opacity)}
		for _, d := range st.dash {
			p.Stroke.Dash = append(p.Stroke.Dash, d*m.Scale())
		}
	}
	if p.Fill.None && p.Stroke.None {
		return
	}
	p.Segments = make([]display.Segment, len(segs))
	for i, s := range segs {
		pts := make([]display.Point, len(s.Points))
		for j, q := range s.Points {
			pts[j] = m.Apply(q)
		}
		p.Segments[i] = display.Segment{Op: s.Op, Points: pts}
	}
	r.d.Items = append(r.d.Items, display.Item{Path: p})
}

// opacity maps an SVG opacity to a Paint's (1 and above: opaque, 0).
func opacity(v float64) float64 {
	if v >= 1 {
		return 0
	}
	return v
}

// text appends the runs of a <text> element: its own text and its
// <tspan>s', each at the position it names or after the previous run.
func (r *reader) text(n *node, st style, m display.Matrix) {
	x, y := firstNumber(n.attrs["x"]), firstNumber(n.attrs["y"])
	x += firstNumber(n.attrs["dx"])
	y += firstNumber(n.attrs["dy"])
	var emit func(n *node, st style, depth int)
	emit = func(n *node, st style, depth int) {
		if depth > 8 {
			return
		}
		ci := 0
		for _, part := range n.textParts {
			if part == "\x00" {
				c := n.children[ci]
				ci++
				if c.name != "tspan" && c.name != "a" {
					continue
				}
				cs := r.style(c, st)
				if cs.hidden {
					continue
				}
				if v, ok := c.attrs["x"]; ok {
					x = firstNumber(v)
				}
				if v, ok := c.attrs["y"]; ok {
					y = firstNumber(v)
				}
				x += firstNumber(c.attrs["dx"])
				y += firstNumber(c.attrs["dy"])
				emit(c, cs, depth+1)
				continue
			}
			s := strings.Join(strings.Fields(part), " ")
			if strings.HasPrefix(part, " ") || strings.HasPrefix(part, "\n") {
				s = " " + s
			}
			if strings.TrimSpace(s) == "" {
				continue
			}
			c, ok := r.paint(st.fill, st.color)
			if !ok {
				continue
			}
			p := m.Apply(display.Point{X: x, Y: y})
			size := st.fontSize * m.Scale()
			t := &display.Text{X: p.X, Y: p.Y, Size: size, Bold: st.bold, Color: c, Text: strings.TrimLeft(s, " ")}
			r.d.anchors[len(r.d.Items)] = st.anchor
			r.d.Items = append(r.d.Items, display.Item{Text: t})
			// Later runs without a position follow this one; the width
			// is estimated here (half an em a character) and exact once
			// placed.
			x += float64(len([]rune(s))) * st.fontSize * 0.55
		}
	}
	emit(n, st, 0)
}

// Place returns the drawing's items transformed by m, with the text
// widths measured by measure (the width of text at a size, in the
// deck's fonts) and moved by their text-anchor.
func (d *Drawing) Place(m display.Matrix, measure func(text string, size float64, bold bool) float64) []display.Item {
	out := display.Affine(d.Items, m)
	var fix func(items []display.Item, top bool)
	fix = func(items []display.Item, top bool) {
		for i, it := range items {
			if it.Group != nil {
				fix(it.Group.Items, false)
			}
			t := it.Text
			if t == nil || measure == nil {
				continue
			}
			t.Width = measure(t.Text, t.Size, t.Bold)
			if top {
				t.X -= t.Width * d.anchors[i]
			}
		}
	}
	fix(out, true)
	return out
}

// href is an element's href or xlink:href.
func href(a map[string]string) string {
	return strings.TrimSpace(a["href"])
}
