package diagrams

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/golden"
	"github.com/layerdeck/layerdeck/internal/render/svg"
	"github.com/layerdeck/layerdeck/internal/theme"
)

func engine(t testing.TB) *Engine {
	t.Helper()
	f, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), Lang: "ja"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func essaySources(t testing.TB) []Source {
	t.Helper()
	d, err := deck.Parse("essay.md", assets.Essay)
	if err != nil {
		t.Fatal(err)
	}
	return Sources(d)
}

func TestEssayDiagrams(t *testing.T) {
	e := engine(t)
	srcs := essaySources(t)
	var names []string
	for _, s := range srcs {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, " "); got != "ai crypto compare drivers" {
		t.Fatalf("diagrams of the built-in deck: %s", got)
	}
	for _, src := range srcs {
		t.Run(src.Name, func(t *testing.T) {
			dot, err := e.DOT(src)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/"+src.Name+".dot", []byte(dot))
			g, err := e.Layout(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			checkGeometry(t, g)
			out, err := svg.Render(Page(g, 16), svg.Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/"+src.Name+".svg", out)
		})
	}
}

// checkGeometry: every label fits its box, no two nodes overlap, no edge
// label covers a node, every edge starts and ends at its nodes, and the
// text stays readable when the diagram is scaled into a slide.
func checkGeometry(t *testing.T, g *Geometry) {
	t.Helper()
	nodes := map[string]Node{}
	for _, n := range g.Nodes {
		nodes[n.Name] = n
		w, h := label{lines: n.Lines}.size()
		if w > n.Box.W-2 || h > n.Box.H-2 {
			t.Errorf("node %s: label %.0f×%.0f does not fit box %.0f×%.0f", n.Name, w, h, n.Box.W, n.Box.H)
		}
		if len(n.Lines) == 0 {
			t.Errorf("node %s has no text", n.Name)
		}
	}
	for i, a := range g.Nodes {
		for _, b := range g.Nodes[i+1:] {
			if overlap(a.Box, b.Box, 1) {
				t.Errorf("nodes %s and %s overlap", a.Name, b.Name)
			}
		}
	}
	for _, e := range g.Edges {
		if len(e.Lines) > 0 {
			for _, n := range g.Nodes {
				if overlap(e.LabelBox, n.Box, 0) {
					t.Errorf("label of edge %s→%s covers node %s", e.Tail, e.Head, n.Name)
				}
			}
		}
		if len(e.Points) < 4 {
			t.Errorf("edge %s→%s has no spline", e.Tail, e.Head)
			continue
		}
		tail, head := nodes[e.Tail], nodes[e.Head]
		if d := distToBox(e.Points[0], tail.Box); d > 2 {
			t.Errorf("edge %s→%s starts %.1f pt from its tail", e.Tail, e.Head, d)
		}
		end := e.Points[len(e.Points)-1]
		if len(e.Arrowheads) > 0 {
			end = tip(e.Arrowheads[0], head.Box)
		}
		// Graphviz stops an arrowhead short of the node by about its pen width.
		if d := distToBox(end, head.Box); d > 2+e.Style.Width {
			t.Errorf("edge %s→%s ends %.1f pt from its head", e.Tail, e.Head, d)
		}
	}
	// Scaled to fit 864×400 pt (a 16:9 slide less margins and title), no
	// text may fall under 12 pt.
	s := math.Min(1.4, math.Min(864/g.Width, 400/g.Height))
	for _, it := range g.Draw(0, 0, s) {
		if it.Text != nil && it.Text.Size < 11.95 {
			t.Errorf("text %q is %.1f pt on a slide", it.Text.Text, it.Text.Size)
		}
	}
}

func overlap(a, b Box, slack float64) bool {
	return a.X+slack < b.X+b.W && b.X+slack < a.X+a.W && a.Y+slack < b.Y+b.H && b.Y+slack < a.Y+a.H
}

// distToBox is how far p lies outside b (0 inside).
func distToBox(p display.Point, b Box) float64 {
	dx := math.Max(0, math.Max(b.X-p.X, p.X-(b.X+b.W)))
	dy := math.Max(0, math.Max(b.Y-p.Y, p.Y-(b.Y+b.H)))
	return math.Hypot(dx, dy)
}

// tip is the point of an arrowhead nearest to the box it points at.
func tip(poly []display.Point, b Box) display.Point {
	best := poly[0]
	for _, q := range poly[1:] {
		if distToBox(q, b) < distToBox(best, b) {
			best = q
		}
	}
	return best
}

func TestDOTSyntaxErrorIsPositioned(t *testing.T) {
	e := engine(t)
	src := &deck.DOT{Name: "bad", Source: "digraph {\n  a -> b;\n  b -> [label=x];\n}\n", SourcePos: deck.Pos{File: "deck.md", Line: 20, Col: 1}, Pos: deck.Pos{File: "deck.md", Line: 19, Col: 1}}
	_, err := e.Layout(context.Background(), Source{Name: "bad", DOT: src, Pos: src.Pos})
	want := "deck.md:22:1: DOT: syntax error in line 3 near '['"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
	// The engine still works after a syntax error.
	if _, err := e.Layout(context.Background(), essaySources(t)[0]); err != nil {
		t.Fatalf("after a syntax error: %v", err)
	}
}

// TestOddDOT: nothing panics, whatever the DOT; each input gives a
// diagram or an error.
func TestOddDOT(t *testing.T) {
	e := engine(t)
	inputs := []string{
		"", "   ", "digraph", "}{", "digraph{}", "graph{a--b--c--a}", "digraph{a->a}",
		"digraph{a [label=\"" + strings.Repeat("長いラベル", 200) + "\"]}",
		"digraph{subgraph cluster_x{label=\"クラスタ\"; a} a->b [label=\"辺\"]; a->b}",
		"strict digraph{a->b; a->b [label=\"二重\"]}",
		"digraph{node[shape=ellipse]; a->b}", "digraph{a [label=<<b>html</b>>]}",
		"\x00\x01", "digraph{" + strings.Repeat("a->", 300) + "z}",
	}
	for _, in := range inputs {
		src := &deck.DOT{Name: "x", Source: in, SourcePos: deck.Pos{File: "d.md", Line: 2, Col: 1}, Pos: deck.Pos{File: "d.md", Line: 1, Col: 1}}
		g, err := e.Layout(context.Background(), Source{Name: "x", DOT: src, Pos: src.Pos})
		if err == nil && g == nil {
			t.Errorf("%q: no geometry and no error", in)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "d.md:") {
			t.Errorf("%q: error without a position: %v", in, err)
		}
	}
}

func TestTooLargeDOT(t *testing.T) {
	e := engine(t)
	var chain []string
	for i := 0; i <= 600; i++ {
		chain = append(chain, fmt.Sprintf("n%d", i))
	}
	src := &deck.DOT{Name: "big", Source: "digraph{" + strings.Join(chain, "->") + "}", SourcePos: deck.Pos{File: "d.md", Line: 2, Col: 1}, Pos: deck.Pos{File: "d.md", Line: 1, Col: 1}}
	_, err := e.Layout(context.Background(), Source{Name: "big", DOT: src, Pos: src.Pos})
	want := "d.md:1:1: diagram big has 601 nodes and 600 edges; a slide diagram may have at most 500 nodes and 2000 edges"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v", err)
	}
}

func TestUnknownAndEmptyStack(t *testing.T) {
	e := engine(t)
	_, err := e.Layout(context.Background(), Source{Name: "nope", Pos: deck.Pos{File: "d.md", Line: 3, Col: 10}})
	if err == nil || err.Error() != `d.md:3:10: diagram "nope" has nothing to draw (unknown stack?)` {
		t.Errorf("unknown stack: %v", err)
	}
	_, err = e.Layout(context.Background(), Source{Name: "s", Stack: &deck.Stack{ID: "s"}, Pos: deck.Pos{File: "d.md", Line: 4, Col: 1}})
	if err == nil || err.Error() != "d.md:4:1: stack s has no layers" {
		t.Errorf("empty stack: %v", err)
	}
}

func TestDeterministicAndCached(t *testing.T) {
	var outs [2][]byte
	for i := range outs {
		e := engine(t)
		for _, src := range essaySources(t) {
			g, err := e.Layout(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(g)
			outs[i] = append(outs[i], b...)
			again, _ := e.Layout(context.Background(), src)
			if again != g {
				t.Errorf("%s: the second layout was not served from the cache", src.Name)
			}
		}
	}
	if string(outs[0]) != string(outs[1]) {
		t.Fatal("two engines gave different geometry for the same deck")
	}
}

func TestTimeout(t *testing.T) {
	f, _ := fonts.Default()
	e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), Timeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	src := essaySources(t)[0]
	_, err = e.Layout(context.Background(), src)
	if err == nil || !strings.Contains(err.Error(), "layout of diagram ai did not finish within 1ns") {
		t.Fatalf("got %v", err)
	}
}

// BenchmarkLayoutAll lays out every diagram of the built-in deck with an
// empty cache each time: the cost of Graphviz itself.
func BenchmarkLayoutAll(b *testing.B) {
	srcs := essaySources(b)
	e := engine(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.cache = map[[32]byte]*Geometry{}
		e.raw = map[[32]byte]graphText{}
		for _, src := range srcs {
			if _, err := e.Layout(context.Background(), src); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(srcs)), "ms/diagram")
}

// BenchmarkLayoutCached is a rebuild where no diagram changed.
func BenchmarkLayoutCached(b *testing.B) {
	srcs := essaySources(b)
	e := engine(b)
	for _, src := range srcs {
		e.Layout(context.Background(), src)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, src := range srcs {
			if _, err := e.Layout(context.Background(), src); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestDiskCache: a second engine with the same cache directory gets the
// same geometry from the cache; a damaged entry is laid out again.
func TestDiskCache(t *testing.T) {
	dir := t.TempDir()
	f, _ := fonts.Default()
	geo := func() []byte {
		e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), CacheDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		var out []byte
		for _, src := range essaySources(t) {
			g, err := e.Layout(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(g)
			out = append(out, b...)
		}
		return out
	}
	first := geo()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 4 {
		t.Fatalf("%d cache entries, want 4", len(ents))
	}
	os.WriteFile(filepath.Join(dir, ents[0].Name()), []byte(`{"bb": "0,0,1,1", "objects": [`), 0o644) // damaged
	if second := geo(); string(second) != string(first) {
		t.Fatal("geometry with a damaged cache entry differs")
	}
	if third := geo(); string(third) != string(first) {
		t.Fatal("geometry from the cache differs")
	}
}
