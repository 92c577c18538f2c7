package mermaid

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parser reads a flowchart statement by statement.
type parser struct {
	g *Graph
	// open is the stack of subgraphs being read (indices into g.Subs).
	open []int
	// styles are style statements, applied after all nodes are known.
	styles []styleStmt
	// linkStyles are linkStyle statements, applied after all edges are known.
	linkStyles []styleStmt
	classUses  []styleStmt
	line       int // 1-based line of the statement being read
}

// styleStmt is a style, class or linkStyle statement kept for later.
type styleStmt struct {
	targets []string
	props   []Prop
	class   string
	line    int
	col     int
}

// Parse reads a Mermaid flowchart.
func Parse(src string) (*Graph, error) {
	p := &parser{g: &Graph{Dir: "TB", Classes: map[string][]Prop{}, nodeAt: map[string]*Node{}}}
	lines := strings.Split(src, "\n")
	header := false
	for i := 0; i < len(lines); i++ {
		p.line = i + 1
		raw := strings.TrimRight(lines[i], "\r")
		s := strings.TrimSpace(raw)
		if !header && s == "---" {
			// Front matter (title:, config:) styles Mermaid's web output.
			for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "---"; i++ {
			}
			if i == len(lines) {
				return nil, &Error{p.line, 1, "front matter --- without its closing ---"}
			}
			continue
		}
		if s == "" || strings.HasPrefix(s, "%%") {
			continue
		}
		if !utf8.ValidString(raw) {
			return nil, &Error{p.line, 1, "the line is not valid UTF-8"}
		}
		for _, st := range statements(raw) {
			if !header {
				if err := p.header(st.text, st.col); err != nil {
					return nil, err
				}
				header = true
				continue
			}
			if err := p.statement(st.text, st.col); err != nil {
				return nil, err
			}
		}
	}
	if !header {
		return nil, &Error{1, 1, "empty mermaid block: it needs flowchart TD (or LR, …) and nodes"}
	}
	if len(p.open) > 0 {
		sg := p.g.Subs[p.open[len(p.open)-1]]
		return nil, &Error{sg.line, sg.col, fmt.Sprintf("subgraph %s is not closed: add a line end after its nodes", sg.ID)}
	}
	if err := p.applyStyles(); err != nil {
		return nil, err
	}
	return p.g, nil
}

// stmt is a statement and the byte column (1-based) where it starts.
type stmt struct {
	text string
	col  int
}

// statements splits a line at semicolons outside quotes and brackets, and
// cuts a %% comment.
func statements(line string) []stmt {
	var out []stmt
	start, depth := 0, 0
	quoted := false
	flush := func(end int) {
		t := line[start:end]
		lead := len(t) - len(strings.TrimLeft(t, " \t"))
		if s := strings.TrimSpace(t); s != "" {
			out = append(out, stmt{s, start + lead + 1})
		}
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '[' || c == '(' || c == '{':
			depth++
		case c == ']' || c == ')' || c == '}':
			depth = max(depth-1, 0)
		case c == '%' && depth == 0 && strings.HasPrefix(line[i:], "%%"):
			flush(i)
			return out
		case c == ';' && depth == 0:
			flush(i)
			start = i + 1
		}
	}
	flush(len(line))
	return out
}

// header reads flowchart TD (or graph LR, …).
func (p *parser) header(s string, col int) error {
	f := strings.Fields(s)
	kind := f[0]
	if !IsFlowchart(kind) {
		return &Error{p.line, col, fmt.Sprintf("mermaid %s diagrams are not drawn; only flowchart and graph are", kind)}
	}
	if len(f) > 2 {
		at := col + strings.Index(s, f[2])
		return &Error{p.line, at, fmt.Sprintf("unexpected %q after the direction", f[2])}
	}
	if len(f) == 2 {
		d, ok := direction(f[1])
		if !ok {
			return &Error{p.line, col + strings.Index(s, f[1]), fmt.Sprintf("unknown direction %q (directions: TB, TD, BT, LR, RL)", f[1])}
		}
		p.g.Dir = d
	}
	return nil
}

// direction maps a Mermaid direction to a DOT rankdir.
func direction(s string) (string, bool) {
	switch s {
	case "TB", "TD", "v":
		return "TB", true
	case "BT", "^":
		return "BT", true
	case "LR", ">":
		return "LR", true
	case "RL", "<":
		return "RL", true
	}
	return "", false
}

// keyword returns the first word of s and the rest, trimmed.
func keyword(s string) (string, string) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// statement reads one statement at column col of the current line.
func (p *parser) statement(s string, col int) error {
	kw, rest := keyword(s)
	restCol := col + len(s) - len(rest)
	switch kw {
	case "subgraph":
		return p.subgraph(rest, restCol)
	case "end":
		if rest != "" {
			break // a node named end? Mermaid forbids it too.
		}
		if len(p.open) == 0 {
			return &Error{p.line, col, "end without a subgraph"}
		}
		p.open = p.open[:len(p.open)-1]
		return nil
	case "direction":
		if _, ok := direction(rest); !ok {
			return &Error{p.line, restCol, fmt.Sprintf("unknown direction %q (directions: TB, TD, BT, LR, RL)", rest)}
		}
		// Graphviz lays a whole graph out in one direction.
		return nil
	case "classDef":
		names, props := keyword(rest)
		if props == "" {
			return &Error{p.line, col, "classDef needs a name and styles, as in classDef warn fill:#fee,stroke:#c00"}
		}
		ps, err := p.props(props, col+len(s)-len(props))
		if err != nil {
			return err
		}
		for _, n := range strings.Split(names, ",") {
			p.g.Classes[n] = append(p.g.Classes[n], ps...)
		}
		return nil
	case "class":
		ids, class := keyword(rest)
		if class == "" {
			return &Error{p.line, col, "class needs node ids and a class name, as in class a,b warn"}
		}
		p.classUses = append(p.classUses, styleStmt{targets: splitList(ids), class: class, line: p.line, col: restCol})
		return nil
	case "style", "linkStyle":
		target, props := keyword(rest)
		if props == "" {
			return &Error{p.line, col, kw + " needs a target and styles, as in " + kw + " a fill:#fee"}
		}
		ps, err := p.props(props, col+len(s)-len(props))
		if err != nil {
			return err
		}
		st := styleStmt{targets: splitList(target), props: ps, line: p.line, col: restCol}
		if kw == "style" {
			p.styles = append(p.styles, st)
		} else {
			p.linkStyles = append(p.linkStyles, st)
		}
		return nil
	case "click":
		return nil // interaction: nothing to do on a slide
	case "flowchart", "graph":
		return &Error{p.line, col, "a second " + kw + " line: one mermaid block holds one flowchart"}
	}
	return p.chain(s, col)
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// props reads fill:#f9f,stroke:#333,stroke-width:4px.
func (p *parser) props(s string, col int) ([]Prop, error) {
	var out []Prop
	off := 0
	for _, f := range strings.Split(strings.TrimSuffix(s, ";"), ",") {
		name, value, ok := strings.Cut(f, ":")
		if !ok || strings.TrimSpace(name) == "" {
			if strings.TrimSpace(f) != "" && len(out) > 0 && strings.HasPrefix(out[len(out)-1].Value, "rgb") {
				// rgb(1,2,3) was cut at its commas: glue it back.
				out[len(out)-1].Value += "," + strings.TrimSpace(f)
				off += len(f) + 1
				continue
			}
			return nil, &Error{p.line, col + off, fmt.Sprintf("style %q is not name:value", strings.TrimSpace(f))}
		}
		out = append(out, Prop{strings.TrimSpace(name), strings.TrimSpace(value)})
		off += len(f) + 1
	}
	return out, nil
}

// subgraph reads subgraph ID, subgraph ID [Title], subgraph "Title".
func (p *parser) subgraph(rest string, col int) error {
	if len(p.open) >= maxDepth {
		return &Error{p.line, col, fmt.Sprintf("subgraphs nested deeper than %d", maxDepth)}
	}
	if rest == "" {
		return &Error{p.line, col, "subgraph needs a name, as in subgraph one [Title]"}
	}
	id, title := rest, rest
	if i := strings.IndexByte(rest, '['); i > 0 && strings.HasSuffix(rest, "]") {
		id, title = strings.TrimSpace(rest[:i]), unquote(strings.TrimSpace(rest[i+1:len(rest)-1]))
	} else if strings.HasPrefix(rest, `"`) {
		title = unquote(rest)
		id = title
	}
	parent := -1
	if len(p.open) > 0 {
		parent = p.open[len(p.open)-1]
	}
	p.g.Subs = append(p.g.Subs, &Subgraph{ID: id, Title: text(title), Parent: parent, line: p.line, col: col - len("subgraph ")})
	p.open = append(p.open, len(p.g.Subs)-1)
	return nil
}

// applyStyles resolves class, style and linkStyle statements.
func (p *parser) applyStyles() error {
	for _, st := range p.classUses {
		for _, id := range st.targets {
			n, ok := p.g.nodeAt[id]
			if !ok {
				return &Error{st.line, st.col, fmt.Sprintf("class names unknown node %q", id)}
			}
			n.Classes = append(n.Classes, st.class)
		}
	}
	for _, st := range p.styles {
		for _, id := range st.targets {
			if n, ok := p.g.nodeAt[id]; ok {
				n.Style = append(n.Style, st.props...)
				continue
			}
			if i := p.g.subIndex(id); i >= 0 {
				continue // subgraph colours: clusters keep the theme's
			}
			return &Error{st.line, st.col, fmt.Sprintf("style names unknown node %q", id)}
		}
	}
	for _, st := range p.linkStyles {
		for _, t := range st.targets {
			if t == "default" {
				for _, e := range p.g.Edges {
					e.Style = append(e.Style, st.props...)
				}
				continue
			}
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(p.g.Edges) {
				return &Error{st.line, st.col, fmt.Sprintf("linkStyle %s: there are %d edges, numbered from 0", t, len(p.g.Edges))}
			}
			p.g.Edges[i].Style = append(p.g.Edges[i].Style, st.props...)
		}
	}
	for _, n := range p.g.Nodes {
		for _, c := range n.Classes {
			if _, ok := p.g.Classes[c]; !ok && c != "default" {
				return &Error{1, 1, fmt.Sprintf("class %q of node %s is not defined by a classDef", c, n.ID)}
			}
		}
	}
	return nil
}

// unquote strips one pair of double quotes.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

// text resolves a label: <br> is a line break, #quot; and #35; are
// entities, a Markdown string's backticks and ** markers are dropped.
func text(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '`' && s[len(s)-1] == '`' {
		s = strings.NewReplacer("**", "", "__", "", "*", "", "_", "").Replace(s[1 : len(s)-1])
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '<' && i+3 < len(s) && strings.EqualFold(s[i:i+3], "<br"):
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				b.WriteByte('\n')
				i += j
				continue
			}
		case s[i] == '#' && strings.IndexByte(s[i:], ';') > 1:
			ent := s[i+1 : i+strings.IndexByte(s[i:], ';')]
			if r, ok := entity(ent); ok {
				b.WriteRune(r)
				i += len(ent) + 1
				continue
			}
		}
		b.WriteByte(s[i])
	}
	lines := strings.Split(b.String(), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, "\n")
}

// entity resolves a Mermaid entity code: a name or a decimal number.
func entity(s string) (rune, bool) {
	switch s {
	case "quot":
		return '"', true
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "nbsp":
		return ' ', true
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n <= unicode.MaxRune && utf8.ValidRune(rune(n)) {
		return rune(n), true
	}
	return 0, false
}
