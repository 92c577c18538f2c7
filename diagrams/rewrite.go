package diagrams

import (
	"context"
	"errors"
	"fmt"
	"html"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/diagrams/mermaid"
	"github.com/layerdeck/layerdeck/internal/display"
)

// dropped reports the attributes of a user's graph (kind 'g'), nodes
// ('n') and edges ('e') that layerdeck sets itself or drops: the sizes and
// fonts it measures, and output settings that would scale or turn the
// layout away from the points it reads.
func dropped(kind byte, name string) bool {
	switch name {
	case "label", "fontname", "fontsize", "pos", "xlp", "lp":
		return true
	}
	switch kind {
	case 'g':
		switch name {
		case "size", "ratio", "dpi", "resolution", "rotate", "landscape", "orientation", "viewport", "page",
			"pagedir", "scale", "layout", "center", "margin", "bb", "lwidth", "lheight",
			// Effort knobs: they let dot work several times longer than
			// the caps were measured for (see maxEdges).
			"mclimit", "nslimit", "nslimit1", "searchsize", "remincross":
			return true
		}
	case 'n':
		switch name {
		case "xlabel", "shape", "width", "height", "fixedsize", "margin", "image", "imagescale", "sides", "skew",
			"distortion", "regular", "orientation", "labelloc":
			return true
		}
	case 'e':
		switch name {
		case "xlabel", "headlabel", "taillabel", "labelfontname", "labelfontsize", "id", "head_lp", "tail_lp":
			return true
		}
	}
	return false
}

// rawGraph rewrites a user's DOT so that Graphviz lays it out with
// layerdeck's measurements: the theme's defaults first, the user's own
// attributes over them, then every node with a fixed size, every edge
// with an id and a fixed-size label cell, every cluster with a
// fixed-size label cell.
//
// A Mermaid flowchart is translated to DOT first; its errors are
// positioned at the deck line and column they stand on.
func (e *Engine) rawGraph(ctx context.Context, name string, b *deck.DOT) (graphText, error) {
	if b.Lang == "mermaid" {
		mg, err := mermaid.Parse(b.Source)
		if err != nil {
			return graphText{}, mermaidError(b, err)
		}
		// The DOT is layerdeck's own: a problem Graphviz finds in it is
		// reported at the block.
		b = &deck.DOT{Name: b.Name, Source: mg.DOT(name), SourcePos: b.Pos, Pos: b.Pos}
	}
	dg, err := e.readDOT(ctx, b)
	if err != nil {
		return graphText{}, err
	}
	return e.writeDOT(name, dg, b.Source), nil
}

// writeDOT writes dg as DOT with layerdeck's sizes.
func (e *Engine) writeDOT(name string, dg *dotGraph, src string) graphText {
	g := e.newBuilder()
	th := g.th
	kind, arrow := "graph", "--"
	if dg.directed {
		kind, arrow = "digraph", "->"
	}
	if dg.strict {
		kind = "strict " + kind
	}
	fmt.Fprintf(&g.b, "// layerdeck diagram %s: sizes measured by layerdeck, in inches\n", name)
	fmt.Fprintf(&g.b, "%s %s {\n", kind, quoteID(name))
	fmt.Fprintf(&g.b, "  graph [nodesep=0.3, ranksep=0.4, pad=0.1, color=%s, style=rounded, penwidth=1, fontname=%s];\n", colorAttr(th.Border), quoteID(fontName))
	fmt.Fprintf(&g.b, "  node [shape=box, style=\"rounded,filled\", fillcolor=%s, color=%s, penwidth=1.5, margin=0, fixedsize=true, fontname=%s, fontsize=%s];\n",
		colorAttr(tint(th, th.Accent, 0.9)), colorAttr(th.Accent), quoteID(fontName), trimFloat(th.DiagramSize))
	fmt.Fprintf(&g.b, "  edge [color=%s, penwidth=1.5, arrowsize=0.8, fontname=%s, fontsize=%s];\n", colorAttr(th.Muted), quoteID(fontName), trimFloat(th.DiagramSmall))
	writeAttrs(&g.b, "  graph", dg.attrs, 'g')
	writeAttrs(&g.b, "  node", dg.nodeDefaults, 'n')
	writeAttrs(&g.b, "  edge", dg.edgeDefaults, 'e')
	if l := get("label", dg.attrs); l != "" {
		lab := e.m.text(labelText(l, src, dg.name, ""), th.DiagramSize, true, th.Text, 3*nameEms)
		if len(lab.lines) > 0 {
			g.labels[keyGraph] = lab
			fmt.Fprintf(&g.b, "  graph [label=%s];\n", htmlBox(lab))
		}
	}
	for _, n := range dg.nodes {
		g.rawNode(n, dg, src)
	}
	clear := 0.0
	if rd := strings.ToUpper(get("rankdir", dg.attrs)); rd == "LR" || rd == "RL" {
		clear = e.clusterClearance(dg, src)
	}
	for _, s := range dg.subs {
		g.rawSub("  ", s, dg, src, clear)
	}
	for i, ed := range dg.edges {
		g.rawEdge(i, ed, arrow, dg, src)
	}
	t := g.text()
	t.size = sizeOfDOT(dg)
	return t
}

// writeAttrs writes an attribute statement of the attributes not dropped.
func writeAttrs(b *strings.Builder, stmt string, attrs []attr, kind byte) {
	var out []string
	for _, a := range attrs {
		if !dropped(kind, a.name) {
			out = append(out, a.name+"="+quoteID(a.value))
		}
	}
	if len(out) > 0 {
		fmt.Fprintf(b, "%s [%s];\n", stmt, strings.Join(out, ", "))
	}
}

// rawNode writes a node of a user's graph with its measured size.
func (g *dotBuilder) rawNode(n dotNode, dg *dotGraph, src string) {
	th := g.th
	shape, drawn := nodeShape(get("shape", n.attrs, dg.nodeDefaults))
	text := labelText(get("label", n.attrs, dg.nodeDefaults), src, dg.name, n.name)
	if shape == "record" {
		text, shape = recordText(text), "box"
	}
	fc := get("fontcolor", n.attrs, dg.nodeDefaults)
	lab := g.m.text(text, th.DiagramSize, false, textColor(fc, th.Text), nameEms)
	lab.colorFromLayout = fc != "" && !known(fc)
	if drawn == "point" {
		lab = label{}
	}
	g.labels[keyNode+n.name] = lab
	w, h := lab.size()
	w, h = nodeSize(drawn, w, h)
	// A size the user asks for is kept where it is larger.
	if v, err := strconv.ParseFloat(get("width", n.attrs, dg.nodeDefaults), 64); err == nil && v*72 > w && v < 100 {
		w = v * 72
	}
	if v, err := strconv.ParseFloat(get("height", n.attrs, dg.nodeDefaults), 64); err == nil && v*72 > h && v < 100 {
		h = v * 72
	}
	var b strings.Builder
	fmt.Fprintf(&b, "shape=%s, label=%s, width=%s, height=%s", shape, quoteText(lab.plainText()), inches(w), inches(h))
	attrs := n.attrs
	if style := get("style", n.attrs, dg.nodeDefaults); get("shape", n.attrs, dg.nodeDefaults) == "Mrecord" && !strings.Contains(style, "rounded") {
		attrs = append(slices.DeleteFunc(slices.Clone(attrs), func(a attr) bool { return a.name == "style" }), attr{"style", strings.Trim(style+",rounded", ",")})
	}
	for _, a := range attrs {
		if !dropped('n', a.name) {
			fmt.Fprintf(&b, ", %s=%s", a.name, quoteID(a.value))
		}
	}
	if x := get("xlabel", n.attrs, dg.nodeDefaults); x != "" {
		xl := g.m.text(labelText(x, src, dg.name, n.name), th.DiagramSmall, false, th.Text, edgeEms)
		g.labels[keyXNode+n.name] = xl
		fmt.Fprintf(&b, ", xlabel=%s", quoteText(xl.plainText()))
	}
	fmt.Fprintf(&g.b, "  %s [%s];\n", quoteID(n.name), b.String())
}

// clusterClearance is the room a cluster label of a left-to-right
// layout keeps clear towards the cluster's inside: there Graphviz lets
// edge labels come up to half their height into the label's space.
func (e *Engine) clusterClearance(dg *dotGraph, src string) float64 {
	h := 0.0
	for _, ed := range dg.edges {
		if l := get("label", ed.attrs, dg.edgeDefaults); l != "" {
			_, lh := e.m.text(edgeText(l, src, dg.name, "", ed), e.o.Theme.DiagramSmall, false, e.o.Theme.Text, edgeEms).boxSize()
			h = max(h, lh)
		}
	}
	if h == 0 {
		return 0
	}
	return math.Ceil(h/2) + 3
}

// rawSub writes a subgraph, its clusters' labels as fixed-size cells
// with clear room on their inner side.
func (g *dotBuilder) rawSub(indent string, s dotSub, dg *dotGraph, src string, clear float64) {
	th := g.th
	cluster := strings.HasPrefix(s.name, "cluster")
	if strings.HasPrefix(s.name, "%") {
		fmt.Fprintf(&g.b, "%ssubgraph {\n", indent)
	} else {
		fmt.Fprintf(&g.b, "%ssubgraph %s {\n", indent, quoteID(s.name))
	}
	in := indent + "  "
	writeAttrs(&g.b, in+"graph", s.attrs, 'g')
	if cluster {
		lab := g.m.text(labelText(get("label", s.attrs, dg.attrs), src, s.name, ""), th.DiagramSize, true, th.Text, 2*nameEms)
		if strings.HasPrefix(get("labelloc", s.attrs, dg.attrs), "b") {
			lab.above = clear
		} else {
			lab.below = clear
		}
		if len(lab.lines) > 0 {
			g.labels[keyCluster+s.name] = lab
			fmt.Fprintf(&g.b, "%sgraph [label=%s];\n", in, htmlBox(lab))
		} else {
			fmt.Fprintf(&g.b, "%sgraph [label=\"\"];\n", in)
		}
	}
	for _, n := range s.nodes {
		fmt.Fprintf(&g.b, "%s%s;\n", in, quoteID(n))
	}
	for _, sub := range s.subs {
		g.rawSub(in, sub, dg, src, clear)
	}
	fmt.Fprintf(&g.b, "%s}\n", indent)
}

// rawEdge writes an edge of a user's graph with an id and its labels
// measured.
func (g *dotBuilder) rawEdge(i int, ed dotEdge, arrow string, dg *dotGraph, src string) {
	th := g.th
	id := fmt.Sprintf("e%d", i)
	ename := ed.tail + arrow + ed.head
	fc := get("fontcolor", ed.attrs, dg.edgeDefaults)
	col := textColor(fc, th.Text)
	var b strings.Builder
	fmt.Fprintf(&b, "id=%s", quoteID(id))
	if l := get("label", ed.attrs, dg.edgeDefaults); l != "" {
		lab := g.m.text(edgeText(l, src, dg.name, ename, ed), th.DiagramSmall, false, col, edgeEms)
		lab.colorFromLayout = fc != "" && !known(fc)
		if len(lab.lines) > 0 {
			g.labels[keyEdge+id] = lab
			fmt.Fprintf(&b, ", label=%s", htmlBox(lab))
		}
	}
	for _, x := range []struct{ attr, key string }{{"xlabel", keyXEdge}, {"headlabel", keyHead}, {"taillabel", keyTail}} {
		if l := get(x.attr, ed.attrs, dg.edgeDefaults); l != "" {
			lab := g.m.text(edgeText(l, src, dg.name, ename, ed), th.DiagramSmall, false, col, edgeEms)
			g.labels[x.key+id] = lab
			fmt.Fprintf(&b, ", %s=%s", x.attr, quoteText(lab.plainText()))
		}
	}
	for _, a := range ed.attrs {
		if !dropped('e', a.name) {
			fmt.Fprintf(&b, ", %s=%s", a.name, quoteID(a.value))
		}
	}
	fmt.Fprintf(&g.b, "  %s %s %s [%s];\n", quoteID(ed.tail), arrow, quoteID(ed.head), b.String())
}

// nodeShape maps a DOT shape to the shape written for Graphviz and the
// shape layerdeck draws: boxes, ellipses, circles, diamonds, bare text
// and points; other polygons become boxes, so that edges end where
// layerdeck draws the outline.
func nodeShape(s string) (written, drawn string) {
	switch s {
	case "ellipse", "oval":
		return "ellipse", "ellipse"
	case "circle", "doublecircle", "Mcircle":
		return "circle", "circle"
	case "diamond", "Mdiamond":
		return "diamond", "diamond"
	case "plaintext", "plain", "none", "underline":
		return "plaintext", "none"
	case "point":
		return "point", "point"
	case "record", "Mrecord":
		return "record", "box"
	}
	return "box", "box"
}

// nodeSize is the size of a node of the drawn shape that holds text w×h.
func nodeSize(shape string, w, h float64) (float64, float64) {
	switch shape {
	case "ellipse":
		return (w + 12) * math.Sqrt2, (h + 6) * math.Sqrt2
	case "circle":
		d := math.Hypot(w+12, h+6)
		return d, d
	case "diamond":
		return 2 * (w + 8), 2 * (h + 4)
	case "none":
		return w + 8, h + 4
	case "point":
		return 6, 6
	}
	return w + 2*padX, h + 2*padY
}

var (
	htmlTag    = regexp.MustCompile(`(?i)<br\s*/?>|<[^>]*>`)
	recordPort = regexp.MustCompile(`<[^>]*>`)
)

// labelText resolves a DOT label to its text: an HTML-like label (src
// holds it between < and >) loses its tags; escapes \N (name), \G (graph)
// and \n \l \r (line ends) are resolved.
func labelText(l, src, graph, name string) string {
	if l == "" {
		return ""
	}
	if strings.Contains(src, "<"+l+">") && strings.ContainsAny(l, "<&") {
		s := htmlTag.ReplaceAllStringFunc(l, func(t string) string {
			if strings.HasPrefix(strings.ToLower(t), "<br") {
				return "\n"
			}
			return ""
		})
		return strings.TrimSpace(html.UnescapeString(s))
	}
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		if l[i] != '\\' || i+1 == len(l) {
			b.WriteByte(l[i])
			continue
		}
		i++
		switch l[i] {
		case 'N':
			b.WriteString(name)
		case 'G':
			b.WriteString(graph)
		case 'n', 'l', 'r':
			b.WriteByte('\n')
		default:
			b.WriteByte(l[i])
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// edgeText resolves an edge label: \E is the edge, \T its tail, \H its
// head.
func edgeText(l, src, graph, name string, ed dotEdge) string {
	l = strings.NewReplacer(`\E`, name, `\T`, ed.tail, `\H`, ed.head).Replace(l)
	return labelText(l, src, graph, name)
}

// recordText turns a record label into lines: one per field, ports and
// braces dropped.
func recordText(l string) string {
	l = recordPort.ReplaceAllString(l, "")
	l = strings.NewReplacer(`\{`, "{", `\}`, "}", `\|`, "|", "{", "", "}", "", "|", "\n").Replace(l)
	var out []string
	for _, f := range strings.Split(l, "\n") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return strings.Join(out, "\n")
}

// known reports whether layerdeck reads colour s itself.
func known(s string) bool {
	_, ok := parseColor(s)
	return ok
}

// textColor is a user's font colour, or def.
func textColor(s string, def display.Color) display.Color {
	if c, ok := parseColor(s); ok {
		return c
	}
	return def
}

// mermaidError positions an error of a Mermaid block in the deck: line n
// of the block is deck line SourcePos.Line+n-1.
func mermaidError(b *deck.DOT, err error) error {
	var me *mermaid.Error
	if !errors.As(err, &me) {
		return &Error{Pos: b.Pos, Msg: "Mermaid: " + err.Error()}
	}
	return &Error{
		Pos: deck.Pos{File: b.SourcePos.File, Line: b.SourcePos.Line + me.Line - 1, Col: max(b.SourcePos.Col, 1) + me.Col - 1},
		Msg: "Mermaid: " + me.Msg,
	}
}
