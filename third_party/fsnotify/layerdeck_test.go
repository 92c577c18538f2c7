package fsnotify

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestCloseWrite (layerdeck patch 1): a file written and closed in a
// directory watched WithOps(Write|UnportableCloseWrite) gives a
// write-close event after its writes.
func TestCloseWrite(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("write-close events are reported on Linux (and FreeBSD)")
	}
	dir := t.TempDir()
	w, err := NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.AddWith(dir, WithOps(Write|UnportableCloseWrite)); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "deck.md")
	if err := os.WriteFile(f, []byte("# 一\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var ops []Op
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev := <-w.Events:
			if ev.Name != f {
				continue
			}
			ops = append(ops, ev.Op)
			if ev.Has(UnportableCloseWrite) {
				if len(ops) < 2 || !ops[0].Has(Write) {
					t.Errorf("events %v: want a write before the close", ops)
				}
				return
			}
		case err := <-w.Errors:
			t.Fatal(err)
		case <-timeout:
			t.Fatalf("no write-close event; got %v", ops)
		}
	}
}
