// Package theme holds the look shared by slides and diagrams: colours,
// type sizes, margins and spacing. A theme is plain data; layout and
// diagrams read it, nothing mutates it (a slide's class works on a copy).
package theme

import (
	"sort"

	"github.com/layerdeck/layerdeck/internal/display"
)

// Theme is a complete set of visual settings. Sizes are in points, for a
// 16:9 page of 960 × 540 pt (ForAspect scales them for 4:3).
type Theme struct {
	Name string

	// Colours.
	Background display.Color
	Text       display.Color // body text
	Title      display.Color // slide titles
	Muted      display.Color // footer, captions, secondary text
	Accent     display.Color // title bars, bullets, headings, emphasis
	Accent2    display.Color // second stack in compare views
	Surface    display.Color // light fill behind boxes and code
	Border     display.Color // box strokes
	Warning    display.Color // problem nodes (transfer pattern)
	WarningBg  display.Color // fill of problem nodes
	Good       display.Color // fixes, resolved gaps (progression pattern)
	GoodBg     display.Color // fill of resolved gap nodes
	Link       display.Color
	Section    display.Color // a section slide's page
	OnSection  display.Color // a section slide's text

	// Type sizes.
	TitleSize    float64 // slide titles
	CoverSize    float64 // title slide's main title
	SectionSize  float64 // section slide title
	BodySize     float64 // paragraphs and first-level bullets
	NestedSize   float64 // nested bullets
	TableSize    float64 // table cells
	CaptionSize  float64 // the text of a diagram slide
	SmallSize    float64 // code; the least size of tables and captions
	FooterSize   float64
	DiagramSize  float64 // node labels in diagrams
	DiagramSmall float64 // edge labels and secondary node lines; at least 12 pt
	QuoteSize    float64

	// LineHeight is the line pitch of body text as a multiple of the type
	// size; TitleLineHeight that of titles and quotes.
	LineHeight, TitleLineHeight float64
	// XKanjiSkip is the gap between Japanese and Latin letters or digits,
	// as a fraction of the type size (JLReq; 0 turns it off).
	XKanjiSkip float64
	// MinScale is the floor to which overfull content may shrink.
	MinScale float64
	// Justify sets Japanese body text flush to both edges (JLReq).
	Justify bool

	// Balance places content shorter than its slide: BalanceTop leaves it
	// under the title, BalanceCenter centres it in the free area (in Marp
	// decks, title and body together, as Marp's themes centre a slide).
	Balance string
	// Center centres every slide's text, title and body together (Marp's
	// uncover, and the lead class).
	Center bool
	// TitleBar draws an accent bar beside slide titles.
	TitleBar bool
	// CenterChrome centres a Marp deck's header and footer (uncover); the
	// page number stays at the right.
	CenterChrome bool

	// Header, if set, is drawn at the top of every slide but the title
	// slide; Footer, if set, replaces the deck title in the footer ("":
	// no footer text); PageNumbers draws "n / N".
	Header      string
	Footer      *string
	PageNumbers bool

	// Margins of a slide.
	MarginX, MarginTop, MarginBottom float64
	// CornerRadius of diagram and card boxes.
	CornerRadius float64
	// StrokeWidth of boxes and edges in diagrams.
	StrokeWidth float64

	// Code holds code colours set by name (a theme file's code: keys),
	// over the style CodeStyleFor picks for the Surface.
	Code []CodeColor
	// Classes are the looks a slide's class switches to, by name:
	// "invert" is the theme's dark (or light) variant, "lead" centres the
	// slide; a theme file adds its own.
	Classes map[string]func(*Theme)
}

// CodeColor is one code colour set by name (see CodeStyle.Set).
type CodeColor struct {
	Name  string
	Color display.Color
}

// Balance values.
const (
	BalanceTop    = "top"
	BalanceCenter = "center"
)

// Clone returns a copy of t that can be changed without changing t.
func (t *Theme) Clone() *Theme {
	c := *t
	c.Code = append([]CodeColor(nil), t.Code...)
	c.Classes = make(map[string]func(*Theme), len(t.Classes))
	for k, v := range t.Classes {
		c.Classes[k] = v
	}
	return &c
}

// WithClass returns t as a slide of the given class looks, or t itself
// for a class the theme does not define.
func (t *Theme) WithClass(name string) (*Theme, bool) {
	f, ok := t.Classes[name]
	if !ok {
		return t, false
	}
	c := t.Clone()
	f(c)
	return c, true
}

// ClassNames lists the classes of t, sorted.
func (t *Theme) ClassNames() []string {
	var out []string
	for k := range t.Classes {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// CodeStyle is the style of code blocks on this theme's Surface, with the
// theme's own code colours.
func (t *Theme) CodeStyle() CodeStyle {
	st := CodeStyleFor(t.Surface)
	for _, c := range t.Code {
		st.Set(c.Name, c.Color)
	}
	return st
}

// ForAspect returns t scaled for a page of the aspect ratio: a 4:3 page
// is three quarters as wide, and its type is set at 7/8 of the 16:9
// sizes, with tables, code and captions at 18 pt or more.
func (t *Theme) ForAspect(aspect string) *Theme {
	if aspect != "4:3" {
		return t
	}
	c := t.Clone()
	const f = 0.875
	for _, p := range []*float64{&c.TitleSize, &c.CoverSize, &c.SectionSize, &c.BodySize, &c.NestedSize, &c.QuoteSize, &c.MarginX} {
		*p *= f
	}
	for _, p := range []*float64{&c.TableSize, &c.CaptionSize, &c.SmallSize} {
		*p = max(*p*f, min(*p, 18))
	}
	return c
}

func rgb(hex uint32) display.Color {
	return display.Color{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex)}
}

// Names lists the built-in themes.
var Names = []string{"default", "dark", "gaia", "uncover", "seriph", "high-contrast"}

// Lookup returns a fresh copy of the built-in theme with the given name
// ("" is default).
func Lookup(name string) (*Theme, bool) {
	switch name {
	case "", "default":
		return Default(), true
	case "dark":
		return Dark(), true
	case "gaia":
		return Gaia(), true
	case "uncover":
		return Uncover(), true
	case "seriph":
		return Seriph(), true
	case "high-contrast":
		return HighContrast(), true
	}
	return nil, false
}
