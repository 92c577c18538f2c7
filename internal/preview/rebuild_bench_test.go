package preview

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/internal/build"
)

// BenchmarkServeEdit is serve's work after an edit of one slide of the
// built-in deck: the rebuild, whose time per op includes writing the PDF
// after the slides are published; ms-to-publish is the median time from
// the start of the rebuild to an open page being told of the new slides.
func BenchmarkServeEdit(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "deck.md")
	if err := os.WriteFile(path, assets.Essay, 0o644); err != nil {
		b.Fatal(err)
	}
	bl := build.New()
	defer bl.Close()
	s := New(path, bl, Options{Addr: "127.0.0.1:1"})
	s.Rebuild(context.Background())
	told := make(chan struct{}, 1)
	if !s.join(told, "bench") {
		b.Fatal("no client slot")
	}
	var publish []time.Duration
	b.ResetTimer()
	for i := range b.N {
		edited := bytes.Replace(assets.Essay, []byte("技術駆動"), fmt.Appendf(nil, "技術駆動%d", i), 1)
		os.WriteFile(path, edited, 0o644)
		t0 := time.Now()
		got := make(chan time.Duration, 1)
		go func() { <-told; got <- time.Since(t0) }()
		if _, problems := s.Rebuild(context.Background()); len(s.current().Errors) > 0 {
			b.Fatal(problems)
		}
		publish = append(publish, <-got)
	}
	b.StopTimer()
	slices.Sort(publish)
	b.ReportMetric(float64(publish[len(publish)/2])/1e6, "ms-to-publish")
}
