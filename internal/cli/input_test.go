package cli

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestDeckNotARegularFile: a deck that is a FIFO, a device or a directory
// is refused at once with a clear message; before, a FIFO without a writer
// blocked the build forever.
func TestDeckNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "deck.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, tc := range []struct{ path, want string }{
		{fifo, fifo + ": is a named pipe (FIFO), not a deck file: a deck must be a regular file\n"},
		{"/dev/zero", "/dev/zero: is a device, not a deck file: a deck must be a regular file\n"},
		{dir, dir + ": is a directory, not a deck file: a deck must be a regular file\n"},
	} {
		type result struct {
			status int
			stderr string
		}
		done := make(chan result, 1)
		go func() {
			status, _, stderr := run(t, "check", tc.path)
			done <- result{status, stderr}
		}()
		select {
		case r := <-done:
			if r.status != ExitError || r.stderr != tc.want {
				t.Errorf("check %s: status %d, stderr %q, want %q", tc.path, r.status, r.stderr, tc.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("check %s blocked", tc.path)
		}
	}
}
