package layout

import (
	"unicode"
	"unicode/utf8"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/emoji"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/linebreak"
	"github.com/layerdeck/layerdeck/internal/texmath"
)

// Style tags carried through the line breaker in linebreak.Style.Tag: the
// low bits are flags, the rest is 1 + the index of the span's link.
const (
	tagEmphasis = 1 << iota
	tagCode
	tagArtifact
	tagStrike
	tagMath
	// The bits above hold 1 + the index of the span's link, or of its
	// formula in para.maths for tagMath.
	tagLinkShift = 5
)

// textStyle is how a run of text is drawn.
type textStyle struct {
	size  float64
	bold  bool
	color display.Color
}

// para is a piece of inline text ready to be broken into lines.
type para struct {
	runs  []linebreak.Run
	links []string
	color display.Color
	// emph is the colour of *emphasis*; nil is the theme's accent.
	emph *display.Color
	// maths are the TeX sources of the inline formulas; breakText lays
	// them out into formulas.
	maths    []string
	formulas []*texmath.Formula
}

// spansToPara converts deck spans at the given style.
func spansToPara(spans []deck.Span, st textStyle) para {
	p := para{color: st.color}
	for _, s := range spans {
		if s.Math {
			p.maths = append(p.maths, s.Text)
			p.runs = append(p.runs, linebreak.Run{
				Text:  linebreak.Object,
				Style: linebreak.Style{Bold: st.bold || s.Bold, Size: st.size, Tag: tagMath | len(p.maths)<<tagLinkShift},
				Break: s.Break,
			})
			continue
		}
		tag := 0
		if s.Italic {
			tag |= tagEmphasis
		}
		if s.Code {
			tag |= tagCode
		}
		if s.Strike {
			tag |= tagStrike
		}
		if s.Link != "" {
			p.links = append(p.links, s.Link)
			tag |= len(p.links) << tagLinkShift
		}
		p.runs = append(p.runs, linebreak.Run{
			Text:  s.Text,
			Style: linebreak.Style{Bold: st.bold || s.Bold, Size: st.size, Mono: s.Code, Tag: tag},
			Break: s.Break,
		})
	}
	return p
}

// plainPara is a paragraph of one run.
func plainPara(text string, st textStyle, artifact bool) para {
	tag := 0
	if artifact {
		tag = tagArtifact
	}
	return para{
		runs:  []linebreak.Run{{Text: text, Style: linebreak.Style{Bold: st.bold, Size: st.size, Tag: tag}}},
		color: st.color,
	}
}

// align is a horizontal alignment of lines in a box.
type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
	// alignJustify sets the lines of Japanese text flush to both edges
	// (the last line ragged), Latin text flush left.
	alignJustify
)

// textBlock is broken text: its lines and the metrics to draw them.
type textBlock struct {
	para   para
	lines  []linebreak.Line
	pitch  float64 // line pitch
	width  float64 // the box width lines were broken for
	height float64
	align  align
}

// lineSize is the largest type size on a line (at least min).
func lineSize(l linebreak.Line, min float64) float64 {
	s := min
	for _, p := range l.Pieces {
		if p.Style.Size > s {
			s = p.Style.Size
		}
	}
	return s
}

// breakText breaks p into lines of at most width; balanced lines for titles.
func (e *engine) breakText(p para, width float64, balanced bool, al align) *textBlock {
	extra := e.layoutMaths(&p)
	var lines []linebreak.Line
	switch {
	case balanced:
		lines = e.br.Balance(p.runs, width)
	case al == alignJustify && e.th.Justify && hasJapanese(p.runs):
		lines = e.br.Justify(p.runs, width)
	default:
		lines = e.br.Break(p.runs, width)
	}
	size := 0.0
	for _, r := range p.runs {
		if r.Style.Size > size {
			size = r.Style.Size
		}
	}
	lh := e.th.LineHeight
	if balanced {
		lh = e.th.TitleLineHeight
	}
	pitch := size*lh + extra
	return &textBlock{para: p, lines: lines, pitch: pitch, width: width, height: pitch * float64(len(lines)), align: al}
}

// draw appends the block's items with its top-left corner at (x, y).
// Links get a Link structure element each; text set with gaps (the
// quarter em between Japanese and Latin) is spanned with its characters
// as ActualText, so that copying it gives no spaces.
func (e *engine) drawText(tb *textBlock, x, y float64, out *[]display.Item) {
	links := map[int]*display.Tag{}
	for i, l := range tb.lines {
		drawn := make([]drawnPiece, 0, len(l.Pieces))
		size := lineSize(l, 1)
		face := e.fonts.Regular
		asc, desc := face.Ascent(size), face.Descent(size)
		top := y + float64(i)*tb.pitch
		base := top + (tb.pitch-(asc+desc))/2 + asc
		dx := 0.0
		switch tb.align {
		case alignCenter:
			dx = (tb.width - l.Width) / 2
		case alignRight:
			dx = tb.width - l.Width
		}
		for _, pc := range l.Pieces {
			drawn = append(drawn, drawnPiece{piece: pc, from: len(*out)})
			px := x + dx + pc.X
			col := tb.para.color
			tag := pc.Style.Tag
			if tag&tagEmphasis != 0 {
				col = e.th.Accent
				if tb.para.emph != nil {
					col = *tb.para.emph
				}
			}
			if tag&tagCode != 0 {
				pad := pc.Style.Size * 0.15
				*out = append(*out, display.Item{Rect: &display.Rect{
					X: px - pad, Y: base - asc*0.95, W: pc.Width + 2*pad, H: (asc + desc) * 0.95, Radius: 2,
					Fill: display.Paint{Color: e.th.Surface}, Stroke: display.NoPaint,
				}})
			}
			if li := tag >> tagLinkShift; tag&tagMath == 0 && li > 0 && li <= len(tb.para.links) {
				col = e.th.Link
				*out = append(*out,
					display.Item{Path: &display.Path{
						Segments: []display.Segment{
							{Op: display.MoveTo, Points: []display.Point{{X: px, Y: base + desc*0.5}}},
							{Op: display.LineTo, Points: []display.Point{{X: px + pc.Width, Y: base + desc*0.5}}},
						},
						Fill: display.NoPaint, Stroke: display.Paint{Color: e.th.Link, Width: 0.75},
					}},
					display.Item{Link: &display.Link{X: px, Y: top, W: pc.Width, H: tb.pitch, URL: tb.para.links[li-1]}},
				)
			}
			if tag&tagStrike != 0 {
				*out = append(*out, display.Item{Path: &display.Path{
					Segments: []display.Segment{
						{Op: display.MoveTo, Points: []display.Point{{X: px, Y: base - asc*0.3}}},
						{Op: display.LineTo, Points: []display.Point{{X: px + pc.Width, Y: base - asc*0.3}}},
					},
					Fill: display.NoPaint, Stroke: display.Paint{Color: col, Width: pc.Style.Size * 0.06},
				}})
			}
			if tag&tagMath != 0 {
				e.drawMath(tb.para, tag>>tagLinkShift-1, px, base, col, out)
				continue
			}
			e.drawRun(display.Text{
				X: px, Y: base, Size: pc.Style.Size, Bold: pc.Style.Bold, Mono: pc.Style.Mono, Color: col,
				Text: pc.Text, Width: pc.Width, Spacing: pc.Spacing, Artifact: tag&tagArtifact != 0,
			}, asc, out)
			drawn[len(drawn)-1].to = len(*out)
		}
		tagLine(*out, drawn, links)
	}
}

// drawTagged draws a block, as drawText does, as one structure element.
func (e *engine) drawTagged(tb *textBlock, x, y float64, out *[]display.Item, role string) {
	n := len(*out)
	e.drawText(tb, x, y, out)
	display.SetTag((*out)[n:], &display.Tag{Role: role})
}

// drawnPiece is a piece of a line and the items drawn for it, out[from:to].
type drawnPiece struct {
	piece    linebreak.Piece
	from, to int
}

// tagLine tags the items of one drawn line: a link's text and area with
// the link's element (one per link of the block, in links), and pieces
// of one kind (in the same link, or in none) set apart by gaps with an
// ActualText span of their text.
func tagLine(out []display.Item, drawn []drawnPiece, links map[int]*display.Tag) {
	for i := 0; i < len(drawn); {
		li := drawn[i].piece.Style.Tag >> tagLinkShift
		// Gaps (the JLReq quarter-em, justification) would read as
		// spaces when copied: such pieces carry their text as ActualText.
		j, gaps := i+1, drawn[i].piece.Spacing > 0
		text := drawn[i].piece.Text
		for ; j < len(drawn) && drawn[j].piece.Style.Tag>>tagLinkShift == li; j++ {
			prev := drawn[j-1].piece
			gaps = gaps || drawn[j].piece.X > prev.X+prev.Width+0.01 || drawn[j].piece.Spacing > 0
			text += drawn[j].piece.Text
		}
		var parent *display.Tag
		if li > 0 {
			if links[li] == nil {
				links[li] = &display.Tag{Role: "Link"}
			}
			parent = links[li]
			parent.Alt += text
		}
		tag, span := parent, (*display.Tag)(nil)
		if gaps {
			span = &display.Tag{Role: "Span", ActualText: text, Parent: parent}
			tag = span
		}
		if tag != nil {
			for k := drawn[i].from; k < drawn[j-1].to; k++ {
				switch it := out[k]; {
				case it.Text != nil && (!it.Text.Artifact || tag == span), it.Group != nil:
					out[k].Tag = tag
				case it.Link != nil:
					out[k].Tag = parent
				}
			}
		}
		i = j
	}
}

// drawRun appends a run of text. Emoji are drawn in colour as vectors
// from the emoji package's graphics, one em square on the baseline, as a
// group whose ActualText gives the emoji back when the text is copied.
// Characters the font lacks and a fallback font has are runs of their own
// in that face. Characters no font has (reported by checkGlyphs) are
// drawn as visible boxes of the width they were measured with, never
// handed to a renderer as glyphs the font does not have; joiners and
// variation selectors take no box.
func (e *engine) drawRun(t display.Text, asc float64, out *[]display.Item) {
	face := e.fonts.FaceFor(t.Bold, t.Mono)
	if !needsSplit(face, t.Text) {
		*out = append(*out, display.Item{Text: &t})
		return
	}
	x := t.X
	start, cur := 0, 0 // cur: the fallback face of the run from start
	flush := func(end int) {
		if end > start {
			run := t
			run.X, run.Text, run.Fallback = x, t.Text[start:end], cur
			run.Width = face.Width(run.Text, t.Size)
			*out = append(*out, display.Item{Text: &run})
			x += run.Width
		}
	}
	for i := 0; i < len(t.Text); {
		if n := face.Emoji(t.Text[i:]); n > 0 {
			flush(i)
			*out = append(*out, e.emoji(t.Text[i:i+n], x, t.Y, t.Size)...)
			x += t.Size
			i += n
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(t.Text[i:])
		if face.Has(r) {
			if k := face.Fallback(r); k != cur && !invisible(r) {
				flush(i)
				start, cur = i, k
			}
			i += n
			continue
		}
		flush(i)
		adv := face.Advance(r, t.Size)
		if !invisible(r) {
			*out = append(*out, display.Item{Rect: &display.Rect{
				X: x + adv*0.1, Y: t.Y - asc*0.8, W: adv * 0.8, H: asc * 0.8,
				Fill: display.NoPaint, Stroke: display.Paint{Color: t.Color, Width: t.Size * 0.04},
			}})
		}
		x += adv
		i += n
		start = i
	}
	flush(len(t.Text))
}

// needsSplit reports whether a run holds more than text in its own face:
// emoji, characters of a fallback face or characters no face has.
func needsSplit(face *fonts.Face, s string) bool {
	if hasEmoji(face, s) {
		return true
	}
	for _, r := range s {
		if !face.Has(r) || face.Fallback(r) != 0 {
			return true
		}
	}
	return false
}

// colourEmoji redraws the text items that hold emoji (diagram labels,
// an SVG's text) with the emoji in colour, and characters of fallback
// faces in those faces, as drawRun does.
func (e *engine) colourEmoji(items []display.Item) []display.Item {
	var out []display.Item
	for i, it := range items {
		if it.Text == nil || !needsSplit(e.fonts.Face(it.Text.Bold), it.Text.Text) {
			if out != nil {
				out = append(out, it)
			}
			continue
		}
		if out == nil {
			out = append([]display.Item{}, items[:i]...)
		}
		t := *it.Text
		e.drawRun(t, e.fonts.Face(t.Bold).Ascent(t.Size), &out)
	}
	if out == nil {
		return items
	}
	return out
}

// hasEmoji reports whether s has an emoji drawn in colour.
func hasEmoji(face *fonts.Face, s string) bool {
	for i := 0; i < len(s); i++ {
		if face.Emoji(s[i:]) > 0 {
			return true
		}
	}
	return false
}

// emojiTop is where an emoji's square starts above the baseline, in ems:
// the ideographic em box of Japanese fonts, 0.88 em up and 0.12 em down.
const emojiTop = 0.88

// emoji draws one emoji sequence in colour, size points square, its left
// edge at x, on the baseline y.
func (e *engine) emoji(seq string, x, y, size float64) []display.Item {
	_, _, key := emoji.Match(seq)
	d, ok := emoji.Drawing(key)
	if !ok || d.Width <= 0 || d.Height <= 0 {
		return nil
	}
	m := display.Matrix{size / d.Width, 0, 0, size / d.Height, x, y - size*emojiTop}
	return []display.Item{{Group: &display.Group{Items: d.Place(m, nil), ActualText: seq}}}
}

// invisible reports whether r is a default-ignorable character (Unicode's
// Default_Ignorable_Code_Point): joiners, variation selectors, bidi
// controls, the soft hyphen, the BOM, tags, which are drawn as nothing.
func invisible(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0xAD, r == 0x34F, r == 0x61C, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5, r == 0x3164, r == 0xFEFF, r == 0xFFA0:
		return true
	}
	return r >= 0x180B && r <= 0x180F || r >= 0x200B && r <= 0x200F || r >= 0x202A && r <= 0x202E ||
		r >= 0x2060 && r <= 0x206F || r >= 0xFE00 && r <= 0xFE0F || r >= 0xFFF0 && r <= 0xFFF8 ||
		r >= 0x1BCA0 && r <= 0x1BCA3 || r >= 0x1D173 && r <= 0x1D17A || r >= 0xE0000 && r <= 0xE0FFF
}

// hasJapanese reports whether runs hold Japanese text, which is justified;
// Latin text stays flush left, as slides set it.
func hasJapanese(runs []linebreak.Run) bool {
	for _, r := range runs {
		for _, c := range r.Text {
			if unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana) {
				return true
			}
		}
	}
	return false
}
