package diagrams

import (
	"context"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/deck"
)

// mermaidSource is a ```mermaid block whose first line is line 20 of d.md.
func mermaidSource(src string) Source {
	b := &deck.DOT{Name: "m", Lang: "mermaid", Source: src, SourcePos: deck.Pos{File: "d.md", Line: 20, Col: 1}, Pos: deck.Pos{File: "d.md", Line: 19, Col: 1}}
	return Source{Name: "m", DOT: b, Pos: b.Pos}
}

// TestMermaidLayout: a flowchart with Japanese labels is laid out through
// Graphviz like a DOT block, every label drawn as measured text.
func TestMermaidLayout(t *testing.T) {
	e := engine(t)
	src := mermaidSource("flowchart LR\n  a[開始] -->|はい| b{判定}\n  subgraph g [グループ]\n    c((円)) -.-> d([終了])\n  end\n  b ==> g\n")
	g, err := e.Layout(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, it := range g.Draw(0, 0, 1) {
		if it.Text != nil {
			text.WriteString(it.Text.Text + " ")
		}
	}
	for _, want := range []string{"開始", "判定", "はい", "グループ", "円", "終了"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("label %s not drawn; drawn: %s", want, text.String())
		}
	}
	if len(g.Nodes) != 4 || len(g.Edges) != 3 || len(g.Clusters) != 1 {
		t.Errorf("%d nodes, %d edges, %d clusters; want 4, 3, 1", len(g.Nodes), len(g.Edges), len(g.Clusters))
	}
	dot, err := e.DOT(src)
	if err != nil || !strings.Contains(dot, "rankdir=\"LR\"") && !strings.Contains(dot, "rankdir=LR") {
		t.Errorf("DOT export: %v\n%s", err, dot)
	}
}

// TestMermaidErrorIsPositioned: an error in a Mermaid block points at its
// deck line and column.
func TestMermaidErrorIsPositioned(t *testing.T) {
	e := engine(t)
	for _, tc := range []struct{ src, want string }{
		{"flowchart TD\n  a --> b\n  b -> c\n", "d.md:22:5: Mermaid: expected an edge (-->, ---, -.->, ==>), & or the end of the statement, found \"-> c\""},
		{"flowchart XY\n", "d.md:20:11: Mermaid: unknown direction \"XY\" (directions: TB, TD, BT, LR, RL)"},
	} {
		_, err := e.Layout(context.Background(), mermaidSource(tc.src))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q:\ngot  %v\nwant %s", tc.src, err, tc.want)
		}
	}
}
