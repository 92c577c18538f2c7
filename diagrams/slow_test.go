package diagrams

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/layerdeck/layerdeck/deck"
)

// denseDOT is a digraph of n nodes and m edges between nodes picked by a
// fixed pseudo-random sequence, each edge labelled if labels: the kind of
// graph dot is slowest on for its size (see BenchmarkWorstGraphs).
func denseDOT(n, m int, labels bool) string {
	var b strings.Builder
	b.WriteString("digraph {\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  n%d;\n", i)
	}
	x := uint32(1)
	next := func() int {
		x = x*1664525 + 1013904223
		return int(x>>8) % n
	}
	for k := 0; k < m; k++ {
		i, j := next(), next()
		if labels {
			fmt.Fprintf(&b, "  n%d -> n%d [label=\"e%d\"];\n", i, j, k)
		} else {
			fmt.Fprintf(&b, "  n%d -> n%d;\n", i, j)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// namedDOT is a DOT block named name at line 19 of d.md.
func namedDOT(name, src string) Source {
	s := dotSource(src)
	s.Name, s.DOT.Name = name, name
	return s
}

// TestSlowLayoutAbandoned: a layout past the engine's time budget is a
// positioned error, and it does not wedge Graphviz: the next layouts, of
// this engine and of another, succeed (a new WebAssembly instance).
func TestSlowLayoutAbandoned(t *testing.T) {
	other := engine(t)
	if _, err := other.Layout(context.Background(), talkSources()[3]); err != nil {
		t.Fatal(err)
	}
	e := engine(t)
	e.o.Timeout = 200 * time.Millisecond
	// A graph under the caps (about 0.7 s); read first, within the normal
	// budget: the layout is what is slow.
	slow := namedDOT("slow", denseDOT(40, maxEdges, true))
	e.o.Timeout = time.Minute
	if _, err := e.graph(context.Background(), slow); err != nil {
		t.Fatal(err)
	}
	e.o.Timeout = 200 * time.Millisecond
	_, err := e.Layout(context.Background(), slow)
	want := "d.md:19:1: diagram slow: Graphviz took longer than 200ms; simplify the graph"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	e.o.Timeout = time.Minute
	for _, eng := range []*Engine{e, other} {
		for i := 0; i < 2; i++ {
			g, err := eng.Layout(context.Background(), namedDOT(fmt.Sprintf("after%d", i), fmt.Sprintf("digraph { a -> b -> c%d }", i)))
			if err != nil {
				t.Fatalf("layout after the abandoned one: %v", err)
			}
			if len(g.Nodes) != 3 {
				t.Fatalf("layout after the abandoned one: %d nodes", len(g.Nodes))
			}
		}
	}
	// The engine closes, whatever instance it holds.
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
}

// nestedDOT is depth clusters, each inside the one before, each holding
// per nodes, the first edges+1 nodes chained by edges.
func nestedDOT(depth, per, edges int) string {
	var b strings.Builder
	b.WriteString("digraph {\n")
	k := 0
	for d := 0; d < depth; d++ {
		fmt.Fprintf(&b, "subgraph cluster_%d { label=\"c%d\";\n", d, d)
		for i := 0; i < per; i++ {
			fmt.Fprintf(&b, "n%d;\n", k)
			if k > 0 && k <= edges {
				fmt.Fprintf(&b, "n%d -> n%d;\n", k-1, k)
			}
			k++
		}
	}
	b.WriteString(strings.Repeat("}\n", depth+1))
	return b.String()
}

// completeDOT is the complete digraph of n nodes, each edge labelled.
func completeDOT(n int) string {
	var s strings.Builder
	s.WriteString("digraph {\n")
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			fmt.Fprintf(&s, "n%d -> n%d [label=\"ラベル\"];\n", i, j)
		}
	}
	return s.String() + "}\n"
}

// BenchmarkWorstGraphs lays out the slowest graphs found under the caps
// (maxNodes, maxEdges, maxOrthoEdges), each with empty caches: they must
// stay well within the default budget of 5 s.
func BenchmarkWorstGraphs(b *testing.B) {
	for _, c := range []struct{ name, dot string }{
		{"random-40-100-labelled", denseDOT(40, maxEdges, true)},
		{"random-30-100-labelled", denseDOT(30, maxEdges, true)},
		{"random-200-100", denseDOT(maxNodes, maxEdges, false)},
		{"complete-14-labelled", completeDOT(14)},
		{"nested-32x6-100", nestedDOT(maxDepth, 6, maxEdges)},
		{"ortho-25-50-labelled", strings.Replace(denseDOT(25, maxOrthoEdges, true), "{", "{ splines=ortho;", 1)},
	} {
		b.Run(c.name, func(b *testing.B) {
			e := engine(b)
			src := dotSource(c.dot)
			for b.Loop() {
				e.mu.Lock()
				e.cache = map[[32]byte]*Geometry{}
				e.mu.Unlock()
				if _, err := e.Layout(context.Background(), src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// worstFastStack is a stack of n layers, each with two problems, fixing
// the problems of the layer below and integrating every layer below it:
// the densest stack diagram of its size.
func worstFastStack(n int) Source {
	s := &deck.Stack{ID: "s", Title: "積み重ね", Pattern: "progression"}
	for i := range n {
		l := &deck.Layer{ID: fmt.Sprintf("L%d", i+1), Name: fmt.Sprintf("層%d", i+1), Problems: []string{fmt.Sprintf("課題%dA", i), fmt.Sprintf("課題%dB", i)}}
		if i > 0 {
			l.Fixes = []string{fmt.Sprintf("課題%dA", i-1)}
			for j := range i - 1 {
				l.Integrates = append(l.Integrates, fmt.Sprintf("L%d", j+1))
			}
		}
		s.Layers = append(s.Layers, l)
	}
	return Source{Name: "s", Stack: s, Pos: deck.Pos{File: "d.md", Line: 1, Col: 1}}
}

// BenchmarkWorstFastGraphs lays out the slowest graphs found within the
// bounds of the fast kind of Graphviz instance (fastNodes, fastEdges,
// fastClusters), which no deadline can stop: each must stay far below
// the default budget of 5 s (about 0.1 s on 2 shared cores). It fails if
// a graph is not laid out in the fast kind.
func BenchmarkWorstFastGraphs(b *testing.B) {
	for _, c := range []struct {
		name string
		src  Source
	}{
		{"random-60-60-labelled", dotSource(denseDOT(fastNodes, fastEdges, true))},
		{"random-20-60-labelled", dotSource(denseDOT(20, fastEdges, true))},
		{"random-10-60-labelled", dotSource(denseDOT(10, fastEdges, true))},
		{"complete-11-labelled", dotSource(completeDOT(11))},
		{"nested-12x5-59", dotSource(nestedDOT(fastClusters, 5, fastEdges-1))},
		{"ranked-30-60-polyline", dotSource(strings.Replace(denseDOT(30, fastEdges, true), "{\n", "{ newrank=true; splines=polyline; compound=true;\n"+
			"{rank=same; n0; n5; n10; n15; n20; n25}\n{rank=same; n1; n6; n11; n16; n21; n26}\n{rank=same; n2; n7; n12; n17; n22; n27}\n", 1))},
		{"stack-7-integrate-all", worstFastStack(7)},
	} {
		b.Run(c.name, func(b *testing.B) {
			e := engine(b)
			g, err := e.graph(context.Background(), c.src)
			if err != nil {
				b.Fatal(err)
			}
			if !g.size.fast() {
				b.Fatalf("not laid out in the fast kind: %+v", g.size)
			}
			// The fast kind compiled before timing.
			if _, err := e.Layout(context.Background(), namedDOT("warm", "digraph { a -> b }")); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				e.mu.Lock()
				e.cache = map[[32]byte]*Geometry{}
				e.mu.Unlock()
				if _, err := e.Layout(context.Background(), c.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
