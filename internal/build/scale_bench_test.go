package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mixedDeck writes a deck of n slides of every kind a talk has, in turn:
// a stack diagram (ten stacks, each drawn again and again), a DOT diagram
// of its own (one in eight slides), a table, two columns, nested bullets.
func mixedDeck(t testing.TB, n int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: 生成デッキ\nstacks:\n")
	for s := 1; s <= 10; s++ {
		fmt.Fprintf(&b, "  s%d:\n    title: 階層%d\n    pattern: progression\n    layers:\n", s, s)
		b.WriteString("      - {id: L1, name: 基盤モデル, problems: [推論, 計算]}\n")
		b.WriteString("      - {id: L2, name: 推論モデル, fixes: [推論]}\n")
	}
	b.WriteString("---\n")
	for i := range n {
		switch i % 8 {
		case 0, 4:
			fmt.Fprintf(&b, "\n---\nlayout: diagram\ndiagram: s%d\n---\n# 図 %d\n", i%10+1, i)
		case 1:
			fmt.Fprintf(&b, "\n---\nlayout: diagram\n---\n# DOT %d\n\n```dot d%d\ndigraph { rankdir=LR; a [label=\"層%d\"]; b [label=\"課題\"]; a -> b; }\n```\n", i, i, i)
		case 2, 6:
			fmt.Fprintf(&b, "\n---\n\n# 表 %d\n\n| 項目 | 値 |\n|---|---|\n| 速度 | %d |\n| 幅 | 二 |\n", i, i)
		case 3, 7:
			fmt.Fprintf(&b, "\n---\nlayout: two-column\n---\n# 二段 %d\n\n左の段の本文\n\n::right::\n\n右の段の本文\n", i)
		case 5:
			fmt.Fprintf(&b, "\n---\n\n# 箇条書き %d\n\n- 日本語の文と English words が混ざる項目\n  - 入れ子の項目\n\n<!-- ノート %d -->\n", i, i)
		}
	}
	path := filepath.Join(t.TempDir(), "mixed.md")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// BenchmarkBuildSlides builds decks of 10, 50, 200 and 1000 slides of
// every kind (mixedDeck) to PDF bytes, with the Builder's diagram layouts
// cached (Graphviz's own time is BenchmarkLayoutAll's): ms/slide must stay
// flat as decks grow, parse, layout and PDF all linear in the slides.
func BenchmarkBuildSlides(b *testing.B) {
	for _, n := range []int{10, 50, 200, 1000} {
		path := mixedDeck(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			bl := New()
			defer bl.Close()
			if _, err := bl.Build(context.Background(), path, Options{}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := bl.Build(context.Background(), path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Errors()) > 0 {
					b.Fatal(res.Errors())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/float64(n), "ms/slide")
		})
	}
}
