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
