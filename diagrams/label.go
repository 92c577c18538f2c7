package diagrams

import (
	"fmt"
	"math"
	"strings"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/linebreak"
)

// TextLine is one line of a label, measured with the fonts package.
type TextLine struct {
	Text  string        `json:"text"`
	Size  float64       `json:"size"`
	Bold  bool          `json:"bold,omitempty"`
	Color display.Color `json:"color"`
	Width float64       `json:"width"`
	// Ascent and Descent are the font's extent around the baseline.
	Ascent  float64 `json:"ascent"`
	Descent float64 `json:"descent"`
}

// label is the text of a node, edge or cluster: lines drawn centred.
type label struct {
	lines []TextLine
}

// Label padding in points.
const (
	padX     = 14
	padY     = 9
	edgePadX = 4
	edgePadY = 2
)

// lineGap is the line pitch as a multiple of the type size.
const lineGap = 1.3

func (l label) size() (w, h float64) {
	for _, t := range l.lines {
		w = math.Max(w, t.Width)
		h += t.Size * lineGap
	}
	return w, h
}

// measurer wraps and measures label text.
type measurer struct {
	fonts *fonts.Set
	br    *linebreak.Breaker
}

func newMeasurer(f *fonts.Set, xkanjiskip float64) *measurer {
	return &measurer{fonts: f, br: linebreak.New(f, linebreak.Options{XKanjiSkip: xkanjiskip})}
}

// maxLabelEms is the widest a label line may be before it wraps, in ems.
const maxLabelEms = 12

// lines breaks text (explicit "\n" kept) into measured lines no wider than
// maxLabelEms, by the same kinsoku rules as slide text.
func (m *measurer) lines(text string, size float64, bold bool, col display.Color) []TextLine {
	var out []TextLine
	for _, para := range strings.Split(text, "\n") {
		runs := []linebreak.Run{{Text: para, Style: linebreak.Style{Bold: bold, Size: size}}}
		face := m.fonts.Face(bold)
		for _, l := range m.br.Balance(runs, maxLabelEms*size) {
			out = append(out, TextLine{Text: l.Text(), Size: size, Bold: bold, Color: col, Width: l.Width,
				Ascent: face.Ascent(size), Descent: face.Descent(size)})
		}
	}
	return out
}

// nodeAttrs are the DOT attributes that fix a node to its label's size.
func nodeAttrs(l label, minW float64) string {
	w, h := l.size()
	w = math.Max(w+2*padX, minW)
	h += 2 * padY
	return fmt.Sprintf("fixedsize=true, width=%s, height=%s", inches(w), inches(h))
}

// htmlBox is an HTML-like label of one fixed-size cell holding the text:
// Graphviz reserves exactly the space we measured (it cannot measure
// Japanese itself), and the text stays in the DOT for other tools.
func htmlBox(l label) string { return htmlBoxPad(l, 0) }

// clusterBox is htmlBox with room below the text, so that a cluster's
// title keeps clear of the edge labels Graphviz puts under it.
func clusterBox(l label) string { return htmlBoxPad(l, 10) }

func htmlBoxPad(l label, extra float64) string {
	w, h := l.size()
	h += extra
	var text []string
	for _, t := range l.lines {
		text = append(text, htmlEscape(t.Text))
	}
	return fmt.Sprintf(`<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="%d" HEIGHT="%d">%s</TD></TR></TABLE>>`,
		int(math.Ceil(w+2*edgePadX)), int(math.Ceil(h+2*edgePadY)), strings.Join(text, "<BR/>"))
}

func inches(pt float64) string {
	return trimFloat(pt / 72)
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.3f", v)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// quote makes a DOT double-quoted string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
