package theme

// palette is a theme's colours, as 0xrrggbb.
type palette struct {
	bg, text, title, muted, accent, accent2, surface, border,
	warning, warningBg, good, goodBg, link, section, onSection uint32
}

// apply sets t's colours to p's.
func (p palette) apply(t *Theme) {
	t.Background, t.Text, t.Title, t.Muted = rgb(p.bg), rgb(p.text), rgb(p.title), rgb(p.muted)
	t.Accent, t.Accent2, t.Surface, t.Border = rgb(p.accent), rgb(p.accent2), rgb(p.surface), rgb(p.border)
	t.Warning, t.WarningBg, t.Good, t.GoodBg = rgb(p.warning), rgb(p.warningBg), rgb(p.good), rgb(p.goodBg)
	t.Link, t.Section, t.OnSection = rgb(p.link), rgb(p.section), rgb(p.onSection)
}

// class returns a class that switches a slide to the palette p.
func (p palette) class() func(*Theme) { return p.apply }

// lead centres a slide, title and body (Marp's lead class).
func lead(t *Theme) { t.Center = true }

// The palettes of the built-in themes. Every text colour meets WCAG AA
// against the background, the surface and the fills it is drawn on
// (TestThemeContrast).
var (
	lightPalette = palette{
		bg: 0xffffff, text: 0x1f2933, title: 0x1f2933, muted: 0x52606d,
		accent: 0x1d4ed8, accent2: 0x0f766e, surface: 0xf1f5f9, border: 0x94a3b8,
		warning: 0x9a3f07, warningBg: 0xfef3c7, good: 0x166534, goodBg: 0xdcfce7,
		link: 0x1d4ed8, section: 0x1d4ed8, onSection: 0xffffff,
	}
	darkPalette = palette{
		bg: 0x161b22, text: 0xf1f5f9, title: 0xf8fafc, muted: 0xa9b6c6,
		accent: 0x93c5fd, accent2: 0x5eead4, surface: 0x252e3a, border: 0x5b6778,
		warning: 0xfcc463, warningBg: 0x3a2c0c, good: 0x86efac, goodBg: 0x12301d,
		link: 0x93c5fd, section: 0x1e3a8a, onSection: 0xf8fafc,
	}
	gaiaPalette = palette{
		bg: 0xfff8e1, text: 0x455a64, title: 0x455a64, muted: 0x546a74,
		accent: 0x01579b, accent2: 0x00695c, surface: 0xf6edcf, border: 0xb5a98a,
		warning: 0x8f3e00, warningBg: 0xffe7c2, good: 0x2e6b30, goodBg: 0xe6f2d6,
		link: 0x01579b, section: 0x01579b, onSection: 0xfff8e1,
	}
	gaiaInvertPalette = palette{
		bg: 0x3b4d56, text: 0xfff8e1, title: 0xfff8e1, muted: 0xe6dcc0,
		accent: 0xb3e5fc, accent2: 0xb2dfdb, surface: 0x32434b, border: 0x90a4ae,
		warning: 0xffd699, warningBg: 0x5b4a33, good: 0xc5e1a5, goodBg: 0x3d5544,
		link: 0xb3e5fc, section: 0x263238, onSection: 0xfff8e1,
	}
	// gaiaBluePalette is gaia's own "gaia" class: cream on blue.
	gaiaBluePalette = palette{
		bg: 0x014a85, text: 0xfff8e1, title: 0xfff8e1, muted: 0xe6ddc2,
		accent: 0xffe082, accent2: 0xb2ebf2, surface: 0x0b3f6e, border: 0x81b4dc,
		warning: 0xffd699, warningBg: 0x4a3a1c, good: 0xc5e1a5, goodBg: 0x1f4a36,
		link: 0xffe082, section: 0x263238, onSection: 0xfff8e1,
	}
	uncoverPalette = palette{
		bg: 0xfdfcff, text: 0x202228, title: 0x202228, muted: 0x50535c,
		accent: 0x006d9c, accent2: 0x7a3e9d, surface: 0xf0f0f5, border: 0xa0a3ad,
		warning: 0x9a3f07, warningBg: 0xfff1d6, good: 0x166534, goodBg: 0xe3f6e8,
		link: 0x006d9c, section: 0x202228, onSection: 0xfdfcff,
	}
	uncoverInvertPalette = palette{
		bg: 0x202228, text: 0xfdfcff, title: 0xfdfcff, muted: 0xb8bcc6,
		accent: 0x6fd0f5, accent2: 0xd8b4fe, surface: 0x2d3038, border: 0x6b6f7a,
		warning: 0xfcc463, warningBg: 0x3a2c0c, good: 0x86efac, goodBg: 0x12301d,
		link: 0x6fd0f5, section: 0xfdfcff, onSection: 0x202228,
	}
	seriphPalette = palette{
		bg: 0xffffff, text: 0x181818, title: 0x1c3d45, muted: 0x595959,
		accent: 0x1f6f80, accent2: 0x8a3f6e, surface: 0xf3f4f4, border: 0xa7b1b3,
		warning: 0x9a3f07, warningBg: 0xfdf0d5, good: 0x166534, goodBg: 0xe2f4e6,
		link: 0x1f6f80, section: 0x1c3d45, onSection: 0xffffff,
	}
	seriphInvertPalette = palette{
		bg: 0x121212, text: 0xf0f0f0, title: 0xbfe7ee, muted: 0xb0b0b0,
		accent: 0x7fd3e2, accent2: 0xe9a8d0, surface: 0x222526, border: 0x5f6668,
		warning: 0xfcc463, warningBg: 0x3a2c0c, good: 0x86efac, goodBg: 0x12301d,
		link: 0x7fd3e2, section: 0x1c3d45, onSection: 0xffffff,
	}
	highContrastPalette = palette{
		bg: 0x000000, text: 0xffffff, title: 0xffffff, muted: 0xe0e0e0,
		accent: 0xffe14d, accent2: 0x6ff3ff, surface: 0x161616, border: 0xffffff,
		warning: 0xffb366, warningBg: 0x2a1600, good: 0x7dff9e, goodBg: 0x002610,
		link: 0x6ff3ff, section: 0xffe14d, onSection: 0x000000,
	}
	highContrastInvertPalette = palette{
		bg: 0xffffff, text: 0x000000, title: 0x000000, muted: 0x2b2b2b,
		accent: 0x0030a0, accent2: 0x004d44, surface: 0xf0f0f0, border: 0x000000,
		warning: 0x7a2e00, warningBg: 0xfff0d0, good: 0x0b4a1e, goodBg: 0xe0f5e6,
		link: 0x0030a0, section: 0x000000, onSection: 0xffffff,
	}
)

// talk is the type scale and spacing every built-in theme starts from:
// sizes for a talk on a 16:9 page read from the back of a room (titles
// 40 pt, body 28 pt, nested 24 pt, tables and a diagram's caption 24 pt,
// code 20 pt), with a line pitch for Japanese text.
func talk(name string, p palette) *Theme {
	t := &Theme{
		Name:            name,
		TitleSize:       40,
		CoverSize:       54,
		SectionSize:     48,
		BodySize:        28,
		NestedSize:      24,
		TableSize:       24,
		CaptionSize:     24,
		SmallSize:       20,
		FooterSize:      12,
		DiagramSize:     18,
		DiagramSmall:    14,
		QuoteSize:       44,
		LineHeight:      1.55,
		TitleLineHeight: 1.3,
		XKanjiSkip:      0.25,
		MinScale:        0.7,
		Justify:         true,
		Balance:         BalanceCenter,
		TitleBar:        true,
		PageNumbers:     true,
		MarginX:         56,
		MarginTop:       32,
		MarginBottom:    40,
		CornerRadius:    6,
		StrokeWidth:     1.25,
		Classes:         map[string]func(*Theme){"lead": lead},
	}
	p.apply(t)
	return t
}

// Default is the default talk theme: dark text on white, a deep blue
// accent for AI, a teal second accent, amber-red for problems; its invert
// class is the dark theme's palette.
func Default() *Theme {
	t := talk("default", lightPalette)
	t.Classes["invert"] = darkPalette.class()
	return t
}

// Dark is the default theme on a dark page; its invert class is the
// default theme's light palette.
func Dark() *Theme {
	t := talk("dark", darkPalette)
	t.Classes["invert"] = lightPalette.class()
	return t
}

// Gaia is after Marp's gaia: slate text on warm cream, content from the
// top, no title bar; lead centres a slide, invert turns it slate, and
// the gaia class sets it in cream on blue.
func Gaia() *Theme {
	t := talk("gaia", gaiaPalette)
	t.Balance, t.TitleBar = BalanceTop, false
	t.MarginX = 64
	t.Classes["invert"] = gaiaInvertPalette.class()
	t.Classes["gaia"] = gaiaBluePalette.class()
	return t
}

// Uncover is after Marp's uncover: minimal, every slide centred, no title
// bar; invert turns it dark.
func Uncover() *Theme {
	t := talk("uncover", uncoverPalette)
	t.Center, t.TitleBar, t.CenterChrome = true, false, true
	t.MarginX = 72
	t.Classes["invert"] = uncoverInvertPalette.class()
	return t
}

// Seriph is after Slidev's default and seriph themes: near-black text on
// white, a deep teal for titles, content from the top, wide margins and
// no title bar (the serif headings need a serif font: set fonts: to one).
func Seriph() *Theme {
	t := talk("seriph", seriphPalette)
	t.Balance, t.TitleBar = BalanceTop, false
	t.MarginX = 64
	t.Classes["invert"] = seriphInvertPalette.class()
	return t
}

// HighContrast is white on black with a yellow accent, every text colour
// at 7:1 (WCAG AAA) or more; invert is black on white.
func HighContrast() *Theme {
	t := talk("high-contrast", highContrastPalette)
	t.StrokeWidth = 2
	t.Classes["invert"] = highContrastInvertPalette.class()
	return t
}
