// Package texmath typesets TeX math, as KaTeX does for Marp and Slidev,
// into display items: glyph outlines of the KaTeX fonts drawn as paths,
// rules as paths, and the text of \text{} that the math fonts lack
// (Japanese) as text in the deck's font. A PDF therefore embeds no math
// font, and the PDF, SVG and PNG renderers draw formulas alike.
//
// It holds its own parser and layout rather than github.com/go-latex/latex:
// that library's parser panics on input it does not know (an unknown
// macro, an unbalanced brace), has no environments (matrices, aligned),
// no \left…\right and no text in a font it does not own, and its box
// layout is tied to its own font interface. What is here is TeX's
// algorithm for math lists (The TeXbook, appendix G) on a small box
// model: boxes with width, height and depth; horizontal and vertical
// lists; scripts, fractions with a rule, radicals and delimiters scaled
// through KaTeX's Size1–Size4 fonts or built from pieces.
package texmath

import (
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
)

// Options set how a formula is laid out.
type Options struct {
	// Size is the type size of the formula in points.
	Size float64
	// Display sets the formula in display style (a $$…$$ block): large
	// operators with limits above and below, full-size fractions.
	Display bool
	// Text measures characters the math fonts lack, such as Japanese in
	// \text{…}; nil leaves them out.
	Text *fonts.Set
	// TextScale is the size of that text relative to Size (0 means 1):
	// 1/1.21 sets Japanese in a formula at the size of the text around it
	// when the formula is 1.21 times as large, as KaTeX sets it.
	TextScale float64
}

// Formula is a laid-out formula. Its sizes are in points: Width, Height
// above the baseline and Depth below it.
type Formula struct {
	Width, Height, Depth float64
	b                    *box
	size                 float64
}

// Check parses src and reports its first error, if any, as an *Error
// whose Offset is a byte offset into src.
func Check(src string) error {
	_, err := parse(src)
	return err
}

// Layout parses and lays out src. An error is an *Error at a byte
// offset of src.
func Layout(src string, o Options) (*Formula, error) {
	l, err := parse(src)
	if err != nil {
		return nil, err
	}
	m, err := loaded()
	if err != nil {
		return nil, err
	}
	ts := &typesetter{m: m, text: o.Text, textScale: o.TextScale}
	if ts.textScale <= 0 {
		ts.textScale = 1
	}
	st := state{style: styleT}
	if o.Display {
		st.style = styleD
	}
	b := ts.hlist(l.items, st, false)
	return &Formula{Width: b.w * o.Size, Height: b.h * o.Size, Depth: b.d * o.Size, b: b, size: o.Size}, nil
}

// Draw returns the formula's items with its baseline origin at (x, y), in
// colour c: one path of every glyph and rule of a colour, and text items
// for the characters set in the deck's font.
func (f *Formula) Draw(x, y float64, c display.Color) []display.Item {
	type key struct {
		c rgb
	}
	paths := map[key]*display.Path{}
	var order []key
	var texts []display.Item
	base := rgb{c.R, c.G, c.B}
	s := f.size
	for _, p := range f.b.prims {
		if p.hidden {
			continue
		}
		col := base
		if p.color != nil {
			col = *p.color
		}
		if p.kind == pText {
			texts = append(texts, display.Item{Text: &display.Text{
				X: x + p.x*s, Y: y + p.y*s, Size: p.size * s, Bold: p.bold,
				Color: display.Color{R: col.r, G: col.g, B: col.b}, Text: p.text, Width: p.w * s,
			}})
			continue
		}
		k := key{col}
		path, ok := paths[k]
		if !ok {
			path = &display.Path{Fill: display.Paint{Color: display.Color{R: col.r, G: col.g, B: col.b}}, Stroke: display.NoPaint}
			paths[k] = path
			order = append(order, k)
		}
		switch p.kind {
		case pRule:
			x0, y0, x1, y1 := x+p.x*s, y+p.y*s, x+(p.x+p.w)*s, y+(p.y+p.h)*s
			path.Segments = append(path.Segments,
				display.Segment{Op: display.MoveTo, Points: []display.Point{{X: x0, Y: y0}}},
				display.Segment{Op: display.LineTo, Points: []display.Point{{X: x1, Y: y0}}},
				display.Segment{Op: display.LineTo, Points: []display.Point{{X: x1, Y: y1}}},
				display.Segment{Op: display.LineTo, Points: []display.Point{{X: x0, Y: y1}}},
				display.Segment{Op: display.Close})
		case pGlyph:
			ox, oy, sx, sy := x+p.x*s, y+p.y*s, p.sx*s, p.sy*s
			for _, sg := range p.g.segs {
				ns := display.Segment{Op: sg.Op}
				if len(sg.Points) > 0 {
					ns.Points = make([]display.Point, len(sg.Points))
					for i, q := range sg.Points {
						ns.Points[i] = display.Point{X: ox + q.X*sx, Y: oy + q.Y*sy}
					}
				}
				path.Segments = append(path.Segments, ns)
			}
		}
	}
	var out []display.Item
	for _, k := range order {
		if len(paths[k].Segments) > 0 {
			out = append(out, display.Item{Path: paths[k]})
		}
	}
	return append(out, texts...)
}
