package layout

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/diagrams/mermaid"
	"github.com/layerdeck/layerdeck/fonts"
)

// checkGlyphs reports every character of the deck that its font lacks, so
// nothing is drawn as tofu in silence, at the character's own position
// (its first occurrence in the block's source).
func (e *engine) checkGlyphs() {
	if len(e.d.Slides) > 0 {
		e.slide = e.d.Slides[0]
	}
	seen := map[string]bool{}
	// until is where each slide's source ends: the next slide's start.
	until := map[*deck.Slide]deck.Pos{}
	for i, s := range e.d.Slides[:max(len(e.d.Slides)-1, 0)] {
		until[s] = e.d.Slides[i+1].Pos
	}
	checkFace := func(s *deck.Slide, pos deck.Pos, text string, face *fonts.Face) {
		for _, r := range face.Missing(withoutEmoji(face, text)) {
			// The block keeps only its own position: the character's
			// is found in the source from there.
			pos := e.d.Locate(pos, until[s], r)
			key := fmt.Sprintf("%d:%c:%v", s.Number, r, pos)
			if seen[key] {
				continue
			}
			seen[key] = true
			e.slide = s
			if invisible(r) {
				continue
			}
			nor := ""
			if face.FallbackFace(1) != nil {
				nor = " nor its fallback fonts"
			}
			e.warn(pos, "character %q (U+%04X) is not in the font %s%s; it is drawn as an empty box", r, r, face.Name(), nor)
		}
	}
	check := func(s *deck.Slide, pos deck.Pos, text string, bold bool) {
		checkFace(s, pos, text, e.fonts.Face(bold))
	}
	spans := func(s *deck.Slide, pos deck.Pos, sp []deck.Span, bold bool) {
		for _, x := range sp {
			if x.Math {
				continue // TeX source: drawn from the math fonts
			}
			checkFace(s, pos, x.Text, e.fonts.FaceFor(bold || x.Bold, x.Code))
		}
	}
	checked := map[*deck.Stack]bool{}
	stack := func(s *deck.Slide, st *deck.Stack) {
		if st == nil || checked[st] {
			return
		}
		checked[st] = true
		check(s, st.Pos, st.Title, true)
		for _, l := range st.Layers {
			check(s, l.Pos, l.ID+l.Name, true)
			check(s, l.Pos, l.Role+l.Example+strings.Join(l.Problems, "")+strings.Join(l.Fixes, ""), false)
		}
	}
	var blocks func(s *deck.Slide, bs []deck.Block)
	blocks = func(s *deck.Slide, bs []deck.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *deck.Paragraph:
				spans(s, b.Pos, b.Spans, false)
			case *deck.Heading:
				spans(s, b.Pos, b.Spans, true)
			case *deck.List:
				for _, it := range b.Items {
					spans(s, it.Pos, it.Spans, false)
					blocks(s, it.Children)
				}
			case *deck.Table:
				for _, c := range b.Header {
					spans(s, b.Pos, c, true)
				}
				for _, r := range b.Rows {
					for _, c := range r {
						spans(s, b.Pos, c, false)
					}
				}
			case *deck.Code:
				checkFace(s, b.Pos, strings.ReplaceAll(b.Text, "\t", " "), e.fonts.FaceFor(false, true))
			case *deck.Quote:
				blocks(s, b.Blocks)
			case *deck.LayerFlow:
				stack(s, b.Stack)
			case *deck.DOT:
				if b.Lang == "mermaid" {
					if g, err := mermaid.Parse(b.Source); err == nil {
						check(s, b.Pos, g.Labels(), false)
					}
					break
				}
				check(s, b.Pos, dotText(b.Source), false)
			case *deck.Image:
				check(s, b.Pos, b.Alt, false)
			case *deck.ImageRow:
				for _, img := range b.Images {
					check(s, img.Pos, img.Alt, false)
				}
			}
		}
	}
	for _, s := range e.d.Slides {
		spans(s, s.TitlePos, s.Title, true)
		blocks(s, s.Top)
		blocks(s, s.Blocks)
		blocks(s, s.Right)
		spans(s, s.Pos, s.Header, false)
		spans(s, s.Pos, s.Footer, false)
		if s.Notes != "" {
			// Notes are drawn in the notes PDF: the same fonts, emoji and
			// boxes.
			check(s, s.Pos, s.Notes, false)
		}
		if s.Diagram != "" {
			stack(s, e.d.Stack(s.Diagram))
		}
		for _, id := range s.Compare {
			stack(s, e.d.Stack(id))
		}
		if s.Layout == deck.LayoutTitle {
			check(s, s.Pos, e.d.Title, true)
			check(s, s.Pos, e.d.Subtitle+e.d.Author+e.d.Date, false)
		}
	}
}

// dotText is the text of the quoted strings in DOT source: the labels a
// diagram will draw.
func dotText(src string) string {
	var b strings.Builder
	in := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '"' && (i == 0 || src[i-1] != '\\'):
			in = !in
		case in:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// withoutEmoji is s without the emoji drawn in colour.
func withoutEmoji(face *fonts.Face, s string) string {
	if !hasEmoji(face, s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if n := face.Emoji(s[i:]); n > 0 {
			i += n
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}
