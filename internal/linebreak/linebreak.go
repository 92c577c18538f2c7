// Package linebreak breaks styled text into lines that fit a width, by
// the Unicode line breaking algorithm (UAX #14, from go-text/typesetting's
// segmenter) plus the Japanese rules it does not cover (JLReq kinsoku:
// closing brackets, small kana, ー and iteration marks never start a line,
// opening brackets never end one, …… and —— stay together), and with the
// quarter-em gap JLReq puts between Japanese and Latin letters or digits.
//
// The gap is positioning, never an inserted character: the pieces of the
// lines hold exactly the input text, less the spaces dropped at breaks.
package linebreak

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/phrase"
)

// Style is how a run is set: weight, size in points, fixed pitch (code,
// measured with the set's Mono faces and without the Japanese–Latin gap
// inside it), and a tag the caller uses for its own attributes (colour,
// link).
type Style struct {
	Bold bool
	Size float64
	Mono bool
	Tag  int
}

// Run is a piece of input text in one style. Break forces a line break
// after it; a '\n' in Text does too.
//
// A run with Box > 0 is an inline object Box points wide (a formula): one
// unbreakable piece whose Text is Object, breakable before and after as a
// Latin word is, with the Japanese–Latin gap beside Japanese.
type Run struct {
	Text  string
	Style Style
	Break bool
	Box   float64
}

// Object is the text of a piece that stands for an inline object.
const Object = "\uFFFC"

// Piece is a run of consecutive characters of one style on a line, at X
// from the line start, Width wide.
type Piece struct {
	Text  string
	Style Style
	X     float64
	Width float64
	// Spacing is extra space after each character but the last, when the
	// line is justified; Width includes it.
	Spacing float64
}

// Line is one broken line; Width is its extent, from 0 to the end of its
// last piece.
type Line struct {
	Pieces []Piece
	Width  float64
}

// Text is the line's characters.
func (l Line) Text() string {
	var b strings.Builder
	for _, p := range l.Pieces {
		b.WriteString(p.Text)
	}
	return b.String()
}

// Options adjust the breaker.
type Options struct {
	// XKanjiSkip is the gap between Japanese and Latin letters or digits,
	// as a fraction of the type size; 0 turns it off.
	XKanjiSkip float64
}

// Breaker breaks text measured with a font set. It is safe for
// concurrent use.
type Breaker struct {
	fonts *fonts.Set
	opts  Options
	// phrases caches phrase boundaries by text: fitting a slide breaks
	// the same text at several scales.
	mu      sync.Mutex
	phrases map[string][]bool
}

// maxPhraseCache bounds the phrase cache; it is emptied when full.
const maxPhraseCache = 4096

// New returns a Breaker that measures with f.
func New(f *fonts.Set, o Options) *Breaker {
	return &Breaker{fonts: f, opts: o}
}

// glyph is one character of the flattened input.
type glyph struct {
	r     rune
	style int     // index into styles
	adv   float64 // advance width
	gap   float64 // xkanjiskip before this character, if it is not at a line start
	// breakBefore says a line may break before this character.
	breakBefore bool
	// forced says a line must break before this character.
	forced bool
	// inPhrase says the break before this character would split a phrase
	// (文節): titles take it only when a phrase is wider than the line.
	inPhrase bool
	// plain is a character of the font in a text run: no emoji, object
	// or code, which justification never spaces apart.
	plain bool
}

// prepared is input ready for breaking.
type prepared struct {
	gs     []glyph
	styles []Style
	// phrases makes breaks between phrases preferred: taken whenever the
	// line they end is at most slack short of the width (titles: always).
	phrases bool
	slack   float64
	// strict: only a phrase wider than the line is split (titles).
	strict bool
	// justify, if above 0, is the width lines but the last are set to.
	justify float64
	// squeeze lets a line take one more character by squeezing its
	// punctuation (oikomi), tried before pushing the character down.
	squeeze bool
}

func (b *Breaker) prepare(runs []Run) prepared {
	return b.prepareWith(runs, false)
}

// bodySlack is how much shorter, in ems, a body line may end to break
// between phrases rather than inside one.
const bodySlack = 1.5

func (b *Breaker) prepareWith(runs []Run, phrases bool) prepared {
	p := prepared{phrases: phrases}
	var text []rune
	for _, r := range runs {
		si := len(p.styles)
		p.styles = append(p.styles, r.Style)
		if r.Box > 0 {
			// The segmenter sees a letter: an object breaks like a word.
			p.gs = append(p.gs, glyph{r: objectRune, style: si, adv: r.Box})
			text = append(text, 'x')
			if r.Break {
				p.gs = append(p.gs, glyph{r: '\n', style: si})
				text = append(text, '\n')
			}
			continue
		}
		face := b.fonts.FaceFor(r.Style.Bold, r.Style.Mono)
		s := strings.ToValidUTF8(r.Text, "\uFFFD")
		// An emoji drawn in colour is one em wide: its first character
		// carries the width, the others none.
		emojiEnd := 0
		for i, c := range s {
			if c == '\r' {
				continue
			}
			adv := face.Advance(c, r.Style.Size)
			if i >= emojiEnd {
				if n := face.Emoji(s[i:]); n > 0 {
					emojiEnd, adv = i+n, r.Style.Size
				}
			} else {
				adv = 0
			}
			plain := i >= emojiEnd && face.Has(c) && !r.Style.Mono
			p.gs = append(p.gs, glyph{r: c, style: si, adv: adv, plain: plain})
			text = append(text, c)
		}
		if r.Break {
			p.gs = append(p.gs, glyph{r: '\n', style: si})
			text = append(text, '\n')
		}
	}
	for i := range p.gs {
		if p.gs[i].r == '\n' || p.gs[i].r == '\t' {
			p.gs[i].adv = 0
		}
	}
	if len(text) == 0 {
		return p
	}
	var seg segmenter.Segmenter
	seg.Init(text)
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		if l.Offset > 0 && l.Offset < len(p.gs) {
			p.gs[l.Offset].breakBefore = true
		}
	}
	for i := range p.gs {
		if p.gs[i].r == '\n' && i+1 < len(p.gs) {
			p.gs[i+1].forced = true
			p.gs[i+1].breakBefore = true
		}
		if i == 0 {
			continue
		}
		prev, cur := p.gs[i-1].r, p.gs[i].r
		if noStart(cur) || noEnd(prev) || prev == cur && (cur == '…' || cur == '‥' || cur == '—' || cur == '―') {
			if !p.gs[i].forced {
				p.gs[i].breakBefore = false
			}
		}
		if phrases && p.gs[i].breakBefore && !p.gs[i].forced && (isJapanese(prev) || isJapanese(cur)) && !isSpace(prev) {
			p.gs[i].inPhrase = true // unless BudouX finds a boundary, below
		}
		mono := p.styles[p.gs[i-1].style].Mono && p.styles[p.gs[i].style].Mono
		if b.opts.XKanjiSkip > 0 && !mono && (isJapanese(prev) && latinOrObject(cur) || latinOrObject(prev) && isJapanese(cur)) {
			size := max(p.styles[p.gs[i-1].style].Size, p.styles[p.gs[i].style].Size)
			p.gs[i].gap = b.opts.XKanjiSkip * size
		}
	}
	if phrases {
		p.markPhrases(b.boundaries(text))
	}
	return p
}

// boundaries returns the phrase boundaries of text, cached.
func (b *Breaker) boundaries(text []rune) []bool {
	key := string(text)
	b.mu.Lock()
	defer b.mu.Unlock()
	if got, ok := b.phrases[key]; ok {
		return append([]bool(nil), got...)
	}
	if b.phrases == nil || len(b.phrases) >= maxPhraseCache {
		b.phrases = map[string][]bool{}
	}
	got := phrase.Boundaries(text)
	b.phrases[key] = got
	return append([]bool(nil), got...)
}

// markPhrases clears inPhrase where a phrase begins: BudouX's boundaries,
// less two kinds it gets wrong in titles, which hold words out of context:
// a boundary between two kanji (inside a compound, 箇条|書き) and one
// that leaves a single kana as a phrase (な|ぜ).
func (p *prepared) markPhrases(bounds []bool) {
	text := make([]rune, len(p.gs))
	for i, g := range p.gs {
		text[i] = g.r
	}
	for i := 1; i < len(text); i++ {
		if bounds[i] && unicode.Is(unicode.Han, text[i-1]) && unicode.Is(unicode.Han, text[i]) {
			bounds[i] = false
		}
		if strings.ContainsRune("：；、。，．！？」』）】〕", text[i-1]) && !noStart(text[i]) {
			bounds[i] = true // punctuation ends a phrase (AI：|各層が)
		}
	}
	prev := 0
	for i := 1; i < len(text); i++ {
		if !bounds[i] {
			continue
		}
		if i-prev == 1 && unicode.In(text[prev], unicode.Hiragana, unicode.Katakana) {
			bounds[i] = false // a lone kana joins the phrase after it
			continue
		}
		prev = i
	}
	for i, ok := range bounds {
		if ok {
			p.gs[i].inPhrase = false
		}
	}
}

// startsWord reports a place inside a phrase where a word likely begins:
// after kana, a kanji, katakana or Latin word (の|階層); from Latin to
// Japanese (AI|基盤). Splitting a phrase that does not fit there keeps
// words whole and particles with their word.
func startsWord(prev, cur rune) bool {
	sp, sc := script(prev), script(cur)
	switch sp {
	case 2: // hiragana
		return sc == 1 || sc == 3 || sc == 4
	case 4: // Latin
		return sc == 1 || sc == 3
	}
	return false
}

// script is a coarse writing system: 1 kanji, 2 hiragana, 3 katakana,
// 4 Latin letters and digits, 0 anything else.
func script(r rune) int {
	switch {
	case unicode.Is(unicode.Han, r) || r == '々':
		return 1
	case unicode.Is(unicode.Hiragana, r):
		return 2
	case unicode.Is(unicode.Katakana, r) || r == 'ー':
		return 3
	case isLatin(r):
		return 4
	}
	return 0
}

// Justify breaks runs as Break does and sets every line but the last
// (and those ending at a hard break) flush to both edges, as JLReq sets
// Japanese body text: the extra space goes between characters of
// Japanese text and at the spaces between words, never inside a Latin
// word; a line that would need more than a quarter em a gap stays ragged.
func (b *Breaker) Justify(runs []Run, width float64) []Line {
	p := b.prepareWith(runs, true)
	p.slack = min(bodySlack*maxSize(runs), width*0.1)
	p.squeeze = true
	starts := p.breakAll(width)
	starts = p.avoidLoneLast(starts, width)
	p.justify = width
	return p.lines(starts)
}

// Break breaks runs into lines of at most width. A line is wider only
// when one unbreakable word is: it is then broken between characters.
//
// Lines prefer to end between phrases (文節) when that leaves them at most
// one and a half ems short.
func (b *Breaker) Break(runs []Run, width float64) []Line {
	p := b.prepareWith(runs, true)
	p.slack = min(bodySlack*maxSize(runs), width*0.1)
	starts := p.breakAll(width)
	starts = p.avoidLoneLast(starts, width)
	return p.lines(starts)
}

// Measure is the natural width of runs set on one line, gaps included,
// hard breaks ignored.
func (b *Breaker) Measure(runs []Run) float64 {
	p := b.prepare(runs)
	w := 0.0
	for i, g := range p.gs {
		if i > 0 {
			w += g.gap
		}
		w += g.adv
	}
	return w
}

// Balance breaks runs into as many lines as Break would at width, but
// as even as possible: it finds the narrowest width that needs no more
// lines. For titles: lines break between phrases (文節, found by BudouX)
// unless a phrase is wider than the line.
func (b *Breaker) Balance(runs []Run, width float64) []Line {
	p := b.prepareWith(runs, true)
	p.slack, p.strict = math.Inf(1), true
	starts := p.breakAll(width)
	n := len(starts)
	if n <= 1 {
		return p.lines(starts)
	}
	lo, hi := 0.0, width
	for k := 0; k < 24 && hi-lo > 0.5; k++ {
		mid := (lo + hi) / 2
		if len(p.breakAll(mid)) <= n && !p.splitsWord(p.breakAll(mid)) {
			hi = mid
		} else {
			lo = mid
		}
	}
	best := p.breakAll(hi)
	if len(best) > n || p.splitsWord(best) {
		best = starts
	}
	return p.lines(p.avoidLoneLast(best, hi))
}

// breakAll returns the index of the first glyph of each line, greedily.
func (p *prepared) breakAll(width float64) []int {
	if len(p.gs) == 0 {
		return nil
	}
	starts := []int{0}
	lineW := 0.0    // width of the current line up to the last glyph placed
	lastBreak := -1 // last allowed break position on the current line
	breakW := 0.0   // the line's width up to lastBreak
	lastWeak := -1  // last allowed break inside a phrase (phrases mode)
	lastShift := -1 // of those, the last between two scripts
	start := 0
	for i := 0; i < len(p.gs); i++ {
		g := p.gs[i]
		if g.forced && i > start {
			starts = append(starts, i)
			start, lineW, lastBreak, lastWeak, lastShift = i, 0, -1, -1, -1
		}
		if i > start && g.breakBefore {
			if p.phrases && g.inPhrase {
				lastWeak = i
				if startsWord(p.gs[i-1].r, g.r) {
					lastShift = i
				}
			} else {
				lastBreak, breakW = i, lineW
			}
		}
		w := g.adv
		if i > start {
			w += g.gap
		}
		if i > start && lineW+w > width+0.01 && !isSpace(g.r) && g.r != '\n' && !(hangs(g.r) && lineW <= width+0.01) &&
			!(p.squeeze && lineW+w-p.squeezable(start, i+1) <= width+0.01) {
			br := lastBreak
			if lastWeak > lastBreak && (br <= start || breakW < width-p.slack) {
				// A phrase wider than the line, or a phrase break that
				// would leave the line too short: break inside the phrase,
				// where a word likely begins if there is such a place.
				br = lastWeak
				if lastShift > start && (breakW < width-p.slack || lastBreak <= start) && lastShift > lastBreak {
					br = lastShift
				}
			}
			if br <= start {
				br = p.forceBreak(start, i)
			}
			starts = append(starts, br)
			start, lastBreak, lastWeak, lastShift = br, -1, -1, -1
			i = br - 1
			lineW = 0
			continue
		}
		lineW += w
		if isSpace(g.r) && i == start && len(starts) > 1 {
			// A space never starts a line: skip it.
			starts[len(starts)-1] = i + 1
			start = i + 1
			lineW = 0
		}
	}
	// Drop a trailing empty line made by a final space or break.
	if n := len(starts); n > 1 && starts[n-1] >= len(p.gs) {
		starts = starts[:n-1]
	}
	return starts
}

// forceBreak picks where to break a line from start when no break
// opportunity fits before i: between characters, at the last place before
// i that keeps the kinsoku rules, or else at the first one after it (the
// line then overflows rather than break a rule).
func (p *prepared) forceBreak(start, i int) int {
	for br := i; br > start; br-- {
		if p.charBreakOK(br) {
			return br
		}
	}
	br := i + 1
	for br < len(p.gs) && !p.charBreakOK(br) && !p.gs[br].breakBefore {
		br++
	}
	return br
}

// charBreakOK reports whether a line may break before gs[i] when words
// must be split: the kinsoku rules still hold.
func (p *prepared) charBreakOK(i int) bool {
	prev, cur := p.gs[i-1].r, p.gs[i].r
	return !noStart(cur) && !noEnd(prev) && !(prev == cur && (cur == '…' || cur == '‥' || cur == '—' || cur == '―'))
}

// splitsWord reports whether a line breaks where UAX #14 allows none, or
// inside a phrase when breaking between phrases.
func (p *prepared) splitsWord(starts []int) bool {
	for _, s := range starts[1:] {
		if s < len(p.gs) && (!p.gs[s].breakBefore || p.strict && p.gs[s].inPhrase) && !isSpace(p.gs[s-1].r) {
			return true
		}
	}
	return false
}

// avoidLoneLast narrows the width a little when the last line would hold
// a single character, so that a second one comes down with it.
func (p *prepared) avoidLoneLast(starts []int, width float64) []int {
	if len(starts) < 2 || p.visible(starts[len(starts)-1], len(p.gs)) > 1 {
		return starts
	}
	if p.gs[starts[len(starts)-1]].forced {
		return starts
	}
	size := p.styles[p.gs[0].style].Size
	for k := 1; k <= 4; k++ {
		try := p.breakAll(width - float64(k)*size*0.5)
		if len(try) == len(starts) && p.visible(try[len(try)-1], len(p.gs)) > 1 && !p.splitsWord(try) {
			return try
		}
	}
	return starts
}

// visible counts the characters of gs[from:to] other than spaces, breaks
// and punctuation: 。、」 belong to the character before them, so a last
// line "だ。" holds one character.
func (p *prepared) visible(from, to int) int {
	n := 0
	for _, g := range p.gs[from:to] {
		if !isSpace(g.r) && g.r != '\n' && !unicode.IsPunct(g.r) {
			n++
		}
	}
	return n
}

// lines builds the positioned lines from line starts.
func (p *prepared) lines(starts []int) []Line {
	out := make([]Line, 0, len(starts))
	for k, s := range starts {
		e := len(p.gs)
		if k+1 < len(starts) {
			e = starts[k+1]
		}
		// Spaces and breaks at the end of a line are not drawn.
		end := e
		for end > s && (isSpace(p.gs[end-1].r) || p.gs[end-1].r == '\n') {
			end--
		}
		per := 0.0 // justification: extra space at each spaceable gap
		if p.justify > 0 && k+1 < len(starts) && !p.gs[e].forced && e < len(p.gs) {
			per = p.spacing(s, end, p.justify)
		}
		// Oikomi: a line kept one character longer by squeezing the space
		// of its punctuation gives each squeezable mark its share.
		sq := 0.0
		if p.squeeze && p.justify > 0 {
			if over := p.natural(s, end) - p.justify; over > 0.01 {
				if n := p.countSqueezable(s, end); n > 0 {
					sq = over / float64(n)
				}
			}
		}
		var l Line
		x := 0.0
		var cur *Piece
		curStyle, curLen, curSpaced := -1, 0, false
		var buf []byte
		flush := func() {
			if cur != nil {
				cur.Text = string(buf)
				l.Pieces = append(l.Pieces, *cur)
				cur, buf = nil, buf[:0]
			}
		}
		squeezedAfter := false
		for i := s; i < end; i++ {
			g := p.gs[i]
			spaced := i > s && per > 0 && p.spaceable(i)
			if i > s {
				x += g.gap
				if spaced {
					x += per
				}
			}
			opening := sq > 0 && squeezeBefore(g.r)
			if opening {
				x -= sq // an opening bracket's space is before its mark
			}
			// A piece is one style, set apart by no gap, and spaced evenly
			// inside (its second character decides) or not at all; a
			// squeezed mark ends or starts one.
			if cur == nil || g.style != curStyle || g.gap > 0 || curLen >= 2 && curSpaced != spaced || opening || squeezedAfter {
				squeezedAfter = false
				flush()
				cur, curStyle, curLen, curSpaced = &Piece{Style: p.styles[g.style], X: x}, g.style, 0, false
			} else if curLen == 1 {
				curSpaced = spaced
			}
			buf = utf8.AppendRune(buf, g.r)
			curLen++
			x += g.adv
			cur.Width = x - cur.X
			if curSpaced {
				cur.Spacing = per
			}
			if sq > 0 && squeezeAfter(g.r) {
				x -= sq // a closing mark's space is after it
				squeezedAfter = true
			}
		}
		flush()
		l.Width = x
		out = append(out, l)
	}
	return out
}

// maxSqueeze is how much a justified line may be squeezed, in ems, by
// taking space from its punctuation (JLReq oikomi) to keep one more
// character, before a character is pushed down to the next line.
const maxSqueeze = 0.25

// squeezeAfter reports the marks whose half-em of space lies after them.
func squeezeAfter(r rune) bool { return strings.ContainsRune("、。，．」』）】〕〉》", r) }

// squeezeBefore reports the marks whose half-em of space lies before them.
func squeezeBefore(r rune) bool { return strings.ContainsRune("「『（【〔〈《", r) }

// squeezable is how much the line gs[s:end] may be squeezed: half an em
// of each of its punctuation marks, at most maxSqueeze ems in all.
func (p *prepared) squeezable(s, end int) float64 {
	if n := p.countSqueezable(s, end); n > 0 {
		size := p.styles[p.gs[s].style].Size
		return min(maxSqueeze*size, float64(n)*size/2)
	}
	return 0
}

// countSqueezable counts the punctuation marks of gs[s:end] with space to
// give, the last one of the line not counting (it may hang instead).
func (p *prepared) countSqueezable(s, end int) int {
	n := 0
	for i := s; i < end; i++ {
		if r := p.gs[i].r; (squeezeAfter(r) && i < end-1 || squeezeBefore(r)) && p.gs[i].plain {
			n++
		}
	}
	return n
}

// natural is the width of gs[s:end] as set, gaps included.
func (p *prepared) natural(s, end int) float64 {
	w := 0.0
	for i := s; i < end; i++ {
		if i > s {
			w += p.gs[i].gap
		}
		w += p.gs[i].adv
	}
	return w
}

// maxSpacing bounds justification, in ems per gap: a line that would need
// more stays ragged rather than fall apart.
const maxSpacing = 0.25

// spacing is the extra space each spaceable gap of the line gs[s:end]
// takes so that the line fills width, or 0 when it cannot or need not.
func (p *prepared) spacing(s, end int, width float64) float64 {
	natural, n := 0.0, 0
	for i := s; i < end; i++ {
		if i > s {
			natural += p.gs[i].gap
			if p.spaceable(i) {
				n++
			}
		}
		natural += p.gs[i].adv
	}
	extra := width - natural
	if n == 0 || extra <= 0.01 {
		return 0
	}
	per := extra / float64(n)
	if per > maxSpacing*p.styles[p.gs[s].style].Size {
		return 0
	}
	return per
}

// spaceable reports whether justification may widen the gap before
// gs[i] (JLReq): between characters of Japanese text and at the spaces
// between words, never inside a Latin word, an emoji or code.
func (p *prepared) spaceable(i int) bool {
	a, b := p.gs[i-1], p.gs[i]
	if !a.plain || !b.plain {
		return false
	}
	if isSpace(a.r) || isSpace(b.r) {
		return true
	}
	return !(isLatin(a.r) || isLatinPunct(a.r)) || !(isLatin(b.r) || isLatinPunct(b.r))
}

// isLatinPunct reports ASCII punctuation, which stays with its word.
func isLatinPunct(r rune) bool { return r < 0x80 && unicode.IsPunct(r) }

// hangs reports the punctuation that may hang past the end of a full
// line (JLReq burasage) rather than push a character down or split a word.
func hangs(r rune) bool { return r == '、' || r == '。' || r == '，' || r == '．' }

// isSpace reports white space that may be dropped at a break.
func isSpace(r rune) bool { return r == ' ' || r == '\t' }

// isJapanese reports Han, Hiragana and Katakana (and ー, 々).
func isJapanese(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' || r == '々'
}

// isLatin reports Latin letters and digits, between which and Japanese
// the JLReq gap goes.
func isLatin(r rune) bool {
	return r < 0x250 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// objectRune stands for an inline object among the glyphs.
const objectRune = '\uFFFC'

// latinOrObject reports a Latin letter or digit, or an inline object
// (a formula), between which and Japanese the JLReq gap goes.
func latinOrObject(r rune) bool { return r == objectRune || isLatin(r) }

// maxSize is the largest type size among runs.
func maxSize(runs []Run) float64 {
	m := 0.0
	for _, r := range runs {
		m = max(m, r.Style.Size)
	}
	return m
}
