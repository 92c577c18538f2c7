package build

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/layerdeck/layerdeck/internal/layout"
)

// expected is what a corpus deck's own tool gives: its page count and the
// text units of its slides as that tool renders them (testdata/corpus/
// SOURCES.md says how each was measured).
type expected struct {
	Dialect string   `json:"dialect"`
	Pages   int      `json:"pages"`
	Units   []string `json:"units"`
}

// minUnitShare is the share of a deck's text units that must be found in
// the text of its PDF.
const minUnitShare = 0.97

// TestCorpus builds every real Marp and Slidev deck of testdata/corpus as
// written: it must build without errors, detect its dialect, give as
// many pages as its own tool and carry at least 97 % of the tool's text
// units into the PDF's text (pdftotext).
func TestCorpus(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/corpus/*/expected.json")
	if len(dirs) < 12 {
		t.Fatalf("the corpus has %d decks, want at least 12", len(dirs))
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	b := New()
	defer b.Close()
	for _, exp := range dirs {
		dir := filepath.Dir(exp)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var want expected
			data, err := os.ReadFile(exp)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			res, err := b.Build(context.Background(), filepath.Join(dir, "deck.md"), Options{})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if errs := res.Errors(); len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if string(res.Deck.Dialect) != want.Dialect {
				t.Errorf("dialect %s, want %s", res.Deck.Dialect, want.Dialect)
			}
			if got := len(res.Doc.Pages); got != want.Pages {
				t.Errorf("%d pages, its own tool gives %d", got, want.Pages)
			}
			pdf := filepath.Join(t.TempDir(), "deck.pdf")
			if err := os.WriteFile(pdf, res.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			// Content order (-raw) too: pdftotext's default reading order
			// takes a wide gap of aligned spaces in code (comments lined
			// up at a column) for a column break and moves the rest of the
			// line away, while a viewer copies it in content order.
			raw, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext -raw: %v", err)
			}
			text := squash(string(out)) + "\x00" + squash(string(raw))
			// Emoji are drawn in colour and give their characters back
			// (ActualText). Other characters the fonts lack are drawn as
			// boxes with a warning each, not as text: they are left out
			// of the comparison, and the warnings are checked instead.
			lacks := map[rune]bool{}
			var missing []string
			face := res.Fonts.Regular
			for _, u := range want.Units {
				var kept strings.Builder
				for i := 0; i < len(u); {
					if n := face.Emoji(u[i:]); n > 0 {
						kept.WriteString(u[i : i+n])
						i += n
						continue
					}
					r, n := utf8.DecodeRuneInString(u[i:])
					if face.Has(r) {
						kept.WriteString(u[i : i+n])
					} else {
						lacks[r] = true
					}
					i += n
				}
				u = kept.String()
				if !strings.Contains(text, squash(u)) {
					missing = append(missing, u)
				}
			}
			for r := range lacks {
				if !warned(res.Findings, r) && !invisible(r) {
					t.Errorf("%q (U+%04X) is not in the font and no warning says so", r, r)
				}
			}
			share := 1 - float64(len(missing))/float64(max(1, len(want.Units)))
			t.Logf("%d pages, %d/%d text units (%.1f%%), %d warnings", len(res.Doc.Pages), len(want.Units)-len(missing), len(want.Units), share*100, len(res.Findings))
			if share < minUnitShare {
				t.Errorf("only %.1f%% of the text units are in the PDF; missing:\n%s", share*100, strings.Join(missing, "\n"))
			}
		})
	}
}

// warned reports whether a finding names the character r.
func warned(fs []layout.Finding, r rune) bool {
	for _, f := range fs {
		if strings.Contains(f.Msg, fmt.Sprintf("(U+%04X)", r)) {
			return true
		}
	}
	return false
}

// invisible reports whether r is a joiner or variation selector.
func invisible(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0x200B && r <= 0x200F || r == 0x2060
}

// squash normalises text for comparison: NFKC, without white space (the
// PDF breaks lines where HTML did not) and without hyphens (pdftotext
// joins a word broken after a hyphen and drops the hyphen).
func squash(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return r
	}, s)
}
