package diagrams

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/linebreak"
)

// TextLine is one line of a label, measured with the fonts package and
// placed in the diagram: X is its left end, Baseline its baseline, both in
// points from the diagram's top-left corner. Width is the measured advance
// width, gaps included.
type TextLine struct {
	Text     string        `json:"text"`
	Size     float64       `json:"size"`
	Bold     bool          `json:"bold,omitempty"`
	Color    display.Color `json:"color"`
	X        float64       `json:"x"`
	Baseline float64       `json:"baseline"`
	Width    float64       `json:"width"`
	// Ascent and Descent are the font's extent around the baseline.
	Ascent  float64 `json:"ascent"`
	Descent float64 `json:"descent"`
	// Pieces is set when the line is drawn as several runs: runs of
	// another weight or colour, or text after a Japanese–Latin gap (the gap
	// is spacing, never a character). Text is then the pieces' text joined.
	Pieces []Piece `json:"pieces,omitempty"`
}

// Piece is a run of a line drawn on its own, X points from the line's
// start, in its own weight and colour at the line's size.
type Piece struct {
	Text  string        `json:"text"`
	X     float64       `json:"x"`
	Width float64       `json:"width"`
	Bold  bool          `json:"bold,omitempty"`
	Color display.Color `json:"color"`
}

// label is the text of a node, edge or cluster before layout: lines
// drawn centred, one under the other.
type label struct {
	lines []TextLine
	// below is empty space reserved under the text, above over it (a
	// cluster label in a left-to-right layout keeps edge labels clear).
	below, above float64
	// colorFromLayout takes the text colour from Graphviz's drawing of
	// the label: a font colour layerdeck cannot resolve itself.
	colorFromLayout bool
}

// Label padding in points: inside nodes, and around edge and cluster
// labels (the space Graphviz reserves beyond the text).
const (
	padX     = 12
	padY     = 8
	edgePadX = 5
	edgePadY = 3
)

// lineGap is the line pitch as a multiple of the type size.
const lineGap = 1.3

// size is the extent of the label's text.
func (l label) size() (w, h float64) {
	for _, t := range l.lines {
		w = math.Max(w, t.Width)
		h += t.Size * lineGap
	}
	return w, h
}

// with returns l followed by the lines of m.
func (l label) with(m label) label {
	out := l
	out.lines = append(append([]TextLine(nil), l.lines...), m.lines...)
	return out
}

// span is a piece of label text in one weight and colour.
type span struct {
	text  string
	bold  bool
	color display.Color
}

// measurer wraps and measures label text.
type measurer struct {
	fonts *fonts.Set
	br    *linebreak.Breaker
}

func newMeasurer(f *fonts.Set, xkanjiskip float64) *measurer {
	return &measurer{fonts: f, br: linebreak.New(f, linebreak.Options{XKanjiSkip: xkanjiskip})}
}

// Wrap widths, in ems of the text's size: node names wrap at about twelve
// full-width characters, the smaller lines a little earlier.
const (
	nameEms   = 12
	detailEms = 13
	edgeEms   = 10
)

// wrap breaks runs (a "\n" in them breaks too) into lines no wider than
// width where the text allows, balanced so that the lines are about even.
// It is the one place where diagrams break lines: text in one style
// breaks between phrases (after ・、， and spaces) where each phrase fits,
// else by the slide line breaker, with its kinsoku rules and
// Japanese–Latin gap.
func (m *measurer) wrap(runs []linebreak.Run, width float64) []linebreak.Line {
	if len(runs) != 1 {
		return m.br.Balance(runs, width)
	}
	var out []linebreak.Line
	for _, para := range strings.Split(runs[0].Text, "\n") {
		r := linebreak.Run{Text: para, Style: runs[0].Style}
		texts, ok := m.phrases(r, width)
		if !ok {
			out = append(out, m.br.Balance([]linebreak.Run{r}, width)...)
			continue
		}
		for _, t := range texts {
			out = append(out, m.br.Break([]linebreak.Run{{Text: t, Style: r.Style}}, math.Inf(1))...)
		}
	}
	return out
}

// phrases breaks r between phrases into the fewest lines no wider than
// width, the widest line as narrow as can be. It fails when a phrase is
// wider than width.
func (m *measurer) phrases(r linebreak.Run, width float64) ([]string, bool) {
	var toks []string
	start := 0
	for i, c := range r.Text {
		if c == '・' || c == '、' || c == '，' || c == ' ' {
			end := i + len(string(c))
			toks = append(toks, r.Text[start:end])
			start = end
		}
	}
	if start < len(r.Text) {
		toks = append(toks, r.Text[start:])
	}
	if len(toks) < 2 || len(toks) > 40 {
		return []string{r.Text}, m.br.Measure([]linebreak.Run{r}) <= width
	}
	n := len(toks)
	lineW := func(i, j int) float64 {
		return m.br.Measure([]linebreak.Run{{Text: strings.TrimRight(strings.Join(toks[i:j], ""), " "), Style: r.Style}})
	}
	// best[i] is the best packing of toks[i:]: fewest lines, then the
	// narrowest widest line.
	type packing struct {
		lines  int
		widest float64
		next   int
	}
	best := make([]packing, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = packing{lines: -1}
		for j := i + 1; j <= n; j++ {
			w := lineW(i, j)
			if w > width {
				break
			}
			p := packing{lines: 1 + best[j].lines, widest: max(w, best[j].widest), next: j}
			if best[j].lines < 0 {
				continue
			}
			if best[i].lines < 0 || p.lines < best[i].lines || p.lines == best[i].lines && p.widest < best[i].widest {
				best[i] = p
			}
		}
		if best[i].lines < 0 {
			return nil, false
		}
	}
	var out []string
	for i := 0; i < n; i = best[i].next {
		out = append(out, strings.TrimRight(strings.Join(toks[i:best[i].next], ""), " "))
	}
	return out, true
}

// text measures one block of text at size in one weight and colour.
func (m *measurer) text(s string, size float64, bold bool, col display.Color, ems float64) label {
	return m.spans([]span{{text: s, bold: bold, color: col}}, size, ems)
}

// spans measures styled text at size, wrapped at ems ems.
func (m *measurer) spans(ss []span, size, ems float64) label {
	runs := make([]linebreak.Run, 0, len(ss))
	for i, s := range ss {
		t := strings.TrimRight(strings.ReplaceAll(s.text, "\r", ""), "\n")
		runs = append(runs, linebreak.Run{Text: t, Style: linebreak.Style{Bold: s.bold, Size: size, Tag: i}})
	}
	var out label
	for _, l := range m.wrap(runs, ems*size) {
		if len(l.Pieces) == 0 {
			continue
		}
		first := ss[l.Pieces[0].Style.Tag]
		face := m.fonts.Face(first.bold)
		tl := TextLine{Text: l.Text(), Size: size, Bold: first.bold, Color: first.color, Width: l.Width,
			Ascent: face.Ascent(size), Descent: face.Descent(size)}
		if len(l.Pieces) > 1 {
			for _, p := range l.Pieces {
				s := ss[p.Style.Tag]
				tl.Pieces = append(tl.Pieces, Piece{Text: p.Text, X: p.X, Width: p.Width, Bold: s.bold, Color: s.color})
			}
		}
		out.lines = append(out.lines, tl)
	}
	return out
}

// recolor returns the label in the colour Graphviz drew it with, where
// it is to be taken from the layout.
func (l label) recolor(ldraw []xdotOp) label {
	if !l.colorFromLayout {
		return l
	}
	for _, op := range ldraw {
		if op.Op != "c" {
			continue
		}
		if col, ok := parseColor(op.Color); ok {
			out := l
			out.lines = make([]TextLine, len(l.lines))
			for i, t := range l.lines {
				t.Color = col
				t.Pieces = slices.Clone(t.Pieces)
				for k := range t.Pieces {
					t.Pieces[k].Color = col
				}
				out.lines[i] = t
			}
			return out
		}
		break
	}
	return l
}

// place returns the label's lines centred in b, each line centred on its
// measured width.
func (l label) place(b Box) []TextLine {
	_, h := l.size()
	top := b.Y + (b.H-h)/2
	out := make([]TextLine, len(l.lines))
	for i, t := range l.lines {
		pitch := t.Size * lineGap
		t.X = b.X + (b.W-t.Width)/2
		t.Baseline = top + (pitch-(t.Ascent+t.Descent))/2 + t.Ascent
		out[i] = t
		top += pitch
	}
	return out
}

// htmlBox is an HTML-like label of one fixed-size cell holding the text:
// Graphviz reserves exactly the space layerdeck measured (it cannot
// measure Japanese itself), and the text stays in the DOT for other tools.
func htmlBox(l label) string {
	w, h := l.boxSize()
	var text []string
	for _, t := range l.lines {
		text = append(text, htmlEscape(t.Text))
	}
	return fmt.Sprintf(`<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="%d" HEIGHT="%d">%s</TD></TR></TABLE>>`,
		int(w), int(h), strings.Join(text, "<BR/>"))
}

// boxSize is the size, in whole points, that an edge or cluster label
// reserves: its text and padding.
func (l label) boxSize() (w, h float64) {
	w, h = l.size()
	return math.Ceil(w + 2*edgePadX), math.Ceil(h + 2*edgePadY + l.above + l.below)
}

// inches formats a length in points as inches, as DOT sizes are given.
func inches(pt float64) string {
	return trimFloat(math.Ceil(pt/72*1000) / 1000)
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.3f", v)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// quoteID makes a DOT double-quoted identifier: only '"' is escaped in
// DOT strings.
func quoteID(s string) string {
	s = strings.ReplaceAll(s, `"`, `\"`)
	if strings.HasSuffix(s, `\`) && !strings.HasSuffix(s, `\\`) {
		s += " " // a lone trailing backslash would escape the closing quote
	}
	return `"` + s + `"`
}

// quoteText makes a DOT label string that shows s as it is: backslashes
// doubled (labels interpret escapes), lines ended by \n.
func quoteText(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "").Replace(s) + `"`
}

// plainText joins a label's lines for a plain DOT label.
func (l label) plainText() string {
	var text []string
	for _, t := range l.lines {
		text = append(text, t.Text)
	}
	return strings.Join(text, "\n")
}
