package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// slowDOTDeck is a deck of one diagram slide: a dense DOT graph (40
// nodes, 100 labelled edges) if slow, else a small one.
func slowDOTDeck(slow bool) string {
	var b strings.Builder
	b.WriteString("---\ntitle: 遅い図\n---\n\n---\nlayout: diagram\n---\n# 図\n\n```dot g\ndigraph {\n")
	if slow {
		x := uint32(1)
		next := func() uint32 { x = x*1664525 + 1013904223; return x >> 8 % 40 }
		for k := 0; k < 100; k++ {
			fmt.Fprintf(&b, "  n%d -> n%d [label=\"e%d\"];\n", next(), next(), k)
		}
	} else {
		b.WriteString("  a -> b -> c;\n")
	}
	b.WriteString("}\n```\n")
	return b.String()
}

// TestBuildRecoversFromSlowDiagram: a build whose diagram takes Graphviz
// longer than the budget fails with the diagram's positioned error, and
// the next build by the same Builder (as in watch) draws its diagram.
func TestBuildRecoversFromSlowDiagram(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deck.md")
	b := New()
	defer b.Close()
	b.DiagramTimeout = 100 * time.Millisecond
	os.WriteFile(path, []byte(slowDOTDeck(true)), 0o644)
	res, err := b.Build(context.Background(), path, Options{})
	msg := fmt.Sprint(err)
	if res != nil {
		for _, f := range res.Errors() {
			msg += "\n" + f.String()
		}
	}
	want := path + ":10:1: slide 1: diagram g: Graphviz took longer than 100ms; simplify the graph"
	if !strings.Contains(msg, want) {
		t.Fatalf("got %s\nwant %s", msg, want)
	}
	os.WriteFile(path, []byte(slowDOTDeck(false)), 0o644)
	res, err = b.Build(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("the build after the slow diagram: %v", err)
	}
	if len(res.Errors()) > 0 || res.Diagrams != 1 || len(res.PDF) == 0 {
		t.Fatalf("the build after the slow diagram: %v, %d diagrams", res.Errors(), res.Diagrams)
	}
}
