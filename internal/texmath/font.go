package texmath

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
)

// glyph is a glyph of a math font in ems: its advance, height above and
// depth below the baseline, italic correction, horizontal extent of its
// ink, and its outline (origin on the baseline, y down).
type glyph struct {
	adv, h, d, italic float64
	minX, maxX        float64
	segs              []display.Segment
}

// mathFonts holds the parsed KaTeX fonts and a cache of their glyphs.
// The fonts are read-only once parsed; the cache is guarded by mu.
type mathFonts struct {
	fonts [nFonts]*sfnt.Font
	err   error
	mu    sync.Mutex
	buf   sfnt.Buffer
	cache map[glyphKey]*glyph
}

type glyphKey struct {
	f fontID
	r rune
}

var (
	loadOnce sync.Once
	shared   mathFonts
)

// loaded returns the math fonts, parsed on first use.
func loaded() (*mathFonts, error) {
	loadOnce.Do(func() {
		shared.cache = map[glyphKey]*glyph{}
		for i, name := range fontNames {
			data, err := fonts.MathFont(name)
			if err == nil {
				shared.fonts[i], err = sfnt.Parse(data)
			}
			if err != nil {
				shared.err = err
				return
			}
		}
	})
	return &shared, shared.err
}

// glyph returns the glyph of r in font f, or nil if the font lacks it.
func (m *mathFonts) glyph(f fontID, r rune) *glyph {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := glyphKey{f, r}
	if g, ok := m.cache[k]; ok {
		return g
	}
	g := m.load(f, r)
	m.cache[k] = g
	return g
}

// load reads a glyph; the caller holds mu.
func (m *mathFonts) load(f fontID, r rune) *glyph {
	ft := m.fonts[f]
	gi, err := ft.GlyphIndex(&m.buf, r)
	if err != nil || gi == 0 {
		return nil
	}
	upem := float64(ft.UnitsPerEm())
	ppem := fixed.Int26_6(ft.UnitsPerEm()) << 6
	bounds, adv, err := ft.GlyphBounds(&m.buf, gi, ppem, font.HintingNone)
	if err != nil {
		return nil
	}
	em := func(v fixed.Int26_6) float64 { return float64(v) / 64 / upem }
	g := &glyph{
		adv:  em(adv),
		h:    -em(bounds.Min.Y),
		d:    em(bounds.Max.Y),
		minX: em(bounds.Min.X),
		maxX: em(bounds.Max.X),
	}
	if g.h < 0 {
		g.h = 0
	}
	if g.d < 0 {
		g.d = 0
	}
	if f == fMathItalic || f == fMainItalic {
		// The fonts carry no italic corrections: the ink that leans
		// past the advance stands for it.
		g.italic = max(0, g.maxX-g.adv)
	}
	if f >= fSize1 && f <= fSize4 && (r == '∫' || r == '∬' || r == '∭' || r == '∮') {
		g.italic = max(0, g.maxX-g.adv)
	}
	segs, err := ft.LoadGlyph(&m.buf, gi, ppem, nil)
	if err != nil {
		return nil
	}
	pt := func(p fixed.Point26_6) display.Point { return display.Point{X: em(p.X), Y: em(p.Y)} }
	var cur display.Point
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			cur = pt(s.Args[0])
			if len(g.segs) > 0 {
				g.segs = append(g.segs, display.Segment{Op: display.Close})
			}
			g.segs = append(g.segs, display.Segment{Op: display.MoveTo, Points: []display.Point{cur}})
		case sfnt.SegmentOpLineTo:
			cur = pt(s.Args[0])
			g.segs = append(g.segs, display.Segment{Op: display.LineTo, Points: []display.Point{cur}})
		case sfnt.SegmentOpQuadTo:
			q, e := pt(s.Args[0]), pt(s.Args[1])
			c1 := display.Point{X: cur.X + 2.0/3*(q.X-cur.X), Y: cur.Y + 2.0/3*(q.Y-cur.Y)}
			c2 := display.Point{X: e.X + 2.0/3*(q.X-e.X), Y: e.Y + 2.0/3*(q.Y-e.Y)}
			g.segs = append(g.segs, display.Segment{Op: display.CurveTo, Points: []display.Point{c1, c2, e}})
			cur = e
		case sfnt.SegmentOpCubeTo:
			cur = pt(s.Args[2])
			g.segs = append(g.segs, display.Segment{Op: display.CurveTo, Points: []display.Point{pt(s.Args[0]), pt(s.Args[1]), cur}})
		}
	}
	if len(g.segs) > 0 {
		g.segs = append(g.segs, display.Segment{Op: display.Close})
	}
	return g
}
