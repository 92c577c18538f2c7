package deck

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"syscall"
	"unicode/utf8"
)

// MaxSize is the largest deck file accepted, in bytes.
const MaxSize = 8 << 20

// source is a deck file's text with a line index for offset → position.
type source struct {
	file  string
	text  []byte
	lines []int // byte offset of the start of each line
}

func newSource(file string, text []byte) *source {
	s := &source{file: file, text: text, lines: []int{0}}
	for i, c := range text {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// pos converts a byte offset to a position.
func (s *source) pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(s.text) {
		off = len(s.text)
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	return Pos{File: s.file, Line: i + 1, Col: off - s.lines[i] + 1}
}

// lineStart is the byte offset of 1-based line n.
func (s *source) lineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(s.lines) {
		return len(s.text)
	}
	return s.lines[n-1]
}

// line returns the text of 1-based line n without its newline.
func (s *source) line(n int) []byte {
	start := s.lineStart(n)
	end := len(s.text)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	return bytes.TrimSuffix(s.text[start:end], []byte("\r"))
}

// checkText reports why text cannot be a deck: too large, binary or not UTF-8.
func checkText(file string, text []byte) *Error {
	if len(text) > MaxSize {
		return &Error{Pos: Pos{File: file}, Msg: fmt.Sprintf("file is too large (%s; a deck may be at most %s)", sizeString(int64(len(text))), sizeString(MaxSize))}
	}
	s := newSource(file, text)
	if i := bytes.IndexByte(text, 0); i >= 0 {
		return &Error{Pos: s.pos(i), Msg: "binary file: NUL byte in the text (a deck is a UTF-8 Markdown file)"}
	}
	if i := bytes.IndexFunc(text, isControl); i >= 0 {
		r, _ := utf8.DecodeRune(text[i:])
		return &Error{Pos: s.pos(i), Msg: fmt.Sprintf("control character U+%04X in the text (only tab and line breaks are allowed)", r)}
	}
	for off := 0; off < len(text); {
		r, n := utf8.DecodeRune(text[off:])
		if r == utf8.RuneError && n <= 1 {
			return &Error{Pos: s.pos(off), Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02X): a deck must be UTF-8 text", text[off])}
		}
		off += n
	}
	return nil
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadFile reads a deck file, refusing files larger than MaxSize without
// reading them whole, and anything but a regular file: a directory, a
// named pipe, a device or a socket is refused at once instead of blocking
// (a FIFO without a writer) or reading forever (/dev/zero).
func ReadFile(path string) ([]byte, error) {
	regular := func(fi os.FileInfo) error {
		m := fi.Mode()
		var what string
		switch {
		case m.IsRegular():
			return nil
		case m.IsDir():
			what = "a directory"
		case m&os.ModeNamedPipe != 0:
			what = "a named pipe (FIFO)"
		case m&os.ModeSocket != 0:
			what = "a socket"
		case m&os.ModeDevice != 0:
			what = "a device"
		default:
			what = "not a regular file"
		}
		return &Error{Pos: Pos{File: path}, Msg: fmt.Sprintf("is %s, not a deck file: a deck must be a regular file", what)}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(fi); err != nil {
		return nil, err
	}
	// O_NONBLOCK: should the path become a FIFO after the Stat, the open
	// returns at once and the check below refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if err := regular(fi); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		size := int64(len(data))
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		return nil, &Error{Pos: Pos{File: path}, Msg: fmt.Sprintf("file is too large (%s; a deck may be at most %s)", sizeString(size), sizeString(MaxSize))}
	}
	return data, nil
}

// Locate returns the position of the first r in the deck's source at or
// after from and before until (the end of from's file when until is not
// valid or names another file): the column of one character in a block
// whose model keeps only the block's position. It returns from when r is
// not found there (a character written as an entity, an emoji written as
// a :shortcode:) or the file was not read by Parse.
func (d *Deck) Locate(from, until Pos, r rune) Pos {
	s := d.sources[from.File]
	if s == nil || !from.IsValid() {
		return from
	}
	off := s.lineStart(from.Line) + from.Col - 1
	end := len(s.text)
	if until.IsValid() && until.File == from.File {
		end = min(end, s.lineStart(until.Line)+until.Col-1)
	}
	if off < 0 || off >= end {
		return from
	}
	i := bytes.IndexRune(s.text[off:end], r)
	if i < 0 {
		return from
	}
	return s.pos(off + i)
}

// isControl reports the C0 and C1 control characters and DEL a deck may
// not hold: all but tab, line feed and carriage return.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7F && r <= 0x9F
}

// dropBOM removes the byte order mark some editors put at the start of a
// UTF-8 file: it is not text, and an editor shows the columns after it
// as if it were not there.
func dropBOM(text []byte) []byte {
	return bytes.TrimPrefix(text, []byte("\uFEFF"))
}

// normalizeNewlines turns the lone carriage returns of a file saved with
// old Mac line endings into line feeds, byte for byte, so that positions
// stay the same; CRLF is left as it is (lines drop their CR).
func normalizeNewlines(text []byte) []byte {
	i := bytes.IndexByte(text, '\r')
	if i < 0 {
		return text
	}
	out := append([]byte(nil), text...)
	for ; i < len(out); i++ {
		if out[i] == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}
