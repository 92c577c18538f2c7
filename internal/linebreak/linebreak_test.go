package linebreak

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/layerdeck/layerdeck/fonts"

	// Accept -update, so that go test ./... -update runs in every package.
	_ "github.com/layerdeck/layerdeck/internal/golden"
)

func breaker(t testing.TB, skip float64) *Breaker {
	t.Helper()
	f, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return New(f, Options{XKanjiSkip: skip})
}

func plain(s string, size float64) []Run {
	return []Run{{Text: s, Style: Style{Size: size}}}
}

func texts(ls []Line) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Text())
	}
	return out
}

// corpus is Japanese text with every kind of character the rules touch.
var corpus = []string{
	"AIと暗号資産の階層的発展の違い：技術駆動vsトークノミクス",
	"L1の大規模言語モデルは、言語理解と生成の基盤を築いたが、論理推論や数学計算は苦手だった。",
	"L2の推論モデル（たとえばDeepSeek R1）は、その弱点を狙って認知能力を引き上げた。",
	"L3のAIエージェントは「計画」「ツール呼び出し」「ワークフロー」を統合する。",
	"パブリックチェーンは性能のボトルネックにぶつかった……そしてL2が生まれた。",
	"L2スケーリングはガス代を下げ、TPSを1,000倍以上に引き上げたと言われる。",
	"流動性の分断――それが次の問題だった。",
	"ユーザー体験の分断はさらに悪化し、エコシステムの相乗効果は失われた。",
	"「問題の移転」とは、各層が問題を解かずに次の層へ送ることだ。",
	"ちょっとしたキャッシュやシャットダウンのような小書きの仮名を含む文章。",
	"技術競争とトークノミクス、どちらが持続的な進歩を生むのだろうか？",
	"TVLとトークン価格を追いかけるプロジェクトが次々に現れた！",
	"人々、時々、代々、ここゞ、いすゞ、などの繰り返し記号も行頭に来てはいけない。",
	"価格は$3,200.50から$2,980.00へ、約6.9%下落した。",
	"https://github.com/deepseek-ai/DeepSeek-R1 を参照してください。",
	"【注意】『括弧』〈山括弧〉《二重山括弧》〔亀甲〕［角括弧］｛波括弧｝の扱い。",
	"AIは技術的な課題の解決に、暗号資産は金融商品のパッケージングに集中した。",
	"この対比は絶対的なものではないが、新しい層を評価する有用な視点になる。",
	"GPT-4o、Claude 3.5 Sonnet、Gemini 1.5 Proなどのモデルが競い合った。",
	"エージェントは、タスクを計画し、ツールを呼び出し、複雑なワークフローを実行する。",
	"ショートカット、ジャッジ、チェック、ファーストビュー、ヴィジュアル。",
	"Ethereum、Solana、Arbitrum、Optimism、Base、zkSyncなどのチェーン。",
	"第1四半期の売上は前年同期比で120％増加し、利益率は35.2％だった。",
	"「なぜだろう？」と彼は言った。「答えは簡単だ」。",
	"ええ、そうです――でも、それだけではありません……。",
	"2025年1月20日、DeepSeekはR1を公開した。",
	"一般的なMarkdownの記法（**太字**や*強調*）もそのまま書ける。",
	"ー長音で始まる語はないが、カーボンニュートラルのように語中には多い。",
	"アプリチェーンはそれぞれ単独で動き、汎用チェーンとは連携しない。",
	"Layer 1 → Layer 2 → Layer 3 と矢印でつなぐ表記も使われる。",
	"English sentences must never be split inside words, even when long.",
	"句読点、。が連続する場合、、も行頭禁則を守る。。",
}

// TestKinsokuCorpus breaks every corpus sentence at many widths and checks
// each line against the JLReq rules, and that no character is lost.
func TestKinsokuCorpus(t *testing.T) {
	br := breaker(t, 0.25)
	for _, s := range corpus {
		for width := 60.0; width <= 600; width += 10 {
			lines := br.Break(plain(s, 22), width)
			checkLines(t, s, lines, width)
		}
	}
}

func checkLines(t *testing.T, src string, lines []Line, width float64) {
	t.Helper()
	rest := src
	for i, l := range lines {
		txt := l.Text()
		if txt == "" {
			t.Errorf("%q at %.0f: empty line %d", src, width, i)
			continue
		}
		// Spaces dropped at the break before this line.
		trimmed := strings.TrimLeft(rest, " ")
		spaceBefore := len(trimmed) < len(rest)
		if !strings.HasPrefix(trimmed, txt) {
			t.Fatalf("%q at %.0f: line %d %q is not the next text (%q)", src, width, i, txt, trimmed)
		}
		rest = trimmed[len(txt):]
		first, _ := utf8.DecodeRuneInString(txt)
		last, _ := utf8.DecodeLastRuneInString(txt)
		if i > 0 && noStart(first) {
			t.Errorf("%q at %.0f: line %d starts with %q: %q", src, width, i, first, texts(lines))
		}
		if i < len(lines)-1 && noEnd(last) {
			t.Errorf("%q at %.0f: line %d ends with %q: %q", src, width, i, last, texts(lines))
		}
		if i > 0 && !spaceBefore {
			prevText := lines[i-1].Text()
			prev, _ := utf8.DecodeLastRuneInString(prevText)
			if isWordChar(prev) && isWordChar(first) {
				// Only a word wider than the whole line may be split.
				f, _ := fonts.Default()
				word := tailWord(prevText) + headWord(txt)
				if w := f.Regular.Width(word, 22); w <= width {
					t.Errorf("%q at %.0f: word %q (%.0f wide) split between lines %d and %d: %q", src, width, word, w, i-1, i, texts(lines))
				}
			}
			if prev == first && (first == '…' || first == '—' || first == '―') {
				t.Errorf("%q at %.0f: %c%c split", src, width, prev, first)
			}
		}
	}
	if strings.TrimSpace(rest) != "" {
		t.Errorf("%q at %.0f: text lost: %q", src, width, rest)
	}
}

// isWordChar reports characters of Latin words and numbers, which are
// never split (punctuation inside them, as in $3,200.50, included).
func isWordChar(r rune) bool {
	return r < 0x2000 && r != ' '
}

func tailWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !isWordChar(r) })
	return s[i+1:]
}

func headWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !isWordChar(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

func TestBreakExact(t *testing.T) {
	br := breaker(t, 0)
	f, _ := fonts.Default()
	em := 20.0
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"closing bracket pulls a character", "あいう」えお", 3 * em, []string{"あい", "う」", "えお"}},
		{"comma hangs", "あいう、えお", 3 * em, []string{"あいう、", "えお"}},
		{"small kana", "あいっぱい", 2 * em, []string{"あ", "いっ", "ぱい"}},
		{"opening bracket goes down", "あい「うえ」", 3 * em, []string{"あい", "「うえ」"}},
		{"prolonged sound mark", "あいーう", 2 * em, []string{"あ", "いー", "う"}},
		{"latin word kept whole", "あいうDeepSeekえ", 7 * em, []string{"あいう", "DeepSeekえ"}},
		{"space dropped at break", "hello world", f.Regular.Width("world", em) + 2, []string{"hello", "world"}},
		{"hard break", "あい\nうえ", 10 * em, []string{"あい", "うえ"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := texts(br.Break(plain(tc.text, em), tc.width))
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEllipsisStaysTogether(t *testing.T) {
	br := breaker(t, 0)
	for w := 20.0; w < 200; w += 5 {
		for _, l := range br.Break(plain("あいうえ……かき――くけ", 20), w) {
			txt := l.Text()
			if strings.HasPrefix(txt, "…") && !strings.HasPrefix(txt, "……") || strings.HasPrefix(txt, "―") && !strings.HasPrefix(txt, "――") {
				t.Fatalf("at %.0f: %q", w, txt)
			}
		}
	}
}

func TestXKanjiSkip(t *testing.T) {
	br := breaker(t, 0.25)
	f, _ := fonts.Default()
	size := 20.0
	lines := br.Break(plain("DeepSeek R1は推論", size), 1000)
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	l := lines[0]
	natural := f.Regular.Width("DeepSeek R1は推論", size)
	if d := l.Width - natural; d < 4.99 || d > 5.01 {
		t.Errorf("one gap of 5pt expected, got %.2f extra", d)
	}
	// The gap is position, not text.
	if l.Text() != "DeepSeek R1は推論" {
		t.Errorf("text %q", l.Text())
	}
	var ha Piece
	for _, p := range l.Pieces {
		if strings.HasPrefix(p.Text, "は") {
			ha = p
		}
	}
	if want := f.Regular.Width("DeepSeek R1", size) + 5; ha.Text == "" || ha.X < want-0.01 || ha.X > want+0.01 {
		t.Errorf("は at %.2f, want %.2f (pieces %+v)", ha.X, want, l.Pieces)
	}
	// Both sides: L2スケーリング gets a gap after 2, none inside.
	l = br.Break(plain("L2スケーリング", size), 1000)[0]
	if d := l.Width - f.Regular.Width("L2スケーリング", size); d < 4.99 || d > 5.01 {
		t.Errorf("L2スケーリング: extra %.2f", d)
	}
	// No gap next to punctuation or brackets, and none when turned off.
	l = br.Break(plain("「AI」、", size), 1000)[0]
	if d := l.Width - f.Regular.Width("「AI」、", size); d != 0 {
		t.Errorf("gap next to brackets: %.2f", d)
	}
	l = breaker(t, 0).Break(plain("DeepSeek R1は", size), 1000)[0]
	if d := l.Width - f.Regular.Width("DeepSeek R1は", size); d != 0 {
		t.Errorf("gap with xkanjiskip off: %.2f", d)
	}
	if m := br.Measure(plain("AIエージェント", size)); m != f.Regular.Width("AIエージェント", size)+5 {
		t.Errorf("Measure %.2f", m)
	}
}

func TestStyledPieces(t *testing.T) {
	br := breaker(t, 0)
	runs := []Run{
		{Text: "太字", Style: Style{Bold: true, Size: 20, Tag: 1}},
		{Text: "と普通", Style: Style{Size: 20, Tag: 2}},
	}
	l := br.Break(runs, 1000)[0]
	if len(l.Pieces) != 2 || l.Pieces[0].Text != "太字" || !l.Pieces[0].Style.Bold || l.Pieces[1].Style.Tag != 2 {
		t.Fatalf("pieces %+v", l.Pieces)
	}
	if l.Pieces[1].X != l.Pieces[0].Width {
		t.Errorf("second piece at %.2f, first is %.2f wide", l.Pieces[1].X, l.Pieces[0].Width)
	}
	if got := br.Break([]Run{{Text: "あ", Style: Style{Size: 20}, Break: true}, {Text: "い", Style: Style{Size: 20}}}, 1000); len(got) != 2 {
		t.Errorf("Run.Break gave %d lines", len(got))
	}
}

func TestNoLoneLastCharacter(t *testing.T) {
	br := breaker(t, 0)
	text := "技術駆動とトークノミクスの違い"
	for w := 100.0; w < 320; w += 3 {
		lines := br.Break(plain(text, 20), w)
		if n := len(lines); n > 1 && utf8.RuneCountInString(lines[n-1].Text()) == 1 {
			t.Errorf("at %.0f the last line is one character: %q", w, texts(lines))
		}
	}
}

func TestBalance(t *testing.T) {
	br := breaker(t, 0)
	text := "AIと暗号資産の階層的発展の違い：技術駆動vsトークノミクス"
	lines := br.Balance(plain(text, 30), 600)
	greedy := br.Break(plain(text, 30), 600)
	if len(lines) != len(greedy) {
		t.Fatalf("balance changed the line count: %d vs %d", len(lines), len(greedy))
	}
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	if d := lines[0].Width - lines[1].Width; d > 60 || d < -60 {
		t.Errorf("unbalanced: %.0f and %.0f: %q", lines[0].Width, lines[1].Width, texts(lines))
	}
}

func TestOddInput(t *testing.T) {
	br := breaker(t, 0.25)
	for _, w := range []float64{-5, 0, 1} {
		lines := br.Break(plain("あいう", 20), w)
		if len(lines) != 3 {
			t.Errorf("width %.0f: %q", w, texts(lines))
		}
	}
	if got := br.Break(nil, 100); len(got) != 0 {
		t.Errorf("empty input: %q", texts(got))
	}
	if got := br.Break(plain("a\xffb", 20), 100); len(got) != 1 || got[0].Text() != "a\uFFFDb" {
		t.Errorf("invalid UTF-8: %q", texts(got))
	}
}

func FuzzBreak(f *testing.F) {
	for _, s := range corpus[:8] {
		f.Add(s, 120.0)
	}
	f.Add("", 0.0)
	f.Add("a b  c\n\nd", -3.0)
	br := breaker(f, 0.25)
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if width != width || width > 1e6 || width < -1e6 {
			return
		}
		s = strings.ToValidUTF8(s, "\uFFFD")
		lines := br.Break(plain(s, 20), width)
		var got strings.Builder
		for _, l := range lines {
			got.WriteString(l.Text())
		}
		strip := func(x string) string {
			return strings.Map(func(r rune) rune {
				if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
					return -1
				}
				return r
			}, x)
		}
		if strip(got.String()) != strip(s) {
			t.Fatalf("lost text: %q → %q", s, got.String())
		}
	})
}

func BenchmarkBreak(b *testing.B) {
	br := breaker(b, 0.25)
	text := strings.Join(corpus[:6], "")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		br.Break(plain(text, 22), 800)
	}
}

// TestObjects checks inline objects (formulas): one unbreakable piece of
// their width, the Japanese–Latin gap beside Japanese, breaks around them
// but not before closing punctuation.
func TestObjects(t *testing.T) {
	b := breaker(t, 0.25)
	runs := []Run{
		{Text: "速度は", Style: Style{Size: 10}},
		{Text: Object, Style: Style{Size: 10, Tag: 7}, Box: 42},
		{Text: "、つまり", Style: Style{Size: 10}},
	}
	ls := b.Break(runs, 1000)
	if len(ls) != 1 || len(ls[0].Pieces) != 3 {
		t.Fatalf("lines %+v, want one line of three pieces", ls)
	}
	obj := ls[0].Pieces[1]
	at := b.Measure(runs[:1]) + 2.5
	if obj.Text != Object || math.Abs(obj.Width-42) > 1e-9 || obj.Style.Tag != 7 || math.Abs(obj.X-at) > 1e-9 {
		t.Errorf("object piece %+v, want %q 42 wide at %.2f (after the text and the gap)", obj, Object, at)
	}
	if p := ls[0].Pieces[2]; math.Abs(p.X-(obj.X+42)) > 1e-9 {
		t.Errorf("text after the object at %.1f, want %.1f (no gap before 、)", p.X, obj.X+42)
	}
	if w := b.Measure(runs); w != ls[0].Width {
		t.Errorf("Measure %.1f, want the line's width %.1f", w, ls[0].Width)
	}
	// Too narrow: the line breaks before the object, never inside it or
	// before the 、 after it.
	ls = b.Break(runs, 60)
	got := texts(ls)
	if len(got) < 2 || got[0] != "速度は" || !strings.HasPrefix(got[1], Object+"、") {
		t.Errorf("narrow lines %q, want [速度は ￼、つまり…]", got)
	}
}
