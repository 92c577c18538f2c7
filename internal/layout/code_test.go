package layout

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/golden"
	"github.com/layerdeck/layerdeck/internal/theme"
)

const codeDeck = "# コード\n\n```go {3} title=\"main.go\"\npackage main\n\nimport \"fmt\" // 読み込み\n\nfunc main() {\n\tfmt.Println(\"こんにちは\", 42)\n}\n```\n\n" +
	"---\n\n# 等幅\n\n```text\niiiiiiiiii\nMMMMMMMMMM\n日本語日本語\n```\n"

// monoRuns returns the code runs of a page, by text.
func monoRuns(p *display.Page) map[string]*display.Text {
	out := map[string]*display.Text{}
	for _, it := range p.Items {
		if it.Text != nil && it.Text.Mono {
			out[strings.TrimSpace(it.Text.Text)] = it.Text
		}
	}
	return out
}

// TestCodeBlock: a Go block is set in the fixed-pitch face in at least
// three syntax colours, line 3 on the highlight tint and the others
// dimmed, with its title; iiiii and MMMMM runs are equally wide and
// Japanese takes two columns a character.
func TestCodeBlock(t *testing.T) {
	fx := setup(t)
	res := fx.layout(t, parse(t, codeDeck))
	for _, f := range res.Findings {
		t.Errorf("finding: %s", f)
	}
	st := theme.CodeStyleFor(theme.Default().Surface)
	p := res.Doc.Pages[0]
	runs := monoRuns(p)
	colors := map[display.Color]bool{}
	for _, r := range runs {
		colors[r.Color] = true
	}
	if len(colors) < 3 {
		t.Errorf("%d colours in the Go block, want at least 3", len(colors))
	}
	if r := runs["import"]; r == nil || r.Color != st.Keyword {
		t.Errorf("import on the highlighted line: %+v, want keyword colour %s", r, st.Keyword.Hex())
	}
	if r := runs["package"]; r == nil || r.Color == st.Keyword {
		t.Errorf("package on a dimmed line: %+v", r)
	}
	tint, title := false, false
	for _, it := range p.Items {
		if it.Rect != nil && it.Rect.Fill.Color == st.Marked {
			tint = true
		}
		if it.Text != nil && it.Text.Text == "main.go" && !it.Text.Mono {
			title = true
		}
	}
	if !tint || !title {
		t.Errorf("tint %v, title %v", tint, title)
	}

	runs = monoRuns(res.Doc.Pages[1])
	i, m, ja := runs["iiiiiiiiii"], runs["MMMMMMMMMM"], runs["日本語日本語"]
	if i == nil || m == nil || ja == nil {
		t.Fatalf("runs missing: %v", runs)
	}
	if i.Width != m.Width || math.Abs(ja.Width-i.Width*12/10) > 1e-9 || i.X != m.X {
		t.Errorf("widths i %.3f M %.3f 日本語×2 %.3f (want i = M, 日本語 = 12 columns)", i.Width, m.Width, ja.Width)
	}
	if math.Abs(i.Width-i.Size*5) > 1e-9 {
		t.Errorf("10 columns are %.3f pt at %.1f pt, want 5 em", i.Width, i.Size)
	}
}

// TestCodeLongLines: a block with very long lines is shrunk to the
// floor and wraps with a continuation mark; nothing crosses the margin.
func TestCodeLongLines(t *testing.T) {
	fx := setup(t)
	long := strings.Repeat("argument, ", 40)
	res := fx.layout(t, parse(t, "# 長い行\n\n```js\nf("+long+");\nconst s = \""+strings.Repeat("日本語", 50)+"\";\nx\n```\n"))
	p := res.Doc.Pages[0]
	th := theme.Default()
	floor := th.SmallSize * 0.95 * th.MinScale
	marks, rows := 0, 0
	var text strings.Builder
	for _, it := range p.Items {
		if it.Path != nil {
			marks++
		}
		if t2 := it.Text; t2 != nil && t2.Mono {
			rows++
			text.WriteString(t2.Text)
			if t2.X+t2.Width > p.Width-th.MarginX+0.01 {
				t.Errorf("run %q ends at %.1f, past the margin %.1f", t2.Text, t2.X+t2.Width, p.Width-th.MarginX)
			}
			if t2.Size < floor-1e-9 {
				t.Errorf("run %q at %.2f pt, below the floor %.2f", t2.Text, t2.Size, floor)
			}
		}
	}
	if marks < 3 {
		t.Errorf("%d continuation marks, want at least 3", marks)
	}
	if want := "f(" + long + ");const s = \"" + strings.Repeat("日本語", 50) + "\";x"; strings.ReplaceAll(text.String(), " ", "") != strings.ReplaceAll(want, " ", "") {
		t.Errorf("wrapped text lost characters:\n%s", text.String())
	}
}

// TestCodeLineNumbers: Slidev's lineNumbers numbers every block; a
// block's lines:false turns them off; startLine moves them.
func TestCodeLineNumbers(t *testing.T) {
	fx := setup(t)
	src := "---\nlineNumbers: true\n---\n\n# a\n\n```py\nx = 1\ny = 2\n```\n\n---\n\n# b\n\n```py {lines:false}\nx = 1\n```\n\n---\n\n# c\n\n```py {1}{startLine: 9}\nx = 1\ny = 2\n```\n"
	res := fx.layout(t, parse(t, src))
	numbers := func(p *display.Page) string {
		var out []string
		for _, it := range p.Items {
			if it.Text != nil && it.Text.Mono && it.Text.Artifact {
				out = append(out, it.Text.Text)
			}
		}
		return strings.Join(out, ",")
	}
	for i, want := range []string{"1,2", "", "9,10"} {
		if got := numbers(res.Doc.Pages[i]); got != want {
			t.Errorf("slide %d: line numbers %q, want %q", i+1, got, want)
		}
	}
}

func TestCodeIgnoredInfoWarns(t *testing.T) {
	fx := setup(t)
	res := fx.layout(t, parse(t, "# a\n\n```ts {monaco} twoslash\nlet x = 1\n```\n"))
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Msg, "{monaco} twoslash ignored") {
		t.Errorf("findings %v", res.Findings)
	}
}

// TestCodeDisplayList goldens a code slide's display list.
func TestCodeDisplayList(t *testing.T) {
	fx := setup(t)
	res := fx.layout(t, parse(t, codeDeck))
	b, err := json.MarshalIndent(res.Doc.Pages[0], "", " ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/code.json", append(b, '\n'))
}
