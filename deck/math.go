package deck

import (
	"bytes"
	"errors"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/layerdeck/layerdeck/internal/texmath"
)

// TeX math in Markdown, with the rules of KaTeX's auto-render and
// markdown-it-texmath that Marp and Slidev follow: $…$ is inline math
// when no white space follows the opening $ or precedes the closing one
// and no digit follows the closing one (so "$5 and $10" stays prose);
// $$…$$ is display math, a block of its own when it starts a line (and
// may span lines); \$ is a dollar sign.

// mathNode is a formula in goldmark's tree: its TeX source is the text of
// segs, which may span lines.
type mathNode struct {
	gast.BaseInline
	display bool
	segs    []text.Segment
}

var kindMath = gast.NewNodeKind("Math")

// Kind implements gast.Node.
func (n *mathNode) Kind() gast.NodeKind { return kindMath }

// Dump implements gast.Node.
func (n *mathNode) Dump(src []byte, level int) { gast.DumpHelper(n, src, level, nil, nil) }

// mathBlock is a $$…$$ block starting a line.
type mathBlock struct {
	gast.BaseBlock
	segs   []text.Segment
	closed bool
}

var kindMathBlock = gast.NewNodeKind("MathBlock")

// Kind implements gast.Node.
func (n *mathBlock) Kind() gast.NodeKind { return kindMathBlock }

// Dump implements gast.Node.
func (n *mathBlock) Dump(src []byte, level int) { gast.DumpHelper(n, src, level, nil, nil) }

// mathInlineParser reads $…$ and $$…$$ inside text.
type mathInlineParser struct{}

// Trigger implements gparser.InlineParser.
func (mathInlineParser) Trigger() []byte { return []byte{'$'} }

// Parse implements gparser.InlineParser.
func (mathInlineParser) Parse(parent gast.Node, block text.Reader, pc gparser.Context) gast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 {
		return nil
	}
	display := line[1] == '$'
	open := 1
	if display {
		open = 2
	}
	if open >= len(line) || !display && isBlank(line[open]) {
		return nil
	}
	n := &mathNode{display: display}
	start := seg.Start + open
	from := open
	for lines := 0; lines < 64; lines++ {
		for i := from; i < len(line); i++ {
			switch c := line[i]; {
			case c == '\\':
				i++
			case c == '$' && display:
				if i+1 < len(line) && line[i+1] == '$' {
					n.segs = append(n.segs, text.NewSegment(start, seg.Start+i))
					if empty(block.Source(), n.segs) {
						return nil
					}
					block.Advance(i + 2)
					return n
				}
			case c == '$':
				if isBlank(line[i-1]) || i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9' {
					continue
				}
				if i == from && lines == 0 {
					return nil // $$ is not an empty formula
				}
				n.segs = append(n.segs, text.NewSegment(start, seg.Start+i))
				block.Advance(i + 1)
				return n
			}
		}
		n.segs = append(n.segs, text.NewSegment(start, seg.Stop))
		block.AdvanceLine()
		line, seg = block.PeekLine()
		if line == nil {
			return nil
		}
		start, from = seg.Start, 0
	}
	return nil
}

// empty reports whether the segments hold nothing but white space.
func empty(src []byte, segs []text.Segment) bool {
	for _, s := range segs {
		if len(bytes.TrimSpace(s.Value(src))) > 0 {
			return false
		}
	}
	return true
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// mathBlockParser reads a $$ … $$ block that starts a line.
type mathBlockParser struct{}

// Trigger implements gparser.BlockParser.
func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

// Open implements gparser.BlockParser.
func (mathBlockParser) Open(parent gast.Node, reader text.Reader, pc gparser.Context) (gast.Node, gparser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+2 > len(line) || line[pos] != '$' || line[pos+1] != '$' {
		return nil, gparser.NoChildren
	}
	rest := line[pos+2:]
	n := &mathBlock{}
	if i := bytes.Index(rest, []byte("$$")); i >= 0 {
		if len(bytes.TrimSpace(rest[i+2:])) > 0 {
			return nil, gparser.NoChildren // $$…$$ followed by text: inline
		}
		n.segs = append(n.segs, text.NewSegment(seg.Start+pos+2, seg.Start+pos+2+i))
		n.closed = true
		reader.Advance(len(line) - 1)
		return n, gparser.Close
	}
	n.segs = append(n.segs, text.NewSegment(seg.Start+pos+2, seg.Stop))
	reader.Advance(len(line) - 1)
	return n, gparser.NoChildren
}

// Continue implements gparser.BlockParser.
func (mathBlockParser) Continue(node gast.Node, reader text.Reader, pc gparser.Context) gparser.State {
	n := node.(*mathBlock)
	line, seg := reader.PeekLine()
	if line == nil || n.closed {
		// A one-line block is closed by Open already.
		return gparser.Close
	}
	if i := bytes.Index(line, []byte("$$")); i >= 0 {
		n.segs = append(n.segs, text.NewSegment(seg.Start, seg.Start+i))
		n.closed = true
		reader.Advance(len(line) - 1)
		return gparser.Close
	}
	n.segs = append(n.segs, seg)
	reader.Advance(len(line) - 1)
	return gparser.Continue | gparser.NoChildren
}

// Close implements gparser.BlockParser.
func (mathBlockParser) Close(node gast.Node, reader text.Reader, pc gparser.Context) {}

// CanInterruptParagraph implements gparser.BlockParser.
func (mathBlockParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements gparser.BlockParser.
func (mathBlockParser) CanAcceptIndentedLine() bool { return true }

// mathExtension adds the math parsers to goldmark.
type mathExtension struct{}

// Extend implements goldmark.Extender.
func (mathExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		gparser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 150)),
		gparser.WithInlineParsers(util.Prioritized(mathInlineParser{}, 150)),
	)
}

// mathSource is the TeX source of segs and, for an error at a byte offset
// of it, the source offset (relative to the slide body) it stands at.
func mathSource(body []byte, segs []text.Segment) (string, func(int) int) {
	var b []byte
	for _, s := range segs {
		b = append(b, s.Value(body)...)
	}
	at := func(off int) int {
		for _, s := range segs {
			if off < s.Len() {
				return s.Start + off
			}
			off -= s.Len()
		}
		if n := len(segs); n > 0 {
			return segs[n-1].Stop
		}
		return 0
	}
	return string(b), at
}

// formula checks a formula and reports its error at its place in the deck.
func (c *mdConv) formula(segs []text.Segment, fallback Pos) (string, bool) {
	src, at := mathSource(c.body, segs)
	if err := texmath.Check(src); err != nil {
		pos := fallback
		var e *texmath.Error
		if errors.As(err, &e) {
			pos = c.src.pos(c.base + at(e.Offset))
		}
		c.errs.Add(pos, "%s", err.Error())
		return src, false
	}
	return src, true
}
