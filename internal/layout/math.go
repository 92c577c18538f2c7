package layout

import (
	"math"
	"strings"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/texmath"
)

// mathScale is the size of formulas relative to the text around them:
// KaTeX's 1.21 em, which matches Computer Modern's small x-height to the
// text's.
const mathScale = 1.21

// mathOptions are the options of a formula beside text of size points.
func (e *engine) mathOptions(size float64, display bool) texmath.Options {
	return texmath.Options{Size: size * mathScale, Display: display, Text: e.fonts, TextScale: 1 / mathScale}
}

// layoutMaths lays out the inline formulas of p, gives their runs their
// widths, and returns how much taller than the text the tallest makes a
// line: the line pitch grows by that much.
func (e *engine) layoutMaths(p *para) float64 {
	if len(p.maths) == 0 {
		return 0
	}
	p.formulas = make([]*texmath.Formula, len(p.maths))
	face := e.fonts.Regular
	extra := 0.0
	for i, r := range p.runs {
		if r.Style.Tag&tagMath == 0 {
			continue
		}
		k := r.Style.Tag>>tagLinkShift - 1
		f, err := texmath.Layout(p.maths[k], e.mathOptions(r.Style.Size, false))
		if err != nil {
			// The parser checked every formula: this one was made by hand.
			continue
		}
		p.formulas[k] = f
		p.runs[i].Box = max(f.Width, 0.01)
		asc, desc := face.Ascent(r.Style.Size), face.Descent(r.Style.Size)
		extra = max(extra, f.Height-asc, f.Depth-desc)
	}
	return max(0, extra)
}

// drawMath draws inline formula k of p with its baseline origin at (x, y),
// as a group whose ActualText gives its TeX source back, between dollars.
func (e *engine) drawMath(p para, k int, x, y float64, c display.Color, out *[]display.Item) {
	if k < 0 || k >= len(p.formulas) || p.formulas[k] == nil {
		return
	}
	*out = append(*out, display.Item{Group: &display.Group{
		Items:      p.formulas[k].Draw(x, y, c),
		ActualText: "$" + p.maths[k] + "$",
	}, Tag: &display.Tag{Role: "Formula", Alt: p.maths[k]}})
}

// mathBlock lays out a display formula centred in width, scaled down if
// it is wider.
func (e *engine) mathBlock(m *deck.Math, width, sc float64, level int) box {
	st := e.bodyStyle(sc, level)
	o := e.mathOptions(st.size, true)
	f, err := texmath.Layout(m.TeX, o)
	if err != nil {
		e.fail(m.Pos, "%v", err)
		return box{}
	}
	if f.Width > width && f.Width > 0 {
		o.Size *= width / f.Width
		if o.Size < st.size*e.th.MinScale {
			e.warn(m.Pos, "formula is %.0f pt wide, wider than the %.0f pt the slide has even when shrunk; break it with \\\\ or aligned", f.Width, width)
		}
		if f, err = texmath.Layout(m.TeX, o); err != nil {
			return box{}
		}
	}
	pad := st.size * 0.25
	x := math.Max(0, (width-f.Width)/2)
	items := []display.Item{{Group: &display.Group{
		Items:      f.Draw(x, pad+f.Height, e.th.Text),
		ActualText: "$$" + m.TeX + "$$",
	}, Tag: &display.Tag{Role: "Formula", Alt: strings.TrimSpace(m.TeX)}}}
	return box{items: items, w: width, h: f.Height + f.Depth + 2*pad}
}
