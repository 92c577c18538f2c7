package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the watch goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const watchDeck = "---\ntitle: 監視テスト\n---\n# 最初の版\n\n本文です。\n"

// watching is a watch of a deck run by a test: the status of each build,
// the watch's standard error, the channel that stops it and its status.
type watching struct {
	builds chan int
	stderr *syncBuffer
	stop   chan struct{}
	done   chan int
}

// startWatch starts watching the deck at deckPath, writing PDFs.
func startWatch(deckPath string) *watching {
	w := &watching{builds: make(chan int, 64), stderr: &syncBuffer{}, stop: make(chan struct{}), done: make(chan int)}
	env := Env{Stdout: &syncBuffer{}, Stderr: w.stderr, Getenv: func(string) string { return "" }, Interrupt: w.stop}
	go func() {
		w.done <- runWatch(env, deckPath, &buildFlags{format: "pdf", dpi: 192}, func(status int) { w.builds <- status })
	}()
	return w
}

// TestWatch edits, breaks and fixes a deck and checks each outcome: a
// rebuild, a positioned error with the previous PDF untouched, a rebuild.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	deckPath := filepath.Join(dir, "deck.md")
	pdfPath := filepath.Join(dir, "deck.pdf")
	if err := os.WriteFile(deckPath, []byte(watchDeck), 0o644); err != nil {
		t.Fatal(err)
	}
	w := startWatch(deckPath)
	builds, stop, stderr, done := w.builds, w.stop, w.stderr, w.done
	next := func(what string) int {
		t.Helper()
		select {
		case s := <-builds:
			return s
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: no build; stderr:\n%s", what, stderr.String())
		}
		return -1
	}
	if s := next("first build"); s != ExitOK {
		t.Fatalf("first build failed: %s", stderr.String())
	}
	first, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}

	// An editor's backup file changes nothing.
	os.WriteFile(deckPath+"~", []byte("junk"), 0o644)
	os.WriteFile(filepath.Join(dir, ".deck.md.swp"), []byte("junk"), 0o644)

	// A save by rename, as many editors do.
	tmp := filepath.Join(dir, ".deck.md.new")
	os.WriteFile(tmp, []byte(strings.Replace(watchDeck, "最初の版", "二番目の版", 1)), 0o644)
	if err := os.Rename(tmp, deckPath); err != nil {
		t.Fatal(err)
	}
	if s := next("edit"); s != ExitOK {
		t.Fatalf("rebuild after edit failed: %s", stderr.String())
	}
	second, _ := os.ReadFile(pdfPath)
	if bytes.Equal(first, second) {
		t.Fatal("the PDF did not change after the edit")
	}

	// A broken save: a positioned error, the previous PDF untouched.
	os.WriteFile(deckPath, []byte("---\nlayout: nope\n---\n# x\n"), 0o644)
	if s := next("broken save"); s != ExitError {
		t.Fatalf("broken deck built: %s", stderr.String())
	}
	if !strings.Contains(stderr.String(), deckPath+":2:9: unknown layout \"nope\"") {
		t.Fatalf("no positioned error in:\n%s", stderr.String())
	}
	if now, _ := os.ReadFile(pdfPath); !bytes.Equal(now, second) {
		t.Fatal("a failed build changed the PDF")
	}

	// Fixed again.
	os.WriteFile(deckPath, []byte(watchDeck), 0o644)
	if s := next("fixed save"); s != ExitOK {
		t.Fatalf("rebuild after fix failed: %s", stderr.String())
	}
	close(stop)
	select {
	case s := <-done:
		if s != ExitOK {
			t.Fatalf("watch ended with %d", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not stop")
	}
	select {
	case s := <-builds:
		t.Fatalf("an extra build (status %d) from a file watch should not trigger", s)
	default:
	}
}
