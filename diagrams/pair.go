package diagrams

import (
	"fmt"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
)

// pairGraph draws two stacks side by side, bottom to top, each in a
// cluster headed by its title, with layers of the same id on the same
// rank (labelloc=b puts a title on top when the graph runs bottom to
// top). A layer shows its problems where it has any (the point of the
// comparison: where problems end and where they persist), else its role.
// Arrows between layers say how each stack moves up: solving (progression)
// or moving the problem on (transfer).
func (e *Engine) pairGraph(name string, pair [2]*deck.Stack) graphText {
	g := e.newBuilder()
	th := g.th
	g.header(name, "rankdir=BT, nodesep=0.6, ranksep=0.3, newrank=true")
	minW := 0.0
	labels := make([][]label, 2)
	accents := [2]display.Color{th.Accent, th.Accent2}
	for k, s := range pair {
		for _, l := range s.Layers {
			detail := g.layerDetail(l)
			if len(l.Problems) > 0 {
				detail = []span{{text: g.word("課題：", "Problems: ") + g.list(l.Problems), color: th.Warning}}
			}
			lab := g.layerLabel(l, accents[k], detail)
			w, _ := lab.size()
			minW = max(minW, w+2*padX)
			labels[k] = append(labels[k], lab)
		}
	}
	node := func(k int, l *deck.Layer) string { return fmt.Sprintf("s%d_%s", k+1, l.ID) }
	for k, s := range pair {
		accent := accents[k]
		cname := fmt.Sprintf("cluster_%d", k+1)
		title := g.m.text(s.Title, th.DiagramSize, true, accent, 2*nameEms)
		g.labels[keyCluster+cname] = title
		g.size.clusters++
		fmt.Fprintf(&g.b, "  subgraph %s {\n    graph [label=%s, labelloc=b, color=%s, style=rounded, penwidth=1, margin=12];\n",
			cname, htmlBox(title), colorAttr(tint(g.th, accent, 0.5)))
		for i, l := range s.Layers {
			g.node("    ", node(k, l), labels[k][i], minW, fmt.Sprintf("fillcolor=%s, color=%s, penwidth=2", colorAttr(tint(g.th, accent, 0.9)), colorAttr(accent)))
		}
		for i := 1; i < len(s.Layers); i++ {
			verb, col := g.step(s, i)
			lab := g.m.text(verb, th.DiagramSmall, true, col, edgeEms)
			g.edge("    ", node(k, s.Layers[i-1]), node(k, s.Layers[i]), lab, fmt.Sprintf("color=%s, penwidth=2.5", colorAttr(col)))
		}
		g.b.WriteString("  }\n")
	}
	// Layers of the same id share a rank; the first stack stays on the left.
	for _, l := range pair[0].Layers {
		if o := pair[1].Layer(l.ID); o != nil {
			fmt.Fprintf(&g.b, "  { rank=same; %s -> %s [style=invis]; }\n", quoteID(node(0, l)), quoteID(node(1, o)))
		}
	}
	return g.text()
}

// step names how layer i of s rises from the one below, in its colour:
// a transfer moves the problem on; a progression solves, or integrates.
func (g *dotBuilder) step(s *deck.Stack, i int) (string, display.Color) {
	l := s.Layers[i]
	switch {
	case s.Pattern == deck.Transfer:
		return g.word("問題の移転", "moves it on"), g.th.Warning
	case len(l.Fixes) > 0:
		return g.word("解決", "solves"), g.th.Good
	case len(l.Integrates) > 0:
		return g.word("統合", "integrates"), g.th.Accent
	}
	return "", g.th.Border
}
