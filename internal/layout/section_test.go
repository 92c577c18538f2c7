package layout

import (
	"context"
	"testing"

	"github.com/layerdeck/layerdeck/internal/theme"
)

// TestSectionSlideInlineCode: inline code in a section slide's title and
// text sits on a tint of the section's colours that its text stands out
// from (it sat on the light code surface, white on near-white), in every
// built-in theme.
func TestSectionSlideInlineCode(t *testing.T) {
	fx := setup(t)
	for _, name := range theme.Names {
		d := parse(t, "# 表紙\n\n---\nlayout: section\n---\n\n# レイアウト `unsplash`\n\n`code` の説明\n")
		th, _ := theme.Lookup(name)
		res, err := Layout(context.Background(), d, Options{Fonts: fx.fonts, Diagrams: fx.eng, Theme: th})
		if err != nil {
			t.Fatal(err)
		}
		var chips int
		for _, it := range res.Doc.Pages[1].Items {
			r := it.Rect
			// Code chips: small rounded boxes, not the title's bar (6 pt).
			if r == nil || r.Radius != 2 || r.W == 6 || r.Fill.None {
				continue
			}
			chips++
			if r.Fill.Color == th.Surface && th.Surface != th.Section {
				t.Errorf("%s: a code chip on the section slide has the light code surface %s", name, r.Fill.Color.Hex())
			}
			if c := theme.Contrast(th.OnSection, r.Fill.Color); c < 4.5 {
				t.Errorf("%s: code text %s on its chip %s: contrast %.2f", name, th.OnSection.Hex(), r.Fill.Color.Hex(), c)
			}
		}
		if chips != 2 {
			t.Errorf("%s: %d code chips, want 2", name, chips)
		}
	}
}

// TestUncoverChrome: in the uncover theme, as Marp draws it, a Marp
// deck's header and footer are centred; in the default theme at the left.
func TestUncoverChrome(t *testing.T) {
	fx := setup(t)
	for _, tc := range []struct {
		theme    string
		centered bool
	}{{"uncover", true}, {"default", false}} {
		d := parse(t, "---\nmarp: true\ntheme: "+tc.theme+"\nheader: 上の文字\nfooter: 下の文字\n---\n\n# A\n")
		res := fx.layout(t, d)
		p := res.Doc.Pages[0]
		for _, s := range []string{"上の文字", "下の文字"} {
			var found bool
			for _, it := range p.Items {
				if tx := it.Text; tx != nil && tx.Text == s {
					found = true
					mid := tx.X + tx.Width/2
					if centered := mid > p.Width*0.45 && mid < p.Width*0.55; centered != tc.centered {
						t.Errorf("%s: %s centred %v (x %.0f–%.0f on %.0f)", tc.theme, s, centered, tx.X, tx.X+tx.Width, p.Width)
					}
				}
			}
			if !found {
				t.Errorf("%s: no %s", tc.theme, s)
			}
		}
	}
}
