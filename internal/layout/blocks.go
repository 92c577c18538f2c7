package layout

import (
	"errors"
	"fmt"
	"math"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/diagrams"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/imagefile"
)

// box is laid-out content with its top-left corner at the origin.
type box struct {
	items []display.Item
	w, h  float64
}

// place appends b's items moved to (x, y).
func (b box) place(x, y float64, out *[]display.Item) {
	display.Translate(b.items, x, y)
	*out = append(*out, b.items...)
}

// minFlex is the least height a diagram or image is given in a flow.
const minFlex = 60

// isFlex reports whether a block takes the height that is left: diagrams
// and images scale to fit.
func isFlex(b deck.Block) bool {
	switch b.(type) {
	case *deck.LayerFlow, *deck.DOT, *deck.Image, *deck.ImageRow:
		return true
	}
	return false
}

// flow stacks blocks vertically in width at scale sc; flexible blocks
// share what is left of avail.
func (e *engine) flow(blocks []deck.Block, width, avail, sc float64, level int) box {
	gap := e.th.BodySize * sc * 0.6
	boxes := make([]box, len(blocks))
	fixed, nflex := 0.0, 0
	for i, b := range blocks {
		if isFlex(b) {
			nflex++
			continue
		}
		boxes[i] = e.block(b, width, sc, level)
		fixed += boxes[i].h
	}
	if len(blocks) > 1 {
		fixed += gap * float64(len(blocks)-1)
	}
	if nflex > 0 {
		flexH := math.Max((avail-fixed)/float64(nflex), minFlex*sc)
		for i, b := range blocks {
			if isFlex(b) {
				boxes[i] = e.flexBlock(b, width, flexH)
			}
		}
	}
	var out box
	out.w = width
	for i, b := range boxes {
		if i > 0 {
			out.h += gap
		}
		b.place(0, out.h, &out.items)
		out.h += b.h
	}
	return out
}

func (e *engine) bodyStyle(sc float64, level int) textStyle {
	size := e.th.BodySize * sc
	if level > 0 {
		size = e.th.NestedSize * sc
	}
	return textStyle{size: size, color: e.th.Text}
}

// block lays out one fixed-height block, tagged with its structure role.
func (e *engine) block(b deck.Block, width, sc float64, level int) box {
	bx := e.untaggedBlock(b, width, sc, level)
	switch b := b.(type) {
	case *deck.Paragraph:
		display.SetTag(bx.items, &display.Tag{Role: "P"})
	case *deck.Heading:
		display.SetTag(bx.items, &display.Tag{Role: fmt.Sprintf("H%d", min(max(b.Level, 1), 6))})
	case *deck.Table:
		// table tags its rows and cells
	case *deck.Code:
		display.SetTag(bx.items, &display.Tag{Role: "Code"})
	case *deck.Quote:
		display.SetTag(bx.items, &display.Tag{Role: "BlockQuote"})
	}
	return bx
}

func (e *engine) untaggedBlock(b deck.Block, width, sc float64, level int) box {
	switch b := b.(type) {
	case *deck.Paragraph:
		return e.textBox(spansToPara(b.Spans, e.bodyStyle(sc, level)), width, false, e.bodyAlign())
	case *deck.Heading:
		st := e.bodyStyle(sc, level)
		st.bold = true
		st.color = e.th.Accent
		switch b.Level {
		case 1:
			st.size = e.th.TitleSize * sc
		case 2:
			st.size *= 1.1
		}
		return e.textBox(spansToPara(b.Spans, st), width, false, e.align(e.slide))
	case *deck.List:
		return e.list(b, width, sc, level)
	case *deck.Table:
		return e.table(b, width, sc)
	case *deck.Code:
		return e.code(b, width, sc)
	case *deck.Quote:
		return e.quote(b, width, sc, level)
	case *deck.Math:
		return e.mathBlock(b, width, sc, level)
	}
	return box{}
}

func (e *engine) textBox(p para, width float64, balanced bool, al align) box {
	tb := e.breakText(p, width, balanced, al)
	var bx box
	e.drawText(tb, 0, 0, &bx.items)
	bx.w, bx.h = width, tb.height
	return bx
}

// list lays out a bullet or numbered list with hanging indents.
func (e *engine) list(l *deck.List, width, sc float64, level int) box {
	st := e.bodyStyle(sc, level)
	indent := st.size * 1.2
	var out box
	out.w = width
	list := &display.Tag{Role: "L"}
	for i, it := range l.Items {
		if i > 0 {
			out.h += st.size * 0.3
		}
		li := &display.Tag{Role: "LI", Parent: list}
		body := &display.Tag{Role: "LBody", Parent: li}
		// Items line up at the left (justified) even on a centred slide:
		// the list is centred as a block there (centreLists).
		tb := e.breakText(spansToPara(it.Spans, st), width-indent, false, alignJustify)
		top := out.h
		n := len(out.items)
		if l.Ordered {
			num := fmt.Sprintf("%d.", l.Start+i)
			nst := textStyle{size: st.size, color: e.th.Accent, bold: true}
			nb := e.breakText(plainPara(num, nst, true), indent-st.size*0.3, false, alignRight)
			e.drawText(nb, 0, top, &out.items)
			// The number is not the source's text (no-loss checks skip
			// it) but it is the item's label.
			for j := n; j < len(out.items); j++ {
				out.items[j].Tag = &display.Tag{Role: "Lbl", Parent: li}
			}
			n = len(out.items)
		}
		e.drawText(tb, indent, top, &out.items)
		out.h += tb.height
		mid := top + tb.pitch/2
		if !l.Ordered {
			out.items = append(out.items, e.bullet(indent*0.4, mid, st.size, level))
		}
		if len(it.Children) > 0 {
			out.h += st.size * 0.2
			child := e.flow(it.Children, width-indent, math.Inf(1), sc, level+1)
			child.place(indent, out.h, &out.items)
			out.h += child.h
		}
		display.SetTag(out.items[n:], body)
	}
	return out
}

// bullet is a list marker centred at (x, y): a filled disc at the first
// level, a ring below it.
func (e *engine) bullet(x, y, size float64, level int) display.Item {
	r := size * 0.16
	fill := display.Paint{Color: e.th.Accent}
	stroke := display.NoPaint
	if level > 0 {
		fill = display.NoPaint
		stroke = display.Paint{Color: e.th.Muted, Width: size * 0.07}
		r = size * 0.14
	}
	return display.Item{Rect: &display.Rect{X: x - r, Y: y - r, W: 2 * r, H: 2 * r, Radius: r, Fill: fill, Stroke: stroke}}
}

// quote draws a block quote with an accent bar.
func (e *engine) quote(q *deck.Quote, width, sc float64, level int) box {
	indent := e.th.BodySize * sc * 0.9
	inner := e.flow(q.Blocks, width-indent, math.Inf(1), sc, level)
	var out box
	out.w, out.h = width, inner.h
	out.items = append(out.items, display.Item{Rect: &display.Rect{W: 3 * sc, H: inner.h, Fill: display.Paint{Color: e.th.Accent}, Stroke: display.NoPaint}})
	inner.place(indent, 0, &out.items)
	return out
}

// flexBlock lays out a diagram or image to fit width × maxH.
func (e *engine) flexBlock(b deck.Block, width, maxH float64) box {
	switch b := b.(type) {
	case *deck.Image:
		e.checkAlt(b)
		bx := e.image(b, width, maxH)
		display.SetTagAll(bx.items, &display.Tag{Role: "Figure", Alt: b.Alt})
		return bx
	case *deck.ImageRow:
		return e.imageRow(b, width, maxH)
	case *deck.LayerFlow:
		return e.diagram(diagrams.Source{Name: b.Stack.ID, Stack: b.Stack, Pos: b.Pos}, width, maxH)
	case *deck.DOT:
		return e.diagram(diagrams.Source{Name: b.Name, DOT: b, Pos: b.Pos}, width, maxH)
	}
	return box{}
}

// image places an image at its natural size (96 px per inch), scaled
// down to fit, centred in width; in a Marp or Slidev deck it stands at the
// left, where HTML puts an image in a paragraph, unless the slide is
// centred.
//
// A requested size (Marp's w:/h:, <img width height>) is in CSS pixels of
// a 1280-pixel-wide slide; one given side keeps the aspect ratio. An
// image that cannot be drawn is a placeholder box of that size.
func (e *engine) image(img *deck.Image, width, maxH float64) box {
	f, w, h, err := e.imageExtent(img)
	s := math.Min(1, math.Min(width/w, maxH/h))
	if s < 0.999 && (img.Width > 0 || img.Height > 0) {
		e.warn(img.Pos, "image %s is scaled down to %.0f%% of the size it asks for, to fit the slide", imagefile.Short(img.Src), s*100)
	}
	w, h = w*s, h*s
	x := (width - w) / 2
	if e.d.Dialect != deck.DialectLayerdeck && e.align(e.slide) == alignLeft {
		x = 0
	}
	if err != nil {
		return box{w: width, h: h, items: e.placeholder(img, display.Box{X: x, W: w, H: h})}
	}
	return box{w: width, h: h, items: e.picture(f, img, display.Box{X: x, W: w, H: h}, nil)}
}

// imageExtent loads an image and returns the size it asks for, in points:
// its own size (96 px per inch), or the requested one, one given side
// keeping the aspect ratio. An image that cannot be drawn has a
// placeholder's size and the error.
func (e *engine) imageExtent(img *deck.Image) (*imagefile.File, float64, float64, error) {
	f, err := e.loadImage(img)
	pw, ph := 320.0, 180.0
	if err == nil {
		pw, ph = naturalSize(f)
	} else if img.Width > 0 && img.Height > 0 {
		pw, ph = img.Width, img.Height
	}
	w, h := pw*cssPixel, ph*cssPixel
	switch {
	case img.Width > 0 && img.Height > 0:
		w, h = img.Width*cssPixel, img.Height*cssPixel
	case img.Width > 0:
		w, h = img.Width*cssPixel, h*img.Width*cssPixel/w
	case img.Height > 0:
		w, h = w*img.Height*cssPixel/h, img.Height*cssPixel
	}
	return f, w, h, err
}

// checkAlt warns, under check, about an image without alt text.
func (e *engine) checkAlt(b *deck.Image) {
	if b.Alt == "" && e.check {
		e.warn(b.Pos, "image %s has no alt text: write what it shows between the brackets, ![…](%s), for readers who cannot see it", b.Src, b.Src)
	}
}

// imageRow sets the images of one paragraph side by side, bottoms on one
// line as HTML sets inline images, scaled together to fit width × maxH;
// at the left in Marp and Slidev decks, centred in layerdeck's.
func (e *engine) imageRow(r *deck.ImageRow, width, maxH float64) box {
	gap := e.th.BodySize * 0.3
	ws := make([]float64, len(r.Images))
	hs := make([]float64, len(r.Images))
	total, tallest := gap*float64(len(r.Images)-1), 0.0
	for i, img := range r.Images {
		e.checkAlt(img)
		_, ws[i], hs[i], _ = e.imageExtent(img)
		total += ws[i]
		tallest = max(tallest, hs[i])
	}
	s := math.Min(1, math.Min((width-gap*float64(len(r.Images)-1))/(total-gap*float64(len(r.Images)-1)), maxH/tallest))
	x := (width - (total-gap*float64(len(r.Images)-1))*s - gap*float64(len(r.Images)-1)) / 2
	if e.d.Dialect != deck.DialectLayerdeck && e.align(e.slide) == alignLeft {
		x = 0
	}
	out := box{w: width, h: tallest * s}
	for i, img := range r.Images {
		w, h := ws[i]*s, hs[i]*s
		b := e.image(img, w, h)
		display.SetTagAll(b.items, &display.Tag{Role: "Figure", Alt: img.Alt})
		b.place(x, out.h-h, &out.items)
		x += w + gap
	}
	return out
}

// geometry lays a diagram out once per run: fit lays a slide out at
// several scales.
func (e *engine) geometry(src diagrams.Source) (*diagrams.Geometry, error) {
	d := e.diag
	if td, ok := d.(ThemedDiagrammer); ok && e.th != e.deckTh {
		d = td.For(e.th)
	}
	k := geomKey{src, d}
	got, seen := e.geoms[k]
	if !seen {
		got.g, got.err = d.Layout(e.ctx, src)
		e.geoms[k] = got
	}
	return got.g, got.err
}

// minDiagramText is the smallest readable diagram text on a slide.
const minDiagramText = 12

// diagram lays out a diagram and scales it to fit width × maxH, centred.
func (e *engine) diagram(src diagrams.Source, width, maxH float64) box {
	if e.diag == nil {
		e.fail(src.Pos, "diagram %s: no diagram engine", src.Name)
		return box{}
	}
	g, err := e.geometry(src)
	if err != nil || g == nil {
		var de *diagrams.Error
		switch {
		case errors.As(err, &de):
			e.fail(de.Pos, "%s", de.Msg)
		case err != nil:
			e.fail(src.Pos, "diagram %s: %v", src.Name, err)
		}
		return box{}
	}
	if !e.quiet {
		e.diagrams++
	}
	if g.Width <= 0 || g.Height <= 0 {
		return box{}
	}
	s := math.Min(1.4, math.Min(width/g.Width, maxH/g.Height))
	w, h := g.Width*s, g.Height*s
	items := g.Draw((width-w)/2, 0, s)
	smallest := math.Inf(1)
	for _, it := range items {
		if it.Text != nil && it.Text.Size < smallest {
			smallest = it.Text.Size
		}
	}
	if smallest < minDiagramText-0.05 {
		e.warn(src.Pos, "diagram %s is drawn with %.1f pt text, below the %d pt minimum for slides; give it more room", src.Name, smallest, minDiagramText)
	}
	items = e.colourEmoji(items)
	alt := diagrams.Describe(src, g, e.d.Lang)
	if e.slide != nil && e.slide.Alt != "" {
		alt = e.slide.Alt
	}
	display.SetTagAll(items, &display.Tag{Role: "Figure", Alt: alt})
	return box{w: width, h: h, items: items}
}
