package mermaid

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/internal/golden"
)

// TestDOTGolden translates each testdata/*.mmd to DOT and compares it
// with testdata/*.dot.
func TestDOTGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.mmd")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		g, err := Parse(string(src))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		name := strings.TrimSuffix(filepath.Base(f), ".mmd")
		golden.Check(t, strings.TrimSuffix(f, ".mmd")+".dot", []byte(g.DOT(name)))
	}
}

func TestEdges(t *testing.T) {
	for _, tc := range []struct {
		src                       string
		stroke, head, tail, label string
		length                    int
	}{
		{"a-->b", "solid", "arrow", "", "", 0},
		{"a --> b", "solid", "arrow", "", "", 0},
		{"a --- b", "solid", "", "", "", 0},
		{"a ----> b", "solid", "arrow", "", "", 2},
		{"a -.-> b", "dotted", "arrow", "", "", 0},
		{"a -..-> b", "dotted", "arrow", "", "", 1},
		{"a -.- b", "dotted", "", "", "", 0},
		{"a ==> b", "thick", "arrow", "", "", 0},
		{"a === b", "thick", "", "", "", 0},
		{"a ~~~ b", "invisible", "", "", "", 0},
		{"a --text--> b", "solid", "arrow", "", "text", 0},
		{"a -- 二語 のラベル --- b", "solid", "", "", "二語 のラベル", 0},
		{"a -->|はい| b", "solid", "arrow", "", "はい", 0},
		{"a ---|x| b", "solid", "", "", "x", 0},
		{"a -. 点線 .-> b", "dotted", "arrow", "", "点線", 0},
		{"a == 太 ==> b", "thick", "arrow", "", "太", 0},
		{"a <--> b", "solid", "arrow", "arrow", "", 0},
		{"a o--o b", "solid", "circle", "circle", "", 0},
		{"a x--x b", "solid", "cross", "cross", "", 0},
		{"a --o b", "solid", "circle", "", "", 0},
		{"a --x b", "solid", "cross", "", "", 0},
		{"a --> xb", "solid", "arrow", "", "", 0},
		{`a -- "a --> b" --> b`, "solid", "arrow", "", "a --> b", 0},
		{"a -- re-try --> b", "solid", "arrow", "", "re-try", 0},
	} {
		g, err := Parse("flowchart LR\n" + tc.src)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if len(g.Edges) != 1 {
			t.Errorf("%q: %d edges, want 1", tc.src, len(g.Edges))
			continue
		}
		e := g.Edges[0]
		if e.Stroke != tc.stroke || e.Head != tc.head || e.Tail != tc.tail || e.Label != tc.label || e.Length != tc.length || e.From != "a" {
			t.Errorf("%q: got %s %s→%s stroke=%s head=%q tail=%q label=%q length=%d", tc.src, e.From, e.From, e.To, e.Stroke, e.Head, e.Tail, e.Label, e.Length)
		}
	}
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct {
		src   string
		shape Shape
		label string
	}{
		{"a", Rect, "a"},
		{"a[箱]", Rect, "箱"},
		{"a(丸)", Rounded, "丸"},
		{"a([競技場])", Stadium, "競技場"},
		{"a[[サブ]]", Subroutine, "サブ"},
		{"a[(DB)]", Cylinder, "DB"},
		{"a((円))", Circle, "円"},
		{"a(((二重)))", DoubleCirc, "二重"},
		{"a>旗]", Asymmetric, "旗"},
		{"a{判定}", Rhombus, "判定"},
		{"a{{六角}}", Hexagon, "六角"},
		{"a[/平行/]", Slanted, "平行"},
		{`a[\平行\]`, Slanted, "平行"},
		{`a[/台形\]`, Trapezoid, "台形"},
		{`a["引用 [括弧] (丸)"]`, Rect, "引用 [括弧] (丸)"},
		{`a["x<br/>y"]`, Rect, "x\ny"},
		{`a["#quot;#9829;"]`, Rect, "\"♥"},
		{"a[\"`**太字** と *斜体*`\"]", Rect, "太字 と 斜体"},
		{"a[ 空白 ]:::warn", Rect, "空白"},
	} {
		g, err := Parse("flowchart TD\nclassDef warn fill:red\n" + tc.src)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		n := g.Nodes[0]
		if n.ID != "a" || n.Shape != tc.shape || n.Label != tc.label {
			t.Errorf("%q: got id %q shape %s label %q, want %s %q", tc.src, n.ID, n.Shape, n.Label, tc.shape, tc.label)
		}
	}
}

func TestChains(t *testing.T) {
	g, err := Parse("graph LR\na & b --> c & d --> e; f")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range g.Edges {
		got = append(got, e.From+e.To)
	}
	if want := "ac ad bc bd ce de"; strings.Join(got, " ") != want {
		t.Errorf("edges %q, want %q", strings.Join(got, " "), want)
	}
	if len(g.Nodes) != 6 || g.Dir != "LR" {
		t.Errorf("%d nodes, dir %s", len(g.Nodes), g.Dir)
	}
}

// TestErrors: every error names its line and byte column in the block.
func TestErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"", "1:1: empty mermaid block: it needs flowchart TD (or LR, …) and nodes"},
		{"%% only\n", "1:1: empty mermaid block: it needs flowchart TD (or LR, …) and nodes"},
		{"flowchart XY\n", "1:11: unknown direction \"XY\" (directions: TB, TD, BT, LR, RL)"},
		{"sequenceDiagram\n", "1:1: mermaid sequenceDiagram diagrams are not drawn; only flowchart and graph are"},
		{"flowchart TD\n  a --> \n", "2:5: this edge has no node after it"},
		{"flowchart TD\n  a[open --> b\n", "2:4: node a: \"[\" is not closed by \"]\""},
		{"flowchart TD\n  a[\"open] --> b\n", "2:5: this quoted label is not closed"},
		{"flowchart TD\n  a -- text b\n", "2:5: edge -- text is not closed: write -- text --> (or ---), or -->|text|"},
		{"flowchart TD\n  a -->|text b\n", "2:8: edge text |… is not closed by |"},
		{"flowchart TD\n  a --> b c\n", "2:11: expected an edge (-->, ---, -.->, ==>), & or the end of the statement, found \"c\""},
		{"flowchart TD\n  a -> b\n", "2:5: expected an edge (-->, ---, -.->, ==>), & or the end of the statement, found \"-> b\""},
		{"flowchart TD\n  subgraph s\n  a\n", "2:3: subgraph s is not closed: add a line end after its nodes"},
		{"flowchart TD\n  end\n", "2:3: end without a subgraph"},
		{"flowchart TD\n  a\n  class b hot\n  classDef hot fill:red\n", "3:9: class names unknown node \"b\""},
		{"flowchart TD\n  a:::hot\n", "1:1: class \"hot\" of node a is not defined by a classDef"},
		{"flowchart TD\n  a\n  style a fill\n", "3:11: style \"fill\" is not name:value"},
		{"flowchart TD\n  a --> b\n  linkStyle 3 stroke:red\n", "3:13: linkStyle 3: there are 1 edges, numbered from 0"},
		{"flowchart TD\n  a@{ shape: rect }\n", "2:4: shape data @{ … } is not supported; use A[text], A(text), A{text}, …"},
		{"flowchart TD\nflowchart LR\n", "2:1: a second flowchart line: one mermaid block holds one flowchart"},
		{"flowchart TD; a --> ; b\n", "1:17: this edge has no node after it"},
		{"---\ntitle: x\n", "1:1: front matter --- without its closing ---"},
	} {
		_, err := Parse(tc.src)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q:\ngot  %v\nwant %s", tc.src, err, tc.want)
		}
	}
}

func TestKind(t *testing.T) {
	for _, tc := range []struct {
		src, kind string
		line      int
	}{
		{"flowchart LR\n", "flowchart", 1},
		{"\n%% c\ngraph TD;a-->b", "graph", 3},
		{"---\ntitle: t\n---\nsequenceDiagram\n", "sequenceDiagram", 4},
		{"  pie title 比率\n", "pie", 1},
		{"", "", 0},
		{";;\n", "", 0},
	} {
		k, l := Kind(tc.src)
		if k != tc.kind || l != tc.line {
			t.Errorf("%q: got %q line %d, want %q line %d", tc.src, k, l, tc.kind, tc.line)
		}
	}
}

// FuzzMermaid: Parse never panics; an error is positioned inside the
// block; a parsed graph writes DOT with balanced braces.
func FuzzMermaid(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.mmd")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{"graph", "flowchart LR\na-->b-->c", "graph TD\na -- x", "graph TD\na[\"", "flowchart\nsubgraph a\nend\nend", "graph TD\na ~~~ b ==> c -.-> d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		g, err := Parse(src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			lines := strings.Split(src, "\n")
			if e.Line < 1 || e.Line > len(lines) || e.Col < 1 || e.Col > len(lines[e.Line-1])+1 {
				t.Fatalf("error outside the block (%d lines): %v", len(lines), err)
			}
			return
		}
		dot := g.DOT("f")
		if !strings.HasPrefix(dot, "digraph \"f\" {\n") || !strings.HasSuffix(dot, "}\n") {
			t.Fatalf("malformed DOT:\n%s", dot)
		}
	})
}
