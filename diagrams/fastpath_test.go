package diagrams

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/goccy/go-graphviz"
)

// TestSizeOfDOT: a user's graph takes the fast kind of Graphviz instance
// only within the bounds and with attributes that keep dot's work short.
func TestSizeOfDOT(t *testing.T) {
	e := engine(t)
	for _, tc := range []struct {
		dot  string
		fast bool
	}{
		{"digraph { rankdir=LR; a [shape=ellipse, color=red]; a -> b [label=x, style=dashed]; subgraph cluster_x { c } }", true},
		{"digraph { splines=polyline; a -> b }", true},
		{"digraph { splines=ortho; a -> b }", false},
		{"digraph { a -> b [minlen=1000] }", false},
		{"digraph { ranksep=50; a -> b }", false},
		{"digraph { edge [weight=100000]; a -> b }", false},
		{"digraph { node [distortion=2]; a -> b }", false},
		{denseDOT(fastNodes, fastEdges, true), true},
		{denseDOT(fastNodes+1, 2, false), false},
		{denseDOT(10, fastEdges+1, false), false},
		{nestedDOT(fastClusters, 1, 3), true},
		{nestedDOT(fastClusters+1, 1, 3), false},
	} {
		g, err := e.graph(context.Background(), dotSource(tc.dot))
		if err != nil {
			t.Fatalf("%.60s: %v", tc.dot, err)
		}
		if g.size.fast() != tc.fast {
			t.Errorf("%.60s: fast %v (%+v), want %v", tc.dot, g.size.fast(), g.size, tc.fast)
		}
	}
	// A stack counts its nodes and every edge it writes, those that keep
	// a rank in order too.
	g, err := e.graph(context.Background(), worstFastStack(7))
	if err != nil {
		t.Fatal(err)
	}
	if s := g.size; s.nodes != 21 || s.edges != strings.Count(g.dot, " -> ") || s.slow {
		t.Errorf("stack of 7: %+v, %d arrows in its DOT", s, strings.Count(g.dot, " -> "))
	}
}

// TestKindFollowsGraph: the talk's diagrams are laid out in the fast kind
// of instance, a graph over the bounds in the interruptible kind, and the
// two give the same geometry.
func TestKindFollowsGraph(t *testing.T) {
	e := engine(t)
	for _, src := range talkSources() {
		if _, err := e.Layout(context.Background(), src); err != nil {
			t.Fatal(err)
		}
		if !graphviz.LiveIsFast() {
			t.Fatalf("%s was laid out in the interruptible kind", src.Name)
		}
	}
	small := "digraph { rankdir=LR; a -> b -> c; a -> c [label=\"近道\"] }"
	fast, err := e.Layout(context.Background(), namedDOT("small", small))
	if err != nil {
		t.Fatal(err)
	}
	slow, err := e.Layout(context.Background(), namedDOT("slow", strings.Replace(small, "rankdir=LR;", "rankdir=LR; ranksep=0.4;", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if graphviz.LiveIsFast() {
		t.Fatal("a graph with ranksep was laid out in the fast kind")
	}
	if len(fast.Nodes) != 3 || len(slow.Nodes) != 3 {
		t.Fatalf("%d and %d nodes", len(fast.Nodes), len(slow.Nodes))
	}
	for i := range fast.Nodes {
		if fast.Nodes[i].Box != slow.Nodes[i].Box {
			t.Errorf("node %s: %+v in the fast kind, %+v in the interruptible kind", fast.Nodes[i].Name, fast.Nodes[i].Box, slow.Nodes[i].Box)
		}
	}
}

// TestLongTextNotFast: a small graph with a very long label is laid out
// in the interruptible kind.
func TestLongTextNotFast(t *testing.T) {
	e := engine(t)
	src := namedDOT("long", "digraph { a [label=\""+strings.Repeat("長い", fastBytes/4)+"\"]; a -> b }")
	if _, err := e.Layout(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	if graphviz.LiveIsFast() {
		t.Error("a graph of more than fastBytes of DOT was laid out in the fast kind")
	}
}

// TestStackEdgeCap: a stack drawing more than maxStackEdges edges is a
// positioned error at once, not a wait for Graphviz's time budget; one
// under the cap is laid out.
func TestStackEdgeCap(t *testing.T) {
	e := engine(t)
	over := worstFastStack(16)
	g, err := e.graph(context.Background(), over)
	if err == nil {
		t.Fatalf("16 layers integrating all below: no error (%+v)", g.size)
	}
	if want := "d.md:1:1: stack s draws "; !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "more than the 150") {
		t.Errorf("error %q", err)
	}
	if _, err := e.Layout(context.Background(), over); err == nil {
		t.Error("Layout laid the stack out")
	}
	under := worstFastStack(15)
	gu, err := e.graph(context.Background(), under)
	if err != nil || gu.size.edges > maxStackEdges || gu.size.edges < maxStackEdges-20 {
		t.Fatalf("15 layers: %v, %+v", err, gu.size)
	}
}

// TestKindsConcurrently: two engines laying out at once, one in each kind
// of instance, switch the instance under each other many times; every
// layout succeeds.
func TestKindsConcurrently(t *testing.T) {
	if testing.Short() {
		t.Skip("switches instances 40 times")
	}
	fast, slow := engine(t), engine(t)
	errs := make(chan error, 2)
	run := func(e *Engine, dot string) {
		for i := range 20 {
			if _, err := e.Layout(context.Background(), namedDOT("g", strings.Replace(dot, "}", fmt.Sprintf("; n%d }", i), 1))); err != nil {
				errs <- err
				return
			}
		}
		errs <- nil
	}
	go run(fast, "digraph { a -> b }")
	go run(slow, "digraph { ranksep=0.5; a -> b }")
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
