package theme

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
)

// A theme file (theme: ./mytheme.yaml in a deck) sets a built-in theme's
// settings by name: `extends: dark`, then keys such as colors.text,
// sizes.body, margins.x, balance, code.keyword or classes.NAME.… (the
// deck package reads the file into dotted keys with their positions;
// Set applies one).

// colorKeys name the theme's colours under colors.
var colorKeys = []string{"background", "text", "title", "muted", "accent", "accent2", "surface", "border", "warning", "warning-bg", "good", "good-bg", "link", "section", "on-section"}

// sizeKeys name the type sizes under sizes.
var sizeKeys = []string{"title", "cover", "section", "body", "nested", "table", "caption", "code", "footer", "quote", "diagram", "diagram-small"}

// otherKeys are the settings that are neither colours, sizes nor code
// colours.
var otherKeys = []string{"margins.x", "margins.top", "margins.bottom", "line-height", "title-line-height", "min-scale", "xkanjiskip", "justify",
	"balance", "center", "title-bar", "header", "footer", "page-numbers", "diagram.stroke-width", "diagram.corner-radius"}

// Keys lists every key a theme file may set, besides extends and
// classes.NAME.KEY.
func Keys() []string {
	var out []string
	for _, k := range colorKeys {
		out = append(out, "colors."+k)
	}
	for _, k := range sizeKeys {
		out = append(out, "sizes."+k)
	}
	out = append(out, otherKeys...)
	for _, k := range CodeColorNames {
		out = append(out, "code."+k)
	}
	return out
}

// KeyError is a key a theme file may not set.
type KeyError struct {
	Key string
	// Suggest is the known key closest to Key, or "".
	Suggest string
}

func (e *KeyError) Error() string {
	if e.Suggest != "" {
		return fmt.Sprintf("unknown theme key %q (did you mean %q?)", e.Key, e.Suggest)
	}
	return fmt.Sprintf("unknown theme key %q (keys: colors.*, sizes.*, margins.*, code.*, classes.NAME.*, balance, header, footer, page-numbers, …; see docs/FORMAT.md, Themes)", e.Key)
}

// Set sets the setting key of t to the text value. A key
// classes.NAME.KEY adds KEY to the class NAME (a class the theme has,
// such as invert, keeps what it did and does this after it). The error
// is a *KeyError for an unknown key, otherwise it says what value the
// key takes.
func Set(t *Theme, key, value string) error {
	if rest, ok := strings.CutPrefix(key, "classes."); ok {
		name, sub, ok := strings.Cut(rest, ".")
		if !ok || name == "" {
			return &KeyError{Key: key}
		}
		if strings.HasPrefix(sub, "classes.") {
			return &KeyError{Key: key}
		}
		if err := Set(t.Clone(), sub, value); err != nil {
			if ke, ok := err.(*KeyError); ok {
				return &KeyError{Key: key, Suggest: prefixed("classes."+name+".", ke.Suggest)}
			}
			return err
		}
		prev := t.Classes[name]
		if t.Classes == nil {
			t.Classes = map[string]func(*Theme){}
		}
		t.Classes[name] = func(c *Theme) {
			if prev != nil {
				prev(c)
			}
			_ = Set(c, sub, value) // checked above
		}
		return nil
	}
	if p := t.colorField(key); p != nil {
		c, err := parseColor(value)
		if err == nil {
			*p = c
		}
		return err
	}
	if name, ok := strings.CutPrefix(key, "code."); ok {
		c, err := parseColor(value)
		if err != nil {
			return err
		}
		var st CodeStyle
		if !st.Set(name, c) {
			return &KeyError{Key: key, Suggest: suggestKey(key)}
		}
		t.Code = append(t.Code, CodeColor{name, c})
		return nil
	}
	if p, lo, hi := t.numberField(key); p != nil {
		f, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || f < lo || f > hi {
			return fmt.Errorf("%s must be a number from %g to %g, not %q", key, lo, hi, value)
		}
		*p = f
		return nil
	}
	switch key {
	case "xkanjiskip":
		b, err := parseBool(key, value)
		t.XKanjiSkip = 0
		if b {
			t.XKanjiSkip = 0.25
		}
		return err
	case "justify":
		var err error
		t.Justify, err = parseBool(key, value)
		return err
	case "balance":
		if value != BalanceTop && value != BalanceCenter {
			return fmt.Errorf("balance must be top or center, not %q", value)
		}
		t.Balance = value
		return nil
	case "center":
		var err error
		t.Center, err = parseBool(key, value)
		return err
	case "title-bar":
		var err error
		t.TitleBar, err = parseBool(key, value)
		return err
	case "page-numbers":
		var err error
		t.PageNumbers, err = parseBool(key, value)
		return err
	case "header":
		t.Header = value
		return nil
	case "footer":
		t.Footer = &value
		return nil
	}
	return &KeyError{Key: key, Suggest: suggestKey(key)}
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// colorField is the colour colors.NAME, or nil.
func (t *Theme) colorField(key string) *display.Color {
	name, ok := strings.CutPrefix(key, "colors.")
	if !ok {
		return nil
	}
	return map[string]*display.Color{
		"background": &t.Background, "text": &t.Text, "title": &t.Title, "muted": &t.Muted,
		"accent": &t.Accent, "accent2": &t.Accent2, "surface": &t.Surface, "border": &t.Border,
		"warning": &t.Warning, "warning-bg": &t.WarningBg, "good": &t.Good, "good-bg": &t.GoodBg,
		"link": &t.Link, "section": &t.Section, "on-section": &t.OnSection,
	}[name]
}

// numberField is the number a key sets and its bounds, or nil.
func (t *Theme) numberField(key string) (*float64, float64, float64) {
	if name, ok := strings.CutPrefix(key, "sizes."); ok {
		p := map[string]*float64{
			"title": &t.TitleSize, "cover": &t.CoverSize, "section": &t.SectionSize, "body": &t.BodySize,
			"nested": &t.NestedSize, "table": &t.TableSize, "caption": &t.CaptionSize, "code": &t.SmallSize,
			"footer": &t.FooterSize, "quote": &t.QuoteSize, "diagram": &t.DiagramSize, "diagram-small": &t.DiagramSmall,
		}[name]
		return p, 6, 200
	}
	switch key {
	case "margins.x":
		return &t.MarginX, 0, 200
	case "margins.top":
		return &t.MarginTop, 0, 200
	case "margins.bottom":
		return &t.MarginBottom, 0, 200
	case "line-height":
		return &t.LineHeight, 1, 3
	case "title-line-height":
		return &t.TitleLineHeight, 1, 3
	case "min-scale":
		return &t.MinScale, 0.1, 1
	case "diagram.stroke-width":
		return &t.StrokeWidth, 0, 10
	case "diagram.corner-radius":
		return &t.CornerRadius, 0, 50
	}
	return nil, 0, 0
}

// parseColor reads a CSS colour as deck.ParseColor does.
func parseColor(s string) (display.Color, error) {
	c, ok := deck.ParseColor(s)
	if !ok {
		return display.Color{}, fmt.Errorf("%q is not a colour (a name, #rgb, #rrggbb or rgb(r, g, b))", s)
	}
	return display.Color{R: c.R, G: c.G, B: c.B}, nil
}

func parseBool(key, s string) (bool, error) {
	b, err := strconv.ParseBool(strings.TrimSpace(s))
	if err != nil {
		return false, fmt.Errorf("%s must be true or false, not %q", key, s)
	}
	return b, nil
}

// suggestKey is the known key closest to key, or "".
func suggestKey(key string) string {
	return deck.Suggest(key, Keys())
}
