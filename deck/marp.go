package deck

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// directive is one Marp directive: from the front matter or a comment.
type directive struct {
	key  string // with its leading '_' if scoped
	val  string // the text after the colon
	node *ynode // the YAML value, when it came from the front matter
	pos  Pos
}

// marpState is the look Marp's local directives set; it carries over from
// slide to slide.
type marpState struct {
	look Look
	// bgImage is the backgroundImage directive's picture.
	bgImage *Image
}

var directiveLineRE = regexp.MustCompile(`^\s*(_?[A-Za-z]+)\s*:\s*(.*?)\s*$`)

// directiveComment reads an HTML comment's text (what stands between
// "<!--" and "-->", the comment starting at pos) as Marp directives. It
// reports false, and no directives, unless every line is one, so that
// other comments stay speaker notes. A comment fenced like front matter
// (<!--- … --->) is read the same. Each directive is positioned at its
// key.
func directiveComment(text string, pos Pos) ([]directive, bool) {
	var out []directive
	lines := strings.Split(text, "\n")
	if strings.HasPrefix(strings.TrimSpace(text), "-") {
		// <!--- … --->: the fences' dashes are not directives.
		for i, l := range lines {
			if t := strings.TrimSpace(l); t != "" && strings.Trim(t, "-") == "" {
				lines[i] = ""
			}
		}
		if n := len(lines) - 1; n >= 0 {
			lines[0] = strings.TrimLeft(lines[0], "-")
			lines[n] = strings.TrimRight(lines[n], "-")
		}
	}
	at := func(i int, line string) Pos {
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		if i == 0 {
			return Pos{File: pos.File, Line: pos.Line, Col: pos.Col + len("<!--") + indent}
		}
		return Pos{File: pos.File, Line: pos.Line + i, Col: 1 + indent}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if strings.TrimSpace(line) == "" {
			continue
		}
		m := directiveLineRE.FindStringSubmatch(line)
		if m == nil || !isDirective(m[1]) {
			return nil, false
		}
		key := at(i, line)
		val := m[2]
		if val == "|" || val == ">" || val == "|-" || val == ">-" {
			// A YAML block scalar: the indented lines that follow.
			var block []string
			for i+1 < len(lines) && (strings.HasPrefix(lines[i+1], " ") || strings.HasPrefix(lines[i+1], "\t") || strings.TrimSpace(lines[i+1]) == "") {
				i++
				block = append(block, strings.TrimSpace(lines[i]))
			}
			val = strings.Join(block, "\n")
		}
		out = append(out, directive{key: m[1], val: unquote(val), pos: key})
	}
	return out, len(out) > 0
}

// isDirective reports whether key is a Marp directive.
func isDirective(key string) bool {
	if k, scoped := strings.CutPrefix(key, "_"); scoped {
		return slices.Contains(marpLocal, k)
	}
	return slices.Contains(marpLocal, key) || slices.Contains(marpGlobal, key) || slices.Contains(marpCLI, key)
}

// directive applies a directive of the front matter: a global one to the
// deck, a local one to every slide, a scoped one to the first.
func (p *parser) directive(dv directive, fromFM bool) {
	k := strings.TrimPrefix(dv.key, "_")
	if !slices.Contains(marpLocal, k) {
		p.global(dv)
		return
	}
	if dv.key != k {
		p.firstScoped = append(p.firstScoped, dv)
		return
	}
	p.local(&p.marp, dv)
}

// global applies a Marp global directive to the deck.
func (p *parser) global(dv directive) {
	d := p.d
	switch dv.key {
	case "theme":
		if dv.node == nil {
			d.Theme.Name, d.Theme.Pos = dv.val, dv.pos
		}
	case "size":
		switch dv.val {
		case "16:9", "4:3":
			d.Aspect = dv.val
		default:
			p.warn.once("size", dv.pos, "size %q ignored: slides are 16:9 or 4:3; 16:9 is used", dv.val)
		}
	case "lang":
		if langRE.MatchString(dv.val) {
			d.Lang = dv.val
		}
	case "title":
		d.Title = dv.val
	case "author":
		d.Author = dv.val
	case "description":
		d.Description = dv.val
	case "keywords":
		d.Keywords = splitList(strings.Trim(dv.val, "[]"))
	case "style":
		p.warn.once("style", dv.pos, "style ignored: layerdeck does not apply CSS; the theme draws the slides")
	case "math":
		// katex and mathjax: both are set by layerdeck's own typesetter.
	case "transition":
		p.warn.once("transition", dv.pos, "transition ignored: a PDF has no transitions")
	case "headingDivider", "marp", "image", "url", "inlineSVG", "html":
		// headingDivider is applied while splitting; the others are
		// metadata or settings of Marp's HTML output.
	}
}

// local applies a Marp local directive to st.
func (p *parser) local(st *marpState, dv directive) {
	k := strings.TrimPrefix(dv.key, "_")
	switch k {
	case "paginate":
		st.look.Paginate = dv.val == "true"
	case "header":
		st.look.Header = p.inlineSpans(dv.val)
	case "footer":
		st.look.Footer = p.inlineSpans(dv.val)
	case "class":
		st.look.Class = strings.Fields(dv.val)
		if dv.node != nil && dv.node.kind == ySeq {
			st.look.Class = classList(dv.node)
		}
	case "backgroundColor":
		st.look.Background = p.color(dv)
	case "color":
		st.look.Color = p.color(dv)
	case "backgroundImage":
		st.bgImage = p.cssImage(dv)
	case "backgroundSize":
		if st.bgImage != nil {
			img := *st.bgImage
			img.Fit = cssFit(dv.val)
			st.bgImage = &img
		}
	case "backgroundPosition", "backgroundRepeat":
		p.warn.once(k, dv.pos, "%s ignored: backgrounds are centred and not repeated", k)
	}
}

// applyMarp sets a slide's look from the carried-over directives and the
// slide's own directive comments.
func (p *parser) applyMarp(s *Slide, dirs []directive) {
	if p.d.Dialect != DialectMarp && len(dirs) == 0 {
		return
	}
	if s.Number == 1 {
		dirs = append(append([]directive{}, p.firstScoped...), dirs...)
	}
	for _, dv := range dirs {
		if !strings.HasPrefix(dv.key, "_") {
			if slices.Contains(marpLocal, dv.key) {
				p.local(&p.marp, dv)
			} else {
				p.global(dv)
			}
		}
	}
	st := p.marp
	for _, dv := range dirs {
		if strings.HasPrefix(dv.key, "_") {
			p.local(&st, dv)
		}
	}
	bgs := s.Backgrounds
	s.Look = st.look
	s.Backgrounds = bgs
	if len(s.Backgrounds) == 0 && st.bgImage != nil {
		img := *st.bgImage
		s.Backgrounds = []*Image{&img}
	}
}

// color reads a CSS colour: a name, #rgb, #rrggbb or rgb(r, g, b).
func (p *parser) color(dv directive) *Color {
	if c, ok := ParseColor(dv.val); ok {
		return &c
	}
	p.warn.once("color "+dv.val, dv.pos, "%s %q ignored: not a colour layerdeck reads (a name, #rgb, #rrggbb or rgb(r, g, b))", strings.TrimPrefix(dv.key, "_"), dv.val)
	return nil
}

var rgbRE = regexp.MustCompile(`^rgba?\(\s*(\d+)\s*[, ]\s*(\d+)\s*[, ]\s*(\d+)\s*(?:[,/]\s*[\d.]+%?\s*)?\)$`)

// ParseColor reads a CSS colour: a name, #rgb, #rrggbb or rgb(r, g, b).
func ParseColor(s string) (Color, bool) {
	// A CSS declaration's semicolon (color: black;) is no part of it.
	s = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ";")))
	if c, ok := colornames.Map[s]; ok {
		return Color{c.R, c.G, c.B}, true
	}
	if h, ok := strings.CutPrefix(s, "#"); ok {
		if len(h) == 3 || len(h) == 4 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) == 8 {
			h = h[:6]
		}
		if v, err := strconv.ParseUint(h, 16, 32); err == nil && len(h) == 6 {
			return Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
		}
		return Color{}, false
	}
	if m := rgbRE.FindStringSubmatch(s); m != nil {
		var c [3]uint8
		for i := range c {
			n, _ := strconv.Atoi(m[i+1])
			c[i] = uint8(min(n, 255))
		}
		return Color{c[0], c[1], c[2]}, true
	}
	return Color{}, false
}

var cssURLRE = regexp.MustCompile(`^url\(\s*['"]?([^'")]+)['"]?\s*\)$`)

// cssImage reads backgroundImage: url(...); gradients are warned about.
func (p *parser) cssImage(dv directive) *Image {
	if m := cssURLRE.FindStringSubmatch(strings.TrimSpace(dv.val)); m != nil {
		return &Image{Src: m[1], Pos: dv.pos}
	}
	if dv.val != "" && dv.val != "none" {
		p.warn.once("backgroundImage", dv.pos, "backgroundImage %q ignored: only url(...) images are drawn", dv.val)
	}
	return nil
}

// headingDivider reads Marp's headingDivider from the front matter or a
// comment: the heading levels that start a new slide.
func headingDivider(fm *ynode, text []byte, errs *ErrorList) [7]bool {
	var val string
	if fm != nil && fm.kind == yMap {
		for _, pr := range fm.pairs {
			if pr.key == "headingDivider" {
				val = pr.val.str
				if pr.val.kind == ySeq {
					var xs []string
					for _, it := range pr.val.items {
						xs = append(xs, it.str)
					}
					val = "[" + strings.Join(xs, ",") + "]"
				}
			}
		}
	}
	for _, m := range dividerCommentRE.FindAllSubmatch(text, -1) {
		val = string(m[1])
	}
	var out [7]bool
	val = strings.TrimSpace(val)
	if strings.HasPrefix(val, "[") {
		for _, f := range splitList(strings.Trim(val, "[]")) {
			if n, err := strconv.Atoi(f); err == nil && n >= 1 && n <= 6 {
				out[n] = true
			}
		}
		return out
	}
	if n, err := strconv.Atoi(val); err == nil && n >= 1 && n <= 6 {
		for i := 1; i <= n; i++ {
			out[i] = true
		}
	}
	return out
}

var dividerCommentRE = regexp.MustCompile(`<!--\s*headingDivider\s*:\s*([^\n]*?)\s*-->`)
