package layout

import (
	"fmt"
	"strings"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/linebreak"
)

// A4 portrait in points.
const (
	a4Width  = 595.28
	a4Height = 841.89
)

// Notes builds the speaker-notes document from laid-out slides: A4
// portrait pages, each a vector thumbnail of a slide above its notes.
// Notes longer than a page continue on the next one.
func Notes(slides *display.Doc, d *deck.Deck, o Options) *display.Doc {
	th := o.Theme
	if th == nil {
		th, _ = Themed(d)
	}
	br := linebreak.New(o.Fonts, linebreak.Options{XKanjiSkip: th.XKanjiSkip})
	e := &engine{fonts: o.Fonts, th: th, br: br}
	doc := *slides
	doc.Pages = nil
	if doc.Title != "" {
		doc.Title += "（ノート）"
	}
	margin := 48.0
	width := a4Width - 2*margin
	st := textStyle{size: 13, color: th.Text}
	for i, sp := range slides.Pages {
		page := &display.Page{Width: a4Width, Height: a4Height, Bookmark: sp.Bookmark, BookmarkLevel: sp.BookmarkLevel}
		scale := width / sp.Width
		thumbH := sp.Height * scale
		head := e.breakText(plainPara(fmt.Sprintf("%d / %d", i+1, len(slides.Pages)), textStyle{size: 10, color: th.Muted}, true), width, false, alignRight)
		e.drawText(head, margin, margin-20, &page.Items)
		page.Items = append(page.Items, display.Transform(sp.Items, margin, margin, scale)...)
		page.Items = append(page.Items, display.Item{Rect: &display.Rect{X: margin, Y: margin, W: width, H: thumbH, Fill: display.NoPaint, Stroke: display.Paint{Color: th.Border, Width: 0.75}}})
		y := margin + thumbH + 24
		notes := ""
		if i < len(d.Slides) {
			notes = d.Slides[i].Notes
		}
		for _, para := range strings.Split(notes, "\n\n") {
			para = strings.TrimSpace(para)
			if para == "" {
				continue
			}
			tb := e.breakText(plainPara(para, st, false), width, false, alignLeft)
			tag := &display.Tag{Role: "P"}
			for _, l := range tb.lines {
				if y+tb.pitch > a4Height-margin {
					doc.Pages = append(doc.Pages, page)
					page = &display.Page{Width: a4Width, Height: a4Height}
					y = margin
				}
				one := &textBlock{para: tb.para, lines: []linebreak.Line{l}, pitch: tb.pitch, width: width, height: tb.pitch}
				n := len(page.Items)
				e.drawText(one, margin, y, &page.Items)
				display.SetTag(page.Items[n:], tag)
				y += tb.pitch
			}
			y += st.size * 0.6
		}
		doc.Pages = append(doc.Pages, page)
	}
	return &doc
}
