package linebreak

import (
	"strings"
	"testing"
)

// TestJustify: every line but the last ends flush at the width; Latin
// words are never letter-spaced; the text is unchanged.
func TestJustify(t *testing.T) {
	b := breaker(t, 0.25)
	text := "L1のLLMは大量のテキストから言語のパターンを学びましたが、論理推論と数学計算が苦手でした。L2の推論モデルは思考の連鎖でこれを補い、数学の問題も段階的に解けるようになりました。GPT-4o は 2025 年に大きく進歩した。"
	st := Style{Size: 22}
	for _, width := range []float64{300, 420, 555, 700} {
		lines := b.Justify([]Run{{Text: text, Style: st}}, width)
		var got strings.Builder
		for k, l := range lines {
			got.WriteString(l.Text())
			last := l.Pieces[len(l.Pieces)-1]
			end := last.X + last.Width
			if k < len(lines)-1 && !hangs([]rune(last.Text)[len([]rune(last.Text))-1]) && (end < width-0.01 || end > width+0.01) {
				t.Errorf("width %.0f, line %d ends at %.2f: %q", width, k+1, end, l.Text())
			}
			for _, pc := range l.Pieces {
				rs := []rune(pc.Text)
				for i := 1; i < len(rs) && pc.Spacing > 0; i++ {
					if isLatin(rs[i-1]) && isLatin(rs[i]) {
						t.Errorf("Latin letters %q spaced apart by %.2f in %q", string(rs[i-1:i+1]), pc.Spacing, pc.Text)
					}
				}
			}
		}
		if strings.ReplaceAll(got.String(), " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Errorf("text changed: %q", got.String())
		}
		if l := lines[len(lines)-1]; l.Pieces[0].Spacing > 0 {
			t.Errorf("the last line is spaced: %q", l.Text())
		}
	}
}

// TestNoLonePunctuatedLast: a last line of one character and 。 does not
// stand alone: a second character comes down with it.
func TestNoLonePunctuatedLast(t *testing.T) {
	b := breaker(t, 0.25)
	st := Style{Size: 20}
	text := "これは一行に収まりきらない長さの文で最後はだ。"
	for w := 150.0; w < 470; w += 3 {
		lines := b.Break([]Run{{Text: text, Style: st}}, w)
		last := []rune(lines[len(lines)-1].Text())
		if len(lines) > 1 && len(last) <= 2 && (len(last) == 1 || last[1] == '。') {
			t.Fatalf("at %.0f the last line is %q", w, string(last))
		}
	}
}

// TestOikomi: before a character is pushed down, a justified line takes
// it by squeezing the space of its punctuation, at most a quarter em; no
// line then runs past the width.
func TestOikomi(t *testing.T) {
	b := breaker(t, 0.25)
	text := "今日は、とても「良い」天気です。明日も、晴れるでしょう。散歩に行き、公園で本を読みました。"
	st := Style{Size: 20}
	squeezed := 0
	for w := 120.0; w < 500; w += 1 {
		plain := b.Break([]Run{{Text: text, Style: st}}, w)
		just := b.Justify([]Run{{Text: text, Style: st}}, w)
		var got strings.Builder
		for k, l := range just {
			got.WriteString(l.Text())
			last := l.Pieces[len(l.Pieces)-1]
			lr := []rune(last.Text)
			if end := last.X + last.Width; end > w+0.01 && !(k == len(just)-1) && !hangs(lr[len(lr)-1]) {
				t.Fatalf("width %.0f: line %q ends at %.2f", w, l.Text(), end)
			}
		}
		if got.String() != text {
			t.Fatalf("width %.0f: text changed: %q", w, got.String())
		}
		if len(plain[0].Text()) < len(just[0].Text()) {
			squeezed++
		}
	}
	if squeezed == 0 {
		t.Error("no width squeezed a line to keep a character")
	}
	t.Logf("%d widths kept a character on the first line by squeezing", squeezed)
}
