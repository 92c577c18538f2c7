package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/layerdeck/layerdeck/assets"
)

// TestServeInChromium opens the preview of the built-in deck in headless
// Chromium (Debian's chromium), checks that the slides render with their
// Japanese text, edits the deck and waits for the change to show without
// a reload, checks the presenter view, and takes screenshots
// (kept in $LAYERDECK_SCREENSHOTS when it is set).
func TestServeInChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (Debian package chromium; .ci/run installs it)")
	}
	dir := t.TempDir()
	deckPath := filepath.Join(dir, "deck.md")
	if err := os.WriteFile(deckPath, assets.Essay, 0o644); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	urls := make(chan string, 1)
	done := make(chan int, 1)
	var stderr syncBuffer
	env := Env{Stdout: &syncBuffer{}, Stderr: &stderr, Getenv: func(string) string { return "" }, Interrupt: stop}
	go func() { done <- runServe(env, deckPath, "127.0.0.1:0", nil, func(u string) { urls <- u }) }()
	defer func() {
		close(stop)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	url := <-urls

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1280, 800),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	text := func(js string) string {
		s, err := chromedp.Run(bctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v\nserve said:\n%s", js, err, stderr.String())
		}
		return s
	}
	waitFor := func(js, want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(text(js), want) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s never showed %q (last: %q)", js, want, text(js))
	}
	shot := func(name string) {
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(90))
		if err != nil {
			t.Fatal(err)
		}
		out := t.TempDir()
		if d := os.Getenv("LAYERDECK_SCREENSHOTS"); d != "" {
			out = d
		}
		os.WriteFile(filepath.Join(out, name), png, 0o644)
	}
	current := `(document.querySelector('.slide.current') || {}).textContent || ''`

	if _, err := chromedp.Run(bctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitFor(current, "AIと暗号資産の階層的発展の違い")
	if n := text(`String(document.querySelectorAll('.slide svg').length)`); n != "14" {
		t.Errorf("%s slides in the page, want 14", n)
	}
	// The web fonts load, so the page uses the PDF's font.
	waitFor(`document.fonts.check("16px 'BIZ UDPGothic'") ? 'loaded' : ''`, "loaded")
	// Keyboard navigation.
	text(`document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'})); 'ok'`)
	waitFor(current, "似た三層、違う結果")
	if pos := text(`document.getElementById('pos').textContent`); pos != "2 / 14" {
		t.Errorf("position %q", pos)
	}
	shot("preview.png")

	// A save shows up without a reload: the slide and position stay.
	text(`window.notReloaded = true; 'ok'`)
	edited := strings.Replace(string(assets.Essay), "似た三層、違う結果", "似た三層、違う結末", 1)
	if err := os.WriteFile(deckPath, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(current, "似た三層、違う結末")
	if text(`window.notReloaded ? 'same page' : 'reloaded'`) != "same page" {
		t.Error("the page reloaded")
	}
	// A broken save shows an overlay; fixing it removes the overlay.
	os.WriteFile(deckPath, []byte(strings.Replace(edited, "layout: quote", "layout: quot", 1)), 0o644)
	waitFor(`getComputedStyle(document.getElementById('overlay')).display + document.getElementById('overlay').textContent`, `unknown layout "quot"`)
	shot("error-overlay.png")
	os.WriteFile(deckPath, []byte(edited), 0o644)
	waitFor(`getComputedStyle(document.getElementById('overlay')).display`, "none")

	// The presenter view: current and next slide, notes, a timer.
	if _, err := chromedp.Run(bctx, chromedp.Navigate(url+"presenter#2")); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.getElementById('notes').textContent`, "まず全体像です")
	waitFor(`document.getElementById('next').textContent`, "AI：各層が課題を解く")
	waitFor(`document.getElementById('timer').textContent`, "00:0")
	shot("presenter.png")
}

// TestServeAllowHostFlag: --allow-host takes a bare host name; a port,
// a URL or a wildcard is a usage error.
func TestServeAllowHostFlag(t *testing.T) {
	for _, v := range []string{"talk.local:8080", "http://talk.local", "*", ""} {
		status, _, stderr := run(t, "serve", "--allow-host", v)
		if status != ExitUsage || !strings.Contains(stderr, "invalid value") {
			t.Errorf("--allow-host %q: status %d, stderr %q", v, status, stderr)
		}
	}
	if _, stdout, _ := run(t, "help", "serve"); !strings.Contains(stdout, "-allow-host NAME") {
		t.Errorf("help serve does not list --allow-host:\n%s", stdout)
	}
}
