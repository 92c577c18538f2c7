// Package mermaid reads Mermaid flowcharts (```mermaid blocks starting
// with flowchart or graph) into a small graph model and writes them as
// DOT, so that they are laid out by Graphviz and drawn like ```dot blocks:
// labels measured by layerdeck, vector output, cached layouts.
//
// It reads the directions TB, TD, BT, LR and RL; the node shapes [],
// (), {}, ([]), [[]], (()), ((())), [()], {{}}, >], [//] and its
// trapezoid kin; the edges -->, ---, -.->, ==>, ~~~, with text as
// --text--> or -->|text|, bidirectional and circle or cross ends, chains
// (a --> b --> c) and & groups; subgraph … end; classDef, class, :::,
// style and linkStyle colours; and %% comments. Anything else is an
// Error at the line and byte column of the block where it stands.
package mermaid

import (
	"fmt"
	"strings"
)

// Error is a problem at a 1-based line and byte column of the block.
type Error struct {
	Line, Col int
	Msg       string
}

// Error formats the error as LINE:COL: message.
func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Shape is a node's Mermaid shape.
type Shape string

// The node shapes.
const (
	Rect       Shape = "rect"         // A[text]
	Rounded    Shape = "rounded"      // A(text)
	Stadium    Shape = "stadium"      // A([text])
	Subroutine Shape = "subroutine"   // A[[text]]
	Cylinder   Shape = "cylinder"     // A[(text)]
	Circle     Shape = "circle"       // A((text))
	DoubleCirc Shape = "doublecircle" // A(((text)))
	Asymmetric Shape = "asymmetric"   // A>text]
	Rhombus    Shape = "rhombus"      // A{text}
	Hexagon    Shape = "hexagon"      // A{{text}}
	Slanted    Shape = "slanted"      // A[/text/], A[\text\]
	Trapezoid  Shape = "trapezoid"    // A[/text\], A[\text/]
)

// Node is a node, with its label text (its id if it has none).
type Node struct {
	ID      string
	Label   string
	Shape   Shape
	Classes []string
	// Style holds the node's own style properties (style id …).
	Style []Prop
	// Sub is the index of the subgraph the node was first named in, or -1.
	Sub int
}

// Edge is an edge of a chain; Line is 1-based.
type Edge struct {
	From, To string
	Label    string
	// Stroke is "solid", "dotted", "thick" or "invisible".
	Stroke string
	// Head and Tail are the ends: "arrow", "circle", "cross" or "".
	Head, Tail string
	// Length is the count of extra dashes (--->: 2): the ranks it spans.
	Length int
	Style  []Prop
}

// Subgraph is a subgraph … end; Parent is the index of the enclosing
// subgraph, or -1.
type Subgraph struct {
	ID     string
	Title  string
	Parent int
	// line and col are where the subgraph opens.
	line, col int
}

// Prop is one CSS-like style property, as in fill:#f9f.
type Prop struct{ Name, Value string }

// Graph is a parsed flowchart.
type Graph struct {
	// Dir is TB, BT, LR or RL.
	Dir     string
	Nodes   []*Node
	Edges   []*Edge
	Subs    []*Subgraph
	Classes map[string][]Prop
	nodeAt  map[string]*Node
}

// Limits keep a hostile block from making Graphviz work for long: the
// same caps as a dot block's (diagrams' maxNodes and maxEdges, set from
// measured layout times).
const (
	maxNodes = 200
	maxEdges = 100
	maxDepth = 32
)

// Kind returns the diagram keyword of a Mermaid block (flowchart, graph,
// sequenceDiagram, gantt, pie, …) and its 1-based line, skipping blank
// lines, %% comments, %%{init}%% directives and a --- front matter.
func Kind(src string) (kind string, line int) {
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		s := strings.TrimSpace(lines[i])
		if s == "---" && kind == "" {
			for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "---"; i++ {
			}
			continue
		}
		if s == "" || strings.HasPrefix(s, "%%") {
			continue
		}
		if f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == ';' }); len(f) > 0 {
			return f[0], i + 1
		}
	}
	return "", 0
}

// IsFlowchart reports whether kind is a flowchart's keyword.
func IsFlowchart(kind string) bool {
	return kind == "flowchart" || kind == "graph" || kind == "flowchart-elk"
}

// Labels returns every text the graph draws: node labels, edge labels and
// subgraph titles, one per line.
func (g *Graph) Labels() string {
	var b strings.Builder
	for _, n := range g.Nodes {
		b.WriteString(n.Label + "\n")
	}
	for _, e := range g.Edges {
		if e.Label != "" {
			b.WriteString(e.Label + "\n")
		}
	}
	for _, s := range g.Subs {
		b.WriteString(s.Title + "\n")
	}
	return b.String()
}

// node returns the node named id, adding it (in subgraph sub) if new.
func (g *Graph) node(id string, sub int) *Node {
	if n, ok := g.nodeAt[id]; ok {
		return n
	}
	n := &Node{ID: id, Label: id, Shape: Rect, Sub: sub}
	g.nodeAt[id] = n
	g.Nodes = append(g.Nodes, n)
	return n
}

// subIndex returns the index of the subgraph with id, or -1.
func (g *Graph) subIndex(id string) int {
	for i, s := range g.Subs {
		if s.ID == id {
			return i
		}
	}
	return -1
}
