package diagrams

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/cgraph"

	"github.com/layerdeck/layerdeck/deck"
)

// dotGraph is a user's DOT graph as Graphviz parsed it: every object with
// the attribute values that differ from the defaults.
type dotGraph struct {
	name             string
	directed, strict bool
	attrs            []attr // the root graph's
	nodeDefaults     []attr
	edgeDefaults     []attr
	nodes            []dotNode
	edges            []dotEdge
	subs             []dotSub
}

type attr struct{ name, value string }

type dotNode struct {
	name  string
	attrs []attr
}

type dotEdge struct {
	tail, head string
	attrs      []attr
}

type dotSub struct {
	name  string
	attrs []attr
	nodes []string
	subs  []dotSub
}

// get returns the value of the named attribute in attrs, then in defs.
func get(name string, attrs []attr, defs ...[]attr) string {
	for _, as := range append([][]attr{attrs}, defs...) {
		for _, a := range as {
			if a.name == name {
				return a.value
			}
		}
	}
	return ""
}

// maxDepth bounds the nesting of subgraphs layerdeck follows.
const maxDepth = 32

// Caps on a DOT or Mermaid diagram, so that Graphviz lays out any graph
// under them well within the default time budget (5 s). dot's work grows
// with the edges much faster than with the nodes: measured on 2 shared
// cores, the slowest graphs found under these caps (100 random edges
// between 40 nodes, each labelled; 32 nested clusters of 6 nodes) take
// about 0.9 s, and 200 labelled edges up to 7 s. Orthogonal edges
// (splines=ortho) cost several times more: 50 labelled ones take about
// 1 s, 100 up to 3.8 s. The Mermaid reader has the same caps.
const (
	maxNodes      = 200
	maxEdges      = 100
	maxOrthoEdges = 50
)

// maxStackEdges caps the edges of a stack diagram (or a compare view of
// two): a layer's edge to the one below, to the lower layers it
// integrates, from the problems it fixes, and those that keep a rank in
// order. The densest stacks under it (15 layers, each integrating every
// layer below) take Graphviz about a second, as the caps above.
const maxStackEdges = 150

// stackCapped returns g, or a positioned error if it is over
// maxStackEdges.
func stackCapped(src Source, g graphText) (graphText, error) {
	if g.size.edges > maxStackEdges {
		what := "stack " + src.Name
		if src.Stack == nil {
			what = "diagram " + src.Name
		}
		return graphText{}, &Error{Pos: src.Pos, Msg: fmt.Sprintf("%s draws %d edges (layers, fixes, integrates), more than the %d a diagram may have: split it or integrate fewer layers", what, g.size.edges, maxStackEdges)}
	}
	return g, nil
}

// checkCaps returns a positioned error if dg is over a cap.
func checkCaps(b *deck.DOT, dg *dotGraph) error {
	what := "dot block"
	if b.Lang == "mermaid" {
		what = "Mermaid block"
	}
	edges := maxEdges
	if strings.EqualFold(get("splines", dg.attrs), "ortho") {
		edges = maxOrthoEdges
	}
	switch {
	case len(dg.nodes) > maxNodes:
		return &Error{Pos: b.Pos, Msg: fmt.Sprintf("%s %s has %d nodes, more than the %d a diagram may have: split it", what, b.Name, len(dg.nodes), maxNodes)}
	case len(dg.edges) > edges && edges < maxEdges:
		return &Error{Pos: b.Pos, Msg: fmt.Sprintf("%s %s has %d edges, more than the %d a diagram with splines=ortho may have: split it or drop splines=ortho", what, b.Name, len(dg.edges), edges)}
	case len(dg.edges) > edges:
		return &Error{Pos: b.Pos, Msg: fmt.Sprintf("%s %s has %d edges, more than the %d a diagram may have: split it", what, b.Name, len(dg.edges), edges)}
	}
	return nil
}

// readDOT parses a DOT block with Graphviz and reads it into a dotGraph,
// or takes what Graphviz read from the disk cache (see dotcache.go).
// Syntax errors are positioned in the deck.
func (e *Engine) readDOT(ctx context.Context, b *deck.DOT) (*dotGraph, error) {
	if strings.TrimSpace(b.Source) == "" {
		return nil, &Error{Pos: b.Pos, Msg: "empty dot block"}
	}
	name := cacheName("dot", b.Source, ".dot.json")
	if data := e.readCache(name); data != nil {
		if dg, err := unmarshalDOTGraph(data); err == nil {
			return dg, checkCaps(b, dg)
		}
	}
	dg, err := e.parseDOT(ctx, b)
	if err != nil {
		return nil, err
	}
	if data, merr := marshalDOTGraph(dg); merr == nil {
		e.writeCache(name, data)
	}
	return dg, checkCaps(b, dg)
}

// parseDOT parses a DOT block with Graphviz and reads it into a dotGraph.
func (e *Engine) parseDOT(ctx context.Context, b *deck.DOT) (*dotGraph, error) {
	var dg *dotGraph
	var perr error
	err := e.do(ctx, anyKind, func(context.Context, *graphviz.Graphviz) error {
		// Graphviz's lexer keeps counting lines after a successful parse
		// that ended in newlines; a failed parse resets it, so that the
		// line of a syntax error below is right.
		graphviz.ParseBytes([]byte("}"))
		g, err := graphviz.ParseBytes([]byte(b.Source))
		if err != nil {
			perr = dotSyntaxError(b, err.Error())
			return nil
		}
		if g == nil {
			perr = &Error{Pos: b.Pos, Msg: "the dot block holds no graph"}
			return nil
		}
		defer g.Close()
		dg, err = walkDOT(g, b.Source)
		return err
	})
	if errors.Is(err, errDeadline) {
		return nil, &Error{Pos: b.Pos, Msg: fmt.Sprintf("dot block %s: Graphviz took longer than %s to read it; shorten the block", b.Name, e.o.Timeout)}
	}
	if err != nil {
		return nil, &Error{Pos: b.Pos, Msg: fmt.Sprintf("Graphviz could not read dot block %s: %v", b.Name, err)}
	}
	return dg, perr
}

// walkDOT reads a parsed graph; src is its source, for what cgraph does
// not tell (strict, directed, HTML labels).
func walkDOT(g *cgraph.Graph, src string) (*dotGraph, error) {
	dg := &dotGraph{}
	dg.directed, dg.strict = graphKind(src)
	if n, err := g.Name(); err == nil && !strings.HasPrefix(n, "%") {
		dg.name = n
	}
	gsyms, nsyms, esyms := symbols(g, cgraph.GRAPH), symbols(g, cgraph.NODE), symbols(g, cgraph.EDGE)
	root := map[string]string{}
	for _, s := range gsyms {
		v := g.GetStr(s.name)
		root[s.name] = v
		if v != "" {
			dg.attrs = append(dg.attrs, attr{s.name, v})
		}
	}
	for _, s := range nsyms {
		if s.value != "" {
			dg.nodeDefaults = append(dg.nodeDefaults, s)
		}
	}
	for _, s := range esyms {
		if s.value != "" {
			dg.edgeDefaults = append(dg.edgeDefaults, s)
		}
	}
	for n, err := g.FirstNode(); n != nil; n, err = g.NextNode(n) {
		if err != nil {
			return nil, err
		}
		name, err := n.Name()
		if err != nil {
			return nil, err
		}
		dg.nodes = append(dg.nodes, dotNode{name: name, attrs: diff(nsyms, n.GetStr)})
		for ed, err := g.FirstOut(n); ed != nil; ed, err = g.NextOut(ed) {
			if err != nil {
				return nil, err
			}
			h, err := ed.Head()
			if err != nil || h == nil {
				continue
			}
			head, _ := h.Name()
			dg.edges = append(dg.edges, dotEdge{tail: name, head: head, attrs: diff(esyms, ed.GetStr)})
		}
	}
	var err error
	dg.subs, err = walkSubs(g, gsyms, root, root, 0)
	return dg, err
}

// symbols lists the attributes declared for one kind of object, with
// their defaults.
func symbols(g *cgraph.Graph, kind cgraph.ObjectTag) []attr {
	var out []attr
	for s, _ := g.NextAttr(int(kind), nil); s != nil && len(out) < 1000; s, _ = g.NextAttr(int(kind), s) {
		out = append(out, attr{s.Name(), s.DefaultValue()})
	}
	return out
}

// diff is the attributes whose value differs from the default.
func diff(syms []attr, value func(string) string) []attr {
	var out []attr
	for _, s := range syms {
		if v := value(s.name); v != s.value {
			out = append(out, attr{s.name, v})
		}
	}
	return out
}

// walkSubs reads the subgraphs of g. A subgraph keeps every graph
// attribute that differs from the root's or its parent's value, so that
// the rewritten graph means the same whichever it inherits from.
func walkSubs(g *cgraph.Graph, gsyms []attr, root, parent map[string]string, depth int) ([]dotSub, error) {
	if depth > maxDepth {
		return nil, errors.New("subgraphs nested too deep")
	}
	var out []dotSub
	for sg, err := g.FirstSubGraph(); sg != nil; sg, err = sg.NextSubGraph() {
		if err != nil {
			return nil, err
		}
		name, _ := sg.Name()
		s := dotSub{name: name}
		vals := map[string]string{}
		for _, sym := range gsyms {
			v := sg.GetStr(sym.name)
			vals[sym.name] = v
			if v != root[sym.name] || v != parent[sym.name] {
				s.attrs = append(s.attrs, attr{sym.name, v})
			}
		}
		for n, err := sg.FirstNode(); n != nil; n, err = sg.NextNode(n) {
			if err != nil {
				return nil, err
			}
			nn, _ := n.Name()
			s.nodes = append(s.nodes, nn)
		}
		s.subs, err = walkSubs(sg, gsyms, root, vals, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

var (
	dotComment = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*|(?m)^\s*#[^\n]*`)
	dotWord    = regexp.MustCompile(`(?i)\b(strict|digraph|graph)\b`)
)

// graphKind reads whether the graph is directed and strict from the
// header before the first "{".
func graphKind(src string) (directed, strict bool) {
	h := dotComment.ReplaceAllString(src, " ")
	if i := strings.Index(h, "{"); i >= 0 {
		h = h[:i]
	}
	for _, w := range dotWord.FindAllString(h, 2) {
		switch strings.ToLower(w) {
		case "strict":
			strict = true
		case "digraph":
			directed = true
		}
	}
	return directed, strict
}

var syntaxLine = regexp.MustCompile(`line (\d+)(?: near '(.*)')?`)

// dotSyntaxError turns Graphviz's "syntax error in line N near 'x'" into
// an error at the deck position: line N of the block is deck line
// SourcePos.Line+N-1, and the column is where x first stands on that line.
// An unclosed string is reported where it opens.
func dotSyntaxError(b *deck.DOT, msg string) error {
	msg = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(msg), "Error:"))
	if !strings.Contains(dotComment.ReplaceAllString(b.Source, " "), "{") {
		return &Error{Pos: b.Pos, Msg: "the dot block holds no graph (want digraph { … })"}
	}
	lines := strings.Split(b.Source, "\n")
	at := func(n, i int) deck.Pos {
		return deck.Pos{File: b.SourcePos.File, Line: b.SourcePos.Line + n - 1, Col: max(b.SourcePos.Col, 1) + i}
	}
	m := syntaxLine.FindStringSubmatch(msg)
	n := 0
	if m != nil {
		n, _ = strconv.Atoi(m[1])
	}
	switch {
	case strings.Contains(msg, "scanning a quoted string"):
		if ln, i, ok := unclosed(b.Source, '"'); ok {
			return &Error{Pos: at(ln, i), Msg: "DOT syntax error: this quoted string is not closed"}
		}
	case strings.Contains(msg, "scanning a HTML string"):
		if ln, i, ok := unclosed(b.Source, '<'); ok {
			return &Error{Pos: at(ln, i), Msg: "DOT syntax error: this HTML-like label is not closed (missing '>'?)"}
		}
	case n >= 1 && n <= len(lines) && m[2] != "":
		i := max(strings.Index(lines[n-1], m[2]), 0)
		return &Error{Pos: at(n, i), Msg: fmt.Sprintf("DOT syntax error near '%s'", m[2])}
	case n >= 1:
		// The block ended early: point after its last text.
		last := len(lines)
		for last > 1 && strings.TrimSpace(lines[last-1]) == "" {
			last--
		}
		return &Error{Pos: at(last, len(strings.TrimRight(lines[last-1], " \t\r"))), Msg: "DOT syntax error: the block ends early (missing '}'?)"}
	}
	return &Error{Pos: b.Pos, Msg: "DOT: " + msg}
}

// unclosed finds where a string opened by open ('"' or '<') is left
// unclosed: its line (1-based) and byte index in the line. Comments are
// skipped; a '"' string ends at an unescaped '"', a '<' string at its
// matching '>'.
func unclosed(src string, open byte) (line, idx int, ok bool) {
	line, start := 1, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line, start = line+1, i+1
		case c == '/' && i+1 < len(src) && src[i+1] == '/', c == '#' && strings.TrimSpace(src[start:i]) == "":
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return 0, 0, false
			}
			line += strings.Count(src[i:i+2+end], "\n")
			if k := strings.LastIndex(src[:i+2+end], "\n"); k >= 0 {
				start = k + 1
			}
			i += end + 3
		case c == '"' || c == '<':
			l0, x0 := line, i-start
			depth := 0
			j := i
			for ; j < len(src); j++ {
				if src[j] == '\n' {
					line, start = line+1, j+1
				}
				if c == '"' {
					if src[j] == '\\' {
						j++
					} else if src[j] == '"' && j > i {
						break
					}
					continue
				}
				if src[j] == '<' {
					depth++
				} else if src[j] == '>' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			if j >= len(src) {
				return l0, x0, c == open
			}
			i = j
		}
	}
	return 0, 0, false
}
