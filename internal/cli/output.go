package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/atomicfile"
	"github.com/layerdeck/layerdeck/internal/build"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/imagefile"
)

// The output guard: build and watch never write over their own input
// (the deck, its images, its fonts), never replace a directory, device,
// pipe or socket with a regular file, and replace a read-only file only
// under --force. What it refuses is a usage error.

// usageErr is a refusal of the command line's output: exit status 2.
type usageErr struct{ msg string }

func (e *usageErr) Error() string { return e.msg }

func refuse(format string, a ...any) error { return &usageErr{fmt.Sprintf(format, a...)} }

// formatExts maps the output extensions to their formats.
var formatExts = map[string]string{".pdf": "pdf", ".svg": "svg", ".png": "png"}

// resolveFormat settles the output format: --format when given, else the
// extension of -o (.pdf, .svg, .png), else pdf. An -o with another
// extension and no --format, or one that names another format than
// --format, is refused.
func (f *buildFlags) resolveFormat() error {
	switch f.format {
	case "", "pdf", "svg", "png":
	default:
		return refuse("unknown format %q: want pdf, svg or png", f.format)
	}
	ext := strings.ToLower(filepath.Ext(f.out))
	if f.out == "-" || f.out == "" || isDir(f.out) {
		ext = ""
	}
	fromExt, known := formatExts[ext]
	switch {
	case f.format == "" && ext == "":
		f.format = "pdf"
	case f.format == "" && !known:
		return refuse("-o %s: unknown extension %q: want .pdf, .svg or .png (or name the format with --format)", f.out, ext)
	case f.format == "":
		f.format = fromExt
	case known && fromExt != f.format:
		return refuse("-o %s names a %s file but --format is %s", f.out, fromExt, f.format)
	}
	return nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// input is a file a build reads.
type input struct {
	path string
	what string // "the deck", "an image of the deck", …
}

// inputs lists the files the build of the deck at path read: the deck,
// its fonts and every image its slides show.
func inputs(path string, res *build.Result) []input {
	var in []input
	if path != "" {
		in = append(in, input{path, "the deck itself"})
	}
	if d := res.Deck; d != nil {
		for _, p := range d.Fonts.Files() {
			in = append(in, input{p, "a font the deck uses"})
		}
		if d.Theme.File != "" {
			in = append(in, input{d.Theme.File, "the deck's theme file"})
		}
	}
	if d := res.Deck; d != nil {
		for _, s := range d.Slides {
			for _, img := range deck.Images(append(append([]deck.Block{}, s.Blocks...), s.Right...)) {
				if !imagefile.IsData(img.Path) {
					in = append(in, input{img.Path, "an image the deck shows"})
				}
			}
		}
	}
	for _, doc := range []*display.Doc{res.Doc, res.Notes} {
		if doc == nil {
			continue
		}
		for _, pg := range doc.Pages {
			for _, it := range pg.Items {
				if it.Image != nil && !imagefile.IsData(it.Image.Path) {
					in = append(in, input{it.Image.Path, "an image the deck shows"})
				}
			}
		}
	}
	return in
}

// direct reports whether out is a character device (/dev/null, a
// terminal) or a pipe (/dev/stdout in a pipeline, a FIFO): a build writes
// into it as cp and the shell's > do, rather than replacing it.
func direct(out string) bool {
	fi, err := os.Stat(out)
	if err != nil {
		return false
	}
	m := fi.Mode()
	return m&fs.ModeCharDevice != 0 || m&fs.ModeNamedPipe != 0
}

// guardOutputs refuses to write any of outs where that would destroy an
// input or a special file: see the top of this file.
func guardOutputs(outs []string, in []input, force bool) error {
	for _, out := range outs {
		if out == "-" {
			continue
		}
		fi, err := os.Stat(out)
		if err != nil {
			continue // a new file (or a directory that does not exist: the write says so)
		}
		m := fi.Mode()
		switch {
		case m.IsDir():
			return refuse("-o %s is a directory: name the PDF file (for one image per slide, add --format svg or png)", out)
		case m&fs.ModeCharDevice != 0 || m&fs.ModeNamedPipe != 0:
			continue
		case !m.IsRegular():
			return refuse("%s %s: layerdeck writes regular files, character devices (/dev/null) and pipes only", out, atomicfile.Kind(m))
		}
		for _, i := range in {
			if ifi, err := os.Stat(i.path); err == nil && os.SameFile(fi, ifi) {
				return refuse("%s is %s (%s): writing the output there would destroy it; name another output with -o", out, i.what, i.path)
			}
		}
		if m.Perm()&0o200 == 0 && !force {
			return refuse("%s is read-only: use --force to replace it", out)
		}
	}
	return nil
}

// writeDirect writes data into a character device or a pipe, as cp does.
// A FIFO that no process reads is an error at once, not a hang.
func writeDirect(path string, data []byte) error {
	flag := os.O_WRONLY
	if fi, err := os.Stat(path); err == nil && fi.Mode()&fs.ModeNamedPipe != 0 {
		flag |= syscall.O_NONBLOCK
	}
	f, err := os.OpenFile(path, flag, 0)
	if errors.Is(err, syscall.ENXIO) {
		return fmt.Errorf("cannot write %s: no process reads the named pipe", path)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the file name of a *fs.PathError, which the caller
// names itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
