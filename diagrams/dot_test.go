package diagrams

import (
	"context"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
)

// dotSource is a ```dot block whose first line is line 20 of d.md.
func dotSource(src string) Source {
	b := &deck.DOT{Name: "x", Source: src, SourcePos: deck.Pos{File: "d.md", Line: 20, Col: 1}, Pos: deck.Pos{File: "d.md", Line: 19, Col: 1}}
	return Source{Name: "x", DOT: b, Pos: b.Pos}
}

func TestDOTSyntaxErrorIsPositioned(t *testing.T) {
	e := engine(t)
	for _, tc := range []struct{ src, want string }{
		{"digraph {\n  a -> b;\n  b -> [label=x];\n}\n", "d.md:22:8: DOT syntax error near '['"},
		{"digraph {\n  a -> b\n", "d.md:21:9: DOT syntax error: the block ends early (missing '}'?)"},
		{"digraph {\n  a [label=\"open];\n  b\n}\n", "d.md:21:12: DOT syntax error: this quoted string is not closed"},
		{"digraph {\n  a [label=<<b>x</b>];\n}\n", "d.md:21:12: DOT syntax error: this HTML-like label is not closed (missing '>'?)"},
		{"// only a comment\n", "d.md:19:1: the dot block holds no graph (want digraph { … })"},
	} {
		_, err := e.Layout(context.Background(), dotSource(tc.src))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q:\ngot  %v\nwant %s", tc.src, err, tc.want)
		}
	}
	// The engine still works after syntax errors, and lines are counted
	// afresh for each block.
	if _, err := e.Layout(context.Background(), talkSources()[0]); err != nil {
		t.Fatalf("after a syntax error: %v", err)
	}
	_, err := e.Layout(context.Background(), dotSource("digraph {\n  b -> [label=x];\n}\n"))
	if want := "d.md:21:8: DOT syntax error near '['"; err == nil || err.Error() != want {
		t.Errorf("second block: got %v, want %s", err, want)
	}
}

// oddDOT is DOT that must give a diagram or an error, never a panic.
var oddDOT = []string{
	"", "   ", "digraph", "}{", "{", "digraph{}", "graph{a--b--c--a}", "digraph{a->a}",
	"digraph{a [label=\"" + strings.Repeat("長いラベル", 200) + "\"]}",
	"digraph{a [label=\"" + strings.Repeat("x", 5000) + "\"]}",
	"digraph{subgraph cluster_x{label=\"クラスタ\"; a} a->b [label=\"辺\"]; a->b}",
	"strict digraph{a->b; a->b [label=\"二重\"]}",
	"digraph{node[shape=ellipse]; a->b; c [shape=diamond]; d [shape=point]; e [shape=record, label=\"{a|<p>b}\"]}",
	"digraph{a [label=<<b>html</b> &amp; more>]}",
	"\x00\x01", "digraph{" + strings.Repeat("a->", 300) + "z}",
	"digraph{a [style=invis]; b [peripheries=0]; a->b [style=invis]}",
	"digraph{rankdir=LR; size=\"1,1\"; rotate=90; a->b [dir=both, arrowhead=dot, arrowtail=diamond]}",
	"digraph{a -> b [headlabel=\"頭\", taillabel=\"尾\", xlabel=\"外\"]; b [xlabel=\"ノード外\"]}",
	"digraph{compound=true; subgraph cluster_a{x} subgraph cluster_b{y} x -> y [lhead=cluster_b, ltail=cluster_a]}",
	"digraph{a [label=\"\\\\\"]; \"q\\\"uote\" -> a}",
	"digraph{subgraph cluster_0{subgraph cluster_1{subgraph cluster_2{a}}}}",
	"digraph{a [fontcolor=crimson, label=\"赤\"]}",
	"digraph{splines=ortho; a->b [label=\"直交\"]}",
}

// TestOddDOT: nothing panics, whatever the DOT; each input gives a
// diagram or a positioned error.
func TestOddDOT(t *testing.T) {
	e := engine(t)
	for _, in := range oddDOT {
		checkOdd(t, e, in)
	}
}

func checkOdd(t *testing.T, e *Engine, in string) {
	t.Helper()
	g, err := e.Layout(context.Background(), dotSource(in))
	if err == nil && g == nil {
		t.Errorf("%.40q: no geometry and no error", in)
	}
	if err != nil && !strings.HasPrefix(err.Error(), "d.md:") {
		t.Errorf("%.40q: error without a position: %v", in, err)
	}
	if g != nil {
		g.Draw(0, 0, 1)
	}
}

// FuzzDOT lays out arbitrary DOT: go test -fuzz FuzzDOT ./diagrams.
func FuzzDOT(f *testing.F) {
	for _, in := range oddDOT {
		f.Add(in)
	}
	e := engine(f)
	f.Fuzz(func(t *testing.T, in string) {
		checkOdd(t, e, in)
	})
}

func layoutDOT(t *testing.T, src string) *Geometry {
	t.Helper()
	g, err := engine(t).Layout(context.Background(), dotSource(src))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func findNode(t *testing.T, g *Geometry, name string) Node {
	t.Helper()
	for _, n := range g.Nodes {
		if n.Name == name {
			return n
		}
	}
	t.Fatalf("no node %s", name)
	return Node{}
}

func lineTexts(ls []TextLine) string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Text)
	}
	return strings.Join(out, "|")
}

// TestDOTKeepsUserStyle: shapes and colours of a user's graph survive,
// sizes are layerdeck's, and every label is drawn, repeated edges too.
func TestDOTKeepsUserStyle(t *testing.T) {
	g := layoutDOT(t, `digraph {
  a [shape=ellipse, style=filled, fillcolor="#ff0000", color=navy, label="楕円"];
  b [shape=diamond, label="ひし形"];
  c [shape=Mrecord, label="{上|<p>下}"];
  d [label=<<B>太字</B><BR/>二行目>, fontcolor=crimson];
  a -> b [color=blue, style=dashed, label="一"];
  a -> b [label="二"];
  b -> c:p; c -> d;
}`)
	checkGeometry(t, g)
	a := findNode(t, g, "a")
	if a.Shape != ShapeEllipse || !a.Style.Filled || a.Style.Fill != (display.Color{R: 255}) || a.Style.Stroke != (display.Color{B: 128}) {
		t.Errorf("a: %+v", a)
	}
	if b := findNode(t, g, "b"); b.Shape != ShapeDiamond {
		t.Errorf("b: shape %s", b.Shape)
	}
	if c := findNode(t, g, "c"); c.Shape != ShapeBox || !c.Style.Rounded || lineTexts(c.Lines) != "上|下" {
		t.Errorf("c: %s %+v %q", c.Shape, c.Style, lineTexts(c.Lines))
	}
	d := findNode(t, g, "d")
	if lineTexts(d.Lines) != "太字|二行目" || d.Lines[0].Color != (display.Color{R: 0xdc, G: 0x14, B: 0x3c}) {
		t.Errorf("d: %q in %v", lineTexts(d.Lines), d.Lines[0].Color)
	}
	var labels []string
	for _, e := range g.Edges {
		if e.Label != nil {
			labels = append(labels, lineTexts(e.Label.Lines))
			if e.Tail == "a" && lineTexts(e.Label.Lines) == "一" && (!e.Style.Dashed || e.Style.Stroke != (display.Color{B: 255})) {
				t.Errorf("edge a→b 一: %+v", e.Style)
			}
		}
	}
	if got := strings.Join(labels, " "); got != "一 二" {
		t.Errorf("edge labels: %q", got)
	}
}

// TestDOTExtraLabels: graph labels, xlabels and head and tail labels
// are measured and drawn.
func TestDOTExtraLabels(t *testing.T) {
	g := layoutDOT(t, `digraph G { label="図のタイトル"; a -> b [headlabel="頭", taillabel="尾"]; b [xlabel="外"] }`)
	var got []string
	for _, l := range g.Labels {
		got = append(got, lineTexts(l.Lines))
	}
	if s := strings.Join(got, " "); s != "図のタイトル 外 頭 尾" {
		t.Errorf("labels: %q", s)
	}
}

func TestLabelText(t *testing.T) {
	for _, tc := range []struct{ in, src, name, want string }{
		{`\N`, "", "n", "n"},
		{`a\nb\lc\r`, "", "n", "a\nb\nc"},
		{`\G: \N`, "", "n", "G: n"},
		{`a\\b`, "", "n", `a\b`},
		{"<b>x</b> &amp; y<br/>z", "label=<<b>x</b> &amp; y<br/>z>", "n", "x & y\nz"},
		{"a<b", `label="a<b"`, "n", "a<b"},
	} {
		if got := labelText(tc.in, tc.src, "G", tc.name); got != tc.want {
			t.Errorf("labelText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := recordText(`{<f0> 左|<f1> 中|右\|棒}`); got != "左\n中\n右|棒" {
		t.Errorf("recordText: %q", got)
	}
}
