// Package deck reads a deck — Markdown slides with YAML front matter and
// layer stacks, specified in docs/FORMAT.md, in layerdeck's own dialect or
// as written for Marp or Slidev — into a validated model. Every element
// carries its FILE:LINE:COL position, and every problem is reported at
// one, all problems of a file at once.
package deck

import (
	"path/filepath"
	"strings"

	gparser "github.com/yuin/goldmark/parser"
)

// ReadFunc reads a file a deck names (a Slidev src: import): the path as
// written, joined to the directory of the file that names it (so relative
// to where the deck's own path is), or absolute.
type ReadFunc func(path string) ([]byte, error)

// Parse reads a deck from its source text. file names the source in
// positions. The returned error, if any, is an ErrorList; the deck is
// then still returned, as far as it could be read, so that later stages
// can report their problems too, but it must not be built. Parse checks
// everything the text alone decides; CheckFiles checks the files a deck
// names. Slidev's src: imports are refused; ParseFiles reads them.
func Parse(file string, text []byte) (*Deck, error) { return ParseFiles(file, text, nil) }

// ParseFiles is Parse with a reader for the Markdown files a deck imports.
func ParseFiles(file string, text []byte, read ReadFunc) (*Deck, error) {
	if e := checkText(file, text); e != nil {
		return nil, ErrorList{e}
	}
	text = normalizeNewlines(dropBOM(text))
	p := &parser{read: read}
	src := newSource(file, text)
	fmFirst, fmLast, bodyLine, ok := frontMatter(src, &p.errs)
	if !ok {
		return nil, p.errs.Err()
	}
	var fm *ynode
	if fmFirst > 0 {
		fm = yamlDoc(file, text[src.lineStart(fmFirst):src.lineStart(fmLast+1)], fmFirst, &p.errs)
	}
	d := &Deck{File: file, Lang: "ja", Aspect: "16:9", Theme: ThemeSettings{Name: "default"}, sources: map[string]*source{file: src}}
	d.Dialect = detectDialect(fm, text[src.lineStart(bodyLine):])
	p.d = d
	p.rules = splitRules{rulers: d.Dialect == DialectMarp, slideFM: d.Dialect != DialectMarp}
	if d.Dialect == DialectMarp {
		p.rules.divider = headingDivider(fm, text, &p.errs)
	}
	var first slideSettings
	p.decodeDeck(fm, src, &first)
	p.refs = linkRefs(text[src.lineStart(bodyLine):])
	p.slides(src, bodyLine, first, 0)
	if len(d.Slides) == 0 && len(p.errs) == 0 {
		p.errs.Add(Pos{File: file, Line: 1, Col: 1}, "a deck needs at least one slide")
	}
	resolveToc(d)
	checkDeck(d, &p.errs)
	d.Warnings = p.warn.done()
	if err := p.errs.Err(); err != nil {
		sanitize(d)
		return d, err
	}
	return d, nil
}

// parser holds the state of reading one deck and the files it imports.
type parser struct {
	d     *Deck
	errs  ErrorList
	warn  warnings
	read  ReadFunc
	rules splitRules
	// marp holds the local directives that carry over to the next slide.
	marp marpState
	// firstScoped are the front matter's scoped directives (_class: …),
	// which set the first slide only.
	firstScoped []directive
	// defaults are Slidev's default slide settings (headmatter defaults:).
	defaults *ynode
	// refs are the deck's link reference definitions.
	refs []gparser.Reference
}

// MaxSlides is the most slides a deck may have, imports included.
const MaxSlides = 1000

// maxImportDepth bounds nested src: imports.
const maxImportDepth = 8

// slides reads the slides of src from line on and appends them to the
// deck. first holds settings from the front matter for the first slide.
func (p *parser) slides(src *source, line int, first slideSettings, depth int) {
	raws := splitSlides(src, line, p.rules, &p.errs)
	for i, raw := range raws {
		last := i == len(raws)-1
		settings := slideSettings{}
		if p.defaults != nil {
			p.decodeSlide(p.defaults, &settings, true)
		}
		if i == 0 {
			settings.merge(first)
		}
		if raw.fmFirst > 0 {
			fm := src.text[src.lineStart(raw.fmFirst):src.lineStart(raw.fmLast+1)]
			p.decodeSlide(yamlDoc(src.file, fm, raw.fmFirst, &p.errs), &settings, false)
		}
		if settings.hide {
			continue
		}
		if settings.src != "" {
			p.importSlides(settings, depth)
			continue
		}
		blank := strings.TrimSpace(string(src.text[raw.bodyStart:raw.bodyEnd])) == ""
		if blank && raw.fmFirst == 0 && !(i == 0 && !first.isZero()) {
			// A trailing ---, or a separator right after the front matter
			// (so that the first slide can have front matter of its own).
			if last || i == 0 {
				continue
			}
			if p.d.Dialect == DialectLayerdeck {
				p.errs.Add(raw.pos, "empty slide: remove the extra --- line or write the slide")
				continue
			}
			// Marp and Slidev draw an empty slide as an empty page.
		}
		number := len(p.d.Slides) + 1
		if number > MaxSlides {
			p.errs.Add(raw.pos, "more than %d slides: a deck may have at most %d; split it into several decks", MaxSlides, MaxSlides)
			return
		}
		body := parseBody(src, raw.bodyStart, raw.bodyEnd, number, p)
		s := p.buildSlide(number, raw.pos, settings, body)
		p.applyMarp(s, body.directives)
		p.d.Slides = append(p.d.Slides, s)
	}
}

// importSlides reads the slides of a Slidev src: file in place of the
// slide that names it; the importing slide's keys apply to the first one.
func (p *parser) importSlides(st slideSettings, depth int) {
	if p.read == nil {
		p.errs.Add(st.srcPos, "src: %s cannot be imported here (only a deck read from a file can import others)", st.src)
		return
	}
	if depth >= maxImportDepth {
		p.errs.Add(st.srcPos, "src: %s: imports nested more than %d deep (an import cycle?)", st.src, maxImportDepth)
		return
	}
	path, _, _ := strings.Cut(st.src, "#")
	if strings.HasPrefix(path, "/") {
		// Slidev reads /pages/x.md from the project's root: the deck's
		// directory here, never the file system's root.
		path = filepath.Join(filepath.Dir(p.d.File), filepath.FromSlash(path))
	} else {
		// Relative to the file that names it, as Slidev resolves it.
		path = filepath.Join(filepath.Dir(st.srcPos.File), filepath.FromSlash(path))
	}
	if filepath.Ext(path) != ".md" {
		p.errs.Add(st.srcPos, "src: %s: only Markdown files (.md) can be imported", st.src)
		return
	}
	text, err := p.read(path)
	if err != nil {
		p.errs.Add(st.srcPos, "src: %s: %s", st.src, unwrapPathError(err))
		return
	}
	if e := checkText(path, text); e != nil {
		p.errs = append(p.errs, e)
		return
	}
	text = normalizeNewlines(dropBOM(text))
	src := newSource(path, text)
	p.d.sources[path] = src
	fmFirst, fmLast, bodyLine, ok := frontMatter(src, &p.errs)
	if !ok {
		return
	}
	st.src = ""
	if fmFirst > 0 {
		// The imported file's own front matter belongs to its first slide;
		// the importing slide's keys win.
		var own slideSettings
		p.decodeSlide(yamlDoc(path, text[src.lineStart(fmFirst):src.lineStart(fmLast+1)], fmFirst, &p.errs), &own, false)
		own.merge(st)
		st = own
	}
	p.slides(src, bodyLine, st, depth+1)
}

// sanitize drops what a deck with errors names but does not define, so
// that later stages can still report their own problems.
func sanitize(d *Deck) {
	for _, s := range d.Slides {
		if s.Diagram != "" && d.Stack(s.Diagram) == nil {
			s.Diagram, s.Layout = "", LayoutBullets
		}
		if s.Compare != nil && (len(s.Compare) != 2 || d.Stack(s.Compare[0]) == nil || d.Stack(s.Compare[1]) == nil || s.Compare[0] == s.Compare[1]) {
			s.Compare, s.Layout = nil, LayoutBullets
		}
		if s.Layout == LayoutDiagram && s.Diagram == "" && len(diagramBlocks(s.Blocks)) != 1 {
			s.Layout = LayoutBullets
		}
		if s.Layout == LayoutQuote && !hasQuote(s.Blocks) {
			s.Layout = LayoutBullets
		}
	}
	var stacks []*Stack
	for _, st := range d.Stacks {
		if len(st.Layers) > 0 {
			stacks = append(stacks, st)
		}
	}
	d.Stacks = stacks
}

// buildSlide applies the layout rules to a parsed slide.
func (p *parser) buildSlide(number int, pos Pos, st slideSettings, b slideBody) *Slide {
	errs := &p.errs
	s := &Slide{
		Number: number, Pos: pos, Layout: st.layout,
		Title: b.title, TitlePos: b.titlePos, TitleFit: b.titleFit,
		Diagram: st.diagram, DiagramPos: st.diagramPos,
		Compare: st.compare, ComparePos: st.comparePos,
		Notes: strings.Join(b.notes, "\n\n"), Center: st.center, Alt: st.alt,
	}
	s.Class = st.class
	s.Backgrounds = append(st.backgrounds, b.backgrounds...)
	p.placeSlots(s, st, b)
	if st.iframe != "" {
		s.Blocks = append(s.Blocks, &Paragraph{Spans: []Span{{Text: st.iframe, Link: st.iframe}}, Pos: pos})
	}
	if len(s.Title) == 0 && p.d.Dialect != DialectLayerdeck && len(s.Blocks) > 0 {
		// A Marp or Slidev slide whose first block is a heading of any
		// level is titled by it (## titles under headingDivider: 2).
		if h, ok := s.Blocks[0].(*Heading); ok {
			s.Title, s.TitlePos, s.Blocks = h.Spans, h.Pos, s.Blocks[1:]
		}
	}
	if len(s.Blocks) > 0 {
		if para, ok := s.Blocks[0].(*Paragraph); ok && st.isZero() && p.d.Dialect == DialectLayerdeck {
			t := PlainText(para.Spans)
			for _, k := range slideKeys {
				if strings.HasPrefix(t, k+":") {
					errs.Add(para.Pos, "this looks like slide front matter without its closing ---: add a line --- after the keys")
					break
				}
			}
		}
	}
	if s.Layout == "" {
		switch {
		case s.Diagram != "":
			s.Layout = LayoutDiagram
		case s.Compare != nil:
			s.Layout = LayoutCompare
		default:
			s.Layout = LayoutBullets
		}
	}
	if s.Diagram != "" && s.Layout != LayoutDiagram {
		errs.Add(s.DiagramPos, "the key diagram belongs in a diagram slide, not in a %s slide", s.Layout)
	}
	if s.Compare != nil && s.Layout != LayoutCompare {
		errs.Add(s.ComparePos, "the key compare belongs in a compare slide, not in a %s slide", s.Layout)
	}
	switch s.Layout {
	case LayoutCompare:
		if s.Compare == nil {
			errs.Add(pos, "a compare slide needs the key compare: [STACK, STACK]")
		}
	case LayoutDiagram:
		n := len(diagramBlocks(s.Blocks))
		switch {
		case s.Diagram != "" && n > 0:
			errs.Add(s.DiagramPos, "a diagram slide draws one diagram: this one has the key diagram and %d diagram block(s)", n)
		case s.Diagram == "" && n == 0:
			errs.Add(pos, "a diagram slide needs the key diagram: STACK or a ```layerflow or ```dot block")
		case n > 1:
			errs.Add(pos, "a diagram slide draws one diagram; this one has %d blocks (use layout: bullets to stack several)", n)
		}
	case LayoutQuote:
		if !hasQuote(s.Blocks) {
			if st.foreign || p.d.Dialect == DialectSlidev {
				// Slidev's quote layout (of the same name as layerdeck's)
				// quotes the slide's own text.
				s.Layout = LayoutEnd
			} else {
				errs.Add(pos, "a quote slide needs a block quote (a line starting with >)")
			}
		}
	}
	return s
}

// placeSlots puts the body's slots (::right:: and Slidev's named slots)
// where the layout draws them.
func (p *parser) placeSlots(s *Slide, st slideSettings, b slideBody) {
	s.Blocks = b.slots["default"]
	right, hasRight := b.slots["right"]
	switch {
	case s.Layout == LayoutTwoColumn && st.header:
		s.Top, s.Blocks = s.Blocks, b.slots["left"]
		s.Right = right
	case s.Layout == LayoutTwoColumn:
		s.Blocks = append(s.Blocks, b.slots["left"]...)
		s.Right = right
	case hasRight && p.d.Dialect == DialectLayerdeck:
		p.errs.Add(b.slotPos["right"], "::right:: belongs in a two-column slide (layout: two-column), not in a %s slide", orBullets(s.Layout))
		s.Blocks = append(s.Blocks, right...)
	default:
		for _, name := range b.order {
			if name != "default" {
				s.Blocks = append(s.Blocks, b.slots[name]...)
			}
		}
	}
}

func orBullets(l Layout) Layout {
	if l == "" {
		return LayoutBullets
	}
	return l
}

func diagramBlocks(bs []Block) []Block {
	var out []Block
	for _, b := range bs {
		switch b.(type) {
		case *LayerFlow, *DOT:
			out = append(out, b)
		}
	}
	return out
}

func hasQuote(bs []Block) bool {
	for _, b := range bs {
		if _, ok := b.(*Quote); ok {
			return true
		}
	}
	return false
}

// checkDeck validates what spans slides: stack references, unique diagram
// names, and the deck title.
func checkDeck(d *Deck, errs *ErrorList) {
	stackAt := map[string]Pos{}
	for _, s := range d.Stacks {
		stackAt[s.ID] = s.Pos
	}
	names := map[string]Pos{}
	claim := func(name string, pos Pos) {
		if prev, dup := names[name]; dup {
			errs.Add(pos, "diagram name %q is already used at %s", name, prev)
			return
		}
		names[name] = pos
	}
	for _, s := range d.Stacks {
		claim(s.ID, s.Pos)
	}
	for _, sl := range d.Slides {
		if sl.Diagram != "" {
			if _, ok := stackAt[sl.Diagram]; !ok {
				errs.Add(sl.DiagramPos, "diagram names unknown stack %q (stacks: %s)", sl.Diagram, stackList(d))
			}
		}
		for _, id := range sl.Compare {
			if _, ok := stackAt[id]; !ok {
				errs.Add(sl.ComparePos, "compare names unknown stack %q (stacks: %s)", id, stackList(d))
			}
		}
		if len(sl.Compare) == 2 && sl.Compare[0] == sl.Compare[1] {
			errs.Add(sl.ComparePos, "compare names stack %q twice", sl.Compare[0])
		}
		for _, b := range diagramBlocks(append(append(append([]Block{}, sl.Top...), sl.Blocks...), sl.Right...)) {
			switch b := b.(type) {
			case *LayerFlow:
				claim(b.Stack.ID, b.Pos)
			case *DOT:
				claim(b.Name, b.Pos)
			}
		}
	}
	if d.Title == "" && len(d.Slides) > 0 {
		d.Title = d.Slides[0].TitleText()
	}
}

func stackList(d *Deck) string {
	var ids []string
	for _, s := range d.Stacks {
		ids = append(ids, s.ID)
	}
	return listOrNone(ids)
}
