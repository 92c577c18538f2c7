package diagrams

import (
	"context"
	"testing"
	"time"
)

// BenchmarkLayoutAll lays out the four diagrams of the talk with an empty
// cache each time: the cost of measuring, Graphviz and reading its
// output, once the WebAssembly is compiled. It reports the time of each
// diagram (budget: 10 ms each).
func BenchmarkLayoutAll(b *testing.B) {
	srcs := talkSources()
	e := engine(b)
	// Graphviz compiled and started before timing.
	if _, err := e.Layout(context.Background(), namedDOT("warm", "digraph { a -> b }")); err != nil {
		b.Fatal(err)
	}
	per := make([]time.Duration, len(srcs))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e.mu.Lock()
		e.cache = map[[32]byte]*Geometry{}
		e.raw = map[[32]byte]graphText{}
		e.mu.Unlock()
		for i, src := range srcs {
			start := time.Now()
			if _, err := e.Layout(context.Background(), src); err != nil {
				b.Fatal(err)
			}
			per[i] += time.Since(start)
		}
	}
	for i, src := range srcs {
		b.ReportMetric(float64(per[i].Microseconds())/1000/float64(b.N), "ms/"+src.Name)
	}
}

// BenchmarkLayoutCached is a rebuild where no diagram changed: the graph
// text is built again and its geometry comes from the cache.
func BenchmarkLayoutCached(b *testing.B) {
	srcs := talkSources()
	e := engine(b)
	for _, src := range srcs {
		if _, err := e.Layout(context.Background(), src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, err := e.Layout(context.Background(), src); err != nil {
				b.Fatal(err)
			}
		}
	}
}
