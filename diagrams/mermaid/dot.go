package mermaid

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// DOT writes the flowchart as a Graphviz digraph named name. Shapes
// Graphviz and layerdeck draw alike keep their look (boxes, rounded
// boxes, circles, diamonds); the others (stadium, subroutine, cylinder,
// hexagon, asymmetric, slanted, trapezoid) are drawn as rounded boxes or
// boxes. Edges to a subgraph end at its frame.
func (g *Graph) DOT(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", quote(name))
	fmt.Fprintf(&b, "  rankdir=%s;\n", g.Dir)
	compound := false
	for _, e := range g.Edges {
		if g.subIndex(e.From) >= 0 && g.nodeAt[e.From].Shape == Rect && g.nodeAt[e.From].Label == e.From ||
			g.subIndex(e.To) >= 0 && g.nodeAt[e.To].Shape == Rect && g.nodeAt[e.To].Label == e.To {
			compound = true
		}
	}
	if compound {
		b.WriteString("  compound=true;\n")
	}
	members := make([][]*Node, len(g.Subs))
	for _, n := range g.Nodes {
		if g.isSub(n) {
			continue
		}
		if n.Sub >= 0 {
			members[n.Sub] = append(members[n.Sub], n)
			continue
		}
		fmt.Fprintf(&b, "  %s [%s];\n", quote(n.ID), g.nodeAttrs(n))
	}
	for i, s := range g.Subs {
		if s.Parent < 0 {
			g.writeSub(&b, i, members, "  ")
		}
	}
	for _, e := range g.Edges {
		from, to := e.From, e.To
		var attrs []string
		if i := g.subIndex(from); i >= 0 && g.isSub(g.nodeAt[from]) {
			n := g.firstIn(i)
			if n == nil {
				continue
			}
			from = n.ID
			attrs = append(attrs, "ltail="+quote(clusterName(i)))
		}
		if i := g.subIndex(to); i >= 0 && g.isSub(g.nodeAt[to]) {
			n := g.firstIn(i)
			if n == nil {
				continue
			}
			to = n.ID
			attrs = append(attrs, "lhead="+quote(clusterName(i)))
		}
		attrs = append(edgeAttrs(e), attrs...)
		fmt.Fprintf(&b, "  %s -> %s", quote(from), quote(to))
		if len(attrs) > 0 {
			fmt.Fprintf(&b, " [%s]", strings.Join(attrs, ", "))
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// isSub reports whether a node is only the name of a subgraph, used as
// an edge end.
func (g *Graph) isSub(n *Node) bool {
	return n != nil && g.subIndex(n.ID) >= 0 && n.Shape == Rect && n.Label == n.ID && len(n.Classes) == 0
}

// firstIn returns the first node in subgraph i or a subgraph inside it.
func (g *Graph) firstIn(i int) *Node {
	for _, n := range g.Nodes {
		for s := n.Sub; s >= 0 && !g.isSub(n); s = g.Subs[s].Parent {
			if s == i {
				return n
			}
		}
	}
	return nil
}

func clusterName(i int) string { return fmt.Sprintf("cluster_%d", i) }

// writeSub writes subgraph i, its nodes and the subgraphs inside it.
func (g *Graph) writeSub(b *strings.Builder, i int, members [][]*Node, indent string) {
	fmt.Fprintf(b, "%ssubgraph %s {\n", indent, quote(clusterName(i)))
	fmt.Fprintf(b, "%s  label=%s;\n", indent, quote(g.Subs[i].Title))
	for _, n := range members[i] {
		fmt.Fprintf(b, "%s  %s [%s];\n", indent, quote(n.ID), g.nodeAttrs(n))
	}
	for j, s := range g.Subs {
		if s.Parent == i {
			g.writeSub(b, j, members, indent+"  ")
		}
	}
	fmt.Fprintf(b, "%s}\n", indent)
}

// nodeAttrs are a node's label, shape and colours.
func (g *Graph) nodeAttrs(n *Node) string {
	shape, style := "box", []string{"filled"}
	switch n.Shape {
	case Rounded, Stadium, Cylinder:
		style = append(style, "rounded")
	case Circle, DoubleCirc:
		shape = "circle"
	case Rhombus:
		shape = "diamond"
	}
	attrs := []string{"label=" + quote(n.Label), "shape=" + shape}
	var props []Prop
	props = append(props, g.Classes["default"]...)
	for _, c := range n.Classes {
		props = append(props, g.Classes[c]...)
	}
	props = append(props, n.Style...)
	more, dashed := styleAttrs(props, true)
	attrs = append(attrs, more...)
	if dashed {
		style = append(style, "dashed")
	}
	attrs = append(attrs, "style="+quote(strings.Join(style, ",")))
	return strings.Join(attrs, ", ")
}

// styleAttrs turns Mermaid style properties into Graphviz attributes:
// fill (for nodes), stroke, text colour and width; dashed reports a
// stroke-dasharray, which the caller adds to its own style list.
func styleAttrs(props []Prop, fill bool) (attrs []string, dashed bool) {
	for _, p := range props {
		switch p.Name {
		case "fill":
			if c, ok := color(p.Value); ok && fill {
				attrs = append(attrs, "fillcolor="+quote(c))
			}
		case "stroke":
			if c, ok := color(p.Value); ok {
				attrs = append(attrs, "color="+quote(c))
			}
		case "color":
			if c, ok := color(p.Value); ok {
				attrs = append(attrs, "fontcolor="+quote(c))
			}
		case "stroke-width":
			if w, ok := length(p.Value); ok {
				attrs = append(attrs, "penwidth="+w)
			}
		case "stroke-dasharray":
			dashed = true
		}
	}
	return attrs, dashed
}

// edgeAttrs are an edge's label, line and ends.
func edgeAttrs(e *Edge) []string {
	var attrs []string
	if e.Label != "" {
		attrs = append(attrs, "label="+quote(e.Label))
	}
	switch e.Stroke {
	case "dotted":
		attrs = append(attrs, "style=dashed")
	case "thick":
		attrs = append(attrs, "penwidth=3")
	case "invisible":
		attrs = append(attrs, "style=invis")
	}
	arrow := map[string]string{"arrow": "normal", "circle": "dot", "cross": "tee", "": "none"}
	if e.Head != "arrow" {
		attrs = append(attrs, "arrowhead="+arrow[e.Head])
	}
	if e.Tail != "" {
		attrs = append(attrs, "dir=both", "arrowtail="+arrow[e.Tail])
	}
	if e.Length > 0 {
		attrs = append(attrs, "minlen="+strconv.Itoa(e.Length+1))
	}
	more, dashed := styleAttrs(e.Style, false)
	attrs = append(attrs, more...)
	if dashed {
		attrs = append(attrs, "style=dashed")
	}
	return attrs
}

var (
	hexColor = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`)
	rgbColor = regexp.MustCompile(`^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[0-9.]+\s*)?\)$`)
	cssName  = regexp.MustCompile(`^[a-zA-Z]{3,20}$`)
	cssLen   = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(px|pt)?$`)
)

// color reads a CSS colour (#rgb, #rrggbb, rgb(), a name) as a Graphviz
// colour.
func color(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "!important"))
	switch {
	case hexColor.MatchString(s):
		h := s[1:]
		if len(h) <= 4 {
			var x strings.Builder
			for _, c := range h {
				x.WriteString(string(c) + string(c))
			}
			h = x.String()
		}
		return "#" + strings.ToLower(h), true
	case rgbColor.MatchString(s):
		m := rgbColor.FindStringSubmatch(s)
		var v [3]int
		for i := range v {
			v[i], _ = strconv.Atoi(m[i+1])
			v[i] = min(v[i], 255)
		}
		return fmt.Sprintf("#%02x%02x%02x", v[0], v[1], v[2]), true
	case cssName.MatchString(s):
		return strings.ToLower(s), true
	}
	return "", false
}

// length reads a CSS width (4px) as a Graphviz pen width in points.
func length(s string) (string, bool) {
	m := cssLen.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	if m[2] != "pt" {
		v *= 0.75
	}
	return strconv.FormatFloat(min(v, 20), 'f', -1, 64), true
}

// quote writes s as a DOT string.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}
