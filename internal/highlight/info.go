package highlight

import (
	"strconv"
	"strings"
)

// Info is what a code fence asks for after its language, in Slidev's and
// Shiki's syntax:
//
//	```go {2,3-5} title="main.go" lines:true
//	```ts {all|2|3}{lines: true, startLine: 5}
//	```go [main.go]
type Info struct {
	// Marked lists the highlighted lines as ranges of 1-based line
	// numbers, both ends included; empty with All false: none is marked.
	Marked [][2]int
	// All marks every line ({*}, {all}): nothing is dimmed.
	All bool
	// Steps is the number of click steps of {a|b|c}; a PDF shows the
	// last, Slidev's final click state.
	Steps int
	// Title is the caption: title="…", title=…, [file name].
	Title string
	// Lines is set by lines:true (or false) in the info; LinesSet says it
	// was given, so that it overrides the deck's lineNumbers.
	Lines, LinesSet bool
	// StartLine is the number of the first line (startLine: 5); 0 is 1.
	StartLine int
	// Ignored lists the parts not understood or not drawn, for a warning.
	Ignored []string
}

// Marks reports whether line n (1-based) is highlighted, and whether
// any line is (so that the others are dimmed).
func (in Info) Marks(n int) (marked, any bool) {
	if in.All || len(in.Marked) == 0 {
		return false, false
	}
	for _, m := range in.Marked {
		if m[0] <= n && n <= m[1] {
			return true, true
		}
	}
	return false, true
}

// maxLine bounds line numbers in highlights.
const maxLine = 100000

// ParseInfo reads a fence's info string after its language.
func ParseInfo(s string) Info {
	var in Info
	for _, part := range infoParts(s) {
		switch {
		case strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}"):
			body := strings.TrimSpace(part[1 : len(part)-1])
			if strings.Contains(body, ":") {
				in.options(body)
			} else {
				in.highlight(body, part)
			}
		case strings.HasPrefix(part, "[") && strings.HasSuffix(part, "]") && len(part) > 2:
			in.Title = strings.TrimSpace(part[1 : len(part)-1])
		case strings.HasPrefix(part, "title=") || strings.HasPrefix(part, "filename="):
			_, v, _ := strings.Cut(part, "=")
			in.Title = unquote(v)
		case strings.HasPrefix(part, "lines:") || strings.HasPrefix(part, "lines="):
			in.Lines, in.LinesSet = strings.TrimSpace(part[6:]) == "true", true
		case part == "showLineNumbers":
			in.Lines, in.LinesSet = true, true
		default:
			in.Ignored = append(in.Ignored, part)
		}
	}
	return in
}

// infoParts splits an info string at spaces outside braces, brackets and
// quotes.
func infoParts(s string) []string {
	var out []string
	depth, quote, start := 0, byte(0), -1
	for i := 0; i <= len(s); i++ {
		var c byte = ' '
		if i < len(s) {
			c = s[i]
		}
		if start < 0 {
			if c == ' ' || c == '\t' {
				continue
			}
			start = i
		}
		switch {
		case quote != 0:
			if c == quote || i == len(s) {
				quote = 0
			}
			if i < len(s) {
				continue
			}
		case c == '"' || c == '\'':
			quote = c
			continue
		case c == '{' || c == '[':
			depth++
			continue
		case c == '}' || c == ']':
			depth = max(depth-1, 0)
			if depth == 0 && i+1 < len(s) && (s[i+1] == '{' || s[i+1] == '[') {
				out = append(out, s[start:i+1])
				start = -1
			}
			continue
		}
		if depth == 0 && (c == ' ' || c == '\t') || i == len(s) {
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

// highlight reads 2,3-5 and a|b|c (the last step counts).
func (in *Info) highlight(body, part string) {
	steps := strings.Split(body, "|")
	in.Steps = len(steps)
	last := strings.TrimSpace(steps[len(steps)-1])
	in.Marked, in.All = nil, false
	switch last {
	case "*", "all":
		in.All = true
		return
	case "", "none", "hide", "0":
		return
	case "monaco", "monaco-run", "monaco-diff", "monaco-write":
		in.Ignored = append(in.Ignored, part)
		return
	}
	for _, r := range strings.Split(last, ",") {
		a, b, isRange := strings.Cut(strings.TrimSpace(r), "-")
		lo, err1 := strconv.Atoi(strings.TrimSpace(a))
		hi, err2 := lo, error(nil)
		if isRange {
			hi, err2 = strconv.Atoi(strings.TrimSpace(b))
		}
		if err1 != nil || err2 != nil || lo < 1 || hi < lo || hi > maxLine {
			in.Marked = nil
			in.Ignored = append(in.Ignored, part)
			return
		}
		in.Marked = append(in.Marked, [2]int{lo, hi})
	}
}

// options reads {lines: true, startLine: 5, maxHeight: '10em'}.
func (in *Info) options(body string) {
	for _, kv := range strings.Split(body, ",") {
		k, v, _ := strings.Cut(kv, ":")
		k, v = strings.TrimSpace(k), unquote(strings.TrimSpace(v))
		switch k {
		case "lines":
			in.Lines, in.LinesSet = v == "true", true
		case "startLine":
			if n, err := strconv.Atoi(v); err == nil && n >= 0 && n < maxLine {
				in.StartLine = n
			}
		case "title", "filename":
			in.Title = v
		case "":
		default:
			in.Ignored = append(in.Ignored, k+":")
		}
	}
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
