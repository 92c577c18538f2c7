package deck

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Load reads, parses and checks the deck file at path, including the
// images and fonts it names and the files it imports. The error, if any,
// is an ErrorList; as with Parse, the deck read so far may come with it.
func Load(path string) (*Deck, error) {
	text, err := ReadFile(path)
	if err != nil {
		var de *Error
		if errors.As(err, &de) {
			return nil, ErrorList{de}
		}
		return nil, ErrorList{{Pos: Pos{File: path}, Msg: unwrapPathError(err)}}
	}
	dir := filepath.Dir(path)
	d, err := ParseFiles(path, text, func(name string) ([]byte, error) {
		if !filepath.IsAbs(name) {
			name = filepath.Join(dir, filepath.FromSlash(name))
		}
		return ReadFile(name)
	})
	if d == nil {
		return nil, err
	}
	var errs ErrorList
	if err != nil {
		errs = err.(ErrorList)
	}
	if ferr := CheckFiles(d, dir); ferr != nil {
		errs = append(errs, ferr.(ErrorList)...)
	}
	if len(errs) > 0 {
		return d, errs.Sort()
	}
	return d, nil
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, fs.ErrNotExist) {
			return "no such file"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// CheckFiles resolves the images and fonts a deck names against dir and
// checks that each can be read and is of a kind layerdeck draws: PNG or
// JPEG images, TrueType fonts. It fills in their resolved paths.
func CheckFiles(d *Deck, dir string) error {
	var errs ErrorList
	resolve := func(p string) string {
		if strings.HasPrefix(p, "/") && d.Dialect == DialectSlidev {
			// Slidev serves /x from the deck's public/ folder.
			if pub := filepath.Join(dir, "public", filepath.FromSlash(p)); fileExists(pub) {
				return pub
			}
			return filepath.Join(dir, filepath.FromSlash(p))
		}
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, filepath.FromSlash(p))
	}
	if d.Fonts.Regular != "" {
		d.Fonts.Regular = resolve(d.Fonts.Regular)
		checkFont(d.Fonts.Regular, d.Fonts.RegularPos, &errs)
	}
	if d.Fonts.Bold != "" {
		d.Fonts.Bold = resolve(d.Fonts.Bold)
		checkFont(d.Fonts.Bold, d.Fonts.BoldPos, &errs)
	}
	var warn warnings
	for _, s := range d.Slides {
		imgs := Images(append(append(append([]Block{}, s.Top...), s.Blocks...), s.Right...))
		for _, img := range s.Backgrounds {
			if img.Src != "" {
				imgs = append(imgs, img)
			}
		}
		for _, img := range imgs {
			if unavailable(img, &warn) {
				continue
			}
			img.Path = resolve(img.Src)
			checkImage(img, &errs, &warn)
		}
	}
	d.Warnings = append(d.Warnings, warn.done()...).Sort()
	return errs.Err()
}

// unavailable marks an image that is not a local file: remote and data:
// images are drawn as placeholders, with a warning.
func unavailable(img *Image, warn *warnings) bool {
	src := strings.ToLower(img.Src)
	switch {
	case strings.HasPrefix(src, "http://"), strings.HasPrefix(src, "https://"), strings.HasPrefix(src, "//"):
		img.Unavailable = "remote image"
		warn.once("remote "+img.Src, img.Pos, "remote image %s is not fetched: a placeholder is drawn; download it next to the deck to show it", img.Src)
	case strings.HasPrefix(src, "data:"):
		img.Unavailable = "data: image"
		warn.once("data image", img.Pos, "data: image is not drawn: a placeholder is drawn; save it as a file next to the deck")
	default:
		return false
	}
	return true
}

// Images lists the image blocks in bs, nested ones included.
func Images(bs []Block) []*Image {
	var out []*Image
	for _, b := range bs {
		switch b := b.(type) {
		case *Image:
			out = append(out, b)
		case *Quote:
			out = append(out, Images(b.Blocks)...)
		case *List:
			for _, it := range b.Items {
				out = append(out, Images(it.Children)...)
			}
		}
	}
	return out
}

// head reads the first n bytes of a file.
func head(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, errors.New("is a directory")
	}
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:k], nil
}

func checkFont(path string, pos Pos, errs *ErrorList) {
	b, err := head(path, 4)
	switch {
	case err != nil:
		errs.Add(pos, "font %s: %s", path, unwrapPathError(err))
	case bytes.Equal(b, []byte("OTTO")):
		errs.Add(pos, "font %s has CFF (PostScript) outlines: the PDF needs TrueType outlines (a .ttf with glyf), e.g. BIZ UDPGothic", path)
	case bytes.Equal(b, []byte("ttcf")):
		errs.Add(pos, "font %s is a font collection (.ttc): name a single TrueType font (.ttf)", path)
	case bytes.Equal(b, []byte{0, 1, 0, 0}) || bytes.Equal(b, []byte("true")):
	default:
		errs.Add(pos, "font %s is not a TrueType font: the PDF needs TrueType outlines (.ttf)", path)
	}
}

var (
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic = []byte{0xFF, 0xD8, 0xFF}
)

func checkImage(img *Image, errs *ErrorList, warn *warnings) {
	b, err := head(img.Path, 512)
	format := ""
	switch {
	case err != nil:
		errs.Add(img.Pos, "image %s: %s", img.Src, unwrapPathError(err))
		return
	case bytes.HasPrefix(b, pngMagic), bytes.HasPrefix(b, jpegMagic):
		return
	case bytes.HasPrefix(b, []byte("GIF8")):
		format = "GIF"
	case len(b) >= 12 && bytes.Equal(b[:4], []byte("RIFF")) && bytes.Equal(b[8:12], []byte("WEBP")):
		format = "WebP"
	case bytes.Contains(bytes.ToLower(b), []byte("<svg")):
		format = "SVG"
	default:
		errs.Add(img.Pos, "image %s is not a PNG or JPEG file", img.Src)
		return
	}
	img.Unavailable = format + " image"
	warn.once("format "+format, img.Pos, "%s images are not drawn yet (%s): a placeholder is drawn; convert it to PNG or JPEG to show it", format, img.Src)
}

// DiagramCount is the number of diagrams the deck draws.
func (d *Deck) DiagramCount() int {
	n := 0
	for _, s := range d.Slides {
		if s.Diagram != "" || s.Compare != nil {
			n++
		}
		n += len(diagramBlocks(s.Blocks)) + len(diagramBlocks(s.Right))
	}
	return n
}

// Summary is a one-line description: slides, stacks and diagrams.
func (d *Deck) Summary() string {
	return fmt.Sprintf("%d slides, %d stacks, %d diagrams", len(d.Slides), len(d.Stacks), d.DiagramCount())
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
