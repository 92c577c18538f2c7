package deck

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMath(t *testing.T) {
	src := "# 数式\n\n" +
		"速度 $v = \\frac{d}{t}$ と $5 and $10 と \\$3 と $x$5 と $ a $。\n\n" +
		"$$\n\\sum_{i=1}^n i % a $k$ comment\n= \\frac{n(n+1)}{2}\n$$\n\n" +
		"前 $$E=mc^2$$ 後\n\n" +
		"> $$\\int_0^1 x\\,dx$$\n\n" +
		"$$ a $$\n```tex\n$x$\n```\n\n" +
		"- 項目 $\\alpha_1 * \\beta_2 * \\gamma$\n" +
		"- `$x$` はコード\n"
	d := mustParse(t, src)
	got, _ := json.Marshal(d.Slides[0].Blocks)
	want := `[{"kind":"paragraph","spans":[{"text":"速度 "},{"text":"v = \\frac{d}{t}","math":true},{"text":" と $5 and $10 と $3 と $x$5 と $ a $。"}],"pos":{"file":"d.md","line":3,"col":1}},` +
		`{"kind":"math","tex":"\n\\sum_{i=1}^n i % a $k$ comment\n= \\frac{n(n+1)}{2}\n","pos":{"file":"d.md","line":5,"col":1}},` +
		`{"kind":"paragraph","spans":[{"text":"前"}],"pos":{"file":"d.md","line":10,"col":1}},` +
		`{"kind":"math","tex":"E=mc^2","pos":{"file":"d.md","line":10,"col":7}},` +
		`{"kind":"paragraph","spans":[{"text":"後"}],"pos":{"file":"d.md","line":10,"col":15}},` +
		`{"kind":"quote","blocks":[{"kind":"math","tex":"\\int_0^1 x\\,dx","pos":{"file":"d.md","line":12,"col":3}}],"pos":{"file":"d.md","line":12,"col":1}},` +
		`{"kind":"math","tex":" a ","pos":{"file":"d.md","line":14,"col":1}},{"kind":"code","lang":"tex","text":"$x$\n","pos":{"file":"d.md","line":15,"col":1}},{"kind":"list","items":[{"spans":[{"text":"項目 "},{"text":"\\alpha_1 * \\beta_2 * \\gamma","math":true}],"pos":{"file":"d.md","line":19,"col":1}},{"spans":[{"text":"$x$","code":true},{"text":" はコード"}],"pos":{"file":"d.md","line":20,"col":1}}],"pos":{"file":"d.md","line":19,"col":1}}]`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestMathErrors(t *testing.T) {
	src := "# 数式\n\n" +
		"本文 $x + \\foo$ と\n\n" +
		"$$\n\\begin{aligned}\na &= \\bar{b \\\\\n\\end{aligned}\n$$\n\n" +
		"$$\n\\frac{a}{b}\n"
	_, err := Parse("d.md", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		`d.md:3:13: unknown math command \foo`,
		`d.md:7:10: unclosed {`,
		`d.md:11:1: unterminated $$ formula: no closing $$`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}
