package layout

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/golden"
)

// everyLayout is a deck with every layout and every kind of block.
const everyLayout = `---
title: 全レイアウト
lang: ja
stacks:
  ai:
    title: AIの階層
    pattern: progression
    layers:
      - {id: L1, name: 大規模言語モデル, problems: [論理推論]}
      - {id: L2, name: 推論モデル, example: DeepSeek R1, fixes: [論理推論]}
  crypto:
    title: 暗号資産の階層
    pattern: transfer
    layers:
      - {id: L1, name: パブリックチェーン, problems: [高いガス代]}
      - {id: L2, name: L2スケーリング, fixes: [高いガス代], problems: [流動性の分断]}
layout: title
---

---
layout: section
---
# 章の扉

一行の説明

---
# 箇条書きと表

1. 番号付きの項目
2. [リンク](https://example.com/)のある項目
   - 入れ子のAI項目

| 層 | 役割 |
|---|---|
| L1 | 基盤 |

---
layout: two-column
---
# 二段組み

左のGPT-4oの段落

![図の説明](pic.png)

::right::

` + "```go\nfunc main() {}\n```" + `

---
layout: compare
compare: [ai, crypto]
---
# 比較

---
layout: diagram
diagram: ai
alt: 書き手が書いた説明
---
# 図

---
# DOT

` + "```dot\ndigraph { a -> b [label=\"次へ\"] }\n```" + `

---
layout: quote
---
> 引用された言葉

出典の人

---
layout: end
---
# おわり

ありがとうございました
`

func everyLayoutDeck(t *testing.T) *deck.Deck {
	t.Helper()
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "pic.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, image.NewGray(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	d, err := deck.Parse(filepath.Join(dir, "deck.md"), []byte(everyLayout))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Slides {
		for _, b := range s.Blocks {
			if img, ok := b.(*deck.Image); ok {
				img.Path = filepath.Join(dir, img.Src) // as build's loading does
			}
		}
	}
	return d
}

// TestStructure goldens the structure tree of every page of the built-in
// deck and of a deck with every layout, and checks that all the text of
// the source is content of an element while footers and page numbers
// are artifacts.
func TestStructure(t *testing.T) {
	fx := setup(t)
	for _, c := range []struct {
		name string
		d    *deck.Deck
	}{{"essay", essay(t)}, {"layouts", everyLayoutDeck(t)}} {
		t.Run(c.name, func(t *testing.T) {
			res := fx.layout(t, c.d)
			for _, f := range res.Findings {
				t.Errorf("finding: %s", f)
			}
			var b strings.Builder
			for i, p := range res.Doc.Pages {
				fmt.Fprintf(&b, "--- page %d\n%s", i+1, display.StructureText(p.Items))
				for _, it := range p.Items {
					tx := it.Text
					switch {
					case tx == nil:
					case !tx.Artifact && display.Content(it.Tag) == nil:
						t.Errorf("page %d: text %q is not in the structure tree", i+1, tx.Text)
					case tx.Artifact && strings.Contains(tx.Text, " / ") && display.Content(it.Tag) != nil:
						t.Errorf("page %d: page number %q is in the structure tree", i+1, tx.Text)
					}
				}
			}
			golden.Check(t, "testdata/"+c.name+"-structure.txt", []byte(b.String()))
		})
	}
}

// TestMissingAlt: an image without alt text is a positioned warning
// under check only; the alt key of a diagram slide is its figure's alt
// text.
func TestMissingAlt(t *testing.T) {
	fx := setup(t)
	d := everyLayoutDeck(t)
	d.Slides[3].Right = append(d.Slides[3].Right, &deck.Image{Src: "pic.png", Path: d.Slides[3].Blocks[1].(*deck.Image).Path, Pos: deck.Pos{File: "deck.md", Line: 40, Col: 1}})
	for _, check := range []bool{false, true} {
		res, err := Layout(t.Context(), d, Options{Fonts: fx.fonts, Diagrams: fx.eng, Check: check})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, f.String())
		}
		want := []string(nil)
		if check {
			want = []string{"deck.md:40:1: slide 4: image pic.png has no alt text: write what it shows between the brackets, ![…](pic.png), for readers who cannot see it"}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("check=%v: findings %q, want %q", check, got, want)
		}
	}
	if d.Slides[5].Alt != "書き手が書いた説明" {
		t.Errorf("alt key: %q", d.Slides[5].Alt)
	}
}
