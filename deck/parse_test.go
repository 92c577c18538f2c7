package deck

import (
	"strings"
	"testing"
)

const aiStack = `stacks:
  ai:
    title: AIの階層的発展
    pattern: progression
    layers:
      - id: L1
        name: 大規模言語モデル
        problems: [論理推論, 数学計算]
      - id: L2
        name: 推論モデル
        fixes: [論理推論]
`

// TestErrors checks the exact message and position of each bad input.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty file", "", "d.md:1:1: a deck needs at least one slide"},
		{"only front matter", "---\ntitle: x\n---\n", "d.md:1:1: a deck needs at least one slide"},
		{"binary", "# a\x00\x01\x02", "d.md:1:4: binary file: NUL byte in the text (a deck is a UTF-8 Markdown file)"},
		{"invalid utf8", "# ok\n# \xff\xfe", "d.md:2:3: invalid UTF-8 (byte 0xFF): a deck must be UTF-8 text"},
		{"unterminated front matter", "---\ntitle: x\n# slide\n", "d.md:1:1: unterminated front matter: no closing --- line"},
		{"unterminated fence", "# a\n\n```dot\ndigraph{}\n", "d.md:3:1: unterminated code fence ```: no closing ``` line"},
		{"unterminated comment", "# a\n<!-- note\nmore\n", "d.md:2:1: unterminated HTML comment: no closing -->"},
		{"unknown deck key", "---\ntitel: x\n---\n# a\n", `d.md:2:1: unknown deck key "titel" (did you mean "title"?)`},
		{"unknown deck key far from all", "---\nzzzzqqqq: x\n---\n# a\n", `d.md:2:1: unknown deck key "zzzzqqqq" (known keys: title, subtitle, author, date, lang, aspect, theme, fonts, keywords, stacks, layout, diagram, compare)`},
		{"unknown slide key", "# a\n---\nlayuot: title\n---\n# b\n", `d.md:3:1: unknown slide key "layuot" (did you mean "layout"?)`},
		{"unknown layout", "# a\n---\nlayout: bulets\n---\n# b\n", `d.md:3:9: unknown layout "bulets" (did you mean "bullets"?)`},
		{"unknown layout far from all", "# a\n---\nlayout: zzzzqqqq\n---\n# b\n", `d.md:3:9: unknown layout "zzzzqqqq" (layouts: title, section, bullets, two-column, compare, diagram, quote, end)`},
		{"unknown key in a Marp deck", "---\nmarp: true\npagniate: true\n---\n# a\n", `d.md:3:1: unknown deck key "pagniate" (did you mean "paginate"?)`},
		{"unknown stack", "---\n" + aiStack + "---\n# a\n---\ndiagram: defi\n---\n# b\n", `d.md:16:10: diagram names unknown stack "defi" (stacks: ai)`},
		{"unknown compare stack", "---\n" + aiStack + "---\n# a\n---\ncompare: [ai, crypto]\n---\n# b\n", `d.md:16:10: compare names unknown stack "crypto" (stacks: ai)`},
		{"compare one stack", "---\n" + aiStack + "---\n# a\n---\ncompare: [ai]\n---\n# b\n", `d.md:16:10: compare needs two stacks, as in compare: [ai, crypto]; it has 1`},
		{"stack without layers", "---\nstacks:\n  ai:\n    title: t\n    pattern: transfer\n    layers: []\n---\n# a\n", "d.md:3:3: stack ai has no layers: a stack needs at least one"},
		{"stack without keys", "---\nstacks:\n  ai: {}\n---\n# a\n", "d.md:3:3: stack ai has no title\nd.md:3:3: stack ai has no pattern (progression or transfer)\nd.md:3:3: stack ai has no layers: a stack needs at least one"},
		{"duplicate layer id", "---\nstacks:\n  ai:\n    title: t\n    pattern: progression\n    layers:\n      - {id: L1, name: a}\n      - {id: L1, name: b}\n---\n# a\n", "d.md:8:10: duplicate layer id L1 in stack ai (first at d.md:7:10)"},
		{"fixes unknown problem", "---\n" + strings.Replace(aiStack, "fixes: [論理推論]", "fixes: [論理推論, 記憶]", 1) + "---\n# a\n", `d.md:12:31: layer L2 fixes "記憶", which is not a problem of layer L1 below it (its problems: 論理推論, 数学計算)`},
		{"fixes in bottom layer", "---\nstacks:\n  ai:\n    title: t\n    pattern: progression\n    layers:\n      - {id: L1, name: a, fixes: [x]}\n---\n# a\n", `d.md:7:35: layer L1 fixes "x", but it is the bottom layer of stack ai: there is no layer below`},
		{"integrates upward", "---\nstacks:\n  ai:\n    title: t\n    pattern: progression\n    layers:\n      - {id: L1, name: a, integrates: [L2]}\n      - {id: L2, name: b}\n---\n# a\n", `d.md:7:40: layer L1 integrates L2, which is not below it`},
		{"unknown pattern", "---\nstacks:\n  ai:\n    title: t\n    pattern: spiral\n    layers:\n      - {id: L1, name: a}\n---\n# a\n", `d.md:5:14: unknown pattern "spiral" (patterns: progression, transfer)`},
		{"layer without id", "---\nstacks:\n  ai:\n    title: t\n    pattern: transfer\n    layers:\n      - name: a\n---\n# a\n", `d.md:7:9: layer has no id (e.g. id: L1)`},
		{"yaml alias", "---\ntitle: &a x\nsubtitle: *a\n---\n# a\n", "d.md:2:8: YAML anchors and aliases are not supported in a deck\nd.md:3:11: YAML anchors and aliases are not supported in a deck"},
		{"yaml syntax", "---\ntitle: [x\n---\n# a\n", "d.md:2:8: YAML: sequence end token ']' not found"},
		{"aspect", "---\naspect: 3:2\n---\n# a\n", `d.md:2:9: aspect "3:2" is not 16:9 or 4:3 (quote it: aspect: "16:9")`},
		{"date", "---\ndate: next week\n---\n# a\n", `d.md:2:7: date "next week" is not of the form YYYY-MM-DD`},
		{"lists nested too deep", "# a\n\n" + strings.Repeat("- ", 40) + "x\n", "d.md:3:33: lists and quotes nest more than 16 deep here"},
		{"quotes nested too deep", "# a\n\n" + strings.Repeat("> ", 40) + "x\n", "d.md:3:33: lists and quotes nest more than 16 deep here"},
		{"indented too deep", "# a\n\n" + strings.Repeat(" ", 200) + "- x\n", "d.md:3:1: a line indented 200 columns (at most 128 outside code fences): lists nest at most 16 deep"},
		{"paragraph too long", "# a\n\n" + strings.Repeat("あ", 20001) + "\n", "d.md:3:1: a paragraph of 20001 characters is more than a slide can show (at most 20000): split it"},
		{"control character", "# a\n\nbell\x07 here\n", "d.md:3:5: control character U+0007 in the text (only tab and line breaks are allowed)"},
		{"form feed", "# a\f\n", "d.md:1:4: control character U+000C in the text (only tab and line breaks are allowed)"},
		{"impossible date", "---\ndate: 2024-13-45\n---\n# a\n", `d.md:2:7: date "2024-13-45" is not a day of the calendar`},
		{"february 30", "---\ndate: 2025-02-30\n---\n# a\n", `d.md:2:7: date "2025-02-30" is not a day of the calendar`},
		{"two titles", "# a\n\ntext\n\n# b\n", "d.md:5:1: a slide has one # title, and this one has it at line 1; start a new slide with a line ---"},
		{"empty slide", "# a\n---\n\n---\n# c\n", "d.md:2:1: empty slide: remove the extra --- line or write the slide"},
		{"right outside two-column", "# a\n\nleft\n\n::right::\n\nright\n", "d.md:5:1: ::right:: belongs in a two-column slide (layout: two-column), not in a bullets slide"},
		{"diagram slide without diagram", "---\nlayout: diagram\n---\n# a\n", "d.md:4:1: a diagram slide needs the key diagram: STACK or a ```layerflow or ```dot block"},
		{"quote slide without quote", "---\nlayout: quote\n---\nplain\n", "d.md:4:1: a quote slide needs a block quote (a line starting with >)"},
		{"unclosed slide front matter", "# a\n---\nlayout: title\n\n# b\n", "d.md:3:1: this looks like slide front matter without its closing ---: add a line --- after the keys"},
		{"empty layerflow", "# a\n\n```layerflow\n```\n", "d.md:3:1: empty layerflow block: it needs title, pattern and layers"},
		{"duplicate diagram name", "# a\n\n```dot x\ndigraph{}\n```\n\n```dot x\ndigraph{}\n```\n", `d.md:7:1: diagram name "x" is already used at d.md:3:1`},
		{"font key", "---\nfonts: {zzzzqqqq: a.ttf}\n---\n# a\n", `d.md:2:9: unknown fonts key "zzzzqqqq" (known keys: regular, bold, fallback)`},
		{"font key typo", "---\nfonts: {regulr: a.ttf}\n---\n# a\n", `d.md:2:9: unknown fonts key "regulr" (did you mean "regular"?)`},
		{"theme min-scale", "---\ntheme: {min-scale: 2}\n---\n# a\n", `d.md:2:20: theme.min-scale must be a number above 0 and at most 1, not "2"`},
		{"title must be text", "---\ntitle: [a, b]\n---\n# a\n", "d.md:2:8: title must be text, not a list"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse("d.md", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error; deck has %d slides", len(d.Slides))
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error:\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

func TestErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\n")
	for i := 0; i < 30; i++ {
		b.WriteString("k" + strings.Repeat("x", i) + ": 1\n")
	}
	b.WriteString("---\n# a\n")
	_, err := Parse("d.md", []byte(b.String()))
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != MaxErrors+1 || lines[MaxErrors] != "(10 more errors)" {
		t.Fatalf("got %d lines, last %q", len(lines), lines[len(lines)-1])
	}
	if len(err.(ErrorList)) != 30 {
		t.Fatalf("list holds %d errors, want all 30", len(err.(ErrorList)))
	}
}

func TestTooLarge(t *testing.T) {
	big := make([]byte, 50<<20)
	for i := range big {
		big[i] = 'a'
	}
	_, err := Parse("big.md", big)
	want := "big.md: file is too large (50.0 MiB; a deck may be at most 8.0 MiB)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// TestAliasBomb: a billion-laughs document is refused without expanding it.
func TestAliasBomb(t *testing.T) {
	src := "---\nkeywords: &a [x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for i := 0; i < 9; i++ {
		name := string(rune('b' + i))
		src += "k" + name + ": &" + name + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = name
	}
	src += "---\n# a\n"
	_, err := Parse("bomb.md", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "bomb.md:2:11: YAML anchors and aliases are not supported in a deck") {
		t.Fatalf("got %v", err)
	}
}

func TestSlides(t *testing.T) {
	src := "---\ntitle: 題\n" + aiStack + "layout: title\n---\n\n---\nlayout: diagram\ndiagram: ai\n---\n\n# AIの発展\n\n<!-- 一行目\n二行目 -->\n\n---\n\n# 箇条書き\n\n- 日本語の文が\n  次の行に続く\n  - 入れ子 with English\n    words\n- **太字**と*強調*と`code`と[リンク](https://example.com)\n\n```dot drivers\ndigraph { a -> b }\n```\n\n---\nlayout: two-column\n---\n# 二段\n\n左\n\n::right::\n\n右\n\n---\n"
	d, err := Parse("d.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Slides) != 4 {
		t.Fatalf("%d slides", len(d.Slides))
	}
	s := d.Slides
	if s[0].Layout != LayoutTitle || s[1].Layout != LayoutDiagram || s[1].Diagram != "ai" || s[2].Layout != LayoutBullets || s[3].Layout != LayoutTwoColumn {
		t.Errorf("layouts %s %s %s %s", s[0].Layout, s[1].Layout, s[2].Layout, s[3].Layout)
	}
	if s[1].Notes != "一行目\n二行目" || s[1].TitleText() != "AIの発展" {
		t.Errorf("slide 2: notes %q title %q", s[1].Notes, s[1].TitleText())
	}
	list := s[2].Blocks[0].(*List)
	if got := PlainText(list.Items[0].Spans); got != "日本語の文が次の行に続く" {
		t.Errorf("soft break between Japanese lines: %q", got)
	}
	nested := list.Items[0].Children[0].(*List)
	if got := PlainText(nested.Items[0].Spans); got != "入れ子 with English words" {
		t.Errorf("soft break between Latin words: %q", got)
	}
	spans := list.Items[1].Spans
	if len(spans) != 7 || !spans[0].Bold || !spans[2].Italic || !spans[4].Code || spans[6].Link != "https://example.com" {
		t.Errorf("inline styles: %+v", spans)
	}
	dot := s[2].Blocks[1].(*DOT)
	if dot.Name != "drivers" || dot.SourcePos.Line != 38 || dot.Pos.Line != 37 {
		t.Errorf("dot block %+v", dot)
	}
	if PlainText(s[3].Blocks[0].(*Paragraph).Spans) != "左" || PlainText(s[3].Right[0].(*Paragraph).Spans) != "右" {
		t.Errorf("two columns: %+v / %+v", s[3].Blocks, s[3].Right)
	}
	if d.DiagramCount() != 2 {
		t.Errorf("DiagramCount = %d", d.DiagramCount())
	}
}

// TestSeparatorInsideFence: --- in code and notes does not split a slide.
func TestSeparatorInsideFence(t *testing.T) {
	src := "# a\n\n```\n---\n```\n\n<!--\n---\n-->\n"
	d, err := Parse("d.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Slides) != 1 || d.Slides[0].Notes != "---" {
		t.Fatalf("%d slides, notes %q", len(d.Slides), d.Slides[0].Notes)
	}
}

func TestDefaultsAndTitle(t *testing.T) {
	d, err := Parse("d.md", []byte("# 最初のスライド\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Lang != "ja" || d.Aspect != "16:9" || d.Theme.Name != "default" || d.Title != "最初のスライド" {
		t.Fatalf("defaults: %+v", d)
	}
}

// TestLineEndings: CRLF and old Mac CR-only files read as lines, with the
// same slides and positions as LF files.
func TestLineEndings(t *testing.T) {
	lf := "---\ntitle: t\n---\n# 一\n\n本文\n\n---\n\n# 二\n"
	for name, src := range map[string]string{"CRLF": strings.ReplaceAll(lf, "\n", "\r\n"), "CR": strings.ReplaceAll(lf, "\n", "\r")} {
		d, err := Parse("d.md", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(d.Slides) != 2 || d.Slides[1].TitleText() != "二" || d.Slides[1].TitlePos.Line != 10 || d.Title != "t" {
			t.Errorf("%s: %d slides, %q at line %d", name, len(d.Slides), d.Slides[len(d.Slides)-1].TitleText(), d.Slides[len(d.Slides)-1].TitlePos.Line)
		}
	}
}
