package watch

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDirectoryMovedAndBack: the deck's directory moved away and back
// again, then the deck edited: the edit is rebuilt.
func TestDirectoryMovedAndBack(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "talk")
	os.Mkdir(dir, 0o755)
	deck := filepath.Join(dir, "deck.md")
	os.WriteFile(deck, []byte("# one\n"), 0o644)
	builds := make(chan string, 16)
	stop := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- Run(deck, stop, func() []string {
			b, _ := os.ReadFile(deck)
			builds <- string(b)
			return nil
		}, nil)
	}()
	wait := func(want string) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for {
			select {
			case got := <-builds:
				if got == want {
					return
				}
			case <-deadline:
				t.Fatalf("no build of %q", want)
			}
		}
	}
	wait("# one\n")
	if err := os.Rename(dir, filepath.Join(root, "away")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * Recheck)
	if err := os.Rename(filepath.Join(root, "away"), dir); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * Recheck)
	os.WriteFile(deck, []byte("# two\n"), 0o644)
	wait("# two\n")
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
