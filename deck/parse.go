// Package deck reads a layerdeck deck — Markdown slides with YAML front
// matter and layer stacks, specified in docs/FORMAT.md — into a validated
// model. Every element carries its FILE:LINE:COL position, and every
// problem is reported at one, all problems of a file at once.
package deck

import (
	"strings"
)

// Parse reads a deck from its source text. file names the source in
// positions. The returned error, if any, is an ErrorList. Parse checks
// everything the text alone decides; CheckFiles checks the files a deck
// names.
func Parse(file string, text []byte) (*Deck, error) {
	if e := checkText(file, text); e != nil {
		return nil, ErrorList{e}
	}
	var errs ErrorList
	src := newSource(file, text)
	split := splitFile(src, &errs)
	d := &Deck{File: file, Lang: "ja", Aspect: "16:9", Theme: ThemeSettings{Name: "default"}}
	var first slideSettings
	if split.fmFirst > 0 {
		fm := text[src.lineStart(split.fmFirst):src.lineStart(split.fmLast+1)]
		decodeDeck(yamlDoc(file, fm, split.fmFirst, &errs), d, &first, &errs)
	}
	if len(errs) > 0 && len(split.slides) == 0 {
		return nil, errs.Err()
	}
	for i, raw := range split.slides {
		last := i == len(split.slides)-1
		settings := slideSettings{}
		if i == 0 {
			settings = first
		}
		if raw.fmFirst > 0 {
			fm := text[src.lineStart(raw.fmFirst):src.lineStart(raw.fmLast+1)]
			decodeSlide(yamlDoc(file, fm, raw.fmFirst, &errs), &settings, &errs)
		}
		blank := strings.TrimSpace(string(text[raw.bodyStart:raw.bodyEnd])) == ""
		if blank && raw.fmFirst == 0 && !(i == 0 && !first.isZero()) {
			// A trailing ---, or a separator right after the front matter
			// (so that the first slide can have front matter of its own).
			if last || i == 0 {
				continue
			}
			errs.Add(raw.pos, "empty slide: remove the extra --- line or write the slide")
			continue
		}
		number := len(d.Slides) + 1
		body := parseBody(src, raw.bodyStart, raw.bodyEnd, number, &errs)
		d.Slides = append(d.Slides, buildSlide(number, raw.pos, settings, body, &errs))
	}
	if len(d.Slides) == 0 && len(errs) == 0 {
		errs.Add(Pos{File: file, Line: 1, Col: 1}, "a deck needs at least one slide")
	}
	checkDeck(d, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

// buildSlide applies the layout rules to a parsed slide.
func buildSlide(number int, pos Pos, st slideSettings, b slideBody, errs *ErrorList) *Slide {
	s := &Slide{
		Number: number, Pos: pos, Layout: st.layout,
		Title: b.title, TitlePos: b.titlePos, Blocks: b.left, Right: b.right,
		Diagram: st.diagram, DiagramPos: st.diagramPos,
		Compare: st.compare, ComparePos: st.comparePos,
		Notes: strings.Join(b.notes, "\n\n"),
	}
	if len(b.left) > 0 {
		if p, ok := b.left[0].(*Paragraph); ok && st.isZero() {
			t := PlainText(p.Spans)
			for _, k := range slideKeys {
				if strings.HasPrefix(t, k+":") {
					errs.Add(p.Pos, "this looks like slide front matter without its closing ---: add a line --- after the keys")
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
	if b.rightPos.IsValid() && s.Layout != LayoutTwoColumn {
		errs.Add(b.rightPos, "::right:: belongs in a two-column slide (layout: two-column), not in a %s slide", s.Layout)
		s.Blocks = append(s.Blocks, s.Right...)
		s.Right = nil
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
			errs.Add(pos, "a quote slide needs a block quote (a line starting with >)")
		}
	}
	return s
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
		for _, b := range diagramBlocks(append(append([]Block{}, sl.Blocks...), sl.Right...)) {
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
