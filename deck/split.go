package deck

import (
	"bytes"
	"regexp"
)

// rawSlide is one slide's extent in the source, before Markdown parsing.
type rawSlide struct {
	pos Pos // where the slide starts: its separator, or its first line
	// fmFirst and fmLast are the 1-based lines of the slide's YAML front
	// matter, fmFirst == 0 when it has none.
	fmFirst, fmLast int
	// body is the byte range of the Markdown body.
	bodyStart, bodyEnd int
}

// layout of a file: the deck front matter and the slides.
type fileSplit struct {
	fmFirst, fmLast int // lines of the deck front matter; 0 if none
	slides          []rawSlide
}

var slideKeyLine = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*[ \t]*:([ \t]|$)`)

func isRule(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// fence tracks fenced code blocks and HTML comments, inside which a line
// --- is not a slide separator.
type fence struct {
	char    byte
	n       int
	line    int // where it opened
	col     int
	comment bool
}

func (f *fence) open() bool { return f.n > 0 || f.comment }

// update advances the state over one line.
func (f *fence) update(line []byte, n int) {
	trimmed := bytes.TrimLeft(line, " \t")
	if f.comment {
		if bytes.Contains(line, []byte("-->")) {
			f.comment = false
		}
		return
	}
	if f.n > 0 {
		run := leadingRun(trimmed, f.char)
		if run >= f.n && len(bytes.TrimSpace(trimmed[run:])) == 0 {
			f.n = 0
		}
		return
	}
	for _, c := range []byte{'`', '~'} {
		if run := leadingRun(trimmed, c); run >= 3 {
			if c == '`' && bytes.IndexByte(trimmed[run:], '`') >= 0 {
				continue // an inline code span, not a fence
			}
			f.char, f.n, f.line, f.col = c, run, n, len(line)-len(trimmed)+1
			return
		}
	}
	if i := bytes.Index(line, []byte("<!--")); i >= 0 && !bytes.Contains(line[i+2:], []byte("-->")) {
		f.comment, f.line, f.col = true, n, i+1
	}
}

func leadingRun(b []byte, c byte) int {
	n := 0
	for n < len(b) && b[n] == c {
		n++
	}
	return n
}

// splitFile finds the deck front matter and the slides.
func splitFile(s *source, errs *ErrorList) fileSplit {
	var out fileSplit
	nlines := len(s.lines)
	if len(s.text) > 0 && s.text[len(s.text)-1] == '\n' {
		nlines-- // the empty line after the last newline
	}
	line := 1
	first := bytes.TrimPrefix(s.line(1), []byte("\uFEFF"))
	if nlines >= 1 && isRule(first) {
		end := 0
		for n := 2; n <= nlines; n++ {
			if isRule(s.line(n)) {
				end = n
				break
			}
		}
		if end == 0 {
			errs.Add(Pos{File: s.file, Line: 1, Col: 1}, "unterminated front matter: no closing --- line")
			return out
		}
		out.fmFirst, out.fmLast = 2, end-1
		line = end + 1
	}
	cur := rawSlide{pos: s.pos(s.lineStart(line)), bodyStart: s.lineStart(line)}
	var f fence
	for n := line; n <= nlines; n++ {
		text := s.line(n)
		if !f.open() && isRule(text) {
			cur.bodyEnd = s.lineStart(n)
			out.slides = append(out.slides, cur)
			cur = rawSlide{pos: Pos{File: s.file, Line: n, Col: 1}}
			next := n + 1
			if last := slideFrontMatter(s, next, nlines); last > 0 {
				cur.fmFirst, cur.fmLast = next, last
				n = last + 1 // the closing ---
			}
			cur.bodyStart = s.lineStart(n + 1)
			continue
		}
		f.update(text, n)
	}
	cur.bodyEnd = len(s.text)
	out.slides = append(out.slides, cur)
	if f.n > 0 {
		errs.Add(Pos{File: s.file, Line: f.line, Col: f.col}, "unterminated code fence %s: no closing %s line", bytes.Repeat([]byte{f.char}, f.n), bytes.Repeat([]byte{f.char}, f.n))
	} else if f.comment {
		errs.Add(Pos{File: s.file, Line: f.line, Col: f.col}, "unterminated HTML comment: no closing -->")
	}
	return out
}

// slideFrontMatter returns the last YAML line of a slide front matter that
// starts at line first, or 0 if none starts there. A front matter is a run
// of non-blank lines, the first of the form "key:", closed by a line ---.
func slideFrontMatter(s *source, first, nlines int) int {
	if first > nlines || !slideKeyLine.Match(s.line(first)) {
		return 0
	}
	for n := first + 1; n <= nlines; n++ {
		text := s.line(n)
		if isRule(text) {
			return n - 1
		}
		trimmed := bytes.TrimSpace(text)
		if len(trimmed) == 0 || trimmed[0] == '#' && text[0] == '#' {
			return 0
		}
	}
	return 0
}
