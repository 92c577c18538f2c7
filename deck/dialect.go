package deck

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Dialect is the flavour of Markdown a deck is written in. layerdeck reads
// Marp and Slidev decks as their own tools do: the dialect decides the few
// rules where they differ (soft line breaks, which rulers split slides,
// which comments are notes) and which keys are understood.
type Dialect string

// The dialects.
const (
	DialectLayerdeck Dialect = "layerdeck"
	DialectMarp      Dialect = "marp"
	DialectSlidev    Dialect = "slidev"
)

// marpGlobal are Marp's global directives: they set the whole deck.
var marpGlobal = []string{"theme", "style", "headingDivider", "lang", "size", "math", "title", "description", "author", "image", "keywords", "url", "marp"}

// marpLocal are Marp's local directives: they set a slide and, without a
// leading '_', the slides after it.
var marpLocal = []string{"paginate", "header", "footer", "class", "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat", "backgroundSize", "color"}

// marpCLI are front-matter keys of Marp CLI and its engine options.
var marpCLI = []string{"transition", "inlineSVG", "html"}

// slidevHead are the keys of a Slidev headmatter (the deck's front matter).
var slidevHead = []string{
	"theme", "title", "titleTemplate", "info", "author", "keywords", "presenter", "browserExporter",
	"download", "exportFilename", "export", "highlighter", "twoslash", "lineNumbers", "monaco",
	"monacoTypesSource", "monacoTypesAdditionalPackages", "monacoRunAdditionalDeps", "remoteAssets",
	"selectable", "record", "contextMenu", "wakeLock", "overviewSnapshots", "colorSchema", "routerMode",
	"aspectRatio", "canvasWidth", "themeConfig", "favicon", "plantUmlServer", "fonts", "defaults",
	"drawings", "htmlAttrs", "transition", "mdc", "css", "addons", "seoMeta", "duration", "timer",
	"editor", "glowSeed", "hideInToc", "lang",
}

// slidevSlide are the keys of a Slidev slide's front matter.
var slidevSlide = []string{
	"layout", "class", "background", "backgroundSize", "image", "clicks", "clicksStart", "transition",
	"hide", "disabled", "level", "hideInToc", "src", "routeAlias", "zoom", "preload", "title",
	"dragPos", "url", "name", "lang", "draggable", "theme", "layoutClass", "transitionDuration",
	"hideInTOC", "monacoRunAutorun", "autoPlay", "drawings", "overviewSnapshots", "info",
}

// slidevLayouts are Slidev's built-in layouts.
var slidevLayouts = []string{
	"cover", "intro", "default", "center", "section", "statement", "fact", "quote", "end", "full",
	"two-cols", "two-cols-header", "image", "image-left", "image-right", "iframe", "iframe-left",
	"iframe-right", "none", "error",
}

// marpThemes and slidevThemes are the themes of each tool that map onto a
// built-in theme.
var (
	marpThemes   = []string{"default", "gaia", "uncover"}
	slidevThemes = []string{"default", "seriph", "apple-basic", "bricks", "shibainu"}
)

var marpCommentRE = regexp.MustCompile(`<!--\s*_?(paginate|header|footer|class|backgroundColor|backgroundImage|color|headingDivider|size|theme)\s*:`)

var slidevBodyRE = regexp.MustCompile(`(?m)^(layout:\s*(cover|intro|center|two-cols|two-cols-header|image-left|image-right|fact|statement|iframe)\b|::(left|default)::\s*$)|<v-clicks?\b|\{v-click\}`)

// detectDialect decides the dialect from the front matter's keys and, when
// they say nothing, from the body.
func detectDialect(fm *ynode, body []byte) Dialect {
	if fm != nil && fm.kind == yMap {
		marp, slidev := false, false
		for _, p := range fm.pairs {
			k := strings.TrimPrefix(p.key, "_")
			switch {
			case k == "stacks":
				return DialectLayerdeck
			case k == "marp" || p.key != k:
				return DialectMarp
			case k == "theme" && p.val.kind == yScalar:
				marp = marp || slices.Contains(marpThemes[1:], p.val.str)
				slidev = slidev || slices.Contains(slidevThemes[1:], p.val.str)
			case k == "layout" && p.val.kind == yScalar && slices.Contains(slidevLayouts, p.val.str) && !validLayout(Layout(p.val.str)):
				slidev = true
			case slices.Contains(deckKeys, k):
			case slices.Contains(marpLocal, k) || slices.Contains(marpGlobal, k):
				marp = true
			case slices.Contains(slidevHead, k) || slices.Contains(slidevSlide, k):
				slidev = true
			}
		}
		switch {
		case marp && !slidev:
			return DialectMarp
		case slidev:
			return DialectSlidev
		}
	}
	switch {
	case marpCommentRE.Match(body):
		return DialectMarp
	case slidevBodyRE.Match(body):
		return DialectSlidev
	}
	return DialectLayerdeck
}

// knownKey reports whether any dialect knows key at the deck's top level.
func knownKey(key string) bool {
	k := strings.TrimPrefix(key, "_")
	return slices.Contains(deckKeys, key) || slices.Contains(marpGlobal, k) || slices.Contains(marpLocal, k) ||
		slices.Contains(marpCLI, k) || slices.Contains(slidevHead, key) || slices.Contains(slidevSlide, key)
}

// Suggest returns the word of known closest to word, or "" if none is
// close: the "did you mean" hint of an unknown key.
func Suggest(word string, known []string) string { return suggest(word, known) }

// suggest returns the known word closest to word, or "" if none is close.
func suggest(word string, known ...[]string) string {
	best, bestD := "", 3
	if len(word) <= 4 {
		bestD = 2
	}
	lower := strings.ToLower(word)
	for _, list := range known {
		for _, k := range list {
			// The lengths alone put the distance out of reach (and keep a
			// long word from costing its length times each key).
			if diff := len(lower) - len(k); diff >= bestD*utf8.UTFMax || -diff >= bestD*utf8.UTFMax {
				continue
			}
			if d := editDistance(lower, strings.ToLower(k)); d < bestD {
				best, bestD = k, d
			}
		}
	}
	return best
}

// editDistance is the Damerau–Levenshtein distance (adjacent swaps count
// one), the measure behind "did you mean" hints.
func editDistance(a, b string) int {
	var bufA, bufB [32]rune
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	// Three rows of the table: two back for a swap, one back, this one.
	var buf [3 * 33]int
	n := len(rb) + 1
	rows := buf[:0]
	if 3*n > len(buf) {
		rows = make([]int, 0, 3*n)
	}
	rows = rows[:3*n]
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func appendRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}

// warnings collects a deck's warnings, each feature reported once: a
// repeat adds to the count of the first report instead of a new line.
type warnings struct {
	list  ErrorList
	first map[string]int // feature → index in list
	count map[string]int
}

// once records a warning about feature at pos unless one was recorded.
func (w *warnings) once(feature string, pos Pos, format string, args ...any) {
	if w.first == nil {
		w.first, w.count = map[string]int{}, map[string]int{}
	}
	w.count[feature]++
	if _, ok := w.first[feature]; ok {
		return
	}
	w.first[feature] = len(w.list)
	w.list.Add(pos, format, args...)
}

// done returns the warnings, each repeated one saying how often it recurs.
func (w *warnings) done() ErrorList {
	for f, i := range w.first {
		if n := w.count[f]; n > 1 {
			w.list[i].Msg += " (" + strconv.Itoa(n-1) + " more in this deck)"
		}
	}
	return w.list.Sort()
}

// ForeignTheme returns the built-in theme that draws the Marp or Slidev
// theme name in a deck of the dialect, or "" if name is not one of that
// tool's themes: Marp's default, gaia and uncover are their namesakes;
// Slidev's default and seriph, and its apple-basic, are seriph; bricks is
// gaia, shibainu default. A layerdeck deck has no foreign themes.
func ForeignTheme(dialect Dialect, name string) string {
	switch dialect {
	case DialectMarp:
		if slices.Contains(marpThemes, name) {
			return name
		}
	case DialectSlidev:
		switch name {
		case "default", "seriph", "apple-basic":
			return "seriph"
		case "bricks":
			return "gaia"
		case "shibainu":
			return "default"
		}
	}
	return ""
}
