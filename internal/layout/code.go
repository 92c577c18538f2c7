package layout

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/highlight"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// codePitch is the line pitch of code as a multiple of its type size.
const codePitch = 1.4

// codeRow is one drawn row of a code block: a source line, or the part
// of a long one that wraps onto the next row.
type codeRow struct {
	toks []highlight.Token
	// line is the 1-based source line; cont marks a continuation row,
	// wrapped marks a row whose line goes on in the next row.
	line          int
	cont, wrapped bool
}

// code draws a code block in the fixed-pitch face: syntax colours from
// the theme's code style, Slidev's line highlights (the last click step:
// highlighted lines on a tint, the others dimmed), a title bar, line
// numbers. A block too wide for the slide is set smaller, down to the
// theme's floor, and its long lines then wrap with a continuation mark
// in the margin: code never runs off the slide.
func (e *engine) code(c *deck.Code, width, sc float64) box {
	info := highlight.ParseInfo(c.Info)
	if len(info.Ignored) > 0 {
		e.warn(c.Pos, "code block: %s ignored (layerdeck reads {2,3-5}, {*}, {all|2|3}, title=, [file], lines:true, startLine)", strings.Join(info.Ignored, " "))
	}
	numbers := e.d.LineNumbers
	if info.LinesSet {
		numbers = info.Lines
	}
	mono := e.fonts.FaceFor(false, true)
	lines := highlight.Lines(c.Lang, c.Text, func(r rune) int { return columns(mono, r) })
	if len(lines) == 0 {
		lines = [][]highlight.Token{nil}
	}
	first := max(info.StartLine, 1)
	gutterCols := 0
	if numbers {
		gutterCols = len(strconv.Itoa(first+len(lines)-1)) + 2
	}
	maxCols := 0
	for _, l := range lines {
		maxCols = max(maxCols, lineColumns(mono, l))
	}

	// The block is 0.6 em of padding either side of its columns, half an
	// em each: the size that fits the longest line, between the theme's
	// floor and the size of the slide's small text.
	size := e.th.SmallSize * sc * 0.95
	floor := math.Min(size, e.th.SmallSize*0.95*e.th.MinScale)
	if need := float64(maxCols+gutterCols)/2 + 1.2; need*size > width {
		size = math.Max(width/need, floor)
	}
	pad := size * 0.6
	col := size / 2
	textCols := int((width-2*pad)/col+1e-9) - gutterCols
	if maxCols > textCols {
		// Lines wrap: keep room for the continuation mark.
		textCols = int((width-2*pad-size*0.6)/col) - gutterCols
	}
	textCols = max(textCols, 8)

	st := e.th.CodeStyle()
	pitch := size * codePitch
	asc, desc := mono.Ascent(size), mono.Descent(size)
	var out box
	out.w = width
	out.items = append(out.items, display.Item{Rect: &display.Rect{W: width, Radius: 4, Fill: display.Paint{Color: st.Background}, Stroke: display.NoPaint}})
	panel := out.items[0].Rect
	y := 0.0
	if info.Title != "" {
		y = e.codeTitle(info.Title, width, size, st, &out.items)
	}
	y += pad * 0.7
	for _, r := range wrapRows(lines, textCols, mono) {
		marked, dimmed := info.Marks(r.line)
		dimmed = dimmed && !marked
		if marked {
			out.items = append(out.items, display.Item{Rect: &display.Rect{Y: y, W: width, H: pitch, Fill: display.Paint{Color: st.Marked}, Stroke: display.NoPaint}})
		}
		base := y + (pitch-(asc+desc))/2 + asc
		if numbers && !r.cont {
			num := strconv.Itoa(first + r.line - 1)
			nx := pad + float64(gutterCols-2-len(num))*col
			out.items = append(out.items, display.Item{Text: &display.Text{
				X: nx, Y: base, Size: size, Mono: true, Color: dim(st.LineNumber, st, dimmed),
				Text: num, Width: mono.Width(num, size), Artifact: true,
			}})
		}
		x := pad + float64(gutterCols)*col
		for _, t := range glueSpaces(r.toks) {
			w := mono.Width(t.Text, size)
			if t.Text != "" {
				monoRun(display.Text{
					X: x, Y: base, Size: size, Mono: true, Bold: t.Role == highlight.Heading,
					Color: dim(roleColor(st, t.Role), st, dimmed), Text: t.Text, Width: w,
				}, e.fonts.FaceFor(t.Role == highlight.Heading, true), asc, &out.items)
			}
			x += w
		}
		if r.wrapped {
			out.items = append(out.items, continuationMark(width-size*0.25, base, size, dim(st.LineNumber, st, dimmed)))
		}
		y += pitch
	}
	out.h = y + pad*0.7
	panel.H = out.h
	return out
}

// glueSpaces joins white space to the token before it (leading white
// space to the token after it), so that no run starts after a gap of
// spaces: text extraction (pdftotext) would take such a gap for a column
// break and move the rest of the line away.
func glueSpaces(toks []highlight.Token) []highlight.Token {
	var out []highlight.Token
	lead := ""
	for _, t := range toks {
		switch {
		case strings.TrimSpace(t.Text) == "" && len(out) > 0:
			out[len(out)-1].Text += t.Text
		case strings.TrimSpace(t.Text) == "":
			lead += t.Text
		default:
			t.Text = lead + t.Text
			lead = ""
			out = append(out, t)
		}
	}
	if lead != "" {
		out = append(out, highlight.Token{Text: lead})
	}
	return out
}

// monoRun appends a run of code. Characters the face lacks (reported by
// checkGlyphs) are drawn as boxes of the width they were measured with,
// so that the columns after them stay in place.
func monoRun(t display.Text, face *fonts.Face, asc float64, out *[]display.Item) {
	x, start := t.X, 0
	flush := func(end int) {
		if end > start {
			run := t
			run.X, run.Text = x, t.Text[start:end]
			run.Width = face.Width(run.Text, t.Size)
			*out = append(*out, display.Item{Text: &run})
			x += run.Width
		}
	}
	for i, r := range t.Text {
		if face.Has(r) {
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
		start = i + len(string(r))
	}
	flush(len(t.Text))
}

// codeTitle draws the title bar of a code block and returns its height.
func (e *engine) codeTitle(title string, width, size float64, st theme.CodeStyle, out *[]display.Item) float64 {
	ts := textStyle{size: size * 0.9, color: st.Plain}
	tb := e.breakText(plainPara(title, ts, false), width-size*1.2, false, alignLeft)
	h := tb.height + size*0.3
	*out = append(*out, display.Item{Rect: &display.Rect{W: width, H: h, Radius: 4, Fill: display.Paint{Color: st.Caption}, Stroke: display.NoPaint}})
	e.drawText(tb, size*0.6, size*0.15, out)
	return h
}

// columns is the number of columns r takes in face: 1 for half-width,
// 2 for full-width characters.
func columns(face *fonts.Face, r rune) int {
	return max(int(math.Round(face.Advance(r, 2))), 1)
}

// lineColumns is the width of a line in columns.
func lineColumns(face *fonts.Face, l []highlight.Token) int {
	n := 0
	for _, t := range l {
		for _, r := range t.Text {
			n += columns(face, r)
		}
	}
	return n
}

// wrapRows splits lines longer than cols columns into rows, breaking
// after the last space that leaves at least half a row, else at the
// column limit.
func wrapRows(lines [][]highlight.Token, cols int, face *fonts.Face) []codeRow {
	var rows []codeRow
	for i, l := range lines {
		row := codeRow{line: i + 1}
		for {
			cut, ok := wrapPoint(l, cols, face)
			if !ok {
				row.toks = l
				rows = append(rows, row)
				break
			}
			head, tail := splitTokens(l, cut)
			row.toks, row.wrapped = head, true
			rows = append(rows, row)
			row = codeRow{line: i + 1, cont: true}
			l = tail
		}
	}
	return rows
}

// wrapPoint finds the byte offset in l's text where a too-long line
// breaks, or ok false if it fits in cols.
func wrapPoint(l []highlight.Token, cols int, face *fonts.Face) (int, bool) {
	var text strings.Builder
	for _, t := range l {
		text.WriteString(t.Text)
	}
	s := text.String()
	n, limit, space := 0, -1, -1
	for i, r := range s {
		c := columns(face, r)
		if n+c > cols {
			limit = i
			break
		}
		n += c
		if r == ' ' && n >= cols/2 {
			space = i + 1
		}
	}
	switch {
	case limit < 0:
		return 0, false
	case space > 0 && space < len(s) && strings.TrimSpace(s[space:]) != "":
		return space, true
	case limit == 0:
		_, size := firstRune(s)
		return size, true
	}
	// A closing bracket or 、。 does not start a row (JLReq kinsoku).
	if r, size := lastRune(s[:limit]); limit > size && strings.ContainsRune("、。，．）」』】〕〉》!?！？)]}", firstRuneOf(s[limit:])) {
		_ = r
		return limit - size, true
	}
	return limit, true
}

func firstRuneOf(s string) rune {
	r, _ := firstRune(s)
	return r
}

func lastRune(s string) (rune, int) {
	r, size := utf8.DecodeLastRuneInString(s)
	return r, size
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// splitTokens cuts tokens at byte offset cut of their joined text.
func splitTokens(l []highlight.Token, cut int) (head, tail []highlight.Token) {
	for _, t := range l {
		switch {
		case cut <= 0:
			tail = append(tail, t)
		case cut >= len(t.Text):
			head = append(head, t)
		default:
			head = append(head, highlight.Token{Text: t.Text[:cut], Role: t.Role})
			tail = append(tail, highlight.Token{Text: t.Text[cut:], Role: t.Role})
		}
		cut -= len(t.Text)
	}
	return head, tail
}

// continuationMark is a small hooked arrow (↩) at the right end of a row
// whose line continues on the next row.
func continuationMark(x, base, size float64, c display.Color) display.Item {
	s := size * 0.32
	top := base - size*0.55
	pts := func(ps ...float64) []display.Point {
		var out []display.Point
		for i := 0; i+1 < len(ps); i += 2 {
			out = append(out, display.Point{X: ps[i], Y: ps[i+1]})
		}
		return out
	}
	return display.Item{Path: &display.Path{
		Segments: []display.Segment{
			{Op: display.MoveTo, Points: pts(x, top)},
			{Op: display.LineTo, Points: pts(x, top+s)},
			{Op: display.LineTo, Points: pts(x-s*1.4, top+s)},
			{Op: display.MoveTo, Points: pts(x-s, top+s*0.6)},
			{Op: display.LineTo, Points: pts(x-s*1.4, top+s)},
			{Op: display.LineTo, Points: pts(x-s, top+s*1.4)},
		},
		Fill: display.NoPaint, Stroke: display.Paint{Color: c, Width: size * 0.07},
	}}
}

// roleColor is the style's colour of a token role.
func roleColor(st theme.CodeStyle, r highlight.Role) display.Color {
	switch r {
	case highlight.Keyword:
		return st.Keyword
	case highlight.String:
		return st.String
	case highlight.Comment:
		return st.Comment
	case highlight.Number:
		return st.Number
	case highlight.Function:
		return st.Function
	case highlight.Type:
		return st.Type
	case highlight.Builtin:
		return st.Builtin
	case highlight.Attribute:
		return st.Attribute
	case highlight.Tag:
		return st.Tag
	case highlight.Inserted:
		return st.Inserted
	case highlight.Deleted:
		return st.Deleted
	case highlight.Heading:
		return st.Heading
	}
	return st.Plain
}

// dim fades c towards the panel for lines that are not highlighted.
func dim(c display.Color, st theme.CodeStyle, dimmed bool) display.Color {
	if !dimmed {
		return c
	}
	return theme.Mix(c, st.Background, st.Dim)
}
