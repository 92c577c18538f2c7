package diagrams

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/cgraph"

	"github.com/layerdeck/layerdeck/deck"
)

// The largest DOT graph layerdeck lays out.
const (
	MaxNodes = 500
	MaxEdges = 2000
)

// dotInfo is what layerdeck reads from a user's DOT before laying it out.
type dotInfo struct {
	nodes    []dotNode
	edges    []dotEdge
	clusters []dotNode
	directed bool
	strict   bool
}

type dotNode struct {
	name, label string
}

type dotEdge struct {
	tail, head, label string
}

var syntaxLine = regexp.MustCompile(`line (\d+)`)

// readDOT parses DOT source with Graphviz and collects its nodes, edges and
// clusters with their labels. Syntax errors are positioned in the deck.
func readDOT(b *deck.DOT) (info dotInfo, err error) {
	if strings.TrimSpace(b.Source) == "" {
		return info, &Error{Pos: b.Pos, Msg: "empty dot block"}
	}
	gvMu.Lock()
	defer gvMu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			err = &Error{Pos: b.Pos, Msg: fmt.Sprintf("Graphviz could not read the dot block: %v", p)}
		}
	}()
	// Graphviz's lexer keeps counting lines after a successful parse that
	// ended in newlines; a failed parse resets it, so that the line of a
	// syntax error below is right.
	graphviz.ParseBytes([]byte("}"))
	g, err := graphviz.ParseBytes([]byte(b.Source))
	if err != nil {
		return info, dotSyntaxError(b, err.Error())
	}
	if g == nil {
		return info, &Error{Pos: b.Pos, Msg: "the dot block holds no graph"}
	}
	defer g.Close()
	if open := strings.Index(b.Source, "{"); open >= 0 {
		h := strings.ToLower(b.Source[:open])
		info.directed = strings.Contains(h, "digraph")
		info.strict = strings.Contains(h, "strict")
	}
	for n, _ := g.FirstNode(); n != nil; n, _ = g.NextNode(n) {
		name, _ := n.Name()
		info.nodes = append(info.nodes, dotNode{name: name, label: labelText(n.GetStr("label"), name)})
		for e, _ := g.FirstOut(n); e != nil; e, _ = g.NextOut(e) {
			h, _ := e.Head()
			if h == nil {
				continue
			}
			head, _ := h.Name()
			info.edges = append(info.edges, dotEdge{tail: name, head: head, label: labelText(e.GetStr("label"), "")})
		}
	}
	collectClusters(g, &info, 0)
	return info, nil
}

func collectClusters(g *cgraph.Graph, info *dotInfo, depth int) {
	if depth > 16 {
		return
	}
	for sg, _ := g.FirstSubGraph(); sg != nil; sg, _ = sg.NextSubGraph() {
		name, _ := sg.Name()
		if strings.HasPrefix(name, "cluster") {
			info.clusters = append(info.clusters, dotNode{name: name, label: labelText(sg.GetStr("label"), "")})
		}
		collectClusters(sg, info, depth+1)
	}
}

// labelText resolves a DOT label: \N is the name, \n \l \r end lines.
func labelText(l, name string) string {
	if l == "" && name != "" || l == `\N` {
		return name
	}
	l = strings.ReplaceAll(l, `\N`, name)
	l = strings.NewReplacer(`\n`, "\n", `\l`, "\n", `\r`, "\n").Replace(l)
	return strings.TrimRight(l, "\n")
}

// dotSyntaxError maps Graphviz's "syntax error in line N near 'x'" to
// the deck line of the block.
func dotSyntaxError(b *deck.DOT, msg string) error {
	msg = strings.TrimSpace(msg)
	pos := b.Pos
	if m := syntaxLine.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n >= 1 {
			pos = deck.Pos{File: b.SourcePos.File, Line: b.SourcePos.Line + n - 1, Col: 1}
		}
	}
	return &Error{Pos: pos, Msg: "DOT: " + msg}
}

// rawGraph rewrites a user's DOT so that Graphviz lays it out with
// layerdeck's measurements: the theme's defaults first (the user's own
// attributes override them), then fixed sizes for every node, and
// fixed-size cells for edge and cluster labels.
func (e *Engine) rawGraph(b *deck.DOT) (graphText, error) {
	info, err := readDOT(b)
	if err != nil {
		return graphText{}, err
	}
	// Graphviz runs in WASM that cannot be interrupted; bound the graphs
	// given to it so that no diagram can hold a build (or a watch) for long.
	if len(info.nodes) > MaxNodes || len(info.edges) > MaxEdges {
		return graphText{}, &Error{Pos: b.Pos, Msg: fmt.Sprintf("diagram %s has %d nodes and %d edges; a slide diagram may have at most %d nodes and %d edges", b.Name, len(info.nodes), len(info.edges), MaxNodes, MaxEdges)}
	}
	th := e.o.Theme
	labels := map[string]label{}
	open := strings.Index(b.Source, "{")
	end := strings.LastIndex(b.Source, "}")
	if open < 0 || end < open {
		return graphText{}, &Error{Pos: b.Pos, Msg: "DOT: no { … } body"}
	}
	var pre strings.Builder
	fmt.Fprintf(&pre, ` graph [fontname="BIZ UDPGothic", nodesep=0.3, ranksep=0.45, pad=0.1]; node [fontname="BIZ UDPGothic", fontsize=%s, margin=0, penwidth=1.5`, trimFloat(th.DiagramSize))
	if !strings.Contains(b.Source, "shape") {
		pre.WriteString(`, shape=box, style="rounded,filled"`)
	}
	if !strings.Contains(b.Source, "color") {
		fmt.Fprintf(&pre, `, fillcolor=%s, color=%s`, colorAttr(tint(th.Accent, 0.88)), colorAttr(th.Accent))
	}
	fmt.Fprintf(&pre, `]; edge [fontname="BIZ UDPGothic", fontsize=%s, penwidth=1.5, arrowsize=0.8`, trimFloat(th.DiagramSmall))
	if !strings.Contains(b.Source, "color") {
		fmt.Fprintf(&pre, `, color=%s`, colorAttr(th.Muted))
	}
	pre.WriteString("];")

	var post strings.Builder
	post.WriteString("\n  // sizes measured by layerdeck\n")
	for _, n := range info.nodes {
		l := label{lines: e.m.lines(n.label, th.DiagramSize, false, th.Text)}
		labels[n.name] = l
		w, h := l.size()
		w, h = w+2*padX, h+2*padY
		fmt.Fprintf(&post, "  %s [label=%s, fixedsize=true, width=%s, height=%s];\n", quote(n.name), quote(n.label), inches(w), inches(h))
	}
	// Edge labels can only be restated in a strict graph, where a repeated
	// edge statement names the same edge; that needs unique edges.
	unique := map[[2]string]bool{}
	dup := false
	for _, ed := range info.edges {
		k := [2]string{ed.tail, ed.head}
		dup = dup || unique[k]
		unique[k] = true
	}
	arrow := "->"
	if !info.directed {
		arrow = "--"
	}
	header := b.Source[:open]
	if !dup {
		for i, ed := range info.edges {
			id := fmt.Sprintf("e%d", i)
			attrs := "id=" + quote(id)
			if ed.label != "" {
				l := label{lines: e.m.lines(ed.label, th.DiagramSmall, false, th.Text)}
				labels[id] = l
				attrs += ", label=" + htmlBox(l)
			}
			fmt.Fprintf(&post, "  %s %s %s [%s];\n", quote(ed.tail), arrow, quote(ed.head), attrs)
		}
		if !info.strict {
			header = strictHeader(header)
		}
	}
	for _, c := range info.clusters {
		if c.label == "" {
			continue
		}
		l := label{lines: e.m.lines(c.label, th.DiagramSize, true, th.Text)}
		labels[c.name] = l
		fmt.Fprintf(&post, "  subgraph %s { label=%s; }\n", quote(c.name), clusterBox(l))
	}
	dot := header + "{" + pre.String() + b.Source[open+1:end] + post.String() + "}\n"
	return graphText{dot: dot, labels: labels}, nil
}

var graphKeyword = regexp.MustCompile(`(?i)\b(di)?graph\b`)

// strictHeader makes "digraph name" into "strict digraph name".
func strictHeader(h string) string {
	loc := graphKeyword.FindStringIndex(h)
	if loc == nil {
		return h
	}
	return h[:loc[0]] + "strict " + h[loc[0]:]
}
