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

	"github.com/layerdeck/layerdeck/internal/imagefile"
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
// checks that each can be read and is of a kind layerdeck draws: PNG,
// JPEG, GIF, WebP or SVG images (files or data: URIs), TrueType fonts.
// It fills in their resolved paths; a data: image is its own path.
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
	for i, p := range d.Fonts.Fallback {
		d.Fonts.Fallback[i] = resolve(p)
		checkFont(d.Fonts.Fallback[i], d.Fonts.FallbackPos[i], &errs)
	}
	for _, s := range d.Slides {
		imgs := Images(append(append(append([]Block{}, s.Top...), s.Blocks...), s.Right...))
		for _, img := range s.Backgrounds {
			if img.Src != "" {
				imgs = append(imgs, img)
			}
		}
		for _, img := range imgs {
			if IsRemote(img.Src) {
				continue // fetched by layout, or a placeholder and a warning
			}
			img.Path = img.Src
			if !imagefile.IsData(img.Src) {
				img.Path = resolve(img.Src)
			}
			checkImage(img, &errs)
		}
	}
	return errs.Err()
}

// IsRemote reports whether an image source is a remote URL: http://,
// https:// or protocol-relative //host/….
func IsRemote(src string) bool {
	s := strings.ToLower(src)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//")
}

// Images lists the image blocks in bs, nested ones included.
func Images(bs []Block) []*Image {
	var out []*Image
	for _, b := range bs {
		switch b := b.(type) {
		case *Image:
			out = append(out, b)
		case *ImageRow:
			out = append(out, b.Images...)
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

// checkImage checks that an image is a regular file of a format
// layerdeck reads. Decoding it (and its size and pixel caps) is layout's
// job, through the same internal/imagefile as the renderers.
func checkImage(img *Image, errs *ErrorList) {
	if _, err := imagefile.Sniff(img.Path); err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.As(err, new(*fs.PathError)) {
			errs.Add(img.Pos, "image %s: %s", img.Src, unwrapPathError(err))
			return
		}
		errs.Add(img.Pos, "image %s %s", imagefile.Short(img.Src), err)
	}
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
