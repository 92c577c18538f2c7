package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// dotDeck is a deck whose one diagram, a DOT block, changes with i.
func dotDeck(i int) string {
	return fmt.Sprintf("---\ntitle: 図の編集\n---\n\n---\nlayout: diagram\n---\n# 図\n\n```dot g\ndigraph {\n  rankdir=LR;\n  a [label=\"入力%d\"];\n  b [label=\"処理\"];\n  c [label=\"出力\"];\n  a -> b [label=\"%d回目\"];\n  b -> c;\n  c -> a [style=dashed];\n}\n```\n", i, i)
}

// TestMemoryFlatOverDOTEdits: the heap after 250 layouts that each
// change a DOT diagram (so each goes through Graphviz) is what it was
// after 50: neither the layout caches nor Graphviz's memory grow with
// the number of edits. (The PDF stage is left out: it does not touch
// Graphviz, and TestMemoryFlatOverRebuilds covers it.)
func TestMemoryFlatOverDOTEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	path := filepath.Join(t.TempDir(), "deck.md")
	b := New()
	defer b.Close()
	var base uint64
	const n = 250
	for i := 0; i < n; i++ {
		if err := os.WriteFile(path, []byte(dotDeck(i)), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := b.Build(context.Background(), path, Options{NoPDF: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors()) > 0 {
			t.Fatal(res.Errors())
		}
		if i == 49 {
			base = heapAlloc()
		}
	}
	grown := int64(heapAlloc()) - int64(base)
	t.Logf("heap after 50 edits %d KiB, grew %d KiB over %d more (%d B per edit)", base>>10, grown>>10, n-50, grown/(n-50))
	if grown > 2<<20 {
		t.Fatalf("heap grew by %d KiB over %d rebuilds", grown>>10, n-50)
	}
}
