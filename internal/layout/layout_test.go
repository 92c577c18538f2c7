package layout

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/diagrams"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/golden"
	"github.com/layerdeck/layerdeck/internal/theme"
)

type fixture struct {
	fonts *fonts.Set
	eng   *diagrams.Engine
}

func setup(t testing.TB) fixture {
	t.Helper()
	f, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := diagrams.NewEngine(diagrams.Options{Fonts: f, Theme: theme.Default(), Lang: "ja"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return fixture{fonts: f, eng: e}
}

func (fx fixture) layout(t testing.TB, d *deck.Deck) *Result {
	t.Helper()
	res, err := Layout(context.Background(), d, Options{Fonts: fx.fonts, Diagrams: fx.eng})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func parse(t testing.TB, src string) *deck.Deck {
	t.Helper()
	d, err := deck.Parse("t.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func essay(t testing.TB) *deck.Deck {
	t.Helper()
	d, err := deck.Parse("essay.md", assets.Essay)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestEssayDisplayList goldens the display list of the built-in deck and
// checks that it lays out without findings.
func TestEssayDisplayList(t *testing.T) {
	fx := setup(t)
	res := fx.layout(t, essay(t))
	for _, f := range res.Findings {
		t.Errorf("finding: %s", f)
	}
	if res.Diagrams != 4 {
		t.Errorf("%d diagrams drawn, want 4", res.Diagrams)
	}
	b, err := json.MarshalIndent(res.Doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/essay.json", append(b, '\n'))
}

// TestNoLoss: the text drawn on every slide is its source text, character
// for character, white space aside; decorations (footer, numbers) are
// marked as artifacts and left out.
func TestNoLoss(t *testing.T) {
	fx := setup(t)
	d := essay(t)
	res := fx.layout(t, d)
	for i, s := range d.Slides {
		want := squeeze(fx.expected(t, d, s))
		got := squeeze(drawn(res.Doc.Pages[i]))
		if got != want {
			t.Errorf("slide %d:\n drawn: %s\nsource: %s", s.Number, got, want)
		}
	}
}

func drawn(p *display.Page) string {
	var b strings.Builder
	for _, it := range p.Items {
		if it.Text != nil && !it.Text.Artifact {
			b.WriteString(it.Text.Text)
		}
	}
	return b.String()
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// expected is a slide's source text in the order layout draws it.
func (fx fixture) expected(t *testing.T, d *deck.Deck, s *deck.Slide) string {
	var b strings.Builder
	diagram := func(src diagrams.Source) {
		g, err := fx.eng.Layout(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range g.Draw(0, 0, 1) {
			if it.Text != nil {
				b.WriteString(it.Text.Text)
			}
		}
	}
	var blocks func(bs []deck.Block)
	blocks = func(bs []deck.Block) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case *deck.Paragraph:
				b.WriteString(deck.PlainText(bl.Spans))
			case *deck.Heading:
				b.WriteString(deck.PlainText(bl.Spans))
			case *deck.List:
				for _, it := range bl.Items {
					b.WriteString(deck.PlainText(it.Spans))
					blocks(it.Children)
				}
			case *deck.Table:
				for _, c := range bl.Header {
					b.WriteString(deck.PlainText(c))
				}
				for _, r := range bl.Rows {
					for _, c := range r {
						b.WriteString(deck.PlainText(c))
					}
				}
			case *deck.Quote:
				blocks(bl.Blocks)
			case *deck.Code:
				b.WriteString(bl.Text)
			case *deck.DOT:
				diagram(diagrams.Source{Name: bl.Name, DOT: bl, Pos: bl.Pos})
			case *deck.LayerFlow:
				diagram(diagrams.Source{Name: bl.Stack.ID, Stack: bl.Stack, Pos: bl.Pos})
			}
		}
	}
	switch s.Layout {
	case deck.LayoutTitle:
		b.WriteString(d.Title + d.Subtitle + d.Author + d.Date)
		return b.String()
	case deck.LayoutQuote, deck.LayoutEnd, deck.LayoutSection:
	default:
	}
	b.WriteString(s.TitleText())
	if s.Diagram != "" {
		diagram(diagrams.Source{Name: s.Diagram, Stack: d.Stack(s.Diagram), Pos: s.DiagramPos})
	}
	if len(s.Compare) == 2 {
		diagram(diagrams.Source{Name: diagrams.CompareName(d, s.Compare), Pair: [2]*deck.Stack{d.Stack(s.Compare[0]), d.Stack(s.Compare[1])}, Pos: s.ComparePos})
	}
	blocks(s.Blocks)
	blocks(s.Right)
	return b.String()
}

// TestOverflow: content that cannot fit is reported with its position and
// is not shrunk below the theme's floor: it is cut off at the bottom
// margin, visibly, and reported.
func TestOverflow(t *testing.T) {
	fx := setup(t)
	var src strings.Builder
	src.WriteString("# 長すぎるスライド\n\n")
	for i := 0; i < 40; i++ {
		src.WriteString("- これは一枚のスライドには収まらない長さの箇条書きの項目です\n")
	}
	d := parse(t, src.String())
	res := fx.layout(t, d)
	if len(res.Findings) != 1 {
		t.Fatalf("findings: %v", res.Findings)
	}
	f := res.Findings[0]
	if f.Error || f.Slide != 1 || f.Pos.Line != 1 || !strings.HasPrefix(f.Msg, "content overflows the slide by ") || !strings.Contains(f.Msg, "even at 70% size") || !strings.Contains(f.Msg, "cut off") {
		t.Errorf("finding: %s", f)
	}
	p := res.Doc.Pages[0]
	var group *display.Group
	mark := false
	for _, it := range p.Items {
		if it.Group != nil && it.Group.Clip != nil {
			group = it.Group
		}
		if it.Path != nil && len(it.Path.Stroke.Dash) > 0 && it.Path.Stroke.Color == theme.Default().Warning {
			mark = true
		}
	}
	if group == nil || !mark {
		t.Fatalf("no clip group (%v) or no cut mark (%v)", group != nil, mark)
	}
	bottom := group.Clip.Y + group.Clip.H
	if bottom > p.Height-theme.Default().MarginBottom+0.5 {
		t.Errorf("the cut at %.0f reaches into the footer", bottom)
	}
	for _, it := range group.Items {
		if it.Text != nil && it.Text.Size < theme.Default().SmallSize*0.7-0.01 && it.Text.Size < theme.Default().BodySize*0.7-0.01 {
			t.Fatalf("text %q at %.1f pt, below the floor", it.Text.Text, it.Text.Size)
		}
	}
}

// TestShrinkToFit: a slide slightly too full shrinks without a finding.
func TestShrinkToFit(t *testing.T) {
	fx := setup(t)
	var src strings.Builder
	src.WriteString("# 少し多い\n\n")
	for i := 0; i < 9; i++ {
		src.WriteString("- 箇条書きの項目\n")
	}
	res := fx.layout(t, parse(t, src.String()))
	if len(res.Findings) != 0 {
		t.Fatalf("findings: %v", res.Findings)
	}
	small := 100.0
	for _, it := range res.Doc.Pages[0].Items {
		if it.Text != nil && !it.Text.Artifact && it.Text.Size < small {
			small = it.Text.Size
		}
	}
	if small >= theme.Default().BodySize || small < theme.Default().BodySize*0.7 {
		t.Errorf("body text at %.1f pt", small)
	}
}

func TestMissingGlyph(t *testing.T) {
	fx := setup(t)
	res := fx.layout(t, parse(t, "# 文字\n\n笑顔𓀀です\n"))
	if len(res.Findings) != 1 {
		t.Fatalf("findings: %v", res.Findings)
	}
	// At its own column: 笑顔 is 6 bytes (columns are bytes, as go/token counts).
	want := `t.md:3:7: slide 1: character '𓀀' (U+13000) is not in the font BIZUDPGothic-Regular; it is drawn as an empty box`
	if got := res.Findings[0].String(); got != want || res.Findings[0].Error {
		t.Errorf("got  %s (error %v)\nwant %s, a warning", got, res.Findings[0].Error, want)
	}
	// The character is a visible box, never a glyph the font lacks.
	var text string
	boxes := 0
	for _, it := range res.Doc.Pages[0].Items {
		if it.Text != nil {
			text += it.Text.Text
		}
		if it.Rect != nil && it.Rect.Fill.None {
			boxes++
		}
	}
	if strings.Contains(text, "𓀀") || !strings.Contains(text, "笑顔") || !strings.Contains(text, "です") || boxes != 1 {
		t.Errorf("text %q, %d boxes", text, boxes)
	}
}

// TestMissingGlyphPositions: each missing character is reported at its
// own line and column, in titles, list items, table cells, paragraphs and
// stacks.
func TestMissingGlyphPositions(t *testing.T) {
	fx := setup(t)
	src := "---\nstacks:\n  s:\n    title: 層\n    pattern: progression\n    layers:\n      - {id: L1, name: 基盤𓀁}\n---\n\n# 題𓀀\n\n- 一\n- 二 𓀂 と 𓀃\n\n| a | b |\n|---|---|\n| x | y𓀄 |\n\nここに と 𓀅\n\n---\n\n# 二\n\n段落 𓀀\n\n---\nlayout: diagram\ndiagram: s\n---\n\n# 図\n"
	res := fx.layout(t, parse(t, src))
	var got []string
	for _, f := range res.Findings {
		if strings.Contains(f.Msg, "character") {
			got = append(got, f.Pos.String()+" "+f.Msg[:strings.Index(f.Msg, ")")+1])
		}
	}
	want := []string{
		"t.md:10:6 character '𓀀' (U+13000)",
		"t.md:13:7 character '𓀂' (U+13002)",
		"t.md:13:16 character '𓀃' (U+13003)",
		"t.md:17:8 character '𓀄' (U+13004)",
		"t.md:19:15 character '𓀅' (U+13005)",
		"t.md:25:8 character '𓀀' (U+13000)",
		"t.md:7:30 character '𓀁' (U+13001)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEmoji: emoji sequences are drawn in colour, one em square on the
// line, as groups that give their characters back; no warning.
func TestEmoji(t *testing.T) {
	fx := setup(t)
	res := fx.layout(t, parse(t, "# 絵文字 🎉\n\n笑顔😀です 👍🏽 👨‍👩‍👧 🇯🇵 1️⃣\n"))
	if len(res.Findings) != 0 {
		t.Fatalf("findings: %v", res.Findings)
	}
	var got []string
	var text string
	for _, it := range res.Doc.Pages[0].Items {
		if it.Text != nil {
			text += it.Text.Text
		}
		if g := it.Group; g != nil && g.ActualText != "" {
			got = append(got, g.ActualText)
			if len(g.Items) == 0 || g.Items[0].Path == nil {
				t.Errorf("%s: no vectors", g.ActualText)
			}
		}
	}
	// The footer repeats the title's.
	want := []string{"🎉", "😀", "👍🏽", "👨‍👩‍👧", "🇯🇵", "1️⃣", "🎉"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("emoji drawn: %q, want %q", got, want)
	}
	if strings.ContainsAny(text, "😀🎉") || !strings.Contains(text, "笑顔") {
		t.Errorf("text %q", text)
	}
}

func TestOutlineLevels(t *testing.T) {
	fx := setup(t)
	res := fx.layout(t, essay(t))
	var got []string
	for _, p := range res.Doc.Pages {
		got = append(got, strings.Repeat("  ", p.BookmarkLevel)+p.Bookmark)
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{"AIと暗号資産の階層的発展の違い\n", "AI：各層が課題を解く\n  AIの階層的発展\n  L1とL2：弱点を狙い撃つ\n  L3：AIエージェント\n暗号資産：各層が課題を移す\n", "  問題を解くのか、問題を移すのか。\n"} {
		if !strings.Contains(joined, want) {
			t.Errorf("outline:\n%s\nlacks:\n%s", joined, want)
		}
	}
}

func TestNotes(t *testing.T) {
	fx := setup(t)
	d := essay(t)
	res := fx.layout(t, d)
	notes := Notes(res.Doc, d, Options{Fonts: fx.fonts})
	if len(notes.Pages) < len(d.Slides) {
		t.Fatalf("%d notes pages for %d slides", len(notes.Pages), len(d.Slides))
	}
	all := ""
	for _, p := range notes.Pages {
		if p.Width > p.Height {
			t.Fatal("notes pages are not portrait")
		}
		all += drawn(p)
	}
	for _, s := range d.Slides {
		if !strings.Contains(squeeze(all), squeeze(s.Notes)) {
			t.Errorf("notes of slide %d missing", s.Number)
		}
	}
}

func BenchmarkLayoutEssay(b *testing.B) {
	fx := setup(b)
	d := essay(b)
	fx.layout(b, d) // warm the diagram cache
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fx.layout(b, d)
	}
}

// TestDiagramErrorIsReported: a DOT syntax error becomes an error finding
// at the DOT line, even though fit lays the slide out several times.
func TestDiagramErrorIsReported(t *testing.T) {
	fx := setup(t)
	res := fx.layout(t, parse(t, "---\nlayout: diagram\n---\n# 図\n\n```dot\ndigraph {\n  a -> ;\n}\n```\n"))
	if len(res.Findings) != 1 || !res.Findings[0].Error || res.Findings[0].String() != "t.md:8:8: slide 1: DOT syntax error near ';'" {
		t.Fatalf("findings: %v", res.Findings)
	}
}

// TestTitleLikeLayoutsDrawEveryBlock: title, section, end and quote slides
// draw lists, tables and their titles too, never dropping a block.
func TestTitleLikeLayoutsDrawEveryBlock(t *testing.T) {
	fx := setup(t)
	src := "---\nlayout: title\n---\n# 表紙\n\n副題\n\n- 表紙の箇条書き\n\n---\nlayout: section\n---\n# 章\n\n- 章の箇条書き\n\n" +
		"---\nlayout: end\n---\n# おわり\n\n| 表 | 値 |\n|---|---|\n| 終わりの表 | 1 |\n\n---\nlayout: quote\n---\n# 引用の題\n\n> 引用文\n\n- 引用の後の箇条書き\n"
	res := fx.layout(t, parse(t, src))
	for _, f := range res.Findings {
		t.Errorf("finding: %s", f)
	}
	for i, want := range [][]string{{"表紙", "副題", "表紙の箇条書き"}, {"章", "章の箇条書き"}, {"おわり", "終わりの表"}, {"引用の題", "引用文", "引用の後の箇条書き"}} {
		var text strings.Builder
		for _, it := range res.Doc.Pages[i].Items {
			if it.Text != nil {
				text.WriteString(it.Text.Text)
			}
		}
		for _, w := range want {
			if !strings.Contains(text.String(), w) {
				t.Errorf("slide %d lacks %q: %s", i+1, w, text.String())
			}
		}
	}
}
