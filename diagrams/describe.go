package diagrams

import (
	"fmt"
	"strings"

	"github.com/layerdeck/layerdeck/deck"
)

// Describe is a text description of a diagram for readers who cannot
// see it (a tagged PDF's alt text), in the deck's language ("ja" or
// empty: Japanese; anything else: English). A stack is described from its
// model: its layers from the bottom, each with its role and example, what
// it fixes or integrates, the problems it leaves, and the problems left
// at the top; a pair describes both stacks; a DOT or Mermaid graph lists
// its nodes and its edges with their labels, from the layout g.
func Describe(src Source, g *Geometry, lang string) string {
	w := words(lang)
	switch {
	case src.Stack != nil:
		return describeStack(src.Stack, w)
	case src.Pair[0] != nil && src.Pair[1] != nil:
		return fmt.Sprintf(w.compare, src.Pair[0].Title, src.Pair[1].Title) + w.sep +
			describeStack(src.Pair[0], w) + w.sep + describeStack(src.Pair[1], w)
	case g != nil:
		return describeGraph(g, w)
	}
	return ""
}

// wording holds the phrases of a description in one language.
type wording struct {
	list, sep, stop                                 string
	compare, stack, progression, transfer           string
	role, example, fixes, integrates, leaves        string
	moves, allSolved, unsolved, graph, nodes, edges string
	edge, edgeLabel                                 string
	open, close                                     string
}

func words(lang string) wording {
	if lang == "" || strings.HasPrefix(lang, "ja") {
		return wording{
			list: "、", sep: " ", stop: "。", open: "（", close: "）",
			compare:     "%sと%sを並べた比較図。",
			stack:       "%s：%d層を下から積み上げた図",
			progression: "（各層が下の層の課題を解く）",
			transfer:    "（各層が課題を次の層へ移す）",
			role:        "：%s", example: "、例：%s",
			fixes: "。%sを解決", integrates: "。%sを統合", leaves: "。残る課題：%s",
			moves:     "。課題は%sへ移る",
			allSolved: "すべての課題が上の層で解決される。", unsolved: "解決されずに残る課題：%s。",
			graph: "図", nodes: "。ノード：%s", edges: "。矢印：%s",
			edge: "%s→%s", edgeLabel: "%s→%s（%s）",
		}
	}
	return wording{
		list: ", ", sep: " ", stop: ".", open: " (", close: ")",
		compare:     "A comparison of %s and %s.",
		stack:       "%s: a stack of %d layers, from the bottom",
		progression: " (each layer solves the problems of the one below)",
		transfer:    " (each layer moves the problems on to the next)",
		role:        ": %s", example: ", for example %s",
		fixes: ". Fixes %s", integrates: ". Integrates %s", leaves: ". Leaves %s",
		moves:     ". The problems move on to %s",
		allSolved: "Every problem is solved by a layer above.", unsolved: "Problems left unsolved: %s.",
		graph: "Diagram", nodes: ". Nodes: %s", edges: ". Edges: %s",
		edge: "%s → %s", edgeLabel: "%s → %s (%s)",
	}
}

func describeStack(st *deck.Stack, w wording) string {
	var b strings.Builder
	fmt.Fprintf(&b, w.stack, st.Title, len(st.Layers))
	switch st.Pattern {
	case deck.Progression:
		b.WriteString(w.progression)
	case deck.Transfer:
		b.WriteString(w.transfer)
	}
	b.WriteString(w.stop)
	fixed := map[string]bool{}
	for _, l := range st.Layers {
		for _, p := range l.Fixes {
			fixed[p] = true
		}
	}
	for _, l := range st.Layers {
		b.WriteString(w.sep)
		id, name := layerHead(l)
		b.WriteString(id + name)
		if l.Role != "" {
			fmt.Fprintf(&b, w.role, l.Role)
		}
		if l.Example != "" {
			fmt.Fprintf(&b, w.example, l.Example)
		}
		if len(l.Fixes) > 0 {
			fmt.Fprintf(&b, w.fixes, strings.Join(l.Fixes, w.list))
		}
		if len(l.Integrates) > 0 {
			names := make([]string, len(l.Integrates))
			for i, id := range l.Integrates {
				names[i] = id
				if o := st.Layer(id); o != nil {
					names[i] = o.Name
				}
			}
			fmt.Fprintf(&b, w.integrates, strings.Join(names, w.list))
		}
		if len(l.Problems) > 0 {
			if st.Pattern == deck.Transfer && len(l.Fixes) > 0 {
				fmt.Fprintf(&b, w.moves, strings.Join(l.Problems, w.list))
			} else {
				fmt.Fprintf(&b, w.leaves, strings.Join(l.Problems, w.list))
			}
		}
		b.WriteString(w.stop)
	}
	var left []string
	for _, l := range st.Layers {
		for _, p := range l.Problems {
			if !fixed[p] {
				left = append(left, p)
			}
		}
	}
	b.WriteString(w.sep)
	if len(left) == 0 {
		b.WriteString(w.allSolved)
	} else {
		fmt.Fprintf(&b, w.unsolved, strings.Join(left, w.list))
	}
	return b.String()
}

// describeGraph lists a laid-out graph's nodes and edges, by their
// labels (a node without one by its name), in the order of the layout.
func describeGraph(g *Geometry, w wording) string {
	name := map[string]string{}
	var nodes []string
	for _, n := range g.Nodes {
		label := lineText(n.Lines)
		if label == "" {
			label = n.Name
		}
		name[n.Name] = label
		nodes = append(nodes, label)
	}
	var edges []string
	for _, e := range g.Edges {
		tail, head := nameOr(name, e.Tail), nameOr(name, e.Head)
		if e.Label != nil && lineText(e.Label.Lines) != "" {
			edges = append(edges, fmt.Sprintf(w.edgeLabel, tail, head, lineText(e.Label.Lines)))
		} else {
			edges = append(edges, fmt.Sprintf(w.edge, tail, head))
		}
	}
	var b strings.Builder
	b.WriteString(w.graph)
	if len(g.Labels) > 0 {
		b.WriteString(w.open + lineText(g.Labels[0].Lines) + w.close)
	}
	if len(nodes) > 0 {
		fmt.Fprintf(&b, w.nodes, strings.Join(nodes, w.list))
	}
	if len(edges) > 0 {
		fmt.Fprintf(&b, w.edges, strings.Join(edges, w.list))
	}
	b.WriteString(w.stop)
	return b.String()
}

func nameOr(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// lineText joins a label's lines with spaces.
func lineText(lines []TextLine) string {
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		if t := strings.TrimSpace(l.Text); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}
