package deck

import (
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *Deck {
	t.Helper()
	d, err := Parse("d.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func warningsOf(d *Deck) string {
	var out []string
	for _, w := range d.Warnings {
		out = append(out, w.Error())
	}
	return strings.Join(out, "\n")
}

func TestDetectDialect(t *testing.T) {
	tests := []struct {
		src  string
		want Dialect
	}{
		{"# a\n", DialectLayerdeck},
		{"---\ntitle: x\n---\n# a\n", DialectLayerdeck},
		{"---\nmarp: true\n---\n# a\n", DialectMarp},
		{"---\npaginate: true\n---\n# a\n", DialectMarp},
		{"---\n_class: lead\n---\n# a\n", DialectMarp},
		{"---\ntheme: gaia\n---\n# a\n", DialectMarp},
		{"# a\n\n<!-- _class: invert -->\n", DialectMarp},
		{"---\ntheme: seriph\n---\n# a\n", DialectSlidev},
		{"---\nlayout: cover\nhighlighter: shiki\n---\n# a\n", DialectSlidev},
		{"# a\n\n---\nlayout: two-cols\n---\n# b\n", DialectSlidev},
		{"# a\n\n<v-clicks>\n\n- x\n\n</v-clicks>\n", DialectSlidev},
		{"---\ntheme: seriph\nstacks:\n  ai: {title: t, pattern: progression, layers: [{id: L1, name: a}]}\n---\n# a\n", DialectLayerdeck},
	}
	for _, tc := range tests {
		if got := mustParse(t, tc.src).Dialect; got != tc.want {
			t.Errorf("%q: dialect %s, want %s", tc.src, got, tc.want)
		}
	}
}

func TestMarpDirectives(t *testing.T) {
	src := "---\nmarp: true\ntheme: gaia\npaginate: true\nfooter: '**社名**'\nbackgroundColor: #fff8e7\n---\n\n" +
		"<!-- _class: lead -->\n<!-- _paginate: false -->\n# 表紙\n\n<!-- これはノート -->\n\n---\n\n" +
		"<!--\nheader: 見出し\ncolor: navy\n-->\n# 二枚目\n\n---\n\n# 三枚目\n"
	d := mustParse(t, src)
	if len(d.Slides) != 3 {
		t.Fatalf("%d slides", len(d.Slides))
	}
	s1, s2, s3 := d.Slides[0], d.Slides[1], d.Slides[2]
	// lead is a class: the theme centres the slide (layout tests it).
	if s1.Paginate || len(s1.Class) != 1 || s1.Class[0] != "lead" || s1.Notes != "これはノート" {
		t.Errorf("slide 1: paginate %v class %v notes %q", s1.Paginate, s1.Class, s1.Notes)
	}
	if !s2.Paginate || s2.Center || s2.Notes != "" || PlainText(s2.Header) != "見出し" || s2.Color == nil || *s2.Color != (Color{0, 0, 128}) {
		t.Errorf("slide 2: %+v", s2.Look)
	}
	if !s3.Paginate || PlainText(s3.Header) != "見出し" || len(s3.Footer) != 1 || !s3.Footer[0].Bold || s3.Background == nil || *s3.Background != (Color{0xff, 0xf8, 0xe7}) {
		t.Errorf("slide 3 does not carry the directives over: %+v", s3.Look)
	}
}

func TestMarpSplitting(t *testing.T) {
	src := "---\nmarp: true\nheadingDivider: 2\n---\n\n# 一\n\n本文\n続き\n\n## 二\n\ntext\n***\n# 三\n___\n\n段落の直後\n---\n\n- - -\n\n# 四\n"
	d := mustParse(t, src)
	var titles []string
	for _, s := range d.Slides {
		titles = append(titles, s.TitleText())
	}
	// ## 二 starts a slide (headingDivider); *** and ___ split; --- right
	// under a paragraph line is a setext heading; - - - splits.
	if got := strings.Join(titles, "|"); got != "一|二|三|段落の直後|四" {
		t.Fatalf("titles %q", got)
	}
	p := d.Slides[0].Blocks[0].(*Paragraph)
	if len(p.Spans) != 2 || !p.Spans[0].Break || PlainText(p.Spans) != "本文 続き" {
		t.Errorf("a soft break is a line break in Marp: %+v", p.Spans)
	}
	if len(d.Slides[3].Blocks) != 0 {
		t.Errorf("the setext heading is the slide's title: %#v", d.Slides[3].Blocks)
	}
}

func TestMarpImages(t *testing.T) {
	d := mustParse(t, "---\nmarp: true\n---\n\n# <!-- fit --> 大きな題\n\n![bg right:40% contain](a.png)\n![bg](b.jpg)\n\n![w:300 h:100 図の説明](c.png)\n\n![sepia](d.png)\n")
	s := d.Slides[0]
	if !s.TitleFit || s.TitleText() != "大きな題" {
		t.Errorf("fit title %v %q", s.TitleFit, s.TitleText())
	}
	if len(s.Backgrounds) != 2 || s.Backgrounds[0].Split != "right" || s.Backgrounds[0].Share != 0.4 || s.Backgrounds[0].Fit != "contain" || s.Backgrounds[1].Fit != "" {
		t.Fatalf("backgrounds %+v", s.Backgrounds)
	}
	img := s.Blocks[0].(*Image)
	if img.Width != 300 || img.Height != 100 || img.Alt != "図の説明" {
		t.Errorf("sized image %+v", img)
	}
	if f := s.Blocks[1].(*Image).Filters; len(f) != 1 || f[0] != (Filter{Name: "sepia", Amount: 1}) {
		t.Errorf("sepia filter %+v", f)
	}
	if w := warningsOf(d); w != "" {
		t.Errorf("warnings:\n%s", w)
	}
}

func TestMarpImageFilters(t *testing.T) {
	d := mustParse(t, "---\nmarp: true\n---\n\n![grayscale opacity:50% blur:3px brightness:1.2 contrast:.8 invert hue-rotate:0.5turn saturate:150% 図](a.png)\n\n![bg blur sepia:2](b.png)\n\n![drop-shadow blur:3 hue-rotate:90](c.png)\n\n![drop-shadow:0,5px,10px,rgba(0,0,0,.4)](d.png)\n")
	s := d.Slides[0]
	img := s.Blocks[0].(*Image)
	want := []Filter{{"grayscale", 1, ""}, {"opacity", 0.5, ""}, {"blur", 3, ""}, {"brightness", 1.2, ""}, {"contrast", 0.8, ""}, {"invert", 1, ""}, {"hue-rotate", 180, ""}, {"saturate", 1.5, ""}}
	if !reflect.DeepEqual(img.Filters, want) || img.Alt != "図" {
		t.Errorf("filters %+v alt %q", img.Filters, img.Alt)
	}
	bg := s.Backgrounds[0].Filters
	if !reflect.DeepEqual(bg, []Filter{{"blur", 10, ""}, {"sepia", 1, ""}}) {
		t.Errorf("background filters (defaults, sepia at most 1) %+v", bg)
	}
	if f := s.Blocks[1].(*Image).Filters; len(f) != 1 || f[0].Name != "drop-shadow" || f[0].Arg != "0,5px,10px,rgba(0,0,0,.4)" {
		t.Errorf("drop-shadow %+v", f)
	}
	want2 := `d.md:9:1: image filter "drop-shadow" is not drawn: images are drawn without shadows (1 more in this deck)
d.md:9:1: image filter "blur:3" ignored: blur takes a length in pixels, such as blur:5px (1 more in this deck)`
	if w := warningsOf(d); w != want2 {
		t.Errorf("warnings:\n%s\nwant:\n%s", w, want2)
	}
}

func TestSlidevLayoutsAndSlots(t *testing.T) {
	src := "---\ntheme: seriph\nlayout: cover\ntransition: fade\n---\n\n# 表紙\n\n---\nlayout: two-cols-header\ntransition: slide\n---\n\n# 比較\n\n上の段\n\n::left::\n\n左\n\n::right::\n\n右\n\n---\nhide: true\n---\n\n# 隠す\n\n---\nlayout: image-right\nimage: ./pic.png\n---\n\n# 画像\n\n<!-- 途中のコメント -->\n\n本文\n\n<!-- 最後のノート -->\n\n---\nlayout: fact\n---\n\n# 100%\n\n---\nlayout: my-theme-layout\n---\n\n# 独自\n"
	d := mustParse(t, src)
	if len(d.Slides) != 5 {
		t.Fatalf("%d slides (hide: true leaves one out)", len(d.Slides))
	}
	want := []Layout{LayoutTitle, LayoutTwoColumn, LayoutBullets, LayoutEnd, LayoutBullets}
	for i, s := range d.Slides {
		if s.Layout != want[i] {
			t.Errorf("slide %d: layout %s, want %s", i+1, s.Layout, want[i])
		}
	}
	s2 := d.Slides[1]
	if len(s2.Top) != 1 || PlainText(s2.Blocks[0].(*Paragraph).Spans) != "左" || PlainText(s2.Right[0].(*Paragraph).Spans) != "右" {
		t.Errorf("two-cols-header slots: top %v left %v right %v", s2.Top, s2.Blocks, s2.Right)
	}
	s3 := d.Slides[2]
	if len(s3.Backgrounds) != 1 || s3.Backgrounds[0].Split != "right" || s3.Backgrounds[0].Src != "./pic.png" || s3.Notes != "最後のノート" {
		t.Errorf("image-right: %+v notes %q", s3.Backgrounds, s3.Notes)
	}
	w := warningsOf(d)
	for _, line := range []string{
		"d.md:4:1: transition ignored: a PDF has no transitions (1 more in this deck)",
		`d.md:52:9: layout "my-theme-layout" is a theme's layout that layerdeck does not know; the slide is drawn as bullets`,
	} {
		if !strings.Contains(w, line) {
			t.Errorf("warnings lack %q:\n%s", line, w)
		}
	}
}

func TestSlidevBody(t *testing.T) {
	src := "---\ntheme: seriph\n---\n\n# 目次\n\n<Toc />\n\n---\n\n# 二\n\n<v-clicks>\n\n- 一つ目 {v-click}\n- **二つ目**{.text-red}\n\n</v-clicks>\n\n<div class=\"grid\">\n<b>太字</b>と<a href=\"https://example.com\">リンク</a><br>次の行 <carbon-logo-github/>\n</div>\n\n<Tweet id=\"20\" />\n\n<style>\nh1 { color: red }\n</style>\n\n<MyWidget>中身</MyWidget>\n"
	d := mustParse(t, src)
	toc := d.Slides[0].Blocks[0].(*List)
	if len(toc.Items) != 1 || PlainText(toc.Items[0].Spans) != "二" {
		t.Errorf("<Toc/>: %+v", toc.Items)
	}
	bs := d.Slides[1].Blocks
	l := bs[0].(*List)
	if PlainText(l.Items[0].Spans) != "一つ目" || PlainText(l.Items[1].Spans) != "二つ目" {
		t.Errorf("click markers and MDC attributes: %q %q", PlainText(l.Items[0].Spans), PlainText(l.Items[1].Spans))
	}
	p := bs[1].(*Paragraph)
	if PlainText(p.Spans) != "太字とリンク 次の行" || !p.Spans[0].Bold || p.Spans[2].Link != "https://example.com" || !p.Spans[2].Break {
		t.Errorf("HTML: %+v", p.Spans)
	}
	if tw := bs[2].(*Paragraph); tw.Spans[0].Link != "https://twitter.com/i/status/20" {
		t.Errorf("tweet: %+v", tw.Spans)
	}
	if mw := bs[3].(*Paragraph); PlainText(mw.Spans) != "中身" {
		t.Errorf("component text: %+v", mw.Spans)
	}
	w := warningsOf(d)
	for _, part := range []string{"icon components such as <carbon-logo-github/> are not drawn", "<tweet> ignored", "<style> ignored", "component <MyWidget> is drawn as its text content"} {
		if !strings.Contains(w, part) {
			t.Errorf("warnings lack %q:\n%s", part, w)
		}
	}
}

func TestSlidevImport(t *testing.T) {
	files := map[string]string{
		"pages/intro.md": "---\nlayout: center\n---\n\n# 取り込み一\n\n---\n\n# 取り込み二\n",
		"pages/loop.md":  "---\nsrc: ./loop.md\n---\n",
	}
	read := func(p string) ([]byte, error) {
		if s, ok := files[strings.TrimPrefix(p, "./")]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
	src := "---\ntheme: seriph\n---\n\n# 始め\n\n---\nsrc: ./pages/intro.md\nlayout: section\n---\n\n---\n\n# 終わり\n"
	d, err := ParseFiles("d.md", []byte(src), read)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range d.Slides {
		got = append(got, s.TitleText()+":"+string(s.Layout)+":"+s.Pos.File)
	}
	if strings.Join(got, " ") != "始め:bullets:d.md 取り込み一:section:pages/intro.md 取り込み二:bullets:pages/intro.md 終わり:bullets:d.md" {
		t.Errorf("slides %v", got)
	}
	_, err = ParseFiles("d.md", []byte("---\ntheme: seriph\n---\n# a\n\n---\nsrc: pages/missing.md\n---\n"), read)
	if err == nil || err.Error() != "d.md:7:6: src: pages/missing.md: no such file" {
		t.Errorf("missing import: %v", err)
	}
	_, err = ParseFiles("d.md", []byte("---\ntheme: seriph\n---\n# a\n\n---\nsrc: /etc/passwd\n---\n"), read)
	if err == nil || err.Error() != "d.md:7:6: src: /etc/passwd: only Markdown files (.md) can be imported" {
		t.Errorf("src outside Markdown: %v", err)
	}
	d, err = ParseFiles("d.md", []byte("---\ntheme: seriph\n---\n# a\n\n---\nsrc: /pages/intro.md\n---\n"), read)
	if err != nil || len(d.Slides) != 3 || d.Slides[1].Pos.File != "pages/intro.md" {
		t.Errorf("src from the deck's root: %v", err)
	}
	_, err = ParseFiles("d.md", []byte("---\ntheme: seriph\n---\n# a\n\n---\nsrc: pages/loop.md\n---\n"), read)
	var list ErrorList
	if !errors.As(err, &list) || !strings.Contains(err.Error(), "imports nested more than 8 deep") {
		t.Errorf("import cycle: %v", err)
	}
}

func TestWarningsOnceAndStrictTypos(t *testing.T) {
	d := mustParse(t, "---\nmarp: true\nmath: katex\nmyThemeSetting: 3\n---\n\n# a\n\n<!-- _transition: fade -->\n")
	w := warningsOf(d)
	if strings.Contains(w, "math") {
		t.Errorf("math: katex is read silently, but warned about:\n%s", w)
	}
	for _, line := range []string{
		`d.md:4:1: deck key "myThemeSetting" ignored: no tool layerdeck reads knows it (a theme's or plugin's setting?)`,
	} {
		if !strings.Contains(w, line) {
			t.Errorf("warnings lack %q:\n%s", line, w)
		}
	}
	_, err := Parse("d.md", []byte("---\nmarp: true\nbackgroundColr: red\n---\n# a\n"))
	if err == nil || err.Error() != `d.md:3:1: unknown deck key "backgroundColr" (did you mean "backgroundColor"?)` {
		t.Errorf("typo in a Marp deck: %v", err)
	}
	_, err = Parse("d.md", []byte("---\ntheme: seriph\n---\n# a\n\n---\nlayuot: cover\n---\n# b\n"))
	if err == nil || err.Error() != `d.md:7:1: unknown slide key "layuot" (did you mean "layout"?)` {
		t.Errorf("typo in a Slidev deck: %v", err)
	}
}

func TestPartialDeckWithErrors(t *testing.T) {
	d, err := Parse("d.md", []byte("---\nlayuot: x\n---\n# a\n\n---\ndiagram: nope\n---\n# b\n"))
	if err == nil || d == nil || len(d.Slides) != 2 {
		t.Fatalf("deck %v, err %v", d, err)
	}
	if d.Slides[1].Diagram != "" || d.Slides[1].Layout != LayoutBullets {
		t.Errorf("a broken reference is dropped so that layout can go on: %+v", d.Slides[1])
	}
}

func TestMagicMoveShowsLastStep(t *testing.T) {
	d := mustParse(t, "---\ntheme: seriph\n---\n# a\n\n````md magic-move {lines: true}\n```ts {*|2}\nconst a = 1\n```\n\n```vue\n<script setup>\nconst b = 2\n</script>\n```\n````\n")
	c := d.Slides[0].Blocks[0].(*Code)
	if c.Lang != "vue" || c.Text != "<script setup>\nconst b = 2\n</script>\n" {
		t.Errorf("magic move: %q %q", c.Lang, c.Text)
	}
}

func TestLineSeparators(t *testing.T) {
	d := mustParse(t, "# a\n\n一行目\u2028二行目\u2029三行目\n")
	p := d.Slides[0].Blocks[0].(*Paragraph)
	if len(p.Spans) != 3 || !p.Spans[0].Break || !p.Spans[1].Break || PlainText(p.Spans) != "一行目 二行目 三行目" {
		t.Errorf("spans %+v", p.Spans)
	}
}

// TestSlidevQuoteWithoutBlockQuote: Slidev's quote layout, of the same
// name as layerdeck's, quotes the slide's own text (headings); without a
// block quote the slide is drawn centred, not an error; with one it is a
// quote slide; a layerdeck deck still needs the block quote.
func TestSlidevQuoteWithoutBlockQuote(t *testing.T) {
	d := mustParse(t, "---\ntheme: seriph\n---\n\n# 表紙\n\n---\nlayout: quote\n---\n\n# カタツムリ <br/> 休まず登れ<br/>富士の山\n## 作者, 1996 -\n\n---\nlayout: quote\n---\n\n> 引用\n")
	if d.Dialect != DialectSlidev {
		t.Fatalf("dialect %s", d.Dialect)
	}
	if got := []Layout{d.Slides[1].Layout, d.Slides[2].Layout}; got[0] != LayoutEnd || got[1] != LayoutQuote {
		t.Errorf("layouts %v, want end (centred text) and quote", got)
	}
	if _, err := Parse("d.md", []byte("# a\n\n---\nlayout: quote\n---\n\n# no quote\n")); err == nil || !strings.Contains(err.Error(), "a quote slide needs a block quote") {
		t.Errorf("a layerdeck quote slide without a block quote: %v", err)
	}
}

// TestMarpFrontMatterClass: a Marp deck's class in front matter, a string
// or a list, is a local directive: it sets every slide (as Marp draws
// it), where a layerdeck deck's class key sets the first slide.
func TestMarpFrontMatterClass(t *testing.T) {
	for _, fm := range []string{"class: invert", "class:\n  - invert\n  - lead"} {
		d := mustParse(t, "---\nmarp: true\ntheme: gaia\n"+fm+"\n---\n\n# A\n\n---\n\n# B\n")
		for i, s := range d.Slides {
			if len(s.Look.Class) == 0 || s.Look.Class[0] != "invert" {
				t.Errorf("%q: slide %d classes %v", fm, i+1, s.Look.Class)
			}
		}
	}
	d := mustParse(t, "---\nclass: invert\nstacks:\n  s:\n    title: 層\n    pattern: progression\n    layers:\n      - {id: L1, name: 基盤}\n---\n\n# A\n\n---\n\n# B\n")
	if d.Dialect != DialectLayerdeck || len(d.Slides[1].Class)+len(d.Slides[1].Look.Class) != 0 {
		t.Errorf("layerdeck deck: slide 2 classes %v %v", d.Slides[1].Class, d.Slides[1].Look.Class)
	}
}

// TestMarpDirectiveComments: a comment fenced like front matter
// (<!--- … --->) holds directives as Marp reads it; a colour written as a
// CSS declaration (black;) is read; each directive is positioned at its
// key, on its own line.
func TestMarpDirectiveComments(t *testing.T) {
	d := mustParse(t, "---\nmarp: true\nclass: invert\n---\n\n# A\n\n---\n\n<!---\n_class: title\n--->\n\n<!--\n_color: black;\n-->\n\n# B\n\n<!--\n_backgroundColor: nope\n-->\n")
	s := d.Slides[1]
	if len(s.Look.Class) != 1 || s.Look.Class[0] != "title" {
		t.Errorf("slide 2 classes %v, want [title] (the scoped class replaces invert)", s.Look.Class)
	}
	if s.Look.Color == nil || *s.Look.Color != (Color{}) {
		t.Errorf("slide 2 colour %v, want black", s.Look.Color)
	}
	if s.Notes != "" {
		t.Errorf("directive comments became notes: %q", s.Notes)
	}
	if w := warningsOf(d); !strings.HasPrefix(w, "d.md:21:1: backgroundColor \"nope\" ignored") {
		t.Errorf("warnings:\n%s", w)
	}
}
