package theme

import (
	"math"

	"github.com/layerdeck/layerdeck/internal/display"
)

// CodeStyle colours code blocks and inline code: the panel, the tint
// behind highlighted lines, and the colour of each kind of token
// (internal/highlight's roles). Every token colour has WCAG AA contrast
// (4.5:1) on both the panel and the tint.
type CodeStyle struct {
	Background display.Color // the panel
	Marked     display.Color // behind highlighted lines
	Caption    display.Color // the title bar's fill
	LineNumber display.Color

	Plain, Keyword, String, Comment, Number, Function, Type, Builtin,
	Attribute, Tag, Inserted, Deleted, Heading display.Color

	// Dim is how far the lines that are not highlighted fade towards the
	// panel (0: not at all, 1: invisible), as Slidev's opacity does.
	Dim float64
}

// CodeLight is a light code style after GitHub's light palette, for a
// panel of the default theme's Surface.
func CodeLight() CodeStyle {
	return CodeStyle{
		Background: rgb(0xf1f5f9),
		Marked:     rgb(0xdbe7fb),
		Caption:    rgb(0xe2e8f0),
		LineNumber: rgb(0x57606a),
		Plain:      rgb(0x1f2933),
		Keyword:    rgb(0xb3202a),
		String:     rgb(0x0a3069),
		Comment:    rgb(0x57606a),
		Number:     rgb(0x0550ae),
		Function:   rgb(0x6639ba),
		Type:       rgb(0x953800),
		Builtin:    rgb(0x0550ae),
		Attribute:  rgb(0x116329),
		Tag:        rgb(0x116329),
		Inserted:   rgb(0x116329),
		Deleted:    rgb(0x82071e),
		Heading:    rgb(0x0550ae),
		Dim:        0.6,
	}
}

// CodeDark is a dark code style after GitHub's dark palette, for dark
// slides (Marp's invert class).
func CodeDark() CodeStyle {
	return CodeStyle{
		Background: rgb(0x2a333f),
		Marked:     rgb(0x33404f),
		Caption:    rgb(0x1f2731),
		LineNumber: rgb(0xb1bac4),
		Plain:      rgb(0xe6edf3),
		Keyword:    rgb(0xffa198),
		String:     rgb(0xa5d6ff),
		Comment:    rgb(0xb1bac4),
		Number:     rgb(0x8fcbff),
		Function:   rgb(0xd8b4fe),
		Type:       rgb(0xffb070),
		Builtin:    rgb(0x8fcbff),
		Attribute:  rgb(0x8ae99a),
		Tag:        rgb(0x8ae99a),
		Inserted:   rgb(0xaff5b4),
		Deleted:    rgb(0xffdcd7),
		Heading:    rgb(0x8fcbff),
		Dim:        0.6,
	}
}

// CodeStyleFor returns the style for a panel of colour surface: dark on
// a dark surface, light otherwise, with the panel the surface itself.
func CodeStyleFor(surface display.Color) CodeStyle {
	st := CodeLight()
	if Luminance(surface) < 0.3 {
		st = CodeDark()
	}
	st.Background = surface
	return st
}

// Luminance is the WCAG relative luminance of c, from 0 (black) to 1.
func Luminance(c display.Color) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func Contrast(a, b display.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Mix blends c towards to by f (0: c, 1: to).
func Mix(c, to display.Color, f float64) display.Color {
	m := func(a, b uint8) uint8 { return uint8(float64(a)*(1-f) + float64(b)*f + 0.5) }
	return display.Color{R: m(c.R, to.R), G: m(c.G, to.G), B: m(c.B, to.B)}
}

// CodeColorNames are the names of a code style's colours, as a theme
// file's code: keys spell them.
var CodeColorNames = []string{"background", "marked", "caption", "line-number", "plain", "keyword", "string", "comment", "number", "function", "type", "builtin", "attribute", "tag", "inserted", "deleted", "heading"}

// field returns the colour of st named name, or nil.
func (st *CodeStyle) field(name string) *display.Color {
	switch name {
	case "background":
		return &st.Background
	case "marked":
		return &st.Marked
	case "caption":
		return &st.Caption
	case "line-number":
		return &st.LineNumber
	case "plain":
		return &st.Plain
	case "keyword":
		return &st.Keyword
	case "string":
		return &st.String
	case "comment":
		return &st.Comment
	case "number":
		return &st.Number
	case "function":
		return &st.Function
	case "type":
		return &st.Type
	case "builtin":
		return &st.Builtin
	case "attribute":
		return &st.Attribute
	case "tag":
		return &st.Tag
	case "inserted":
		return &st.Inserted
	case "deleted":
		return &st.Deleted
	case "heading":
		return &st.Heading
	}
	return nil
}

// Set sets the colour named name (one of CodeColorNames) and reports
// whether the name is known.
func (st *CodeStyle) Set(name string, c display.Color) bool {
	f := st.field(name)
	if f != nil {
		*f = c
	}
	return f != nil
}

// Tokens lists the colours text is drawn in, by name.
func (st *CodeStyle) Tokens() []CodeColor {
	var out []CodeColor
	for _, n := range CodeColorNames {
		switch n {
		case "background", "marked", "caption":
			continue
		}
		out = append(out, CodeColor{n, *st.field(n)})
	}
	return out
}
