// Package theme holds the look shared by slides and diagrams: colours,
// type sizes, margins and spacing. A theme is plain data; layout and
// diagrams read it, nothing mutates it.
package theme

import "github.com/layerdeck/layerdeck/internal/display"

// Theme is a complete set of visual settings. Sizes are in points.
type Theme struct {
	Name string

	// Colours.
	Background display.Color
	Text       display.Color // body text
	Muted      display.Color // footer, captions, secondary text
	Accent     display.Color // titles, rules, links
	Accent2    display.Color // second stack in compare views
	Surface    display.Color // light fill behind boxes and code
	Border     display.Color // box strokes
	Warning    display.Color // problem nodes (transfer pattern)
	WarningBg  display.Color // fill of problem nodes
	Good       display.Color // fixes, resolved gaps (progression pattern)
	GoodBg     display.Color // fill of resolved gap nodes
	Link       display.Color

	// Type sizes.
	TitleSize    float64 // slide titles
	CoverSize    float64 // title slide's main title
	SectionSize  float64 // section slide title
	BodySize     float64 // paragraphs and first-level bullets
	SmallSize    float64 // nested bullets, tables, captions
	FooterSize   float64
	DiagramSize  float64 // node labels in diagrams
	DiagramSmall float64 // edge labels and secondary node lines; at least 12 pt
	QuoteSize    float64

	// LineHeight is the line pitch as a multiple of the type size.
	LineHeight float64
	// XKanjiSkip is the gap between Japanese and Latin letters or digits,
	// as a fraction of the type size (JLReq; 0 turns it off).
	XKanjiSkip float64
	// MinScale is the floor to which overfull content may shrink.
	MinScale float64
	// Justify sets Japanese body text flush to both edges (JLReq).
	Justify bool

	// Margins of a slide.
	MarginX, MarginTop, MarginBottom float64
	// CornerRadius of diagram and card boxes.
	CornerRadius float64
	// StrokeWidth of boxes and edges in diagrams.
	StrokeWidth float64
}

func rgb(hex uint32) display.Color {
	return display.Color{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex)}
}

// Default is the default talk theme: dark text on white, a deep blue
// accent for AI, a teal second accent, amber-red for problems.
func Default() *Theme {
	return &Theme{
		Name:         "default",
		Background:   rgb(0xffffff),
		Text:         rgb(0x1f2933),
		Muted:        rgb(0x66788a),
		Accent:       rgb(0x1d4ed8),
		Accent2:      rgb(0x0f766e),
		Surface:      rgb(0xf1f5f9),
		Border:       rgb(0x94a3b8),
		Warning:      rgb(0xb45309),
		WarningBg:    rgb(0xfef3c7),
		Good:         rgb(0x15803d),
		GoodBg:       rgb(0xdcfce7),
		Link:         rgb(0x1d4ed8),
		TitleSize:    30,
		CoverSize:    40,
		SectionSize:  36,
		BodySize:     22,
		SmallSize:    18,
		FooterSize:   11,
		DiagramSize:  16,
		DiagramSmall: 13,
		QuoteSize:    28,
		LineHeight:   1.5,
		XKanjiSkip:   0.25,
		MinScale:     0.7,
		Justify:      true,
		MarginX:      48,
		MarginTop:    36,
		MarginBottom: 36,
		CornerRadius: 6,
		StrokeWidth:  1.25,
	}
}

// Names lists the built-in themes.
var Names = []string{"default"}

// Lookup returns the built-in theme with the given name ("" is default).
func Lookup(name string) (*Theme, bool) {
	switch name {
	case "", "default":
		return Default(), true
	}
	return nil, false
}
