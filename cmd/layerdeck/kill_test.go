package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// killDeck writes a small deck whose PDF is big enough to take a while to
// write (a photo-like PNG of noise), with a line numbered i so that each
// version gives other bytes.
func killDeck(t *testing.T, dir string, i int) string {
	t.Helper()
	pic := filepath.Join(dir, "noise.png")
	if _, err := os.Stat(pic); err != nil {
		img := image.NewNRGBA(image.Rect(0, 0, 400, 300))
		r := rand.New(rand.NewPCG(1, 2))
		for p := 0; p < len(img.Pix); p += 4 {
			img.Pix[p], img.Pix[p+1], img.Pix[p+2], img.Pix[p+3] = uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32()), 255
		}
		var b bytes.Buffer
		png.Encode(&b, img)
		if err := os.WriteFile(pic, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	deck := filepath.Join(dir, "deck.md")
	src := fmt.Sprintf("# 版 %d\n\n- 書き込み中に止められても\n- 前の PDF は残る\n\n---\n\n# 図\n\n![ノイズ](noise.png)\n", i)
	if err := os.WriteFile(deck, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return deck
}

// validPDF checks that data is a whole PDF, with qpdf --check when qpdf
// is installed.
func validPDF(t *testing.T, path string, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(data, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("%s is not a whole PDF (%d bytes)", path, len(data))
	}
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
		}
	}
}

// temps lists the temporary files beside the output.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, n := range names(t, dir) {
		if strings.Contains(n, ".tmp") {
			out = append(out, n)
		}
	}
	return out
}

// TestKillWhileWriting: build is killed (SIGKILL) at random points of its
// run, 50 times; the output is always the previous PDF or a whole new
// one, never a broken file, and the next build removes the temporary
// files the killed ones left. Two builds writing the same output at once
// leave one valid PDF, the bytes of one of them.
func TestKillWhileWriting(t *testing.T) {
	bin := layerdeck(t)
	e := newEnv(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pdf")
	env := []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + e.tmp, "HOME=" + e.home, "XDG_CACHE_HOME=" + e.cache, "NO_COLOR=1"}
	build := func(deck string) *exec.Cmd {
		cmd := exec.Command(bin, "build", "-o", out, deck)
		cmd.Dir, cmd.Env = dir, env
		return cmd
	}
	start := time.Now()
	if msg, err := build(killDeck(t, dir, 0)).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, msg)
	}
	whole := time.Since(start)
	prev, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	validPDF(t, out, prev)

	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 15))
	replaced := 0
	for i := 1; i <= 50; i++ {
		cmd := build(killDeck(t, dir, i))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill anywhere from the start to a little past the time a whole
		// build took: before, while and after it writes.
		time.Sleep(time.Duration(r.Int64N(int64(whole + whole/4))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("kill %d: the output is gone: %v", i, err)
		}
		if !bytes.Equal(got, prev) {
			validPDF(t, out, got)
			prev = got
			replaced++
		}
	}
	t.Logf("50 kills within %v: %d left a new PDF, %d the previous one; %d temporary files left", whole+whole/4, replaced, 50-replaced, len(temps(t, dir)))

	if msg, err := build(killDeck(t, dir, 51)).CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, msg)
	}
	if left := temps(t, dir); len(left) != 0 {
		t.Errorf("temporary files after a build that followed the kills: %v", left)
	}

	// Two builds of two versions into one output at once.
	want := map[string]bool{}
	for _, i := range []int{100, 101} {
		other := filepath.Join(dir, fmt.Sprintf("v%d", i))
		os.Mkdir(other, 0o755)
		os.Link(filepath.Join(dir, "noise.png"), filepath.Join(other, "noise.png"))
		cmd := exec.Command(bin, "build", "-o", filepath.Join(other, "out.pdf"), killDeck(t, other, i))
		cmd.Dir, cmd.Env = dir, env
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, msg)
		}
		b, _ := os.ReadFile(filepath.Join(other, "out.pdf"))
		want[string(b)] = true
	}
	for round := 0; round < 3; round++ {
		var cmds []*exec.Cmd
		for _, i := range []int{100, 101} {
			cmd := build(filepath.Join(dir, fmt.Sprintf("v%d", i), "deck.md"))
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds = append(cmds, cmd)
		}
		for _, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				t.Errorf("round %d: a concurrent build failed: %v\n%s", round, err, cmd.Stderr)
			}
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		validPDF(t, out, got)
		if !want[string(got)] {
			t.Errorf("round %d: the output is neither build's PDF", round)
		}
		if left := temps(t, dir); len(left) != 0 {
			t.Errorf("round %d: temporary files left: %v", round, left)
		}
	}
}
