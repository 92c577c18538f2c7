package layout

import (
	"fmt"
	"math"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/diagrams"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// layoutSlide composes one page: its backgrounds, then its content in the
// part of the page a split background leaves.
func (e *engine) layoutSlide(s *deck.Slide) (*display.Page, error) {
	defer e.restyle(s)()
	p := &display.Page{Width: e.w, Height: e.h}
	back := e.pageBackground()
	full := e.w
	split := splitOf(s)
	if split != nil {
		e.w = full * (1 - split.Share)
	}
	e.layoutContent(s, p)
	if split != nil {
		e.w = full
		if split.Split == "left" {
			display.Translate(p.Items, full*split.Share, 0)
		}
	}
	p.Items = append(append(back, e.backgrounds(s, split)...), p.Items...)
	return p, nil
}

// layoutContent composes a slide's content by its layout.
func (e *engine) layoutContent(s *deck.Slide, p *display.Page) {
	switch s.Layout {
	case deck.LayoutTitle:
		e.titleSlide(s, p)
		if e.d.Dialect != deck.DialectLayerdeck {
			e.chrome(s, p)
		}
		return
	case deck.LayoutSection:
		e.sectionSlide(s, p)
	case deck.LayoutQuote:
		e.quoteSlide(s, p)
	case deck.LayoutEnd:
		e.endSlide(s, p)
	default:
		if e.centred(s) && s.Layout == deck.LayoutBullets {
			e.centered(s, p)
			break
		}
		start := len(p.Items)
		top := e.slideTitle(s, p)
		bottom := e.body(s, p, top)
		if e.titleInFlow(s) && e.th.Balance == theme.BalanceCenter {
			// Marp's themes centre a slide's content, its title
			// included, vertically.
			display.Translate(p.Items[start:], 0, math.Max(0, (e.bodyBottom()-bottom)/2))
		}
	}
	if e.d.Dialect == deck.DialectLayerdeck {
		e.footer(s, p)
	} else {
		e.chrome(s, p)
	}
}

// centred reports whether the slide is centred: by its own setting
// (Slidev's center layout) or by the theme and the slide's classes
// (uncover, the lead class).
func (e *engine) centred(s *deck.Slide) bool {
	return s != nil && (s.Center || e.th.Center)
}

// titleInFlow reports whether the slide's title is part of its content,
// balanced with it, as a heading of a Marp slide is; elsewhere the title
// stands at the top and the body is balanced below it.
func (e *engine) titleInFlow(s *deck.Slide) bool {
	return e.d.Dialect == deck.DialectMarp && (s.Layout == deck.LayoutBullets || s.Layout == deck.LayoutTwoColumn)
}

// contentWidth is the width between the side margins.
func (e *engine) contentWidth() float64 { return e.w - 2*e.th.MarginX }

// bodyBottom is the lowest y body content may reach, above the footer.
func (e *engine) bodyBottom() float64 { return e.h - e.th.MarginBottom - e.th.FooterSize }

// slideTitle draws the "# " title with its accent bar and returns the y
// where the body starts.
func (e *engine) slideTitle(s *deck.Slide, p *display.Page) float64 {
	top := e.th.MarginTop
	if len(s.Title) == 0 {
		return top
	}
	st := textStyle{size: e.th.TitleSize, bold: true, color: e.th.Title}
	if s.TitleFit {
		// Marp's <!-- fit -->: the title fills the width on one line.
		if w := e.br.Measure(spansToPara(s.Title, st).runs); w > 0 {
			st.size = math.Min(st.size*e.contentWidth()/w*0.98, e.th.TitleSize*4)
		}
	}
	tb := e.breakText(spansToPara(s.Title, st), e.contentWidth(), true, e.align(s))
	e.drawTagged(tb, e.th.MarginX, top, &p.Items, "H1")
	if e.centred(s) || !e.th.TitleBar {
		return top + tb.height + e.th.TitleSize*0.4
	}
	p.Items = append(p.Items, display.Item{Rect: &display.Rect{
		X: e.th.MarginX - 18, Y: top + tb.pitch*0.2, W: 6, H: tb.height - tb.pitch*0.4, Radius: 2,
		Fill: display.Paint{Color: e.th.Accent}, Stroke: display.NoPaint,
	}})
	return top + tb.height + e.th.TitleSize*0.4
}

// body lays out the slide's content below top, shrinking it to fit, and
// returns where it ends.
func (e *engine) body(s *deck.Slide, p *display.Page, top float64) float64 {
	avail := e.bodyBottom() - top
	width := e.contentWidth()
	var at func(sc float64) box
	switch s.Layout {
	case deck.LayoutTwoColumn:
		gap := e.th.MarginX * 0.75
		colW := (width - gap) / 2
		at = func(sc float64) box {
			head := e.flow(s.Top, width, avail, sc, 0)
			below := 0.0
			if head.h > 0 {
				below = head.h + e.th.BodySize*sc*0.6
			}
			l := e.flow(s.Blocks, colW, avail-below, sc, 0)
			r := e.flow(s.Right, colW, avail-below, sc, 0)
			r.place(colW+gap, 0, &l.items)
			l.place(0, below, &head.items)
			head.w, head.h = width, below+math.Max(l.h, r.h)
			return head
		}
	case deck.LayoutDiagram, deck.LayoutCompare:
		var src *diagrams.Source
		if s.Diagram != "" {
			st := e.d.Stack(s.Diagram)
			src = &diagrams.Source{Name: st.ID, Stack: st, Pos: s.DiagramPos}
		} else if len(s.Compare) == 2 {
			src = &diagrams.Source{Name: diagrams.CompareName(e.d, s.Compare), Pair: [2]*deck.Stack{e.d.Stack(s.Compare[0]), e.d.Stack(s.Compare[1])}, Pos: s.ComparePos}
		}
		at = func(sc float64) box {
			if src == nil {
				return e.flow(s.Blocks, width, avail, sc, 0)
			}
			// The text beside a diagram is its caption, set smaller
			// so that the diagram has the room.
			csc := sc * e.th.CaptionSize / e.th.BodySize
			rest := e.flow(s.Blocks, width, avail, csc, 0)
			gap := 0.0
			if rest.h > 0 {
				gap = e.th.BodySize * csc * 0.6
			}
			d := e.diagram(*src, width, math.Max(avail-rest.h-gap, minFlex))
			rest.place(0, d.h+gap, &d.items)
			d.h += gap + rest.h
			return d
		}
	default:
		at = func(sc float64) box { return e.flow(s.Blocks, width, avail, sc, 0) }
	}
	b := e.fit(s, avail, at)
	if e.centred(s) || (e.th.Balance == theme.BalanceCenter && !e.titleInFlow(s)) {
		top += math.Max(0, (avail-b.h)/2)
	}
	b.place(e.th.MarginX, top, &p.Items)
	return top + b.h
}

// centered lays out a centred slide (Marp's lead class, Slidev's center
// layout): title and body together in the middle of the page.
func (e *engine) centered(s *deck.Slide, p *display.Page) {
	avail := e.bodyBottom() - e.th.MarginTop
	width := e.contentWidth()
	at := func(sc float64) box {
		var out box
		out.w = width
		if len(s.Title) > 0 {
			st := textStyle{size: e.th.TitleSize * sc * 1.2, bold: true, color: e.th.Title}
			if s.TitleFit {
				if w := e.br.Measure(spansToPara(s.Title, st).runs); w > 0 {
					st.size = math.Min(st.size*width/w*0.98, e.th.TitleSize*4)
				}
			}
			t := e.textBox(spansToPara(s.Title, st), width, true, alignCenter)
			display.SetTag(t.items, &display.Tag{Role: "H1"})
			t.place(0, 0, &out.items)
			out.h = t.h + e.th.BodySize*sc*0.6
		}
		b := e.flow(s.Blocks, width, avail-out.h, sc, 0)
		centreLists(b.items, width)
		b.place(0, out.h, &out.items)
		out.h += b.h
		return out
	}
	b := e.fit(s, avail, at)
	b.place(e.th.MarginX, e.th.MarginTop+math.Max(0, (avail-b.h)/2), &p.Items)
}

// centreLists centres a centred slide's lists in width as blocks, their
// lines still aligned at the left, as Marp's centred themes set them. A
// list's items are contiguous: its text (tagged under its L element) and
// its bullets (untagged shapes between them); each list moves by half
// of the width its lines leave free.
func centreLists(items []display.Item, width float64) {
	start, right := -1, 0.0
	var cur *display.Tag
	flush := func(end int) {
		if cur != nil {
			display.Translate(items[start:end], math.Max(0, (width-right)/2), 0)
		}
		cur, start, right = nil, -1, 0
	}
	for i, it := range items {
		l := listOf(it.Tag)
		switch {
		case l != nil && l == cur:
		case l != nil:
			flush(i)
			cur, start = l, i
		case cur != nil && it.Tag == nil && it.Rect != nil:
			continue // a bullet
		default:
			flush(i)
			continue
		}
		if it.Text != nil {
			right = math.Max(right, it.Text.X+it.Text.Width)
		}
	}
	flush(len(items))
}

// listOf is the outermost list a tag belongs to, or nil.
func listOf(t *display.Tag) *display.Tag {
	var out *display.Tag
	for ; t != nil; t = t.Parent {
		if t.Role == "L" {
			out = t
		}
	}
	return out
}

// bodyAlign is how body text (paragraphs, list items) lines up: justified
// (Japanese text flush to both edges, per the theme) unless centred.
func (e *engine) bodyAlign() align {
	if a := e.align(e.slide); a != alignLeft {
		return a
	}
	return alignJustify
}

// align is how a slide's text lines up: centred on a centred slide.
func (e *engine) align(s *deck.Slide) align {
	if e.centred(s) {
		return alignCenter
	}
	return alignLeft
}

// scaleStep is how much each fitting step shrinks content.
const scaleStep = 0.05

// fit finds the largest scale, in steps down to the theme's floor, at which
// at(scale) fits in avail. Content that does not fit at the floor is not
// shrunk further: it is reported and cut off at the bottom of avail, with
// a visible mark where it is cut.
func (e *engine) fit(s *deck.Slide, avail float64, at func(sc float64) box) box {
	e.quiet = true
	defer func() { e.quiet = false }()
	floor := e.th.MinScale
	for sc := 1.0; sc >= floor-1e-9; sc -= scaleStep {
		if at(sc).h <= avail+0.5 {
			e.quiet = false
			return at(sc)
		}
	}
	e.quiet = false
	b := at(floor)
	e.warn(s.Pos, "content overflows the slide by %.0f pt even at %.0f%% size (the theme's floor) and is cut off at the bottom; shorten it or split the slide", b.h-avail, floor*100)
	return e.cut(b, avail)
}

// cut clips a box to the height h and marks the cut with a dashed line in
// the warning colour, so that a cut slide is seen, not missed.
func (e *engine) cut(b box, h float64) box {
	clip := display.Box{X: -e.th.MarginX, Y: 0, W: e.w, H: h}
	mark := display.Item{Path: &display.Path{
		Segments: []display.Segment{
			{Op: display.MoveTo, Points: []display.Point{{X: 0, Y: h}}},
			{Op: display.LineTo, Points: []display.Point{{X: b.w, Y: h}}},
		},
		Fill: display.NoPaint, Stroke: display.Paint{Color: e.th.Warning, Width: 1.5, Dash: []float64{6, 4}},
	}}
	return box{w: b.w, h: h, items: []display.Item{{Group: &display.Group{Items: b.items, Clip: &clip}}, mark}}
}

// footer draws the theme's header, the deck title (or the theme's
// footer) and the slide number.
func (e *engine) footer(s *deck.Slide, p *display.Page) {
	col := e.th.Muted
	if s.Layout == deck.LayoutSection {
		col = e.th.OnSection
	}
	st := textStyle{size: e.th.FooterSize, color: col}
	if e.th.Header != "" {
		hb := e.breakText(plainPara(e.th.Header, st, true), e.contentWidth(), false, alignLeft)
		e.drawText(hb, e.th.MarginX, math.Max(4, e.th.MarginTop*0.5-hb.height/2), &p.Items)
	}
	y := e.h - e.th.MarginBottom*0.5 - e.th.FooterSize*e.th.LineHeight/2
	avail := e.contentWidth()
	if e.th.PageNumbers {
		num := fmt.Sprintf("%d / %d", s.Number, len(e.d.Slides))
		nb := e.breakText(plainPara(num, st, true), e.contentWidth(), false, alignRight)
		e.drawText(nb, e.th.MarginX, y, &p.Items)
		avail -= e.br.Measure(plainPara(num, st, true).runs) + 24
	}
	title := e.d.Title
	if e.th.Footer != nil {
		title = *e.th.Footer
	}
	if title == "" {
		return
	}
	if w := e.br.Measure(plainPara(title, st, true).runs); w > avail && w > 0 {
		st.size *= avail / w
	}
	tb := e.breakText(plainPara(title, st, true), avail+1, false, alignLeft)
	e.drawText(tb, e.th.MarginX, y, &p.Items)
}

// titleSlide: the title, subtitle, author and date beside a band of
// accent colour, or centred in a centred theme.
func (e *engine) titleSlide(s *deck.Slide, p *display.Page) {
	x, al := e.th.MarginX, alignCenter
	if !e.th.Center {
		// A band of accent colour at the left, the text beside it.
		p.Items = append(p.Items, display.Item{Rect: &display.Rect{W: 16, H: e.h, Fill: display.Paint{Color: e.th.Accent}, Stroke: display.NoPaint}})
		x, al = e.th.MarginX+24, alignLeft
	}
	width := e.w - x - e.th.MarginX
	var title para
	if len(s.Title) > 0 {
		title = spansToPara(s.Title, textStyle{size: e.th.CoverSize, bold: true, color: e.th.Title})
	} else {
		title = plainPara(e.d.Title, textStyle{size: e.th.CoverSize, bold: true, color: e.th.Title}, false)
	}
	blocks := []*textBlock{e.breakText(title, width, true, al)}
	subSt := textStyle{size: e.th.SectionSize * 0.72, color: e.th.Accent}
	var subs []*textBlock
	if paras := paragraphs(s.Blocks); len(paras) > 0 {
		for _, sp := range paras {
			subs = append(subs, e.breakText(spansToPara(sp, subSt), width, false, al))
		}
	} else if e.d.Subtitle != "" {
		subs = append(subs, e.breakText(plainPara(e.d.Subtitle, subSt, false), width, false, al))
	}
	total := blocks[0].height
	for _, b := range subs {
		total += b.height
	}
	rest := nonParagraphs(s.Blocks)
	y := math.Max(e.th.MarginTop, e.h*0.42-total/2)
	if len(rest) > 0 {
		y = e.th.MarginTop
	}
	e.drawTagged(blocks[0], x, y, &p.Items, "H1")
	y += blocks[0].height + 6
	for _, b := range subs {
		e.drawTagged(b, x, y, &p.Items, "P")
		y += b.height
	}
	y += 18
	ruleX := x
	if al == alignCenter {
		ruleX = x + (width-math.Min(width, 240))/2
	}
	p.Items = append(p.Items, rule(ruleX, y, math.Min(width, 240), e.th.Border, 1))
	y += 16
	metaSt := textStyle{size: e.th.BodySize * 0.85, color: e.th.Muted}
	for _, line := range []string{e.d.Author, e.d.Date} {
		if line == "" {
			continue
		}
		tb := e.breakText(plainPara(line, metaSt, false), width, false, al)
		e.drawTagged(tb, x, y, &p.Items, "P")
		y += tb.height
	}
	e.rest(s, rest, x, y+e.th.BodySize*0.6, width, p)
}

// nonParagraphs returns the blocks among bs that are not paragraphs: what
// a title-like layout draws below its text.
func nonParagraphs(bs []deck.Block) []deck.Block {
	var out []deck.Block
	for _, b := range bs {
		if _, ok := b.(*deck.Paragraph); !ok {
			out = append(out, b)
		}
	}
	return out
}

// rest draws blocks below y, shrunk to fit what is left of the page, so
// that a title-like layout draws every block of its slide.
func (e *engine) rest(s *deck.Slide, bs []deck.Block, x, y, width float64, p *display.Page) {
	if len(bs) == 0 {
		return
	}
	avail := math.Max(e.bodyBottom()-y, minFlex)
	b := e.fit(s, avail, func(sc float64) box { return e.flow(bs, width, avail, sc, 0) })
	b.place(x, y, &p.Items)
}

// paragraphs returns the spans of the paragraphs among bs.
func paragraphs(bs []deck.Block) [][]deck.Span {
	var out [][]deck.Span
	for _, b := range bs {
		if p, ok := b.(*deck.Paragraph); ok {
			out = append(out, p.Spans)
		}
	}
	return out
}

// sectionSlide: the section colour as background, a large title and an optional line.
func (e *engine) sectionSlide(s *deck.Slide, p *display.Page) {
	p.Items = append(p.Items, display.Item{Rect: &display.Rect{W: e.w, H: e.h, Fill: display.Paint{Color: e.th.Section}, Stroke: display.NoPaint}})
	// Everything is drawn in the section's colours, on its background:
	// links, code and the rest as its text, code on a tint of it.
	saved := e.th
	defer func() { e.th = saved }()
	th := e.th.Clone()
	th.Background = th.Section
	th.Text, th.Title, th.Muted, th.Accent, th.Link = th.OnSection, th.OnSection, th.OnSection, th.OnSection, th.OnSection
	th.Surface, th.Border = theme.Mix(th.OnSection, th.Section, 0.85), theme.Mix(th.OnSection, th.Section, 0.6)
	e.th = th
	x := e.th.MarginX + 24
	width := e.w - x - e.th.MarginX
	title := e.breakText(spansToPara(s.Title, textStyle{size: e.th.SectionSize, bold: true, color: e.th.OnSection}), width, true, alignLeft)
	title.para.emph = &e.th.OnSection
	var subs []*textBlock
	for _, sp := range paragraphs(s.Blocks) {
		tb := e.breakText(spansToPara(sp, textStyle{size: e.th.BodySize, color: e.th.OnSection}), width, false, alignLeft)
		tb.para.emph = &e.th.OnSection
		subs = append(subs, tb)
	}
	total := title.height
	for _, b := range subs {
		total += b.height
	}
	rest := nonParagraphs(s.Blocks)
	y := math.Max(e.th.MarginTop, e.h/2-total/2)
	if len(rest) > 0 {
		y = e.th.MarginTop
	}
	p.Items = append(p.Items, display.Item{Rect: &display.Rect{X: e.th.MarginX, Y: y + title.pitch*0.2, W: 6, H: title.height - title.pitch*0.4, Radius: 2, Fill: display.Paint{Color: e.th.OnSection}, Stroke: display.NoPaint}})
	e.drawTagged(title, x, y, &p.Items, "H1")
	y += title.height + 8
	for _, b := range subs {
		e.drawTagged(b, x, y, &p.Items, "P")
		y += b.height
	}
	if len(rest) > 0 {
		e.rest(s, rest, x, y+e.th.BodySize*0.6, width, p)
	}
}

// quoteSlide: the block quote large, its attribution below, right-aligned.
func (e *engine) quoteSlide(s *deck.Slide, p *display.Page) {
	width := e.contentWidth() - 40
	x := e.th.MarginX + 40
	top := e.slideTitle(s, p)
	avail := e.bodyBottom() - top
	var quote *deck.Quote
	var after []deck.Block
	for _, b := range s.Blocks {
		if q, ok := b.(*deck.Quote); ok && quote == nil {
			quote = q
			continue
		}
		after = append(after, b)
	}
	at := func(sc float64) box {
		var out box
		out.w = width
		for i, qb := range quote.Blocks {
			var b box
			if qp, ok := qb.(*deck.Paragraph); ok {
				b = e.textBox(spansToPara(qp.Spans, textStyle{size: e.th.QuoteSize * sc, bold: true, color: e.th.Text}), width, true, alignLeft)
				display.SetTag(b.items, &display.Tag{Role: "P"})
			} else {
				b = e.block(qb, width, sc, 0)
			}
			if i > 0 {
				out.h += e.th.QuoteSize * sc * 0.4
			}
			b.place(0, out.h, &out.items)
			out.h += b.h
		}
		display.SetTag(out.items, &display.Tag{Role: "BlockQuote"})
		out.items = append(out.items, display.Item{Rect: &display.Rect{X: -24, W: 6, H: out.h, Radius: 2, Fill: display.Paint{Color: e.th.Accent}, Stroke: display.NoPaint}})
		for _, ab := range after {
			out.h += e.th.BodySize * sc
			var b box
			if ap, ok := ab.(*deck.Paragraph); ok {
				b = e.textBox(spansToPara(ap.Spans, textStyle{size: e.th.BodySize * sc, color: e.th.Muted}), width, false, alignRight)
				display.SetTag(b.items, &display.Tag{Role: "P"})
			} else {
				b = e.flow([]deck.Block{ab}, width, avail-out.h, sc, 0)
			}
			b.place(0, out.h, &out.items)
			out.h += b.h
		}
		return out
	}
	b := e.fit(s, avail, at)
	b.place(x, top+math.Max(0, (avail-b.h)/2), &p.Items)
}

// endSlide: a closing title and lines, centred.
func (e *engine) endSlide(s *deck.Slide, p *display.Page) {
	width := e.contentWidth()
	avail := e.bodyBottom() - e.th.MarginTop
	at := func(sc float64) box {
		var out box
		out.w = width
		if len(s.Title) > 0 {
			b := e.textBox(spansToPara(s.Title, textStyle{size: e.th.CoverSize * sc, bold: true, color: e.th.Accent}), width, true, alignCenter)
			display.SetTag(b.items, &display.Tag{Role: "H1"})
			b.place(0, 0, &out.items)
			out.h = b.h + e.th.BodySize*sc
		}
		for _, bl := range s.Blocks {
			var b box
			if para, ok := bl.(*deck.Paragraph); ok {
				b = e.textBox(spansToPara(para.Spans, textStyle{size: e.th.BodySize * sc, color: e.th.Muted}), width, false, alignCenter)
				display.SetTag(b.items, &display.Tag{Role: "P"})
			} else {
				b = e.flow([]deck.Block{bl}, width, avail-out.h, sc, 0)
			}
			b.place(0, out.h, &out.items)
			out.h += b.h
		}
		return out
	}
	b := e.fit(s, avail, at)
	b.place(e.th.MarginX, e.th.MarginTop+math.Max(0, (avail-b.h)/2), &p.Items)
}
