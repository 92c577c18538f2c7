package theme

import (
	"fmt"
	"testing"

	"github.com/layerdeck/layerdeck/internal/display"
)

// TestCodeContrast: every token colour of both code styles reads at WCAG
// AA (4.5:1) on the panel and on the highlighted-line tint, the panel
// being the theme's Surface (light) or Marp's invert Surface (dark).
func TestCodeContrast(t *testing.T) {
	for _, tc := range []struct {
		name    string
		surface display.Color
	}{
		{"light", Default().Surface},
		{"dark", display.Color{R: 0x2a, G: 0x33, B: 0x3f}},
	} {
		st := CodeStyleFor(tc.surface)
		colors := map[string]display.Color{
			"plain": st.Plain, "keyword": st.Keyword, "string": st.String, "comment": st.Comment,
			"number": st.Number, "function": st.Function, "type": st.Type, "builtin": st.Builtin,
			"attribute": st.Attribute, "tag": st.Tag, "inserted": st.Inserted, "deleted": st.Deleted,
			"heading": st.Heading, "line number": st.LineNumber,
		}
		for _, bg := range []struct {
			name string
			c    display.Color
		}{{"panel", st.Background}, {"tint", st.Marked}, {"caption", st.Caption}} {
			for name, c := range colors {
				if r := Contrast(c, bg.c); r < 4.5 {
					t.Errorf("%s %s %s on %s %s: contrast %.2f < 4.5", tc.name, name, c.Hex(), bg.name, bg.c.Hex(), r)
				}
			}
		}
	}
}

func TestContrastKnownValues(t *testing.T) {
	for _, tc := range []struct {
		a, b display.Color
		want string
	}{
		{display.Color{}, display.White, "21.00"},
		{display.White, display.White, "1.00"},
		{display.Color{R: 0x76, G: 0x76, B: 0x76}, display.White, "4.54"},
	} {
		if got := fmt.Sprintf("%.2f", Contrast(tc.a, tc.b)); got != tc.want {
			t.Errorf("contrast %s on %s = %s, want %s", tc.a.Hex(), tc.b.Hex(), got, tc.want)
		}
	}
}
