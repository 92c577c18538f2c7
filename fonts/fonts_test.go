package fonts

import (
	"errors"
	"math"
	"testing"

	// Accept -update, so that go test ./... -update runs in every package.
	_ "github.com/layerdeck/layerdeck/internal/golden"
)

func TestDefaultMetrics(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Default()
	if again != s {
		t.Fatal("Default parsed the fonts twice")
	}
	r := s.Regular
	// The width Graphviz gets wrong: 111 pt at 14 pt, not its 84 pt estimate.
	if w := r.Width("大規模言語モデル", 14); math.Abs(w-110.88) > 0.01 {
		t.Errorf("width of 大規模言語モデル at 14pt = %.2f, want 110.88", w)
	}
	if w := r.Advance('あ', 10); w <= 5 || w > 10 {
		t.Errorf("advance of あ at 10pt = %.2f", w)
	}
	if r.Width("iiii", 10) >= r.Width("MMMM", 10) {
		t.Error("Latin is not proportional")
	}
	if a, d := r.Ascent(10), r.Descent(10); a < 7 || a > 10 || d < 0.5 || d > 3 {
		t.Errorf("ascent %.2f descent %.2f at 10pt", a, d)
	}
	if s.Bold.Width("推論モデル", 20) <= 0 || s.Face(true) != s.Bold || s.Face(false) != s.Regular {
		t.Error("bold face")
	}
}

func TestCoverage(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "AIと暗号資産の階層的発展の違い：技術駆動vsトークノミクス「」、。ー…—々ゃ①" {
		if !s.Regular.Has(r) || !s.Bold.Has(r) {
			t.Errorf("missing %q (U+%04X)", r, r)
		}
	}
	got := s.Regular.Missing("a😀b😀\U000E0100")
	if len(got) != 2 || got[0] != '😀' {
		t.Errorf("Missing = %q", got)
	}
	if !s.Regular.Has('\n') {
		t.Error("control characters count as present")
	}
}

func TestParseRejects(t *testing.T) {
	if _, err := Parse("x.otf", []byte("OTTO\x00\x00\x00\x00")); !errors.Is(err, ErrNotTrueType) {
		t.Errorf("CFF font: %v", err)
	}
	if _, err := Parse("x.ttf", []byte("not a font at all")); err == nil {
		t.Error("garbage parsed as a font")
	}
	if _, err := Parse("empty", nil); err == nil {
		t.Error("empty data parsed as a font")
	}
}

func BenchmarkWidth(b *testing.B) {
	s, _ := Default()
	for i := 0; i < b.N; i++ {
		s.Regular.Width("AIエージェントは自律的な計画・ツール呼び出し・複雑なワークフローを実行する", 22)
	}
}

// TestMono: code's faces are fixed-pitch: every Latin character is half
// an em, Japanese full-width characters a whole em, in both weights.
func TestMono(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*Face{s.FaceFor(false, true), s.FaceFor(true, true)} {
		for _, tc := range []struct {
			text string
			em   float64
		}{
			{"iiiiiiiiii", 5}, {"MMMMMMMMMM", 5}, {"func main() {}", 7}, {"\t", 0}, {"日本語のコード", 7}, {"ｱｲｳ", 1.5},
		} {
			if w := f.Width(tc.text, 10); math.Abs(w-tc.em*10) > 0.001 && tc.text != "\t" {
				t.Errorf("%s: width of %q = %.2f pt at 10 pt, want %.2f", f.Name(), tc.text, w, tc.em*10)
			}
		}
	}
	if s.FaceFor(false, false) != s.Regular || s.FaceFor(true, false) != s.Bold {
		t.Error("FaceFor without mono is the proportional pair")
	}
	if (&Set{Regular: s.Regular, Bold: s.Bold}).FaceFor(true, true) != s.Bold {
		t.Error("a set without mono faces falls back to the proportional ones")
	}
}

// TestMeasuredOnFirstUse: characters are measured when first asked for,
// from many goroutines at once (go test -race), and each measure is what
// the font's own tables say, the same on every call.
func TestMeasuredOnFirstUse(t *testing.T) {
	f, err := Parse("regular", regularTTF)
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := Parse("reference", regularTTF)
	text := []rune("AIと暗号資産の階層的発展の違い：技術駆動vsトークノミクス 問題の移転 iiiiMMMM\u0378\uFFFF")
	done := make(chan [2][]float64, 8)
	for range 8 {
		go func() {
			var got [2][]float64
			for _, r := range text {
				got[0] = append(got[0], f.Advance(r, 10))
				if f.Has(r) {
					got[1] = append(got[1], 1)
				} else {
					got[1] = append(got[1], 0)
				}
			}
			done <- got
		}()
	}
	for range 8 {
		got := <-done
		for i, r := range text {
			want := 5.0 // a missing character measures as half an em
			if w := ref.lookup(r); w >= 0 {
				want = float64(w) / 100
			}
			if got[0][i] != want {
				t.Errorf("%U: advance %.2f, the font's table says %.2f", r, got[0][i], want)
			}
			if has := ref.lookup(r) >= 0 || r < 0x20; has != (got[1][i] == 1) {
				t.Errorf("%U: Has %v", r, !has)
			}
		}
	}
}

// TestEmboldened: bold text is emboldened by the renderers only where it
// has no bold face of its own: a set whose bold is its regular file, and
// fallback faces; never regular text, never the embedded faces.
func TestEmboldened(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	one := &Set{Regular: def.Regular, Bold: def.Regular, Mono: def.Mono, MonoBold: def.Mono}
	for _, tc := range []struct {
		s                *Set
		bold, mono, want bool
		fallback         int
	}{
		{def, true, false, false, 0},
		{def, true, true, false, 0},
		{def, false, false, false, 1},
		{def, true, false, true, 1},
		{one, true, false, true, 0},
		{one, true, true, true, 0},
		{one, false, false, false, 0},
	} {
		if got := tc.s.Emboldened(tc.bold, tc.mono, tc.fallback); got != tc.want {
			t.Errorf("one font %v, bold %v, mono %v, fallback %d: %v", tc.s == one, tc.bold, tc.mono, tc.fallback, got)
		}
	}
	if w := EmboldenWidth(36); w != 1 {
		t.Errorf("stroke at 36 pt: %v", w)
	}
}
