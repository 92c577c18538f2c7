package diagrams

import (
	"fmt"
	"slices"
	"strings"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// graphText is a generated DOT graph with the labels layerdeck draws,
// keyed by node name, edge id or cluster name.
type graphText struct {
	dot    string
	labels map[string]label
}

// dotBuilder writes DOT for stacks.
type dotBuilder struct {
	b      strings.Builder
	labels map[string]label
	m      *measurer
	th     *theme.Theme
	edges  int
	lang   string
}

func (e *Engine) newBuilder() *dotBuilder {
	return &dotBuilder{labels: map[string]label{}, m: e.m, th: e.o.Theme, lang: e.o.Lang}
}

func colorAttr(c display.Color) string { return quote(c.Hex()) }

// tint mixes c with white: f is the share of white.
func tint(c display.Color, f float64) display.Color {
	mix := func(v uint8) uint8 { return uint8(float64(v)*(1-f) + 255*f + 0.5) }
	return display.Color{R: mix(c.R), G: mix(c.G), B: mix(c.B)}
}

func (g *dotBuilder) header(rankdir string) {
	th := g.th
	fmt.Fprintf(&g.b, "digraph layerflow {\n")
	fmt.Fprintf(&g.b, "  graph [rankdir=%s, nodesep=0.3, ranksep=0.5, pad=0.1, fontname=\"BIZ UDPGothic\", labelloc=b];\n", rankdir)
	fmt.Fprintf(&g.b, "  node [fontname=\"BIZ UDPGothic\", fontsize=%s, margin=0, penwidth=1.5];\n", trimFloat(th.DiagramSize))
	fmt.Fprintf(&g.b, "  edge [fontname=\"BIZ UDPGothic\", fontsize=%s, penwidth=1.5, arrowsize=0.8, color=%s];\n", trimFloat(th.DiagramSmall), colorAttr(th.Border))
}

// node writes a node whose size is fixed to its measured label.
func (g *dotBuilder) node(indent, name string, l label, minW float64, attrs string) {
	g.labels[name] = l
	var text []string
	for _, t := range l.lines {
		text = append(text, t.Text)
	}
	fmt.Fprintf(&g.b, "%s%s [label=%s, %s, %s];\n", indent, quote(name), quote(strings.Join(text, "\n")), nodeAttrs(l, minW), attrs)
}

// edge writes an edge, with a fixed-size label when l has lines.
func (g *dotBuilder) edge(indent, from, to string, l label, attrs string) {
	id := fmt.Sprintf("e%d", g.edges)
	g.edges++
	extra := ""
	if len(l.lines) > 0 {
		g.labels[id] = l
		extra = ", label=" + htmlBox(l)
	}
	fmt.Fprintf(&g.b, "%s%s -> %s [id=%s%s, %s];\n", indent, quote(from), quote(to), quote(id), extra, attrs)
}

func (g *dotBuilder) text() graphText {
	g.b.WriteString("}\n")
	return graphText{dot: g.b.String(), labels: g.labels}
}

// layerLabel is a layer's label: its id, its name in bold, and a detail
// line (role or example, or for compare views of transfer stacks, its
// problems).
func (g *dotBuilder) layerLabel(l *deck.Layer, detail string, detailColor display.Color) label {
	th := g.th
	var lab label
	lab.lines = append(lab.lines, g.m.lines(l.ID, th.DiagramSmall, true, th.Accent)...)
	lab.lines = append(lab.lines, g.m.lines(l.Name, th.DiagramSize, true, th.Text)...)
	if detail != "" {
		lab.lines = append(lab.lines, g.m.lines(detail, th.DiagramSmall, false, detailColor)...)
	}
	return lab
}

func layerDetail(l *deck.Layer) string {
	switch {
	case l.Role != "" && l.Example != "":
		return l.Example + "：" + l.Role
	case l.Example != "":
		return "例：" + l.Example
	}
	return l.Role
}

// transferWord names the loop of a transfer stack.
func (g *dotBuilder) transferWord() string {
	if g.lang == "" || strings.HasPrefix(g.lang, "ja") {
		return "問題の移転"
	}
	return "problem moved on"
}

// stackGraph draws one stack bottom to top: layers, their problems beside
// them, what each layer fixes on the arrows into it; for transfer stacks
// a loop shows the problems moving on.
func (e *Engine) stackGraph(s *deck.Stack) graphText {
	g := e.newBuilder()
	th := g.th
	g.header("LR")
	layerFill := tint(th.Accent, 0.88)
	layerStroke := th.Accent
	if s.Pattern == deck.Transfer {
		layerFill, layerStroke = tint(th.Accent2, 0.88), th.Accent2
	}
	probName := func(li, pi int) string { return fmt.Sprintf("%s_p%d", s.Layers[li].ID, pi) }
	minW := 0.0
	labels := make([]label, len(s.Layers))
	for i, l := range s.Layers {
		labels[i] = g.layerLabel(l, layerDetail(l), th.Muted)
		w, _ := labels[i].size()
		minW = max(minW, w+2*padX)
	}
	for i, l := range s.Layers {
		g.node("  ", l.ID, labels[i], minW, fmt.Sprintf("shape=box, style=\"rounded,filled\", fillcolor=%s, color=%s", colorAttr(layerFill), colorAttr(layerStroke)))
		style := "rounded,filled"
		if s.Pattern == deck.Progression {
			style = "rounded,dashed,filled"
		}
		var ranks []string
		for pi, p := range l.Problems {
			lab := label{lines: g.m.lines(p, th.DiagramSmall, false, th.Warning)}
			g.node("  ", probName(i, pi), lab, 0, fmt.Sprintf("shape=box, style=%s, fillcolor=%s, color=%s", quote(style), colorAttr(th.WarningBg), colorAttr(th.Warning)))
			ranks = append(ranks, quote(probName(i, pi)))
		}
		// A layer's problems stand in its column, below it.
		if len(ranks) > 0 {
			fmt.Fprintf(&g.b, "  { rank=same; %s; %s }\n", quote(l.ID), strings.Join(ranks, "; "))
		}
	}
	for i := 1; i < len(s.Layers); i++ {
		below, l := s.Layers[i-1], s.Layers[i]
		var lab label
		if len(l.Fixes) > 0 {
			lab.lines = g.m.lines(strings.Join(l.Fixes, "・"), th.DiagramSmall, true, th.Good)
		}
		g.edge("  ", below.ID, l.ID, lab, fmt.Sprintf("color=%s, penwidth=2.5, weight=10", colorAttr(layerStroke)))
		for pi, p := range below.Problems {
			if slices.Contains(l.Fixes, p) {
				g.edge("  ", probName(i-1, pi), l.ID, label{}, fmt.Sprintf("color=%s", colorAttr(th.Good)))
			}
		}
	}
	for i, l := range s.Layers {
		for _, id := range l.Integrates {
			if j := layerIndex(s, id); j >= 0 && j != i-1 {
				g.edge("  ", id, l.ID, label{}, fmt.Sprintf("color=%s, style=dashed, constraint=false", colorAttr(layerStroke)))
			}
		}
	}
	if s.Pattern == deck.Transfer && len(s.Layers) > 0 {
		top := len(s.Layers) - 1
		var open []int
		for pi := range s.Layers[top].Problems {
			open = append(open, pi)
		}
		if len(open) > 0 {
			lab := label{lines: g.m.lines(g.transferWord(), th.DiagramSize, true, th.Background)}
			g.node("  ", "transfer", lab, 0, fmt.Sprintf("shape=box, style=\"rounded,filled\", fillcolor=%s, color=%s", colorAttr(th.Warning), colorAttr(th.Warning)))
			for _, pi := range open {
				g.edge("  ", probName(top, pi), "transfer", label{}, fmt.Sprintf("color=%s", colorAttr(th.Warning)))
			}
			g.edge("  ", "transfer", s.Layers[0].ID, label{}, fmt.Sprintf("color=%s, style=dashed, constraint=false", colorAttr(th.Warning)))
		}
	}
	return g.text()
}

func layerIndex(s *deck.Stack, id string) int {
	for i, l := range s.Layers {
		if l.ID == id {
			return i
		}
	}
	return -1
}

// pairGraph draws two stacks side by side, layer by layer, each in a
// cluster headed by its title.
func (e *Engine) pairGraph(pair [2]*deck.Stack) graphText {
	g := e.newBuilder()
	th := g.th
	g.header("BT")
	minW := 0.0
	type entry struct {
		name string
		lab  label
	}
	entries := make([][]entry, 2)
	for k, s := range pair {
		for _, l := range s.Layers {
			detail, col := layerDetail(l), th.Muted
			if s.Pattern == deck.Transfer && len(l.Problems) > 0 {
				detail, col = "課題："+strings.Join(l.Problems, "・"), th.Warning
				if !strings.HasPrefix(g.lang, "ja") && g.lang != "" {
					detail = "problems: " + strings.Join(l.Problems, ", ")
				}
			}
			lab := g.layerLabel(l, detail, col)
			w, _ := lab.size()
			minW = max(minW, w+2*padX)
			entries[k] = append(entries[k], entry{fmt.Sprintf("s%d_%s", k, l.ID), lab})
		}
	}
	for k, s := range pair {
		stroke := th.Accent
		if s.Pattern == deck.Transfer {
			stroke = th.Accent2
		}
		cname := fmt.Sprintf("cluster_%d", k)
		title := label{lines: g.m.lines(s.Title, th.DiagramSize, true, stroke)}
		g.labels[cname] = title
		fmt.Fprintf(&g.b, "  subgraph %s {\n    label=%s; color=%s; style=\"rounded\"; penwidth=1; margin=14;\n", cname, clusterBox(title), colorAttr(tint(stroke, 0.5)))
		for _, en := range entries[k] {
			g.node("    ", en.name, en.lab, minW, fmt.Sprintf("shape=box, style=\"rounded,filled\", fillcolor=%s, color=%s", colorAttr(tint(stroke, 0.88)), colorAttr(stroke)))
		}
		for i := 1; i < len(entries[k]); i++ {
			col := th.Good
			if s.Pattern == deck.Transfer {
				col = th.Warning
			}
			g.edge("    ", entries[k][i-1].name, entries[k][i].name, label{}, fmt.Sprintf("color=%s, penwidth=2.5", colorAttr(col)))
		}
		g.b.WriteString("  }\n")
	}
	// Keep the first stack on the left.
	if len(entries[0]) > 0 && len(entries[1]) > 0 {
		fmt.Fprintf(&g.b, "  %s -> %s [style=invis, constraint=false];\n", quote(entries[0][0].name), quote(entries[1][0].name))
	}
	return g.text()
}
