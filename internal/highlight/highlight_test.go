package highlight

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	// Accept -update, so that go test ./... -update runs in every package.
	_ "github.com/layerdeck/layerdeck/internal/golden"
)

func oneCol(r rune) int {
	if r >= 0x3000 {
		return 2
	}
	return 1
}

func TestParseInfo(t *testing.T) {
	for _, tc := range []struct {
		info string
		want string
	}{
		{"", "marked=[] all=false steps=0 title=\"\" lines=false/false start=0 ignored=[]"},
		{"{3}", "marked=[[3 3]] all=false steps=1 title=\"\" lines=false/false start=0 ignored=[]"},
		{"{2,3-5}", "marked=[[2 2] [3 5]] all=false steps=1 title=\"\" lines=false/false start=0 ignored=[]"},
		{"{*}", "marked=[] all=true steps=1 title=\"\" lines=false/false start=0 ignored=[]"},
		{"{all|2|3-4}", "marked=[[3 4]] all=false steps=3 title=\"\" lines=false/false start=0 ignored=[]"},
		{"{2|all}", "marked=[] all=true steps=2 title=\"\" lines=false/false start=0 ignored=[]"},
		{"{none}", "marked=[] all=false steps=1 title=\"\" lines=false/false start=0 ignored=[]"},
		{`{2} title="main.go" lines:true`, "marked=[[2 2]] all=false steps=1 title=\"main.go\" lines=true/true start=0 ignored=[]"},
		{`title="a b.go"`, "marked=[] all=false steps=0 title=\"a b.go\" lines=false/false start=0 ignored=[]"},
		{"[server.ts] {1}", "marked=[[1 1]] all=false steps=1 title=\"server.ts\" lines=false/false start=0 ignored=[]"},
		{"{2,3}{lines: true, startLine: 5}", "marked=[[2 2] [3 3]] all=false steps=1 title=\"\" lines=true/true start=5 ignored=[]"},
		{"{lines:false}", "marked=[] all=false steps=0 title=\"\" lines=false/true start=0 ignored=[]"},
		{"{2,x}", "marked=[] all=false steps=1 title=\"\" lines=false/false start=0 ignored=[{2,x}]"},
		{"{5-2}", "marked=[] all=false steps=1 title=\"\" lines=false/false start=0 ignored=[{5-2}]"},
		{"{monaco} twoslash", "marked=[] all=false steps=1 title=\"\" lines=false/false start=0 ignored=[{monaco} twoslash]"},
		{"{maxHeight:'100px'}", "marked=[] all=false steps=0 title=\"\" lines=false/false start=0 ignored=[maxHeight:]"},
		{"filename=x.py showLineNumbers", "marked=[] all=false steps=0 title=\"x.py\" lines=true/true start=0 ignored=[]"},
	} {
		in := ParseInfo(tc.info)
		got := fmt.Sprintf("marked=%v all=%v steps=%d title=%q lines=%v/%v start=%d ignored=%v",
			in.Marked, in.All, in.Steps, in.Title, in.Lines, in.LinesSet, in.StartLine, in.Ignored)
		if got != tc.want {
			t.Errorf("%q:\ngot  %s\nwant %s", tc.info, got, tc.want)
		}
	}
}

func TestMarks(t *testing.T) {
	in := ParseInfo("{2,4-5}")
	var got []string
	for n := 1; n <= 6; n++ {
		m, any := in.Marks(n)
		got = append(got, fmt.Sprintf("%d:%v/%v", n, m, any))
	}
	if want := "1:false/true 2:true/true 3:false/true 4:true/true 5:true/true 6:false/true"; strings.Join(got, " ") != want {
		t.Errorf("got %s", strings.Join(got, " "))
	}
	if m, any := ParseInfo("{*}").Marks(1); m || any {
		t.Error("{*} dims nothing")
	}
}

// TestLinesGo: Go gets keywords, strings, comments, numbers and function
// names, and the lines keep their text exactly.
func TestLinesGo(t *testing.T) {
	src := "package main\n\nimport \"fmt\" // 読み込み\n\nfunc main() {\n\tfmt.Println(\"こんにちは\", 42)\n}\n"
	lines := Lines("go", src, oneCol)
	if len(lines) != 7 {
		t.Fatalf("%d lines, want 7", len(lines))
	}
	var text []string
	roles := map[Role]bool{}
	for _, l := range lines {
		var b strings.Builder
		for _, tk := range l {
			b.WriteString(tk.Text)
			roles[tk.Role] = true
		}
		text = append(text, b.String())
	}
	if want := strings.ReplaceAll(strings.TrimSuffix(src, "\n"), "\t", "    "); strings.Join(text, "\n") != want {
		t.Errorf("text changed:\n%s\nwant\n%s", strings.Join(text, "\n"), want)
	}
	for _, r := range []Role{Keyword, String, Comment, Number, Plain} {
		if !roles[r] {
			t.Errorf("no %s token in Go code", r)
		}
	}
	if got := lines[4][0]; got.Text != "func" || got.Role != Keyword {
		t.Errorf("first token of line 5: %+v", got)
	}
}

func TestLinesPlainAndTabs(t *testing.T) {
	for _, tc := range []struct {
		lang, src string
		want      [][]Token
	}{
		{"", "a\tb\n\tc", [][]Token{{{Text: "a   b"}}, {{Text: "    c"}}}},
		{"no-such-language", "日\tx", [][]Token{{{Text: "日  x"}}}},
		{"text", "iiii\nMMMM\n", [][]Token{{{Text: "iiii"}}, {{Text: "MMMM"}}}},
		{"", "a\n\n\nb\r\n", [][]Token{{{Text: "a"}}, nil, nil, {{Text: "b"}}}},
	} {
		got := Lines(tc.lang, tc.src, oneCol)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %q: got %q, want %q", tc.lang, tc.src, got, tc.want)
		}
	}
}

// TestKnownLanguages: chroma knows the languages of talks.
func TestKnownLanguages(t *testing.T) {
	for _, l := range []string{"go", "ts", "typescript", "js", "python", "py", "rust", "bash", "sh", "json", "yaml", "html", "css", "vue", "sql", "diff", "c", "cpp", "java", "kotlin", "swift", "ruby", "php"} {
		if !Known(l) {
			t.Errorf("%s unknown", l)
		}
	}
	if Known("") || Known("no-such-language") {
		t.Error("unknown languages known")
	}
}
