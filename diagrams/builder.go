package diagrams

import (
	"fmt"
	"strings"

	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// graphText is a generated DOT graph with the labels layerdeck measured,
// keyed by labelKey.
type graphText struct {
	dot    string
	labels map[string]label
	// size decides the kind of Graphviz instance that lays it out (see
	// fastpath.go).
	size sizeOf
}

// Label keys: what a measured label belongs to.
const (
	keyNode    = "n:" // + node name
	keyEdge    = "e:" // + edge id
	keyCluster = "c:" // + cluster name
	keyGraph   = "g:" // the graph's own label
	keyXNode   = "xn:"
	keyXEdge   = "xe:"
	keyHead    = "h:"
	keyTail    = "t:"
)

// fontName is the family named in generated DOT, for Graphviz's own tools;
// layerdeck measures and draws the text itself.
const fontName = "BIZ UDPGothic"

// dotBuilder writes DOT for stacks and pairs of stacks.
type dotBuilder struct {
	b      strings.Builder
	labels map[string]label
	m      *measurer
	th     *theme.Theme
	lang   string
	edges  int
	// size counts what the builder wrote, for graphText.size.
	size sizeOf
}

func (e *Engine) newBuilder() *dotBuilder {
	return &dotBuilder{labels: map[string]label{}, m: e.m, th: e.o.Theme, lang: e.o.Lang}
}

// header opens the graph: name is the diagram's, attrs the graph's own.
func (g *dotBuilder) header(name, attrs string) {
	th := g.th
	fmt.Fprintf(&g.b, "// layerdeck diagram %s: sizes measured by layerdeck, in inches\n", name)
	fmt.Fprintf(&g.b, "digraph %s {\n", quoteID(name))
	fmt.Fprintf(&g.b, "  graph [%s, pad=0.1, fontname=%s];\n", attrs, quoteID(fontName))
	fmt.Fprintf(&g.b, "  node [shape=box, style=\"rounded,filled\", fixedsize=true, margin=0, penwidth=%s, fontname=%s, fontsize=%s];\n",
		trimFloat(th.StrokeWidth), quoteID(fontName), trimFloat(th.DiagramSize))
	fmt.Fprintf(&g.b, "  edge [penwidth=%s, arrowsize=0.8, color=%s, fontname=%s, fontsize=%s];\n",
		trimFloat(th.StrokeWidth), colorAttr(th.Border), quoteID(fontName), trimFloat(th.DiagramSmall))
}

// node writes a node fixed to the size of its label (at least minW
// points wide).
func (g *dotBuilder) node(indent, name string, l label, minW float64, attrs string) {
	g.labels[keyNode+name] = l
	g.size.nodes++
	w, h := l.size()
	w = max(w+2*padX, minW)
	h += 2 * padY
	fmt.Fprintf(&g.b, "%s%s [label=%s, width=%s, height=%s, %s];\n", indent, quoteID(name), quoteText(l.plainText()), inches(w), inches(h), attrs)
}

// edge writes an edge, with a fixed-size label when l has lines.
func (g *dotBuilder) edge(indent, from, to string, l label, attrs string) {
	id := fmt.Sprintf("e%d", g.edges)
	g.edges++
	g.size.edges++
	extra := ""
	if len(l.lines) > 0 {
		g.labels[keyEdge+id] = l
		extra = ", label=" + htmlBox(l)
	}
	fmt.Fprintf(&g.b, "%s%s -> %s [id=%s%s, %s];\n", indent, quoteID(from), quoteID(to), quoteID(id), extra, attrs)
}

// sameRank puts names on one rank, in this order from left to right.
func (g *dotBuilder) sameRank(indent string, names ...string) {
	if len(names) < 2 {
		return
	}
	g.size.edges += len(names) - 1
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteID(n)
	}
	fmt.Fprintf(&g.b, "%s{ rank=same; %s [style=invis]; }\n", indent, strings.Join(q, " -> "))
}

func (g *dotBuilder) text() graphText {
	g.b.WriteString("}\n")
	return graphText{dot: g.b.String(), labels: g.labels, size: g.size}
}

// ja reports whether the deck is in Japanese (the default).
func (g *dotBuilder) ja() bool { return g.lang == "" || strings.HasPrefix(g.lang, "ja") }

// word picks the Japanese or English form of a word diagrams add.
func (g *dotBuilder) word(ja, en string) string {
	if g.ja() {
		return ja
	}
	return en
}

// list joins items as a list in the deck's language.
func (g *dotBuilder) list(items []string) string {
	return strings.Join(items, g.word("・", ", "))
}

func colorAttr(c display.Color) string { return quoteID(c.Hex()) }

// tint mixes c with the theme's page colour th.Background (white in a
// light theme, so that a tint is lighter; dark in a dark one): f is the
// page colour's share.
func tint(th *theme.Theme, c display.Color, f float64) display.Color {
	return theme.Mix(c, th.Background, f)
}
