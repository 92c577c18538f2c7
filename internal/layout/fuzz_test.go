package layout

import (
	"context"
	"testing"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/deck"
)

// FuzzLayout: any deck that parses lays out without a panic, and every
// text item stays on its page.
func FuzzLayout(f *testing.F) {
	f.Add(string(assets.Essay))
	f.Add("# a\n\n- b\n  - c\n\n| x | y |\n|---|---|\n| 1 | 2 |\n")
	f.Add("---\nlayout: quote\n---\n> 引用\n\n―― 誰か\n")
	f.Add("---\nlayout: two-column\n---\n# 二段\n\n左\n\n::right::\n\n```\ncode\n```\n")
	f.Add("---\nlayout: diagram\n---\n# 図\n\n```dot\ndigraph { a -> b [label=\"辺\"] }\n```\n")
	f.Add("---\nmarp: true\npaginate: true\nheader: h\n---\n<!-- _class: invert -->\n# <!-- fit --> 大\n\n![bg left:30%](a.png)\n![bg](b.png)\n\n![w:2000 h:50](c.png)\n行\n次\n***\n<!-- _class: lead -->\n# c\n\ntext\n")
	f.Add("---\ntheme: seriph\nlayout: cover\n---\n# a\n\n- x\n\n---\nlayout: two-cols-header\n---\n# b\n\n上\n\n::left::\n\n左\n\n::right::\n\n右\n\n---\nlayout: image-right\nimage: https://x/y.png\n---\n# c\n\n---\nlayout: fact\n---\n# 1\n\n- y\n\n<Toc/>\n")
	fx := setup(f)
	f.Fuzz(func(t *testing.T, src string) {
		// A deck with errors is laid out too, as check does.
		d, _ := deck.Parse("f.md", []byte(src))
		if d == nil {
			return
		}
		res, err := Layout(context.Background(), d, Options{Fonts: fx.fonts, Diagrams: fx.eng})
		if err != nil {
			return
		}
		for _, p := range res.Doc.Pages {
			for _, it := range p.Items {
				if tx := it.Text; tx != nil && (tx.X < -0.5 || tx.Y < 0 || tx.Y > p.Height+0.5) {
					t.Fatalf("text %q at (%.1f, %.1f) off a %.0f×%.0f page", tx.Text, tx.X, tx.Y, p.Width, p.Height)
				}
			}
		}
	})
}
