package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/layerdeck/layerdeck/assets"
)

// BenchmarkWatchEdit measures watch's edit→PDF latency on the built-in
// deck: from the write of an edited deck to the rename that puts the new
// PDF in place (seen as the PDF's create event in its directory), for an
// editor that saves in place (write and close) and for one that saves by
// rename. It reports the median and the slowest edit.
func BenchmarkWatchEdit(b *testing.B) {
	for _, save := range []string{"in-place", "rename"} {
		b.Run(save, func(b *testing.B) {
			dir := b.TempDir()
			deckPath := filepath.Join(dir, "deck.md")
			pdfPath := filepath.Join(dir, "deck.pdf")
			if err := os.WriteFile(deckPath, assets.Essay, 0o644); err != nil {
				b.Fatal(err)
			}
			wt := startWatch(deckPath)
			builds, stderr := wt.builds, wt.stderr
			defer func() { close(wt.stop); <-wt.done }()
			if s := <-builds; s != ExitOK {
				b.Fatalf("first build failed: %s", stderr.String())
			}
			w, err := fsnotify.NewWatcher()
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			if err := w.Add(dir); err != nil {
				b.Fatal(err)
			}
			var took []time.Duration
			b.ResetTimer()
			for i := range b.N {
				edited := bytes.Replace(assets.Essay, []byte("技術駆動"), fmt.Appendf(nil, "技術駆動%d", i), 1)
				t0 := time.Now()
				if save == "in-place" {
					err = os.WriteFile(deckPath, edited, 0o644)
				} else {
					tmp := filepath.Join(dir, ".deck.md.new")
					if err = os.WriteFile(tmp, edited, 0o644); err == nil {
						err = os.Rename(tmp, deckPath)
					}
				}
				if err != nil {
					b.Fatal(err)
				}
				for placed := false; !placed; {
					select {
					case ev := <-w.Events:
						placed = ev.Name == pdfPath && ev.Has(fsnotify.Create)
					case err := <-w.Errors:
						b.Fatal(err)
					case <-time.After(10 * time.Second):
						b.Fatalf("no new PDF after edit %d; stderr:\n%s", i, stderr.String())
					}
				}
				took = append(took, time.Since(t0))
				if s := <-builds; s != ExitOK {
					b.Fatalf("edit %d: build failed: %s", i, stderr.String())
				}
			}
			b.StopTimer()
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2])/1e6, "ms-median")
			b.ReportMetric(float64(took[len(took)-1])/1e6, "ms-max")
		})
	}
}
