package theme

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/internal/display"
)

// pair is a text colour on a fill it is drawn on.
type pair struct {
	what     string
	fg, bg   display.Color
	largeOK  bool // only ever drawn as large text (24 pt, or 18.66 pt bold)
	codeText bool
}

// Pairs lists every text colour of t on every fill it is drawn on: the
// page, the surface (tables, code, boxes), a diagram layer's fill (the
// accent mixed into the page), a problem box, a section slide, the code
// panel and its tints.
func pairs(t *Theme) []pair {
	var out []pair
	node := Mix(t.Accent, t.Background, 0.9)
	node2 := Mix(t.Accent2, t.Background, 0.9)
	for _, fill := range []struct {
		name string
		c    display.Color
	}{{"background", t.Background}, {"surface", t.Surface}, {"layer fill", node}, {"layer fill 2", node2}} {
		for _, fg := range []struct {
			name string
			c    display.Color
		}{{"text", t.Text}, {"title", t.Title}, {"muted", t.Muted}, {"accent", t.Accent}, {"accent2", t.Accent2}, {"link", t.Link}, {"warning", t.Warning}, {"good", t.Good}} {
			out = append(out, pair{what: fg.name + " on " + fill.name, fg: fg.c, bg: fill.c, largeOK: fg.name == "title"})
		}
	}
	out = append(out,
		pair{what: "warning on warning-bg", fg: t.Warning, bg: t.WarningBg},
		pair{what: "good on good-bg", fg: t.Good, bg: t.GoodBg},
		pair{what: "on-section on section", fg: t.OnSection, bg: t.Section})
	cs := t.CodeStyle()
	for _, tok := range cs.Tokens() {
		for _, bg := range []struct {
			name string
			c    display.Color
		}{{"code panel", cs.Background}, {"code tint", cs.Marked}, {"code caption", cs.Caption}} {
			out = append(out, pair{what: "code " + tok.Name + " on " + bg.name, fg: tok.Color, bg: bg.c, codeText: true})
		}
	}
	return out
}

// variants are t and t in each of its classes.
func variants(t *Theme) []*Theme {
	out := []*Theme{t}
	for _, c := range t.ClassNames() {
		v, _ := t.WithClass(c)
		v.Name = t.Name + " ." + c
		out = append(out, v)
	}
	return out
}

// TestThemeContrast: every text colour of every built-in theme, and of
// each of its classes, meets WCAG AA against every fill it is drawn on:
// 4.5:1, or 3:1 for colours drawn only as large text (titles); the
// high-contrast theme meets AAA (7:1, titles 4.5:1). Run with -v for the
// figures.
func TestThemeContrast(t *testing.T) {
	for _, name := range Names {
		th, _ := Lookup(name)
		for _, v := range variants(th) {
			least, leastWhat := math.Inf(1), ""
			var fails []string
			for _, p := range pairs(v) {
				need := 4.5
				if p.largeOK {
					need = 3
				}
				if name == "high-contrast" && !p.codeText {
					need = map[bool]float64{false: 7, true: 4.5}[p.largeOK]
				}
				r := Contrast(p.fg, p.bg)
				if r < least {
					least, leastWhat = r, p.what
				}
				if r < need {
					fails = append(fails, fmt.Sprintf("%s %s on %s: %.2f < %.1f", p.what, p.fg.Hex(), p.bg.Hex(), r, need))
				}
			}
			t.Logf("%-24s text on page %5.2f, least %5.2f (%s)", v.Name, Contrast(v.Text, v.Background), least, leastWhat)
			if len(fails) > 0 {
				t.Errorf("%s:\n  %s", v.Name, strings.Join(fails, "\n  "))
			}
		}
	}
}
