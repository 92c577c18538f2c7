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

// splitRules are the dialect's rules for where slides begin.
type splitRules struct {
	// rulers: every thematic break (---, ***, ___, - - -) splits, and a
	// --- right under a paragraph line is a setext heading (Marp).
	rulers bool
	// slideFM: a slide may open with its own YAML front matter.
	slideFM bool
	// divider marks the heading levels that start a new slide
	// (Marp's headingDivider).
	divider [7]bool
}

// isThematic reports whether a line is a CommonMark thematic break: three
// or more of one of - * _, with spaces between, indented at most three.
func isThematic(line []byte) bool {
	indent := 0
	for indent < len(line) && line[indent] == ' ' {
		indent++
	}
	if indent > 3 {
		return false
	}
	var c byte
	n := 0
	for _, b := range line[indent:] {
		switch {
		case b == ' ' || b == '\t':
		case c == 0 && (b == '-' || b == '*' || b == '_'):
			c, n = b, 1
		case b == c:
			n++
		default:
			return false
		}
	}
	return n >= 3
}

var atxRE = regexp.MustCompile(`^ {0,3}(#{1,6})([ \t]|$)`)

// frontMatter finds the deck front matter: its first and last YAML lines
// (0, 0 when there is none) and the line the slides begin at.
func frontMatter(s *source, errs *ErrorList) (first, last, body int, ok bool) {
	first = 0
	if s.lineCount() >= 1 && isRule(bytes.TrimPrefix(s.line(1), []byte("\uFEFF"))) {
		for n := 2; n <= s.lineCount(); n++ {
			if isRule(s.line(n)) {
				return 2, n - 1, n + 1, true
			}
		}
		errs.Add(Pos{File: s.file, Line: 1, Col: 1}, "unterminated front matter: no closing --- line")
		return 0, 0, 0, false
	}
	return 0, 0, 1, true
}

// lineCount is the number of lines, not counting the empty one after a
// final newline.
func (s *source) lineCount() int {
	n := len(s.lines)
	if len(s.text) > 0 && s.text[len(s.text)-1] == '\n' {
		n--
	}
	return n
}

// splitSlides cuts the text from line on into slides by the rules.
func splitSlides(s *source, line int, r splitRules, errs *ErrorList) []rawSlide {
	var out []rawSlide
	nlines := s.lineCount()
	cur := rawSlide{pos: s.pos(s.lineStart(line)), bodyStart: s.lineStart(line)}
	var f fence
	prevPara := false // the line before is a paragraph line (Marp's setext rule)
	content := false  // the slide has content besides comments and blank lines
	for n := line; n <= nlines; n++ {
		text := s.line(n)
		if !f.open() {
			sep := isRule(text)
			if r.rulers {
				sep = isThematic(text) && !(prevPara && isRule(text))
			}
			if !sep && content && r.divider != [7]bool{} {
				if m := atxRE.FindSubmatch(text); m != nil && r.divider[len(m[1])] {
					// headingDivider: a new slide begins at this heading.
					cur.bodyEnd = s.lineStart(n)
					out = append(out, cur)
					cur = rawSlide{pos: Pos{File: s.file, Line: n, Col: 1}, bodyStart: s.lineStart(n)}
					content = false
				}
			}
			if sep {
				cur.bodyEnd = s.lineStart(n)
				out = append(out, cur)
				cur = rawSlide{pos: Pos{File: s.file, Line: n, Col: 1}}
				next := n + 1
				if r.slideFM {
					if last := slideFrontMatter(s, next, nlines); last > 0 {
						cur.fmFirst, cur.fmLast = next, last
						n = last + 1 // the closing ---
					}
				}
				cur.bodyStart = s.lineStart(n + 1)
				prevPara, content = false, false
				continue
			}
		}
		wasOpen := f.open()
		f.update(text, n)
		trimmed := bytes.TrimSpace(text)
		if len(trimmed) > 0 && !wasOpen && !f.comment && !bytes.HasPrefix(trimmed, []byte("<!--")) {
			content = true
		}
		prevPara = !wasOpen && !f.open() && isParagraphLine(text)
	}
	cur.bodyEnd = len(s.text)
	out = append(out, cur)
	if f.n > 0 {
		errs.Add(Pos{File: s.file, Line: f.line, Col: f.col}, "unterminated code fence %s: no closing %s line", bytes.Repeat([]byte{f.char}, f.n), bytes.Repeat([]byte{f.char}, f.n))
	} else if f.comment {
		errs.Add(Pos{File: s.file, Line: f.line, Col: f.col}, "unterminated HTML comment: no closing -->")
	}
	return out
}

// isParagraphLine reports whether a line continues or starts a paragraph,
// so that a --- under it makes a setext heading in CommonMark.
func isParagraphLine(line []byte) bool {
	t := bytes.TrimSpace(line)
	if len(t) == 0 || len(line)-len(bytes.TrimLeft(line, " \t")) >= 4 {
		return false
	}
	switch t[0] {
	case '#', '>', '<', '|', '`', '~':
		return false
	case '-', '*', '+':
		return len(t) > 1 && t[1] != ' ' && t[1] != '\t'
	}
	if isThematic(line) {
		return false
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return !(i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')'))
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
