package deck

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	yamlparser "github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// ynode is a YAML value with its position: the small tree the deck
// settings are decoded from, so that every key and value can be blamed.
type ynode struct {
	kind  ykind
	pos   Pos
	str   string // scalar text
	quote bool   // a quoted string scalar
	pairs []ypair
	items []*ynode
}

type ykind int

const (
	yNull ykind = iota
	yScalar
	yMap
	ySeq
)

func (k ykind) String() string {
	return [...]string{"nothing", "a value", "a mapping", "a list"}[k]
}

type ypair struct {
	key    string
	keyPos Pos
	val    *ynode
}

// yamlDoc parses YAML text that starts at line firstLine of the file.
// It returns nil for an empty document.
func yamlDoc(file string, text []byte, firstLine int, errs *ErrorList) *ynode {
	if strings.TrimSpace(string(text)) == "" {
		return nil
	}
	if off := flowTooDeep(text); off >= 0 {
		// The YAML parser's time and memory grow with the square of the
		// depth of [ and { nesting: refuse it before parsing.
		line := bytes.Count(text[:off], []byte("\n"))
		col := off - (bytes.LastIndexByte(text[:off], '\n') + 1) + 1
		errs.Add(Pos{File: file, Line: firstLine + line, Col: col}, "YAML: nested too deeply")
		return nil
	}
	f, err := yamlparser.ParseBytes(text, 0)
	if err != nil {
		pos := Pos{File: file, Line: firstLine, Col: 1}
		msg := err.Error()
		var se *yaml.SyntaxError
		if errors.As(err, &se) {
			msg = se.Message
			if se.Token != nil {
				pos = yamlPos(file, text, se.Token, firstLine)
			}
		}
		errs.Add(pos, "YAML: %s", msg)
		return nil
	}
	var docs []ast.Node
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d.Body)
		}
	}
	if len(docs) == 0 {
		return nil
	}
	if len(docs) > 1 {
		errs.Add(yamlPos(file, text, docs[1].GetToken(), firstLine), "YAML: only one document is allowed here")
	}
	c := yconv{file: file, lines: newLineIndex(text), line: firstLine, errs: errs}
	return c.node(docs[0], 0)
}

// flowTooDeep returns the offset of the first [ or { of text that opens
// a flow collection more than maxYAMLDepth deep, or -1. Brackets inside
// quoted scalars and comments do not count; one inside a plain scalar does, which
// can only make a pathological value an error early.
func flowTooDeep(text []byte) int {
	depth := 0
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case (c == '"' || c == '\'') && opensScalar(text[:i]):
			quote = c
		case c == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n'):
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			if depth++; depth > maxYAMLDepth {
				return i
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
	}
	return -1
}

// opensScalar reports whether a quote after before starts a quoted
// scalar: at the start of a line or after an indicator, not inside a
// plain scalar such as don't.
func opensScalar(before []byte) bool {
	before = bytes.TrimRight(before, " \t")
	if len(before) == 0 {
		return true
	}
	switch before[len(before)-1] {
	case '\n', ':', '-', '[', '{', ',', '?':
		return true
	}
	return false
}

// yamlPos converts a token position in text, whose first line is line
// firstLine of the file, to a file position. The YAML parser counts
// columns in characters; positions count bytes, as go/token does.
func yamlPos(file string, text []byte, tk *token.Token, firstLine int) Pos {
	return newLineIndex(text).pos(file, tk, firstLine)
}

// lineIndex holds the lines of a YAML text, split once, so that the
// positions of all of a document's nodes are found in linear time.
type lineIndex [][]byte

func newLineIndex(text []byte) lineIndex {
	lines := bytes.Split(text, []byte("\n"))
	if len(lines) > 1 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1] // text ends with a newline
	}
	return lines
}

func (lines lineIndex) pos(file string, tk *token.Token, firstLine int) Pos {
	if tk == nil || tk.Position == nil {
		return Pos{File: file, Line: firstLine, Col: 1}
	}
	line, col := tk.Position.Line, tk.Position.Column
	if line < 1 {
		line, col = 1, 1
	}
	if line > len(lines) {
		// The parser may blame the end of input, past the last line.
		line, col = len(lines), len(lines[len(lines)-1])+1
		return Pos{File: file, Line: firstLine + line - 1, Col: col}
	}
	l := lines[line-1]
	off := 0
	for i := 1; i < col && off < len(l); i++ {
		_, n := utf8.DecodeRune(l[off:])
		off += n
	}
	return Pos{File: file, Line: firstLine + line - 1, Col: off + 1}
}

type yconv struct {
	file  string
	lines lineIndex
	line  int
	errs  *ErrorList
}

const maxYAMLDepth = 32

func (c *yconv) pos(n ast.Node) Pos { return c.lines.pos(c.file, n.GetToken(), c.line) }

func (c *yconv) node(n ast.Node, depth int) *ynode {
	if n == nil {
		return &ynode{kind: yNull}
	}
	if depth > maxYAMLDepth {
		c.errs.Add(c.pos(n), "YAML: nested too deeply")
		return &ynode{kind: yNull, pos: c.pos(n)}
	}
	switch n := n.(type) {
	case *ast.MappingNode:
		m := &ynode{kind: yMap, pos: c.pos(n)}
		for _, v := range n.Values {
			if p, ok := c.pair(v, depth); ok {
				m.pairs = append(m.pairs, p)
			}
		}
		if len(n.Values) > 0 {
			m.pos = m.pairs0Pos(c.pos(n))
		}
		return m
	case *ast.MappingValueNode:
		m := &ynode{kind: yMap}
		if p, ok := c.pair(n, depth); ok {
			m.pairs = append(m.pairs, p)
			m.pos = p.keyPos
		}
		return m
	case *ast.SequenceNode:
		s := &ynode{kind: ySeq, pos: c.pos(n)}
		for _, v := range n.Values {
			s.items = append(s.items, c.node(v, depth+1))
		}
		return s
	case *ast.AnchorNode, *ast.AliasNode:
		c.errs.Add(c.pos(n), "YAML anchors and aliases are not supported in a deck")
		return &ynode{kind: yNull, pos: c.pos(n)}
	case *ast.TagNode:
		c.errs.Add(c.pos(n), "YAML tags are not supported in a deck")
		return &ynode{kind: yNull, pos: c.pos(n)}
	case *ast.NullNode:
		return &ynode{kind: yNull, pos: c.pos(n)}
	case *ast.StringNode:
		tk := n.GetToken()
		quoted := tk != nil && (tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType)
		return &ynode{kind: yScalar, pos: c.pos(n), str: n.Value, quote: quoted}
	case *ast.LiteralNode:
		return &ynode{kind: yScalar, pos: c.pos(n), str: strings.TrimRight(n.Value.Value, "\n"), quote: true}
	case ast.ScalarNode:
		return &ynode{kind: yScalar, pos: c.pos(n), str: fmt.Sprint(n.GetValue())}
	}
	c.errs.Add(c.pos(n), "YAML: unsupported %s", n.Type())
	return &ynode{kind: yNull, pos: c.pos(n)}
}

// pairs0Pos is the position of the first key, a better place to blame a
// mapping than its ':' token.
func (n *ynode) pairs0Pos(def Pos) Pos {
	if len(n.pairs) > 0 {
		return n.pairs[0].keyPos
	}
	return def
}

func (c *yconv) pair(v *ast.MappingValueNode, depth int) (ypair, bool) {
	if v.Key == nil {
		return ypair{}, false
	}
	kp := c.pos(v.Key)
	if v.Key.IsMergeKey() {
		c.errs.Add(kp, "YAML merge keys (<<) are not supported in a deck")
		return ypair{}, false
	}
	var key string
	switch k := v.Key.(type) {
	case *ast.MappingKeyNode:
		c.errs.Add(kp, "YAML: complex mapping keys are not supported")
		return ypair{}, false
	case ast.ScalarNode:
		if _, isAlias := v.Key.(*ast.AliasNode); isAlias {
			c.errs.Add(kp, "YAML anchors and aliases are not supported in a deck")
			return ypair{}, false
		}
		key = fmt.Sprint(k.GetValue())
	default:
		c.errs.Add(kp, "YAML: unsupported key")
		return ypair{}, false
	}
	return ypair{key: key, keyPos: kp, val: c.node(v.Value, depth+1)}, true
}

// The typed readers below add an error and return the zero value when the
// node is not of the wanted shape.

func (n *ynode) asString(errs *ErrorList, what string) string {
	switch n.kind {
	case yScalar:
		if len(n.str) > MaxBlockChars {
			if c := utf8.RuneCountInString(n.str); c > MaxBlockChars {
				errs.Add(n.pos, "%s of %d characters is more than a slide can show (at most %d)", what, c, MaxBlockChars)
				return ""
			}
		}
		return n.str
	case yNull:
		return ""
	}
	errs.Add(n.pos, "%s must be text, not %s", what, n.kind)
	return ""
}

func (n *ynode) asStrings(errs *ErrorList, what string) ([]string, []Pos) {
	switch n.kind {
	case yNull:
		return nil, nil
	case yScalar:
		return []string{n.str}, []Pos{n.pos}
	case ySeq:
		var out []string
		var pos []Pos
		for _, it := range n.items {
			if it.kind != yScalar {
				errs.Add(it.pos, "%s must be a list of text, not of %s", what, it.kind)
				continue
			}
			out = append(out, it.str)
			pos = append(pos, it.pos)
		}
		return out, pos
	}
	errs.Add(n.pos, "%s must be a list, not %s", what, n.kind)
	return nil, nil
}

func (n *ynode) asMap(errs *ErrorList, what string) []ypair {
	switch n.kind {
	case yMap:
		return n.pairs
	case yNull:
		return nil
	}
	errs.Add(n.pos, "%s must be a mapping (key: value lines), not %s", what, n.kind)
	return nil
}
