package deck

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	emojiast "github.com/yuin/goldmark-emoji/ast"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown is made on first use, not at initialisation: its emoji
// shortcode table alone is some two thousand allocations, which every
// command (layerdeck version too) paid.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Footnote, emoji.Emoji, mathExtension{}))
})

// slideBody is what a slide's Markdown holds.
type slideBody struct {
	title    []Span
	titlePos Pos
	titleFit bool
	// slots holds the blocks of each slot: "default", and those opened by
	// ::right:: or Slidev's ::name:: lines; order lists them as they open.
	slots   map[string][]Block
	slotPos map[string]Pos
	order   []string
	notes   []string
	// directives are the slide's Marp directive comments.
	directives  []directive
	backgrounds []*Image
}

// mdConv converts one slide's goldmark tree into blocks.
type mdConv struct {
	src    *source
	base   int // offset of the body in the file
	body   []byte
	number int // slide number
	p      *parser
	errs   *ErrorList
	out    slideBody
	// html is the style opened by inline HTML tags (<b>, <a href>, …).
	html htmlStyle
	// fit is set by a <!-- fit --> comment inside a heading.
	fit bool
	// lastComment is the index in out.notes of a comment after which no
	// content came yet (Slidev's notes are the slide's last comment).
	trailing int
	// nest is the depth of lists and quotes being read.
	nest         int
	nestReported bool
}

func parseBody(src *source, start, end, number int, p *parser) slideBody {
	c := &mdConv{src: src, base: start, body: src.text[start:end], number: number, p: p, errs: &p.errs, trailing: -1}
	c.out.slots = map[string][]Block{}
	c.out.slotPos = map[string]Pos{}
	c.out.order = []string{"default"}
	if line, cols := deepIndent(src, start, end); line > 0 {
		// goldmark's work grows with indentation times nesting: refuse a
		// body that only a nesting far past MaxNesting would indent so.
		c.errs.Add(Pos{File: src.file, Line: line, Col: 1}, "a line indented %d columns (at most %d outside code fences): lists nest at most %d deep", cols, maxIndent, MaxNesting)
		return c.out
	}
	ctx := gparser.NewContext()
	for _, r := range p.refs {
		ctx.AddReference(r)
	}
	doc := markdown().Parser().Parse(textReader(c.body), gparser.WithContext(ctx))
	slot := "default"
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*gast.Heading); ok && h.Level == 1 && c.takesTitle(slot) {
			if c.out.titlePos.IsValid() {
				c.errs.Add(c.pos(n), "a slide has one # title, and this one has it at line %d; start a new slide with a line ---", c.out.titlePos.Line)
				continue
			}
			c.fit = false
			reported := len(*c.errs)
			c.out.title = c.spans(h)
			c.out.titlePos = c.pos(n)
			c.out.titleFit = c.fit
			// A title refused for its length is not also empty.
			if len(c.out.title) == 0 && len(*c.errs) == reported && p.d.Dialect == DialectLayerdeck {
				c.errs.Add(c.pos(n), "empty # title")
			}
			c.trailing = -1
			continue
		}
		if para, ok := n.(*gast.Paragraph); ok {
			if name, ok := slotName(strings.TrimSpace(string(para.Lines().Value(c.body))), p.d.Dialect); ok {
				if _, seen := c.out.slotPos[name]; seen {
					c.errs.Add(c.pos(n), "a second ::%s:: in one slide", name)
				} else {
					c.out.slotPos[name] = c.pos(n)
					c.out.order = append(c.out.order, name)
				}
				slot = name
				continue
			}
		}
		blocks := c.block(n)
		if len(blocks) > 0 {
			c.trailing = -1
		}
		c.out.slots[slot] = append(c.out.slots[slot], blocks...)
	}
	if p.d.Dialect == DialectSlidev && len(c.out.notes) > 0 {
		// Slidev: the last comment of a slide is its notes; other
		// comments are hidden.
		if c.trailing >= 0 {
			c.out.notes = c.out.notes[c.trailing:]
		} else {
			c.out.notes = nil
		}
	}
	return c.out
}

// takesTitle reports whether a # heading in slot is the slide's title. In
// layerdeck's dialect a slide has one; in Marp's and Slidev's the first
// one before any text is the title and later ones are headings.
func (c *mdConv) takesTitle(slot string) bool {
	if c.p.d.Dialect == DialectLayerdeck {
		return true
	}
	if c.out.titlePos.IsValid() || slot != "default" {
		return false
	}
	for _, b := range c.out.slots[slot] {
		if _, img := b.(*Image); !img {
			return false
		}
	}
	return true
}

// slotName reads a slot line: ::right:: in every dialect, any ::name::
// in Slidev's.
func slotName(line string, d Dialect) (string, bool) {
	name, ok := strings.CutPrefix(line, "::")
	if !ok {
		return "", false
	}
	name, ok = strings.CutSuffix(name, "::")
	if !ok || name == "" || !idRE.MatchString(name) {
		return "", false
	}
	if d != DialectSlidev && name != "right" {
		return "", false
	}
	return name, true
}

// pos is the file position of a node.
func (c *mdConv) pos(n gast.Node) Pos {
	off := n.Pos()
	if off < 0 {
		off = firstOffset(n)
	}
	if off < 0 {
		off = 0
	}
	return c.src.pos(c.base + off)
}

// firstOffset finds the first source offset in n or its descendants.
func firstOffset(n gast.Node) int {
	if t, ok := n.(*gast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == gast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if off := ch.Pos(); off >= 0 {
			return off
		}
		if off := firstOffset(ch); off >= 0 {
			return off
		}
	}
	return -1
}

// block converts one block node (several blocks when a paragraph holds images).
func (c *mdConv) block(n gast.Node) []Block {
	pos := c.pos(n)
	switch n := n.(type) {
	case *gast.Heading:
		return []Block{&Heading{Level: n.Level, Spans: c.spans(n), Pos: pos}}
	case *gast.Paragraph, *gast.TextBlock:
		return c.paragraph(n, pos)
	case *gast.List:
		if !c.enter(pos) {
			return nil
		}
		defer c.leave()
		return []Block{c.list(n, pos)}
	case *gast.FencedCodeBlock:
		return c.fenced(n, pos)
	case *gast.CodeBlock:
		return []Block{&Code{Text: c.lines(n), Pos: pos}}
	case *gast.Blockquote:
		if !c.enter(pos) {
			return nil
		}
		defer c.leave()
		q := &Quote{Pos: pos}
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			q.Blocks = append(q.Blocks, c.block(ch)...)
		}
		return []Block{q}
	case *gast.HTMLBlock:
		raw := c.lines(n)
		if n.HasClosure() {
			raw += string(n.ClosureLine.Value(c.body))
		}
		return c.htmlBlock(raw, pos)
	case *gast.ThematicBreak:
		if c.p.d.Dialect == DialectLayerdeck {
			c.errs.Add(pos, "horizontal rules are not drawn; a line --- separates slides")
		} else {
			c.p.warn.once("ruler", pos, "horizontal rule ignored: rules inside a slide are not drawn")
		}
		return nil
	case *east.Table:
		if cells := tableCells(n); cells > MaxTableCells {
			c.errs.Add(pos, "a table of %d cells is more than a slide can show (at most %d): split it", cells, MaxTableCells)
			return nil
		}
		return []Block{c.table(n, pos)}
	case *mathBlock:
		if !n.closed {
			c.errs.Add(pos, "unterminated $$ formula: no closing $$")
			return nil
		}
		src, ok := c.formula(n.segs, pos)
		if !ok {
			return nil
		}
		return []Block{&Math{TeX: src, Pos: pos}}
	case *east.FootnoteList:
		l := &List{Ordered: true, Start: 1, Pos: pos}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			item := &ListItem{Pos: c.pos(it)}
			for ch := it.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if item.Spans == nil {
					item.Spans = c.spans(ch)
				} else {
					item.Children = append(item.Children, c.block(ch)...)
				}
			}
			l.Items = append(l.Items, item)
		}
		return []Block{l}
	}
	if n.Kind() == gast.KindLinkReferenceDefinition {
		return nil // [label]: url defines a link target; it draws nothing
	}
	c.errs.Add(pos, "unsupported Markdown element (%s)", n.Kind())
	return nil
}

func (c *mdConv) lines(n gast.Node) string {
	var b bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(c.body))
	}
	return b.String()
}

// paragraph splits images out of a paragraph; Marp's background images
// go to the slide.
func (c *mdConv) paragraph(n gast.Node, pos Pos) []Block {
	var out []Block
	var cur []gast.Node
	flush := func() {
		if spans := c.inlineList(cur); len(spans) > 0 {
			out = append(out, &Paragraph{Spans: spans, Pos: c.posOf(cur, pos)})
		}
		cur = nil
	}
	add := func(img *Image) {
		if img == nil {
			return
		}
		if img.Fit != "" || img.Split != "" || img.background {
			c.out.backgrounds = append(c.out.backgrounds, img)
			return
		}
		flush()
		out = append(out, img)
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch x := ch.(type) {
		case *gast.Image:
			add(c.image(string(x.Destination), c.plain(x), c.pos(x)))
			continue
		case *mathNode:
			if x.display {
				// $$…$$ in a paragraph is a block of its own, centred.
				flush()
				pos := c.pos(x)
				if len(x.segs) > 0 {
					pos = c.src.pos(c.base + x.segs[0].Start)
				}
				if src, ok := c.formula(x.segs, pos); ok {
					out = append(out, &Math{TeX: src, Pos: pos})
				}
				continue
			}
		case *gast.RawHTML:
			raw := c.rawText(x)
			if strings.HasPrefix(strings.ToLower(raw), "<img") {
				if t := htmlToken(raw); t != nil {
					add(c.imgTag(attrs(*t), c.pos(x)))
				}
				continue
			}
		}
		cur = append(cur, ch)
	}
	flush()
	// A paragraph of only backgrounds leaves no block behind; images next
	// to each other in one paragraph make a row.
	return rows(out)
}

// rows joins runs of two or more consecutive images into image rows.
func rows(bs []Block) []Block {
	var out []Block
	for i := 0; i < len(bs); {
		j := i
		for j < len(bs) {
			if _, ok := bs[j].(*Image); !ok {
				break
			}
			j++
		}
		if j-i >= 2 {
			row := &ImageRow{Pos: bs[i].Position()}
			for _, b := range bs[i:j] {
				row.Images = append(row.Images, b.(*Image))
			}
			out = append(out, row)
			i = j
			continue
		}
		out = append(out, bs[i])
		i++
	}
	return out
}

func (c *mdConv) posOf(nodes []gast.Node, def Pos) Pos {
	for _, n := range nodes {
		if off := n.Pos(); off >= 0 {
			return c.src.pos(c.base + off)
		}
	}
	return def
}

func (c *mdConv) list(n *gast.List, pos Pos) *List {
	l := &List{Ordered: n.IsOrdered(), Pos: pos}
	if l.Ordered {
		l.Start = n.Start
	}
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		item := &ListItem{Pos: c.pos(it)}
		for ch := it.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch.(type) {
			case *gast.Paragraph, *gast.TextBlock:
				if item.Spans == nil && item.Children == nil {
					item.Spans = c.spans(ch)
					continue
				}
			}
			item.Children = append(item.Children, c.block(ch)...)
		}
		l.Items = append(l.Items, item)
	}
	return l
}

// tableCells counts the cells of a table, header included.
func tableCells(n *east.Table) int {
	cells := 0
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		cells += row.ChildCount()
	}
	return cells
}

func (c *mdConv) table(n *east.Table, pos Pos) *Table {
	t := &Table{Pos: pos}
	for _, a := range n.Alignments {
		t.Align = append(t.Align, map[east.Alignment]Align{east.AlignLeft: AlignLeft, east.AlignCenter: AlignCenter, east.AlignRight: AlignRight}[a])
	}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]Span
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, c.spans(cell))
		}
		if _, ok := row.(*east.TableHeader); ok {
			t.Header = cells
		} else {
			t.Rows = append(t.Rows, cells)
		}
	}
	return t
}

// fenced turns layerflow, dot and Mermaid flowchart blocks into
// diagrams, others into code. Mermaid diagrams of other kinds and
// PlantUML are shown as code with a warning.
func (c *mdConv) fenced(n *gast.FencedCodeBlock, pos Pos) []Block {
	lang, name, info := "", "", ""
	if n.Info != nil {
		raw := strings.TrimSpace(string(n.Info.Segment.Value(c.body)))
		fields := strings.Fields(raw)
		if len(fields) > 0 {
			lang = fields[0]
			info = strings.TrimSpace(raw[len(lang):])
			// ```go{3} and ```go[main.go]: the language ends at the brace.
			if i := strings.IndexAny(lang, "{["); i > 0 {
				lang, info = lang[:i], strings.TrimSpace(lang[i:]+" "+info)
			}
		}
		if len(fields) > 1 {
			name = fields[1]
		}
	}
	body := c.lines(n)
	firstLine := pos.Line + 1
	if n.Lines().Len() > 0 {
		firstLine = c.src.pos(c.base + n.Lines().At(0).Start).Line
	}
	if strings.Contains(info, "magic-move") {
		// Slidev's Shiki Magic Move animates from one code block to the
		// next; a PDF shows the final state, as slidev export does: the
		// last block.
		if last, lastLang, lastInfo, ok := lastFence(body); ok {
			return []Block{&Code{Lang: lastLang, Info: lastInfo, Text: last, Pos: pos}}
		}
	}
	switch lang {
	case "mermaid":
		// The diagram's kind is its first word, after blank lines, %%
		// comments and a --- front matter (as diagrams/mermaid.Kind).
		kind, at := "", 0
		lines := strings.Split(body, "\n")
		for i := 0; i < len(lines) && kind == ""; i++ {
			switch s := strings.TrimSpace(lines[i]); {
			case s == "---":
				for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "---"; i++ {
				}
			case s != "" && !strings.HasPrefix(s, "%%"):
				if f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == ';' }); len(f) > 0 {
					kind, at = f[0], i
				}
			}
		}
		if kind != "flowchart" && kind != "graph" && kind != "flowchart-elk" && kind != "" {
			kpos := Pos{File: c.src.file, Line: firstLine + at, Col: 1}
			c.p.warn.once("mermaid "+kind, kpos, "mermaid %s diagrams are not drawn: the block is shown as code; only flowchart and graph are drawn", kind)
			return []Block{&Code{Lang: lang, Info: info, Text: body, Pos: pos}}
		}
		// Slidev's options ({scale: 0.8, theme: …}) size and colour
		// Mermaid's web output: the theme draws the diagram here.
		if !idRE.MatchString(name) {
			name = ""
		}
	case "plantuml", "puml":
		c.p.warn.once("plantuml", pos, "plantuml diagrams are not drawn: the block is shown as code")
		return []Block{&Code{Lang: lang, Info: info, Text: body, Pos: pos}}
	case "layerflow", "dot":
	default:
		// The rest of another block's info string (Slidev's {2,3} line
		// highlights, title=, lines:true) styles the code.
		return []Block{&Code{Lang: lang, Info: info, Text: body, Pos: pos}}
	}
	if name != "" && !idRE.MatchString(name) {
		c.errs.Add(pos, "diagram name %q may hold only letters, digits, '_', '-' and '.'", name)
		name = ""
	}
	if name == "" {
		// A second unnamed diagram of a slide is slide-N-2, and so on.
		name = fmt.Sprintf("slide-%d", c.number)
		n := 1
		for _, bs := range c.out.slots {
			for _, b := range bs {
				if d, ok := b.(*DOT); ok && (d.Name == name || strings.HasPrefix(d.Name, name+"-")) {
					n++
				}
			}
		}
		if n > 1 && lang != "layerflow" {
			name = fmt.Sprintf("%s-%d", name, n)
		}
	}
	switch lang {
	case "layerflow":
		y := yamlDoc(c.src.file, []byte(body), firstLine, c.errs)
		if y == nil {
			c.errs.Add(pos, "empty layerflow block: it needs title, pattern and layers")
			return nil
		}
		return []Block{&LayerFlow{Stack: decodeStack(name, pos, y, c.errs), Pos: pos}}
	case "dot", "mermaid":
		if strings.TrimSpace(body) == "" {
			c.errs.Add(pos, "empty %s block", lang)
			return nil
		}
		d := &DOT{Name: name, Source: body, SourcePos: Pos{File: c.src.file, Line: firstLine, Col: 1}, Pos: pos}
		if lang == "mermaid" {
			d.Lang = lang
		}
		return []Block{d}
	}
	return []Block{&Code{Lang: lang, Info: info, Text: body, Pos: pos}}
}

// spans converts the inline children of n.
func (c *mdConv) spans(n gast.Node) []Span {
	var kids []gast.Node
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		kids = append(kids, ch)
	}
	return c.inlineList(kids)
}

func (c *mdConv) inlineList(nodes []gast.Node) []Span {
	var out []Span
	for _, n := range nodes {
		c.inline(n, Span{}, &out)
	}
	out = mergeSpans(trimSpans(out))
	n := 0
	for _, s := range out {
		n += utf8.RuneCountInString(s.Text)
	}
	if n > MaxBlockChars && len(nodes) > 0 {
		c.errs.Add(c.posOf(nodes, c.pos(nodes[0])), "a paragraph of %d characters is more than a slide can show (at most %d): split it", n, MaxBlockChars)
		return nil
	}
	return out
}

// Limits on what one slide may hold, so that no input makes layout work
// without bound; reaching one is a positioned error.
const (
	// MaxNesting is how deep lists and block quotes may nest.
	MaxNesting = 16
	// MaxBlockChars is the most characters a paragraph, heading, list
	// item or table cell may hold.
	MaxBlockChars = 20000
	// MaxTableCells is the most cells a table may have, header included.
	MaxTableCells = 5000
)

// enter counts one more level of nesting; past MaxNesting it reports the
// block and returns false.
func (c *mdConv) enter(pos Pos) bool {
	c.nest++
	if c.nest > MaxNesting {
		c.nest--
		if !c.nestReported {
			c.nestReported = true
			c.errs.Add(pos, "lists and quotes nest more than %d deep here", MaxNesting)
		}
		return false
	}
	return true
}

func (c *mdConv) leave() { c.nest-- }

// inline appends the spans of n, styled as st, to out.
func (c *mdConv) inline(n gast.Node, st Span, out *[]Span) {
	switch n := n.(type) {
	case *gast.Text:
		s := c.html.apply(st)
		// A backslash before punctuation is an escape (\$ is a dollar,
		// \* an asterisk), as CommonMark has it.
		s.Text = c.cleanText(string(util.UnescapePunctuations(n.Segment.Value(c.body))))
		// U+2028 and U+2029, the line and paragraph separators, break
		// the line as they say.
		for {
			i := strings.IndexAny(s.Text, "\u2028\u2029")
			if i < 0 {
				break
			}
			head := s
			head.Text, head.Break = s.Text[:i], true
			*out = append(*out, head)
			s.Text = s.Text[i+len("\u2028"):]
		}
		*out = append(*out, s)
		switch {
		case n.HardLineBreak():
			(*out)[len(*out)-1].Break = true
		case n.SoftLineBreak() && c.p.d.Dialect == DialectMarp:
			// Marp: a newline inside a paragraph is a line break.
			(*out)[len(*out)-1].Break = true
		case n.SoftLineBreak():
			*out = append(*out, Span{Text: "\n"}) // resolved by mergeSpans
		}
		return
	case *gast.String:
		s := c.html.apply(st)
		s.Text = string(n.Value)
		*out = append(*out, s)
		return
	case *mathNode:
		pos := Pos{}
		if len(n.segs) > 0 {
			pos = c.src.pos(c.base + n.segs[0].Start)
		}
		src, ok := c.formula(n.segs, pos)
		if ok {
			s := c.html.apply(st)
			s.Math, s.Text, s.Link = true, src, ""
			*out = append(*out, s)
		}
		return
	case *gast.CodeSpan:
		s := c.html.apply(st)
		s.Code = true
		s.Text = c.plain(n)
		*out = append(*out, s)
		return
	case *gast.Emphasis:
		if n.Level >= 2 {
			st.Bold = true
		} else {
			st.Italic = true
		}
	case *gast.Link:
		st.Link = string(n.Destination)
	case *gast.AutoLink:
		s := st
		s.Text = string(n.Label(c.body))
		s.Link = string(n.URL(c.body))
		*out = append(*out, s)
		return
	case *gast.Image:
		if c.p.d.Dialect == DialectLayerdeck {
			c.errs.Add(c.pos(n), "an image inside a list, table or heading is not supported; put it in a paragraph of its own")
		} else {
			c.p.warn.once("nested image", c.pos(n), "images inside a list, table or heading are not drawn; put the image in a paragraph of its own")
		}
		return
	case *gast.RawHTML:
		c.inlineTag(c.rawText(n), c.pos(n), out)
		return
	case *east.Strikethrough:
		st.Strike = true
	case *emojiast.Emoji:
		s := c.html.apply(st)
		s.Text = string(n.Value.Unicode)
		*out = append(*out, s)
		return
	case *east.FootnoteLink:
		s := st
		s.Text = fmt.Sprintf("[%d]", n.Index)
		*out = append(*out, s)
		return
	case *east.FootnoteBacklink:
		return
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c.inline(ch, st, out)
	}
}

// plain is the text of n's descendants without styling.
func (c *mdConv) plain(n gast.Node) string {
	var b strings.Builder
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *gast.Text:
			b.Write(ch.Segment.Value(c.body))
			if ch.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *gast.String:
			b.Write(ch.Value)
		default:
			b.WriteString(c.plain(ch))
		}
	}
	return b.String()
}

// mergeSpans resolves soft line breaks (nothing between two Japanese
// characters, a space otherwise) and joins neighbours of one style.
func mergeSpans(in []Span) []Span {
	var out []Span
	for i, s := range in {
		if s.Text == "\n" && !s.Bold && !s.Italic && !s.Code && !s.Strike && !s.Math && s.Link == "" && !s.Break {
			var before, after rune
			if len(out) > 0 {
				before, _ = utf8.DecodeLastRuneInString(out[len(out)-1].Text)
			}
			if i+1 < len(in) {
				after, _ = utf8.DecodeRuneInString(in[i+1].Text)
			}
			if isWide(before) || isWide(after) || before == 0 || after == 0 {
				continue
			}
			s.Text = " "
		}
		if s.Text == "" && !s.Break {
			continue
		}
		if n := len(out); n > 0 && !out[n-1].Break && !s.Math && sameStyle(out[n-1], s) {
			out[n-1].Text += s.Text
			out[n-1].Break = s.Break
			continue
		}
		out = append(out, s)
	}
	return out
}

// trimSpans drops leading and trailing white space of a span list.
func trimSpans(in []Span) []Span {
	for len(in) > 0 && strings.TrimSpace(in[0].Text) == "" && !in[0].Break {
		in = in[1:]
	}
	for len(in) > 0 && strings.TrimSpace(in[len(in)-1].Text) == "" && !in[len(in)-1].Break {
		in = in[:len(in)-1]
	}
	if len(in) > 0 {
		in[0].Text = strings.TrimLeft(in[0].Text, " \t")
		in[len(in)-1].Text = strings.TrimRight(in[len(in)-1].Text, " \t")
		in[len(in)-1].Break = false
	}
	return in
}

func sameStyle(a, b Span) bool {
	return a.Bold == b.Bold && a.Italic == b.Italic && a.Code == b.Code && a.Link == b.Link && a.Strike == b.Strike && a.Math == b.Math
}

// isWide reports whether r is a CJK character or full-width punctuation,
// across which a source line break joins without a space.
func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || r == 0x30FC
}

func textReader(b []byte) text.Reader { return text.NewReader(b) }

// linkRefs collects the link reference definitions ([label]: url) of a
// whole deck: as in Marp and Slidev, which read the deck as one Markdown
// document, a definition on one slide serves links on every slide.
func linkRefs(text []byte) []gparser.Reference {
	if !bytes.Contains(text, []byte("]:")) {
		return nil
	}
	ctx := gparser.NewContext()
	markdown().Parser().Parse(textReader(text), gparser.WithContext(ctx))
	return ctx.References()
}

// lastFence returns the last fenced code block of Markdown text: its body,
// language and the rest of its info string.
func lastFence(text string) (body, lang, info string, ok bool) {
	var marker string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if marker == "" {
			if m := leadingRun([]byte(t), '`'); m >= 3 {
				marker = t[:m]
				fields := strings.Fields(t[m:])
				lang, info, cur = "", "", nil
				if len(fields) > 0 {
					lang = fields[0]
					info = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t[m:]), lang))
					if i := strings.IndexAny(lang, "{["); i > 0 {
						lang, info = lang[:i], strings.TrimSpace(lang[i:]+" "+info)
					}
				}
			}
			continue
		}
		if strings.HasPrefix(t, marker) && strings.Trim(t, "`") == "" {
			body, ok, marker = strings.Join(cur, "\n")+"\n", true, ""
			continue
		}
		cur = append(cur, line)
	}
	return body, lang, info, ok
}

// maxIndent is the deepest indentation, in columns, of a line outside a
// code fence: enough for lists nested MaxNesting deep with wide markers.
const maxIndent = 8 * MaxNesting

// deepIndent finds the first line of src[start:end] outside code fences
// that is indented more than maxIndent columns; 0 if there is none.
func deepIndent(src *source, start, end int) (line, cols int) {
	first, last := src.pos(start).Line, src.pos(end).Line
	var f fence
	for n := first; n <= last && n <= src.lineCount(); n++ {
		text := src.line(n)
		if !f.open() {
			w := 0
			for _, b := range text {
				if b == ' ' {
					w++
				} else if b == '\t' {
					w += 4 - w%4
				} else {
					break
				}
			}
			if w > maxIndent && len(bytes.TrimSpace(text)) > 0 {
				return n, w
			}
		}
		f.update(text, n)
	}
	return 0, 0
}
