package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// textColor finds the colour of the text item s on a page, in groups too.
func textColor(items []display.Item, s string) (display.Color, bool) {
	for _, it := range items {
		switch {
		case it.Text != nil && it.Text.Text == s:
			return it.Text.Color, true
		case it.Group != nil:
			if c, ok := textColor(it.Group.Items, s); ok {
				return c, true
			}
		}
	}
	return display.Color{}, false
}

// TestDiagramsInSlideLook: a diagram on a slide whose class inverts the
// colours is drawn in the inverted colours, the same diagram on a plain
// slide in the deck's, and a rebuild reuses the look's engine.
func TestDiagramsInSlideLook(t *testing.T) {
	const diagram = "```mermaid\nflowchart LR\n  A[入力] --> B{判定}\n```\n"
	src := "---\nmarp: true\n---\n\n# 明るい\n\n" + diagram + "\n---\n\n<!-- _class: invert -->\n\n# 暗い\n\n" + diagram
	path := filepath.Join(t.TempDir(), "deck.md")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	b := New()
	defer b.Close()
	var engines int
	for i := range 2 {
		res, err := b.Build(context.Background(), path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors()) > 0 || res.Diagrams != 2 {
			t.Fatalf("%d diagrams, findings %v", res.Diagrams, res.Findings)
		}
		light, ok1 := textColor(res.Doc.Pages[0].Items, "判定")
		dark, ok2 := textColor(res.Doc.Pages[1].Items, "判定")
		if !ok1 || !ok2 {
			t.Fatal("a diagram's label is missing")
		}
		th := theme.Default()
		inv, _ := th.WithClass("invert")
		if light != th.Text || dark != inv.Text {
			t.Errorf("label colours %v on the plain slide (want %v), %v on the inverted one (want %v)", light, th.Text, dark, inv.Text)
		}
		if i == 0 {
			engines = len(b.engines)
		} else if len(b.engines) != engines {
			t.Errorf("a rebuild made %d engines more", len(b.engines)-engines)
		}
	}
}

// TestLooksBounded: a Builder keeps engines for at most maxLooks looks;
// past them, diagrams keep the deck's colours.
func TestLooksBounded(t *testing.T) {
	b := New()
	defer b.Close()
	for i := range maxLooks + 3 {
		th := theme.Default().Clone()
		th.Background = display.Color{R: uint8(i)}
		got := b.look(lookKey(th), th)
		if (got != nil) != (i < maxLooks) {
			t.Fatalf("look %d: %v", i, got != nil)
		}
	}
	again := theme.Default().Clone()
	again.Background = display.Color{R: 1}
	if b.look(lookKey(again), again) == nil {
		t.Error("a look already kept was refused")
	}
}

// TestSameLookSameEngine: slides whose directives restate the deck's
// colours (Marp's backgroundColor: #fff on a white theme) or whose class
// leaves them (lead) draw their diagrams with the deck's engine.
func TestSameLookSameEngine(t *testing.T) {
	const diagram = "```mermaid\nflowchart LR\n  A[入力] --> B{判定}\n```\n"
	src := "---\nmarp: true\nbackgroundColor: \"#fff\"\n---\n\n# 一\n\n" + diagram + "\n---\n\n<!-- _class: lead -->\n\n# 二\n\n" + diagram
	path := filepath.Join(t.TempDir(), "deck.md")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	b := New()
	defer b.Close()
	if _, err := b.Build(context.Background(), path, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(b.engines) != 1 || len(b.looks) != 0 {
		t.Errorf("%d engines and %d looks for the deck's own colours", len(b.engines), len(b.looks))
	}
}
