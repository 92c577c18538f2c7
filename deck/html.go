package deck

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML in slides is read for its meaning, never printed raw: tags are
// dropped with their text kept, <b>, <a href>, <code>, <s> and their kin
// style the text, <br> breaks the line, <img> is an image, comments are
// notes or Marp directives, and Vue components of Slidev decks either keep
// their text or are replaced by what they mean. The tokenizer is
// golang.org/x/net/html's; what a tag means for a slide is ours.

// htmlStyle counts the inline styling tags that are open.
type htmlStyle struct {
	bold, italic, code, strike int
	link                       []string
}

func (h *htmlStyle) apply(s Span) Span {
	s.Bold = s.Bold || h.bold > 0
	s.Italic = s.Italic || h.italic > 0
	s.Code = s.Code || h.code > 0
	s.Strike = s.Strike || h.strike > 0
	if len(h.link) > 0 && s.Link == "" {
		s.Link = h.link[len(h.link)-1]
	}
	return s
}

// tag opens or closes an inline style; it reports whether name is one.
func (h *htmlStyle) tag(name string, open bool, attr map[string]string) bool {
	d := 1
	if !open {
		d = -1
	}
	switch name {
	case "b", "strong":
		h.bold = max(0, h.bold+d)
	case "i", "em", "cite", "var", "dfn":
		h.italic = max(0, h.italic+d)
	case "code", "kbd", "samp", "tt":
		h.code = max(0, h.code+d)
	case "s", "del", "strike":
		h.strike = max(0, h.strike+d)
	case "a":
		if open {
			h.link = append(h.link, attr["href"])
		} else if len(h.link) > 0 {
			h.link = h.link[:len(h.link)-1]
		}
	default:
		return false
	}
	return true
}

// blockTags end a paragraph: text after them starts a new block.
var blockTags = []string{"p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "blockquote", "center", "figure", "figcaption", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary", "form"}

// transparentComponents are Slidev components whose content is shown as
// it is: click animations (a PDF shows the final state) and wrappers.
var transparentComponents = []string{"v-click", "v-clicks", "v-after", "v-click-hide", "v-switch", "v-drag", "v-motion", "transform", "autofittext", "renderwhen", "link", "slidevvideo", "clicks", "template", "v-mark"}

// iconPrefixes are Iconify collections used as Slidev icon components
// (<carbon-logo-github/>, <mdi:home/>).
var iconPrefixes = []string{"carbon", "mdi", "logos", "ri", "ph", "uim", "uil", "fa", "fa6-solid", "fa6-brands", "fa-solid", "fa-brands", "twemoji", "material-symbols", "simple-icons", "tabler", "heroicons", "lucide", "bi", "ic", "octicon", "noto", "fluent", "la", "ion", "bx", "bxl", "akar-icons", "majesticons", "codicon", "vscode-icons", "devicon", "skill-icons", "openmoji", "emojione", "flat-color-icons", "icon-park", "ant-design", "eos-icons", "line-md", "mingcute", "solar", "svg-spinners", "teenyicons", "iconoir", "system-uicons", "clarity", "gg", "jam", "mdi-light", "streamline", "game-icons", "emojione-v1", "fluent-emoji", "fluent-emoji-flat", "cib", "cil", "ci", "healthicons", "grommet-icons", "academicons", "arcticons", "circle-flags", "flag", "flagpack", "i"}

// isIcon reports whether a tag names an icon component.
func isIcon(name string) bool {
	i := strings.IndexAny(name, ":-")
	if i <= 0 {
		return false
	}
	if name[i] == ':' {
		return true
	}
	for _, p := range iconPrefixes {
		if strings.HasPrefix(name, p+"-") && len(name) > len(p)+1 {
			return true
		}
	}
	return false
}

// htmlReader turns a run of HTML into blocks.
type htmlReader struct {
	c      *mdConv
	pos    Pos
	out    []Block
	spans  []Span
	head   int // heading level of the text being read, 0 for a paragraph
	style  htmlStyle
	skip   string // the element whose content is skipped (style, script)
	pre    int    // depth of <pre>
	hidden int    // depth of elements that are not shown
	raw    string // the source of the current token
}

// htmlBlock converts a raw HTML block.
func (c *mdConv) htmlBlock(raw string, pos Pos) []Block {
	r := &htmlReader{c: c, pos: pos}
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		r.raw = string(z.Raw())
		tok := z.Token()
		r.token(tok, tt)
	}
	r.flush()
	return rows(r.out)
}

func attrs(t html.Token) map[string]string {
	m := map[string]string{}
	for _, a := range t.Attr {
		m[strings.ToLower(a.Key)] = a.Val
	}
	return m
}

func (r *htmlReader) token(t html.Token, tt html.TokenType) {
	name := strings.ToLower(t.Data)
	if r.skip != "" {
		if tt == html.EndTagToken && name == r.skip {
			r.skip = ""
		}
		return
	}
	switch tt {
	case html.CommentToken:
		r.c.comment(t.Data, r.pos)
	case html.TextToken:
		if r.hidden > 0 {
			return
		}
		text := r.c.cleanText(t.Data)
		if r.pre == 0 {
			text = collapseSpace(text)
		}
		if strings.TrimSpace(text) == "" && len(r.spans) == 0 {
			return
		}
		r.spans = append(r.spans, r.style.apply(Span{Text: text}))
	case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
		r.tag(name, tt, attrs(t))
	}
}

func (r *htmlReader) tag(name string, tt html.TokenType, a map[string]string) {
	open := tt != html.EndTagToken
	selfClosing := tt == html.SelfClosingTagToken
	if r.style.tag(name, open, a) {
		return
	}
	switch {
	case name == "style" || name == "script":
		if name == "style" {
			r.c.p.warn.once("style", r.pos, "<style> ignored: layerdeck does not apply CSS; the theme draws the slides")
		}
		if open && !selfClosing {
			r.skip = name
		}
	case name == "br":
		r.lineBreak()
	case name == "img":
		if open {
			r.flush()
			if img := r.c.imgTag(a, r.pos); img != nil {
				r.out = append(r.out, img)
			}
		}
	case name == "iframe" || name == "video" || name == "audio" || name == "tweet" || name == "youtube" || name == "slidevvideo" && selfClosing:
		if open {
			r.embed(name, a)
		}
	case name == "toc" || name == "tableofcontents":
		if open {
			r.flush()
			r.out = append(r.out, &List{Pos: r.pos, toc: true})
		}
	case name == "pre":
		r.flush()
		if open {
			r.pre++
		} else {
			r.pre = max(0, r.pre-1)
		}
	case len(name) > 1 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && len(name) == 2:
		r.flush()
		if open {
			r.head = int(name[1] - '0')
		}
	case slices.Contains(blockTags, name):
		r.flush()
	case isIcon(name):
		r.c.p.warn.once("icon", r.pos, "icon components such as <%s/> are not drawn", tagName(r.raw, name))
	case slices.Contains(transparentComponents, name) || !strings.ContainsAny(name, "-:") && !isComponent(name):
		// Standard inline elements (span, small, sup, mark, u, …) and
		// animation wrappers: their content is shown as it is.
	default:
		r.c.p.warn.once("component "+name, r.pos, "component <%s> is drawn as its text content", tagName(r.raw, name))
	}
}

// isComponent reports whether a lower-cased tag is a Vue component rather
// than an HTML or SVG element: a name HTML does not define.
func isComponent(name string) bool {
	return atom.Lookup([]byte(name)) == 0 && !slices.Contains(svgElements, name)
}

// svgElements are SVG and MathML element names x/net/html's atoms lack.
var svgElements = []string{"g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "defs", "use", "tspan", "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern", "symbol", "marker", "foreignobject", "mrow", "msup", "msub", "mfrac", "center", "font", "big", "strike", "tt", "nobr"}

// embed shows an embedded page, video or post as a link to it.
func (r *htmlReader) embed(name string, a map[string]string) {
	url := a["src"]
	switch name {
	case "tweet":
		url = "https://twitter.com/i/status/" + a["id"]
	case "youtube":
		url = "https://www.youtube.com/watch?v=" + a["id"]
	}
	r.c.p.warn.once("embed "+name, r.pos, "<%s> ignored: a PDF cannot play or embed it; a link to it is shown", name)
	if url == "" {
		return
	}
	r.flush()
	r.out = append(r.out, &Paragraph{Spans: []Span{{Text: url, Link: url}}, Pos: r.pos})
}

func (r *htmlReader) lineBreak() {
	if n := len(r.spans); n > 0 {
		r.spans[n-1].Break = true
	}
}

// flush ends the paragraph or heading being read.
func (r *htmlReader) flush() {
	spans := mergeSpans(trimSpans(r.spans))
	r.spans = nil
	head := r.head
	r.head = 0
	if len(spans) == 0 {
		return
	}
	if head > 0 {
		r.out = append(r.out, &Heading{Level: head, Spans: spans, Pos: r.pos})
		return
	}
	r.out = append(r.out, &Paragraph{Spans: spans, Pos: r.pos})
}

var spaceRE = regexp.MustCompile(`[ \t\r\n]+`)

// collapseSpace folds white space as HTML does: a newline between two
// Japanese characters vanishes, any other run becomes one space.
func collapseSpace(s string) string {
	idx := spaceRE.FindAllStringIndex(s, -1)
	if idx == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range idx {
		b.WriteString(s[last:m[0]])
		before, _ := utf8.DecodeLastRuneInString(s[:m[0]])
		after, _ := utf8.DecodeRuneInString(s[m[1]:])
		if !(strings.Contains(s[m[0]:m[1]], "\n") && isWide(before) && isWide(after)) {
			b.WriteByte(' ')
		}
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// imgTag reads an <img> tag as an image.
func (c *mdConv) imgTag(a map[string]string, pos Pos) *Image {
	src := a["src"]
	if src == "" {
		c.p.warn.once("img without src", pos, "<img> without src ignored")
		return nil
	}
	img := &Image{Src: src, Alt: a["alt"], Pos: pos}
	img.Width = cssLength(a["width"])
	img.Height = cssLength(a["height"])
	return img
}

// cssLength reads a length in CSS pixels: 300, 300px; other units are 0.
func cssLength(s string) float64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 {
		return 0
	}
	return f
}

// inlineTag handles one inline HTML tag or comment of a paragraph.
func (c *mdConv) inlineTag(raw string, pos Pos, out *[]Span) {
	if strings.HasPrefix(raw, "<!--") {
		body := strings.TrimSuffix(strings.TrimPrefix(raw, "<!--"), "-->")
		if strings.TrimSpace(body) == "fit" {
			c.fit = true
			return
		}
		c.comment(body, pos)
		return
	}
	z := html.NewTokenizer(strings.NewReader(raw))
	tt := z.Next()
	t := z.Token()
	name := strings.ToLower(t.Data)
	open := tt != html.EndTagToken
	switch {
	case tt == html.ErrorToken:
	case c.html.tag(name, open, attrs(t)):
	case name == "br":
		if n := len(*out); n > 0 {
			(*out)[n-1].Break = true
		}
	case isIcon(name):
		c.p.warn.once("icon", pos, "icon components such as <%s/> are not drawn", tagName(raw, name))
	case name == "img" || name == "style" || name == "script" || name == "toc" || name == "iframe" || name == "tweet" || name == "youtube":
		// Handled by the paragraph (img) or meaningless inline.
	case slices.Contains(transparentComponents, name) || !strings.ContainsAny(name, "-:") && !isComponent(name):
	default:
		c.p.warn.once("component "+name, pos, "component <%s> is drawn as its text content", tagName(raw, name))
	}
}

// comment reads an HTML comment: a Marp directive, or speaker notes.
func (c *mdConv) comment(body string, pos Pos) {
	if c.p.d.Dialect == DialectMarp {
		if dirs, ok := directiveComment(body, pos); ok {
			c.out.directives = append(c.out.directives, dirs...)
			return
		}
	}
	note := strings.TrimSpace(body)
	if note == "" {
		return
	}
	if c.trailing < 0 {
		c.trailing = len(c.out.notes)
	}
	c.out.notes = append(c.out.notes, note)
}

// htmlToken reads the first token of a raw tag.
func htmlToken(raw string) *html.Token {
	z := html.NewTokenizer(strings.NewReader(raw))
	if z.Next() == html.ErrorToken {
		return nil
	}
	t := z.Token()
	return &t
}

// tagName is a tag's name as written in raw (Slidev's components are
// PascalCase), or name when raw does not hold it.
func tagName(raw, name string) string {
	t := strings.TrimLeft(raw, "</")
	if len(t) >= len(name) && strings.EqualFold(t[:len(name)], name) {
		return t[:len(name)]
	}
	return name
}
