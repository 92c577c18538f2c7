package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/internal/display"
)

// groups returns the groups of items that stand for text (formulas).
func groups(items []display.Item) []*display.Group {
	var out []*display.Group
	for _, it := range items {
		if it.Group != nil && it.Group.ActualText != "" {
			out = append(out, it.Group)
		}
	}
	return out
}

// pathBox is the extent of the paths of items.
func pathBox(items []display.Item) (minX, minY, maxX, maxY float64) {
	minX, minY, maxX, maxY = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, it := range items {
		if it.Path == nil {
			continue
		}
		for _, s := range it.Path.Segments {
			for _, p := range s.Points {
				minX, minY, maxX, maxY = min(minX, p.X), min(minY, p.Y), max(maxX, p.X), max(maxY, p.Y)
			}
		}
	}
	return
}

// TestMath: an inline formula is a group of paths on the text's
// baseline, between the Japanese text around it, and gives its TeX source
// back; a display formula is centred; nothing is a raster image.
func TestMath(t *testing.T) {
	fx := setup(t)
	src := "# 数式\n\n関係は $E = mc^2$ で表される\n\n$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$\n\n" +
		"$$\n\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\begin{aligned} a &= \\text{日本語} \\\\ &= \\sqrt{b} \\end{aligned}\n$$\n"
	res := fx.layout(t, parse(t, src))
	for _, f := range res.Findings {
		t.Errorf("finding: %s", f)
	}
	p := res.Doc.Pages[0]
	gs := groups(p.Items)
	if len(gs) != 3 {
		t.Fatalf("%d formula groups, want 3", len(gs))
	}
	if gs[0].ActualText != "$E = mc^2$" || gs[1].ActualText != "$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$" {
		t.Errorf("ActualText %q, %q", gs[0].ActualText, gs[1].ActualText)
	}
	var before, after *display.Text
	for _, it := range p.Items {
		if it.Text != nil && strings.TrimSpace(it.Text.Text) == "関係は" {
			before = it.Text
		}
		if it.Text != nil && strings.TrimSpace(it.Text.Text) == "で表される" {
			after = it.Text
		}
		if it.Image != nil {
			t.Errorf("a raster image: %+v", it.Image)
		}
	}
	if before == nil || after == nil {
		t.Fatalf("the text around the formula is not drawn as it was: %s", drawn(p))
	}
	minX, _, maxX, maxY := pathBox(gs[0].Items)
	if minX < before.X+before.Width || maxX > after.X {
		t.Errorf("formula %.1f–%.1f overlaps the text (%.1f, %.1f)", minX, maxX, before.X+before.Width, after.X)
	}
	if math.Abs(maxY-before.Y) > 0.5 {
		t.Errorf("formula's foot at %.2f, text baseline %.2f: E = mc² has no descender", maxY, before.Y)
	}
	if after.Y != before.Y {
		t.Errorf("text after the formula at baseline %.2f, before %.2f", after.Y, before.Y)
	}
	minX, _, maxX, _ = pathBox(gs[1].Items)
	if c := (minX + maxX) / 2; math.Abs(c-p.Width/2) > 20 {
		t.Errorf("display formula centred at %.1f, page centre %.1f", c, p.Width/2)
	}
	jp := false
	for _, it := range gs[2].Items {
		if it.Text != nil && it.Text.Text == "日本語" {
			jp = true
		}
	}
	if !jp {
		t.Errorf(`\text{日本語} is not set as text in the deck's font: %+v`, gs[2].Items)
	}
}

// TestMathTagged: formulas are Formula elements with their TeX as /Alt.
func TestMathTagged(t *testing.T) {
	fx := setup(t)
	res := fx.layout(t, parse(t, "# 式\n\n質量 $E=mc^2$ の関係\n\n$$\n\\frac{a+b}{2}\n$$\n"))
	var alts []string
	for _, it := range res.Doc.Pages[0].Items {
		for tag := it.Tag; tag != nil; tag = tag.Parent {
			if tag.Role == "Formula" {
				alts = append(alts, tag.Alt)
				break
			}
		}
	}
	if strings.Join(alts, "|") != "E=mc^2|\\frac{a+b}{2}" {
		t.Errorf("formula tags: %q", alts)
	}
}
