package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/width"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/build"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// useColor reports whether to colour output to w: only on a terminal and
// never under NO_COLOR.
func useColor(env Env, w io.Writer) bool {
	return env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb" && isTerminal(w)
}

// reporter prints errors and warnings to stderr; on a terminal each
// positioned message is followed by its source line and a caret.
type reporter struct {
	w       io.Writer
	color   bool
	context bool
	files   map[string][]string
}

func newReporter(env Env) *reporter {
	return &reporter{w: env.Stderr, color: useColor(env, env.Stderr), context: isTerminal(env.Stderr), files: map[string][]string{}}
}

// errors prints err: each error of an ErrorList on its own line, with
// context; any other error as one line.
func (r *reporter) errors(err error) {
	var list deck.ErrorList
	if errors.As(err, &list) {
		for i, e := range list {
			if i == deck.MaxErrors {
				fmt.Fprintf(r.w, "(%d more errors)\n", len(list)-deck.MaxErrors)
				break
			}
			r.message("error", e.Pos, e.Msg)
		}
		return
	}
	var one *deck.Error
	if errors.As(err, &one) {
		r.message("error", one.Pos, one.Msg)
		return
	}
	r.message("error", deck.Pos{}, err.Error())
}

// message prints one positioned message of the given severity.
func (r *reporter) message(severity string, pos deck.Pos, msg string) {
	prefix := ""
	if pos.IsValid() {
		prefix = pos.String() + ": "
	} else if pos.File != "" {
		prefix = pos.File + ": "
	}
	sev := ""
	if severity == "warning" {
		sev = "warning: "
	}
	if r.color {
		colour := "31" // red
		if severity == "warning" {
			colour = "33"
		}
		fmt.Fprintf(r.w, "\x1b[1m%s\x1b[0m\x1b[%sm%s\x1b[0m%s\n", prefix, colour, sev, msg)
	} else {
		fmt.Fprintf(r.w, "%s%s%s\n", prefix, sev, msg)
	}
	if r.context && pos.IsValid() {
		if line, ok := r.line(pos.File, pos.Line); ok {
			fmt.Fprintf(r.w, "    %s\n    %s^\n", line, caretPad(line, pos.Col))
		}
	}
}

// line returns a source line for context, reading the file once.
func (r *reporter) line(file string, n int) (string, bool) {
	lines, ok := r.files[file]
	if !ok {
		var text []byte
		if file == build.BuiltinName {
			text = assets.Essay
		} else if b, err := deck.ReadFile(file); err == nil {
			text = b
		}
		lines = strings.Split(string(text), "\n")
		r.files[file] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[n-1], "\r"), true
}

// caretPad is the white space that puts a caret under byte column col of
// line, counting East Asian wide characters as two cells and keeping tabs.
func caretPad(line string, col int) string {
	var b strings.Builder
	for i, r := range line {
		if i >= col-1 {
			break
		}
		switch {
		case r == '\t':
			b.WriteByte('\t')
		case isWideCell(r):
			b.WriteString("  ")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func isWideCell(r rune) bool {
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}
