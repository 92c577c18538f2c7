package diagrams

import (
	"fmt"
	"slices"
	"strings"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
)

// Stacks are drawn bottom to top (rankdir=BT): L1 at the bottom, as a
// stack of layers is built and as the compare view shows it, so that a
// stack on its own and side by side with another read the same way. Each
// layer's problems stand on its rank, to its right; arrows go up.

// layerLabel is a layer's label: its id and bold name on the first line,
// its role or example (or the given detail) on a smaller second line.
func (g *dotBuilder) layerLabel(l *deck.Layer, accent display.Color, detail []span) label {
	th := g.th
	id, name := layerHead(l)
	head := []span{{text: id, bold: true, color: accent}, {text: name, bold: true, color: th.Text}}
	lab := g.m.spans(head, th.DiagramSize, nameEms)
	if len(detail) > 0 {
		lab = lab.with(g.m.spans(detail, th.DiagramSmall, detailEms))
	}
	return lab
}

// layerHead splits a layer's heading into its id part and its name part:
// "L1 " and "大規模言語モデル"; a name that starts with the id
// (L2スケーリング) says it once: "L2" and "スケーリング".
func layerHead(l *deck.Layer) (id, name string) {
	if rest, ok := strings.CutPrefix(l.Name, l.ID); ok && l.ID != "" {
		return l.ID, rest
	}
	return l.ID + " ", l.Name
}

// layerDetail is the second line of a layer: what it is (role) and an
// example of it.
func (g *dotBuilder) layerDetail(l *deck.Layer) []span {
	col := g.th.Muted
	switch {
	case l.Role != "" && l.Example != "":
		return []span{{text: l.Role + g.word("（例：", " (e.g. ") + l.Example + g.word("）", ")"), color: col}}
	case l.Example != "":
		return []span{{text: g.word("例：", "e.g. ") + l.Example, color: col}}
	case l.Role != "":
		return []span{{text: l.Role, color: col}}
	}
	return nil
}

// stackColors are the accent of a stack's layers by its pattern:
// progression in the theme's accent, transfer in its second accent, as
// in the compare view of the built-in deck.
func (g *dotBuilder) stackAccent(s *deck.Stack) display.Color {
	if s.Pattern == deck.Transfer {
		return g.th.Accent2
	}
	return g.th.Accent
}

// layerNodes writes the layers of s, all as wide as the widest, and
// returns their names.
func (g *dotBuilder) layerNodes(s *deck.Stack, accent display.Color) {
	labels := make([]label, len(s.Layers))
	minW := 0.0
	for i, l := range s.Layers {
		labels[i] = g.layerLabel(l, accent, g.layerDetail(l))
		w, _ := labels[i].size()
		minW = max(minW, w+2*padX)
	}
	for i, l := range s.Layers {
		g.node("  ", l.ID, labels[i], minW, fmt.Sprintf("fillcolor=%s, color=%s, penwidth=2", colorAttr(tint(g.th, accent, 0.9)), colorAttr(accent)))
	}
}

func problemName(l *deck.Layer, i int) string { return fmt.Sprintf("%s_p%d", l.ID, i+1) }

// problemNodes writes the problems of each layer: dashed gaps on the
// layer's rank, to its right, for a progression; for a transfer, solid
// problems in a tray between the layer and the next (the top layer's
// beside it).
func (g *dotBuilder) problemNodes(s *deck.Stack) {
	th := g.th
	style := "rounded,filled"
	if s.Pattern == deck.Progression {
		style = "rounded,dashed,filled"
	}
	for i, l := range s.Layers {
		if len(l.Problems) == 0 {
			continue
		}
		indent := "  "
		tray := s.Pattern == deck.Transfer
		if tray {
			fmt.Fprintf(&g.b, "  subgraph %s {\n    graph [label=\"\", style=\"rounded,dashed\", color=%s, penwidth=1, margin=8];\n", quoteID(trayName(l)), colorAttr(tint(th, th.Warning, 0.3)))
			g.size.clusters++
			indent = "    "
		}
		var row []string
		for pi, p := range l.Problems {
			lab := g.m.text(p, th.DiagramSmall, false, th.Warning, detailEms)
			g.node(indent, problemName(l, pi), lab, 0, fmt.Sprintf("style=%s, fillcolor=%s, color=%s", quoteID(style), colorAttr(th.WarningBg), colorAttr(th.Warning)))
			row = append(row, problemName(l, pi))
		}
		g.sameRank(indent, row...)
		if tray {
			g.b.WriteString("  }\n")
		}
		if !tray || i+1 == len(s.Layers) {
			g.sameRank("  ", l.ID, row[0])
		}
	}
}

func trayName(l *deck.Layer) string { return "cluster_" + l.ID + "_problems" }

// stackGraph draws one stack.
func (e *Engine) stackGraph(name string, s *deck.Stack) graphText {
	g := e.newBuilder()
	g.header(name, "rankdir=BT, nodesep=0.28, ranksep=0.3, newrank=true, compound=true")
	accent := g.stackAccent(s)
	g.layerNodes(s, accent)
	g.problemNodes(s)
	if s.Pattern == deck.Transfer {
		g.transferEdges(s, accent)
	} else {
		g.progressionEdges(s, accent)
	}
	return g.text()
}

// progressionEdges: each layer rises from the one below on an arrow
// labelled with what it fixes; each gap of a layer points, in the good
// colour, at the layer that resolves it; a layer that integrates lower
// layers has arrows from them.
func (g *dotBuilder) progressionEdges(s *deck.Stack, accent display.Color) {
	th := g.th
	integrate := g.m.text(g.word("統合", "integrates"), th.DiagramSmall, true, accent, edgeEms)
	for i := 1; i < len(s.Layers); i++ {
		below, l := s.Layers[i-1], s.Layers[i]
		var lab label
		switch {
		case len(l.Fixes) > 0:
			lab = g.m.text(g.list(l.Fixes)+"\n"+g.word("を解決", "solved"), th.DiagramSmall, true, th.Good, edgeEms)
		case slices.Contains(l.Integrates, below.ID):
			lab = integrate
		}
		g.edge("  ", below.ID, l.ID, lab, fmt.Sprintf("color=%s, penwidth=2.5, weight=8", colorAttr(accent)))
	}
	for i, l := range s.Layers {
		for pi, p := range l.Problems {
			if j := fixer(s, i, p); j >= 0 {
				g.edge("  ", problemName(l, pi), s.Layers[j].ID, label{}, fmt.Sprintf("color=%s, penwidth=1.75", colorAttr(th.Good)))
			}
		}
	}
	for i, l := range s.Layers {
		for _, id := range l.Integrates {
			if j := layerIndex(s, id); j >= 0 && j < i-1 {
				g.edge("  ", id, l.ID, integrate, fmt.Sprintf("color=%s, style=dashed, penwidth=1.75", colorAttr(accent)))
			}
		}
	}
}

// transferEdges: each layer rises from the one below; each problem
// points at the next layer, in the good colour if that layer fixes it,
// dashed in the warning colour if it is carried up unsolved; each layer
// points at the tray of new problems it creates; and the top tray loops
// back down to the bottom one, labelled as the problem moving on.
func (g *dotBuilder) transferEdges(s *deck.Stack, accent display.Color) {
	th := g.th
	for i := 1; i < len(s.Layers); i++ {
		g.edge("  ", s.Layers[i-1].ID, s.Layers[i].ID, label{}, fmt.Sprintf("color=%s, penwidth=2.5, weight=8", colorAttr(accent)))
	}
	for i, l := range s.Layers {
		if len(l.Problems) > 0 {
			g.edge("  ", l.ID, problemName(l, 0), label{}, fmt.Sprintf("color=%s, lhead=%s", colorAttr(th.Warning), quoteID(trayName(l))))
		}
		if i+1 >= len(s.Layers) {
			continue
		}
		next := s.Layers[i+1]
		for pi, p := range l.Problems {
			attrs := fmt.Sprintf("color=%s, penwidth=1.75", colorAttr(th.Good))
			if !slices.Contains(next.Fixes, p) {
				attrs = fmt.Sprintf("color=%s, style=dashed", colorAttr(th.Warning))
			}
			g.edge("  ", problemName(l, pi), next.ID, label{}, attrs)
		}
	}
	// The loop runs from the highest tray to the lowest.
	var trays []*deck.Layer
	for _, l := range s.Layers {
		if len(l.Problems) > 0 {
			trays = append(trays, l)
		}
	}
	if len(trays) > 1 {
		top, bottom := trays[len(trays)-1], trays[0]
		lab := g.m.text(g.word("問題の移転", "the problem moves on"), th.DiagramSmall, true, th.Warning, edgeEms)
		from, to := problemName(top, len(top.Problems)-1), problemName(bottom, len(bottom.Problems)-1)
		g.edge("  ", from, to, lab, fmt.Sprintf("color=%s, style=dashed, penwidth=1.75, constraint=false, ltail=%s, lhead=%s", colorAttr(th.Warning), quoteID(trayName(top)), quoteID(trayName(bottom))))
	}
}

// fixer is the index of the first layer above layer i that fixes problem
// p, or -1.
func fixer(s *deck.Stack, i int, p string) int {
	for j := i + 1; j < len(s.Layers); j++ {
		if slices.Contains(s.Layers[j].Fixes, p) {
			return j
		}
	}
	return -1
}

func layerIndex(s *deck.Stack, id string) int {
	for i, l := range s.Layers {
		if l.ID == id {
			return i
		}
	}
	return -1
}
