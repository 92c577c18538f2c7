package mermaid

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanner walks one statement; col is the statement's column on its line.
type scanner struct {
	s    string
	i    int
	col  int
	line int
}

func (sc *scanner) done() bool { return sc.i >= len(sc.s) }

func (sc *scanner) skip() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

func (sc *scanner) errAt(i int, format string, args ...any) error {
	return &Error{sc.line, sc.col + i, fmt.Sprintf(format, args...)}
}

func (sc *scanner) peek(k int) byte {
	if sc.i+k < len(sc.s) {
		return sc.s[sc.i+k]
	}
	return 0
}

// chain reads a → b → c statement: groups of nodes joined by edges.
func (p *parser) chain(s string, col int) error {
	sc := &scanner{s: s, col: col, line: p.line}
	left, err := p.group(sc)
	if err != nil {
		return err
	}
	for {
		sc.skip()
		if sc.done() {
			return nil
		}
		at := sc.i
		ed, err := sc.edge()
		if err != nil {
			return err
		}
		if ed == nil {
			return sc.errAt(at, "expected an edge (-->, ---, -.->, ==>), & or the end of the statement, found %q", clip(sc.s[at:]))
		}
		sc.skip()
		if sc.done() {
			return sc.errAt(at, "this edge has no node after it")
		}
		right, err := p.group(sc)
		if err != nil {
			return err
		}
		for _, a := range left {
			for _, b := range right {
				if len(p.g.Edges) >= maxEdges {
					return sc.errAt(at, "more than %d edges: a diagram may have at most %d; split it", maxEdges, maxEdges)
				}
				e := *ed
				e.From, e.To = a, b
				p.g.Edges = append(p.g.Edges, &e)
			}
		}
		left = right
	}
}

// clip shortens s for a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) > 12 {
		return string([]rune(s)[:12]) + "…"
	}
	return s
}

// group reads a & b & c.
func (p *parser) group(sc *scanner) ([]string, error) {
	var ids []string
	for {
		sc.skip()
		id, err := p.nodeRef(sc)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
		sc.skip()
		if sc.peek(0) != '&' {
			return ids, nil
		}
		sc.i++
	}
}

// idRune reports a rune that may stand in a node id.
func idRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// nodeRef reads a node id with its optional shape and :::class.
func (p *parser) nodeRef(sc *scanner) (string, error) {
	start := sc.i
	for sc.i < len(sc.s) {
		r, n := utf8.DecodeRuneInString(sc.s[sc.i:])
		if idRune(r) {
			sc.i += n
			continue
		}
		// a-b and a.b are ids; a--b and a-.-b are edges.
		if (r == '-' || r == '.') && sc.i > start {
			if next, _ := utf8.DecodeRuneInString(sc.s[sc.i+1:]); idRune(next) && !(r == '-' && sc.peek(1) == 'o' && !idAfter(sc.s, sc.i+2)) && !(r == '-' && sc.peek(1) == 'x' && !idAfter(sc.s, sc.i+2)) {
				sc.i++
				continue
			}
		}
		break
	}
	if sc.i == start {
		if sc.done() {
			return "", sc.errAt(start, "expected a node id")
		}
		return "", sc.errAt(start, "expected a node id, found %q", clip(sc.s[start:]))
	}
	id := sc.s[start:sc.i]
	sub := -1
	if len(p.open) > 0 {
		sub = p.open[len(p.open)-1]
	}
	if len(p.g.Nodes) >= maxNodes && p.g.nodeAt[id] == nil {
		return "", sc.errAt(start, "more than %d nodes: a diagram may have at most %d; split it", maxNodes, maxNodes)
	}
	n := p.g.node(id, sub)
	if n.Sub < 0 && sub >= 0 {
		n.Sub = sub
	}
	if err := p.shape(sc, n); err != nil {
		return "", err
	}
	if strings.HasPrefix(sc.s[sc.i:], ":::") {
		sc.i += 3
		cs := sc.i
		for sc.i < len(sc.s) {
			r, n := utf8.DecodeRuneInString(sc.s[sc.i:])
			if !idRune(r) && r != '-' {
				break
			}
			sc.i += n
		}
		if sc.i == cs {
			return "", sc.errAt(cs, "::: needs a class name")
		}
		n.Classes = append(n.Classes, sc.s[cs:sc.i])
	}
	if strings.HasPrefix(sc.s[sc.i:], "@{") {
		return "", sc.errAt(sc.i, "shape data @{ … } is not supported; use A[text], A(text), A{text}, …")
	}
	return id, nil
}

// idAfter reports whether an id rune follows index i of s.
func idAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[min(i, len(s)):])
	return i < len(s) && idRune(r)
}

// shapes lists the openers, longest first, with their closers.
var shapes = []struct {
	open, close string
	shape       Shape
}{
	{"(((", ")))", DoubleCirc},
	{"([", "])", Stadium},
	{"[[", "]]", Subroutine},
	{"[(", ")]", Cylinder},
	{"((", "))", Circle},
	{"{{", "}}", Hexagon},
	{"[/", "/]", Slanted},
	{`[\`, `\]`, Slanted},
	{"[", "]", Rect},
	{"(", ")", Rounded},
	{"{", "}", Rhombus},
	{">", "]", Asymmetric},
}

// shape reads a node's shape and label, if one follows.
func (p *parser) shape(sc *scanner, n *Node) error {
	rest := sc.s[sc.i:]
	for _, sh := range shapes {
		if !strings.HasPrefix(rest, sh.open) {
			continue
		}
		open := sc.i
		sc.i += len(sh.open)
		closers := []string{sh.close}
		switch sh.open {
		case "[/":
			closers = []string{"/]", `\]`}
		case `[\`:
			closers = []string{`\]`, "/]"}
		}
		body := sc.s[sc.i:]
		var label string
		end := -1
		used := ""
		if strings.HasPrefix(strings.TrimLeft(body, " "), `"`) {
			lead := len(body) - len(strings.TrimLeft(body, " "))
			q := strings.IndexByte(body[lead+1:], '"')
			if q < 0 {
				return sc.errAt(sc.i+lead, "this quoted label is not closed")
			}
			label = body[lead+1 : lead+1+q]
			after := body[lead+2+q:]
			trim := len(after) - len(strings.TrimLeft(after, " "))
			for _, c := range closers {
				if strings.HasPrefix(after[trim:], c) {
					end, used = lead+2+q+trim, c
					break
				}
			}
			if end < 0 {
				return sc.errAt(sc.i+lead+2+q+trim, "expected %q to close the node %s", sh.close, n.ID)
			}
		} else {
			for _, c := range closers {
				if k := strings.Index(body, c); k >= 0 && (end < 0 || k < end) {
					end, used = k, c
				}
			}
			if end < 0 {
				return sc.errAt(open, "node %s: %q is not closed by %q", n.ID, sh.open, sh.close)
			}
			label = body[:end]
		}
		sc.i += end + len(used)
		n.Shape = sh.shape
		if sh.shape == Slanted && (sh.open == "[/") != (used == "/]") {
			n.Shape = Trapezoid
		}
		n.Label = text(label)
		return nil
	}
	return nil
}

// edge reads an edge and its optional |text|, or returns nil if none
// starts here.
func (sc *scanner) edge() (*Edge, error) {
	start := sc.i
	e := &Edge{Stroke: "solid"}
	if c := sc.peek(0); (c == '<' || c == 'o' || c == 'x') && strings.IndexByte("-=.", sc.peek(1)) >= 0 {
		e.Tail = endKind(c)
		sc.i++
	}
	c := sc.peek(0)
	count := func(b byte) int {
		n := 0
		for sc.peek(0) == b {
			sc.i++
			n++
		}
		return n
	}
	switch c {
	case '~':
		if n := count('~'); n < 3 {
			sc.i = start
			return nil, nil
		}
		e.Stroke = "invisible"
		return sc.pipeText(e)
	case '=':
		n := count('=')
		e.Stroke = "thick"
		switch {
		case sc.head(e) && n >= 2:
			e.Length = n - 2
			return sc.pipeText(e)
		case e.Head == "" && n >= 3:
			e.Length = n - 3
			return sc.pipeText(e)
		case e.Head == "" && n == 2:
			return sc.textForm(e, start, "==")
		}
	case '-':
		n := count('-')
		if sc.peek(0) == '.' {
			dots := count('.')
			if sc.peek(0) == '-' {
				sc.i++
				e.Stroke, e.Length = "dotted", dots-1
				sc.head(e)
				return sc.pipeText(e)
			}
			if n == 1 && dots == 1 {
				e.Stroke = "dotted"
				return sc.textForm(e, start, "-.")
			}
			break
		}
		if sc.head(e) && n >= 2 {
			e.Length = n - 2
			return sc.pipeText(e)
		}
		if n >= 3 {
			e.Length = n - 3
			return sc.pipeText(e)
		}
		if n == 2 {
			return sc.textForm(e, start, "--")
		}
	}
	sc.i = start
	return nil, nil
}

// endKind maps an edge end character to its kind.
func endKind(c byte) string {
	switch c {
	case 'o':
		return "circle"
	case 'x':
		return "cross"
	}
	return "arrow"
}

// head reads an arrow head (>, or o and x not starting an id).
func (sc *scanner) head(e *Edge) bool {
	switch c := sc.peek(0); {
	case c == '>':
		sc.i++
		e.Head = "arrow"
		return true
	case (c == 'o' || c == 'x') && !idAfter(sc.s, sc.i+1):
		sc.i++
		e.Head = endKind(c)
		return true
	}
	return false
}

// textForm reads the text of -- text -->, == text ==> and -. text .->,
// up to the closing half of the edge.
func (sc *scanner) textForm(e *Edge, start int, opener string) (*Edge, error) {
	rest := sc.s[sc.i:]
	closer := opener[:1]
	if opener == "-." {
		closer = "."
	}
	for k := 0; k < len(rest); k++ {
		if rest[k] == '"' {
			if q := strings.IndexByte(rest[k+1:], '"'); q >= 0 {
				k += q + 1
				continue
			}
		}
		if !strings.HasPrefix(rest[k:], closer) {
			continue
		}
		sub := &scanner{s: rest, i: k, col: sc.col + sc.i, line: sc.line}
		ok := false
		switch opener {
		case "-.":
			sub.i++
			for sub.peek(0) == '.' {
				sub.i++
			}
			if sub.peek(0) == '-' {
				sub.i++
				sub.head(e)
				ok = true
			}
		default:
			n := 0
			for sub.peek(0) == closer[0] {
				sub.i++
				n++
			}
			e.Head = ""
			if sub.head(e) {
				ok, e.Length = n >= 2, n-2
			} else {
				ok, e.Length = n >= 3, n-3
			}
		}
		if !ok {
			continue
		}
		e.Label = text(unquote(strings.TrimSpace(rest[:k])))
		if e.Label == "" {
			return nil, sc.errAt(start, "edge text is empty")
		}
		sc.i += sub.i
		return e, nil
	}
	return nil, sc.errAt(start, "edge %s text is not closed: write %s text --> (or %s), or -->|text|", opener, opener, map[string]string{"--": "---", "==": "==>", "-.": ".->"}[opener])
}

// pipeText reads an optional |text| after an edge.
func (sc *scanner) pipeText(e *Edge) (*Edge, error) {
	save := sc.i
	sc.skip()
	if sc.peek(0) != '|' {
		sc.i = save
		return e, nil
	}
	open := sc.i
	k := strings.IndexByte(sc.s[sc.i+1:], '|')
	if k < 0 {
		return nil, sc.errAt(open, "edge text |… is not closed by |")
	}
	e.Label = text(unquote(strings.TrimSpace(sc.s[sc.i+1 : sc.i+1+k])))
	sc.i += k + 2
	return e, nil
}
