package cli

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// png1x1 is a valid 1×1 PNG.
var png1x1 = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")

// guardDeck writes a deck that shows the image deck-01.png and uses a
// copy of the regular font as its regular font, and returns the deck's
// directory.
func guardDeck(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	font, err := os.ReadFile("../../fonts/BIZUDPGothic-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"deck.md":     []byte("---\ntitle: 出力の保護\nfonts: {regular: font.ttf}\n---\n# 一枚目\n\n![図](deck-01.png)\n"),
		"deck-01.png": png1x1,
		"font.ttf":    font,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestOutputNeverDestroysInput: an output that is the deck, an image or a
// font it reads, a directory, a read-only file or has an unknown
// extension is a usage error, and every file stays as it was.
func TestOutputNeverDestroysInput(t *testing.T) {
	dir := guardDeck(t)
	deckPath := filepath.Join(dir, "deck.md")
	in := func(name string) string { return filepath.Join(dir, name) }
	os.Link(deckPath, in("alias.pdf"))
	os.Symlink("font.ttf", in("font-link.pdf"))
	os.Mkdir(in("out"), 0o755)
	os.WriteFile(in("locked.pdf"), []byte("keep"), 0o444)
	os.WriteFile(in("talk.pdf"), []byte("# PDFという名のデッキ\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"build", deckPath, "-o", deckPath}, `unknown extension ".md"`},
		{[]string{"build", deckPath, "--format", "pdf", "-o", deckPath}, deckPath + " is the deck itself (" + deckPath + "): writing the output there would destroy it; name another output with -o"},
		{[]string{"build", deckPath, "-o", in("alias.pdf")}, "alias.pdf is the deck itself"},
		{[]string{"build", deckPath, "-o", in("font-link.pdf")}, "font-link.pdf is a font the deck uses (" + in("font.ttf") + ")"},
		{[]string{"build", deckPath, "--format", "png"}, "deck-01.png is an image the deck shows (" + in("deck-01.png") + ")"},
		{[]string{"build", in("talk.pdf")}, "talk.pdf is the deck itself"},
		{[]string{"build", deckPath, "-o", in("out")}, "-o " + in("out") + " is a directory: name the PDF file"},
		{[]string{"build", deckPath, "-o", in("locked.pdf")}, "locked.pdf is read-only: use --force to replace it"},
		{[]string{"build", deckPath, "-o", in("talk.pptx")}, `unknown extension ".pptx": want .pdf, .svg or .png`},
		{[]string{"build", deckPath, "--format", "pdf", "-o", in("x.png")}, "names a png file but --format is pdf"},
		{[]string{"build", deckPath, "--format", "gif"}, `unknown format "gif"`},
		{[]string{"watch", deckPath, "-o", in("talk.pptx")}, `unknown extension ".pptx"`},
	} {
		before := snapshot(t, dir)
		// Interrupt closed: should watch start after all, it stops at once.
		stop := make(chan struct{})
		close(stop)
		var errb bytes.Buffer
		status := Main(tc.args, Env{Stdout: io.Discard, Stderr: &errb, Getenv: func(string) string { return "" }, Interrupt: stop})
		stderr := errb.String()
		if status != ExitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: status %d, stderr %q, want 2 and %q", tc.args[1:], status, stderr, tc.want)
		}
		if after := snapshot(t, dir); after != before {
			t.Errorf("%v changed the directory:\n%s\nwas:\n%s", tc.args[1:], after, before)
		}
	}
	// --force replaces a read-only file, which stays read-only.
	if status, _, stderr := run(t, "build", deckPath, "-o", in("locked.pdf"), "--force"); status != ExitOK {
		t.Fatalf("--force: %d %s", status, stderr)
	}
	if b, _ := os.ReadFile(in("locked.pdf")); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("--force did not replace the read-only file")
	}
}

// snapshot describes every file of dir: name, mode and content.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, _ := os.Lstat(p)
		data, _ := os.ReadFile(p)
		if d.IsDir() {
			data = nil
		}
		b.WriteString(p + " " + fi.Mode().String() + " " + string(data[:min(len(data), 64)]) + "\n")
		return nil
	})
	return b.String()
}

// TestOutputFormatFromExtension: without --format, -o NAME.svg writes
// NAME-01.svg, … beside it.
func TestOutputFormatFromExtension(t *testing.T) {
	dir := guardDeck(t)
	status, _, stderr := run(t, "build", filepath.Join(dir, "deck.md"), "-o", filepath.Join(dir, "slides", "talk.svg"))
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "slides", "talk-01.svg")); err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("talk-01.svg: %v", err)
	}
}

// TestOutputIntoDevice: a character device is written into, never
// replaced by a regular file (before, -o /dev/null as root replaced the
// device node). The test makes its own null device node.
func TestOutputIntoDevice(t *testing.T) {
	node := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(node, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod: %v", err)
	}
	if f, err := os.OpenFile(node, os.O_WRONLY, 0); err != nil {
		t.Skipf("device nodes unusable here: %v", err)
	} else {
		f.Close()
	}
	status, _, stderr := run(t, "build", "-o", node)
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if fi, _ := os.Lstat(node); fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("the device node became %v", fi.Mode())
	}
}

// TestOutputIntoFIFO: a named pipe is written into when a process reads
// it, and is an error at once (not a hang) when none does; it stays a
// pipe.
func TestOutputIntoFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "out.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan int, 1)
	go func() {
		status, _, stderr := run(t, "build", "-o", fifo)
		if status != ExitError || !strings.Contains(stderr, fifo+": no process reads the named pipe") {
			t.Errorf("no reader: status %d, stderr %q", status, stderr)
		}
		done <- status
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("build into a FIFO without a reader hangs")
	}
	got := make(chan []byte, 1)
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		// Reads return EOF until the writer opens the pipe.
		var b bytes.Buffer
		chunk := make([]byte, 64<<10)
		for {
			n, err := r.Read(chunk)
			b.Write(chunk[:n])
			if err != nil && (err != io.EOF || b.Len() > 0) {
				break
			}
			if n == 0 {
				time.Sleep(time.Millisecond)
			}
		}
		got <- b.Bytes()
	}()
	if status, _, stderr := run(t, "build", "-o", fifo); status != ExitOK {
		t.Fatalf("with a reader: status %d: %s", status, stderr)
	}
	if b := <-got; !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("the reader got %d bytes, not a PDF", len(b))
	}
	r.Close()
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO became %v", fi.Mode())
	}
}

// TestStdoutClosedPipe: -o - into a pipe whose reader is gone fails with
// a message and status 1, without a panic.
func TestStdoutClosedPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	var stderr bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: w, Stderr: &stderr, Getenv: func(string) string { return "" }}
	if status := Main([]string{"build", "-o", "-"}, env); status != ExitError {
		t.Errorf("status %d", status)
	}
	if !strings.Contains(stderr.String(), "writing to standard output: broken pipe") {
		t.Errorf("stderr %q", stderr.String())
	}
}

// TestStaleTempRemovedByBuild: a temporary file a killed build left
// beside the output is gone after the next build.
func TestStaleTempRemovedByBuild(t *testing.T) {
	dir := guardDeck(t)
	stale := filepath.Join(dir, ".deck.pdf.tmp99999999-123") // no such process
	os.WriteFile(stale, []byte("%PDF-partial"), 0o644)
	if status, _, stderr := run(t, "build", filepath.Join(dir, "deck.md")); status != ExitOK {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale temporary file is still there")
	}
}

// TestSVGStandsAlone: build --format svg inlines each picture as the
// bytes the PDF embeds (a 16-bit PNG converted), so that the SVG shows it
// wherever it is copied; a data: image is drawn, not a placeholder.
func TestSVGStandsAlone(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "imagefile", "testdata", "rgb16.png"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "pic.png"), data, 0o644)
	gif := "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw=="
	os.WriteFile(filepath.Join(dir, "deck.md"), []byte("# 図\n\n![](pic.png)\n\n![]("+gif+")\n"), 0o644)
	status, _, stderr := run(t, "build", "--format", "svg", filepath.Join(dir, "deck.md"))
	if status != ExitOK || stderr != "" && strings.Contains(stderr, "warning") {
		t.Fatalf("status %d: %s", status, stderr)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "deck-01.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(svg, []byte(`href="`+filepath.Join(dir, "pic.png"))) || bytes.Count(svg, []byte(`xlink:href="data:image/png;base64,`)) != 2 {
		t.Errorf("images not inlined:\n%.2000s", svg)
	}
}
