package diagrams

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestCaps: a DOT or Mermaid diagram over the node or edge caps is a
// positioned error naming the cap, before Graphviz lays it out; one at
// the caps is laid out.
func TestCaps(t *testing.T) {
	chain := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  n%d;\n", i)
		}
		return b.String()
	}
	edges := func(m int, arrow string) string {
		var b strings.Builder
		for k := 0; k < m; k++ {
			fmt.Fprintf(&b, "  n%d %s n%d\n", k%20, arrow, (k*7+1)%20)
		}
		return b.String()
	}
	e := engine(t)
	for _, c := range []struct {
		src  Source
		want string // "" for a layout
	}{
		{dotSource("digraph {\n" + chain(maxNodes) + edges(maxEdges, "->") + "}"), ""},
		{dotSource("digraph {\n" + chain(maxNodes+1) + "}"), "d.md:19:1: dot block x has 201 nodes, more than the 200 a diagram may have: split it"},
		{dotSource("digraph {\n" + edges(maxEdges+1, "->") + "}"), "d.md:19:1: dot block x has 101 edges, more than the 100 a diagram may have: split it"},
		{dotSource("digraph {\nsplines=ortho\n" + edges(maxOrthoEdges+1, "->") + "}"), "d.md:19:1: dot block x has 51 edges, more than the 50 a diagram with splines=ortho may have: split it or drop splines=ortho"},
		{mermaidSource("flowchart LR\n" + edges(maxEdges, "-->")), ""},
		{mermaidSource("flowchart LR\n" + edges(maxEdges+1, "-->")), "d.md:121:6: Mermaid: more than 100 edges: a diagram may have at most 100; split it"},
	} {
		_, err := e.Layout(context.Background(), c.src)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s…: %v", c.src.DOT.Source[:40], err)
		case c.want != "" && (err == nil || err.Error() != c.want):
			t.Errorf("got %v, want %s", err, c.want)
		}
	}
}
