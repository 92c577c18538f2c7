package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// essayWithTheme writes the built-in deck with `theme: name` into dir and
// returns its path.
func essayWithTheme(t testing.TB, dir, name string) string {
	src := strings.Replace(string(assets.Essay), "\nlang: ja\n", "\nlang: ja\ntheme: "+name+"\n", 1)
	if src == string(assets.Essay) {
		t.Fatal("the built-in deck has no line lang: ja to add a theme after")
	}
	p := filepath.Join(dir, name+".md")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// roleOf is the nearest structure role of an item's tag that is one of
// roles, or "".
func roleOf(tag *display.Tag, roles ...string) string {
	for ; tag != nil; tag = tag.Parent {
		for _, r := range roles {
			if tag.Role == r {
				return r
			}
		}
	}
	return ""
}

// TestEssayTypeScale: the built-in deck builds in every built-in theme
// without findings, and reads from the back of the room: every slide
// title at 36 pt or more, the body text of every slide without a diagram
// (its largest paragraph or list text) at 26 pt or more, and no text of a
// slide but its footer and its diagrams under 18 pt.
func TestEssayTypeScale(t *testing.T) {
	dir := t.TempDir()
	b := New()
	defer b.Close()
	for _, name := range theme.Names {
		res, err := b.Build(context.Background(), essayWithTheme(t, dir, name), Options{NoPDF: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(res.Findings) != 0 {
			t.Errorf("%s: findings: %v", name, res.Findings)
		}
		for i, p := range res.Doc.Pages {
			title, body := 0.0, 0.0
			texts, figure := 0, false
			var walk func(items []display.Item)
			walk = func(items []display.Item) {
				for _, it := range items {
					if it.Group != nil {
						walk(it.Group.Items)
					}
					if it.Text == nil || it.Tag == nil {
						continue
					}
					switch roleOf(it.Tag, "Figure", "H1", "P", "LBody", "TD", "TH") {
					case "Figure":
						figure = true
					case "":
					case "H1":
						title = max(title, it.Text.Size)
					case "P", "LBody":
						body = max(body, it.Text.Size)
						texts++
						fallthrough
					default:
						if it.Text.Size < 18-0.01 {
							t.Errorf("%s: slide %d: %q at %.1f pt", name, i+1, it.Text.Text, it.Text.Size)
						}
					}
				}
			}
			walk(p.Items)
			if title > 0 && title < 36-0.01 {
				t.Errorf("%s: slide %d: title at %.1f pt", name, i+1, title)
			}
			if texts > 3 && !figure && body < 26-0.01 {
				t.Errorf("%s: slide %d: body at %.1f pt", name, i+1, body)
			}
		}
	}
}

// TestThemeFile: a theme file extends a built-in theme, sets colours,
// sizes and page numbers by name and defines a class that a slide's
// class: key switches to; invert is the theme's own dark palette; the
// diagrams of a dark deck are dark, those of an inverted slide light.
func TestThemeFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("my.yaml", "extends: dark\ncolors:\n  text: '#fafafa'\nsizes: {body: 30}\npage-numbers: false\nfooter: 社外秘\nclasses:\n  warm:\n    colors: {background: '#3b2a1a'}\n")
	deckPath := write("d.md", "---\ntheme: ./my.yaml\n---\n\n# 一\n\n本文\n\n---\nclass: warm\n---\n\n# 二\n\n本文\n\n---\nclass: invert\n---\n\n# 三\n\n```layerflow s\ntitle: 層\npattern: progression\nlayers:\n  - {id: L1, name: 基盤}\n```\n\n---\n\n# 四\n\n```layerflow t\ntitle: 層\npattern: progression\nlayers:\n  - {id: L1, name: 基盤}\n```\n")
	b := New()
	defer b.Close()
	res, err := b.Build(context.Background(), deckPath, Options{NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Fatalf("findings: %v", res.Findings)
	}
	dark, _ := theme.Lookup("dark")
	light, _ := theme.Lookup("default")
	bg := func(p *display.Page) display.Color {
		for _, it := range p.Items {
			if it.Rect != nil && it.Rect.W == p.Width && it.Rect.H == p.Height {
				return it.Rect.Fill.Color
			}
		}
		return display.White
	}
	texts := func(p *display.Page) (body *display.Text, footer []string) {
		for _, it := range p.Items {
			if it.Text == nil {
				continue
			}
			if roleOf(it.Tag, "P") != "" {
				body = it.Text
			} else if it.Tag == nil || roleOf(it.Tag, "H1") == "" {
				footer = append(footer, it.Text.Text)
			}
		}
		return body, footer
	}
	pages := res.Doc.Pages
	if got := bg(pages[0]); got != dark.Background {
		t.Errorf("slide 1 background %s, want dark's %s", got.Hex(), dark.Background.Hex())
	}
	body, footer := texts(pages[0])
	if body == nil || body.Color.Hex() != "#fafafa" || body.Size != 30 {
		t.Errorf("slide 1 body: %+v", body)
	}
	if strings.Join(footer, "") != "社外秘" {
		t.Errorf("slide 1 footer %q, want the theme's, without page numbers", footer)
	}
	if got := bg(pages[1]); got.Hex() != "#3b2a1a" {
		t.Errorf("slide 2 (class warm) background %s", got.Hex())
	}
	if got := bg(pages[2]); got != light.Background {
		t.Errorf("slide 3 (class invert of a dark theme) background %s, want the light palette's", got.Hex())
	}
	// Diagrams take the colours of their slide: on the deck's dark
	// slides layer boxes are filled with the accent mixed into the dark
	// page, on the inverted slide into the light one.
	fills := func(p *display.Page) string {
		var out []string
		var walk func(items []display.Item)
		walk = func(items []display.Item) {
			for _, it := range items {
				if it.Group != nil {
					walk(it.Group.Items)
				}
				if it.Rect != nil && roleOf(it.Tag, "Figure") != "" && !it.Rect.Fill.None {
					out = append(out, it.Rect.Fill.Color.Hex())
				}
				if it.Path != nil && roleOf(it.Tag, "Figure") != "" && !it.Path.Fill.None {
					out = append(out, it.Path.Fill.Color.Hex())
				}
			}
		}
		walk(p.Items)
		return strings.Join(out, " ")
	}
	if want := theme.Mix(dark.Accent, dark.Background, 0.9).Hex(); !strings.Contains(fills(pages[3]), want) {
		t.Errorf("slide 4 diagram fills %v, want the dark theme's layer fill %s", fills(pages[3]), want)
	}
	inv, _ := dark.WithClass("invert")
	if want := theme.Mix(inv.Accent, inv.Background, 0.9).Hex(); !strings.Contains(fills(pages[2]), want) {
		t.Errorf("slide 3 (invert) diagram fills %v, want the light palette's layer fill %s", fills(pages[2]), want)
	}
}

// TestThemeFileErrors: an unknown key, a bad value and an unknown base
// theme are errors at their place in the theme file.
func TestThemeFileErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.yaml"), []byte("extends: darkk\ncolors:\n  txt: '#fff'\n  accent: blau\nsizes:\n  body: 500\nbalance: middle\nclasses:\n  x:\n    colours: {text: red}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deckPath := filepath.Join(dir, "d.md")
	if err := os.WriteFile(deckPath, []byte("---\ntheme: ./t.yaml\n---\n\n# 一\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := New()
	defer b.Close()
	_, err := b.Build(context.Background(), deckPath, Options{NoPDF: true})
	tf := filepath.Join(dir, "t.yaml")
	want := strings.Join([]string{
		tf + `:1:10: extends: unknown theme "darkk" (themes: default, dark, gaia, uncover, seriph, high-contrast)`,
		tf + `:3:3: unknown theme key "colors.txt" (did you mean "colors.text"?)`,
		tf + `:4:11: "blau" is not a colour (a name, #rgb, #rrggbb or rgb(r, g, b))`,
		tf + `:6:9: sizes.body must be a number from 6 to 200, not "500"`,
		tf + `:7:10: balance must be top or center, not "middle"`,
		tf + `:10:15: unknown theme key "classes.x.colours.text" (did you mean "classes.x.colors.text"?)`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}
