package graphviz_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-graphviz"
)

// slowGraph is a dense graph that dot needs several seconds for: 45 nodes
// and 180 random edges with labels.
func slowGraph() []byte {
	var b strings.Builder
	b.WriteString("digraph {\n")
	x := uint32(1)
	for k := 0; k < 400; k++ {
		x = x*1664525 + 1013904223
		i := x >> 8 % 45
		x = x*1664525 + 1013904223
		j := x >> 8 % 45
		fmt.Fprintf(&b, "n%d -> n%d [label=\"e%d\"];\n", i, j, k)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

func render(ctx context.Context, src []byte) ([]byte, error) {
	g, err := graphviz.New(ctx)
	if err != nil {
		return nil, err
	}
	graph, err := graphviz.ParseBytes(src)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = g.Render(ctx, graph, "json", &buf)
	if err == nil {
		graph.Close()
		g.Close()
	}
	return buf.Bytes(), err
}

// TestInterruptedLayout (layerdeck patch): a layout whose context is done
// returns an error instead of running to its end, and the next call gets
// a new instance in which layouts work again.
func TestInterruptedLayout(t *testing.T) {
	if _, err := render(context.Background(), []byte("digraph { a -> b }")); err != nil {
		t.Fatal(err)
	}
	gen := graphviz.Generation()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := render(ctx, slowGraph())
	if err == nil {
		t.Fatal("the layout of the slow graph finished within 200 ms: it proves nothing")
	}
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("the layout failed before its deadline: %v", err)
	}
	for i := 0; i < 3; i++ {
		out, err := render(context.Background(), []byte("digraph { a -> b -> c }"))
		if err != nil {
			t.Fatalf("layout after the interrupted one: %v", err)
		}
		if !bytes.Contains(out, []byte(`"name": "c"`)) {
			t.Fatalf("layout after the interrupted one:\n%s", out)
		}
	}
	if got := graphviz.Generation(); got != gen+1 {
		t.Fatalf("generation %d after one interruption, want %d", got, gen+1)
	}
}

// TestDiscard (layerdeck patch): Discard gives the instance's memory back;
// the next call makes a new instance, with memory of the starting size,
// in which layouts work.
func TestDiscard(t *testing.T) {
	if _, err := render(context.Background(), []byte("digraph { a -> b }")); err != nil {
		t.Fatal(err)
	}
	gen, size := graphviz.Generation(), graphviz.MemorySize()
	if size == 0 {
		t.Fatal("no memory size for a live instance")
	}
	if err := graphviz.Discard(); err != nil {
		t.Fatal(err)
	}
	if graphviz.MemorySize() != 0 {
		t.Fatal("memory size of a discarded instance")
	}
	if _, err := render(context.Background(), []byte("digraph { a -> b -> c }")); err != nil {
		t.Fatalf("layout after Discard: %v", err)
	}
	if graphviz.Generation() != gen+1 {
		t.Fatalf("generation %d after Discard, want %d", graphviz.Generation(), gen+1)
	}
}
