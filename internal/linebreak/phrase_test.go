package linebreak

import (
	"os"
	"strings"
	"testing"
)

// TestTitlesBreakBetweenPhrases balances each real talk title of
// testdata/titles.txt at every width from its natural width down to its
// widest phrase, and checks that no line breaks inside a phrase.
func TestTitlesBreakBetweenPhrases(t *testing.T) {
	data, err := os.ReadFile("testdata/titles.txt")
	if err != nil {
		t.Fatal(err)
	}
	b := breaker(t, 0.25)
	titles, widths, bad := 0, 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		titles++
		phrases := strings.Split(line, "|")
		text := strings.Join(phrases, "")
		allowed := map[int]bool{} // rune offsets where a line may start
		off := 0
		for _, ph := range phrases[:len(phrases)-1] {
			off += len([]rune(ph))
			allowed[off] = true
		}
		for i, r := range []rune(text) {
			if r == ' ' {
				allowed[i+1] = true
			}
		}
		st := Style{Size: 40, Bold: true}
		runs := []Run{{Text: text, Style: st}}
		// Widths go down to the widest phrase the breaker finds: below it
		// some phrase must be split, and the test would only measure
		// where. What it checks is that every phrase boundary the breaker
		// uses is one a reader would accept.
		widest := 0.0
		pr := b.prepareWith(runs, true)
		from := 0
		for i := 1; i <= len(pr.gs); i++ {
			if i == len(pr.gs) || pr.gs[i].breakBefore && !pr.gs[i].inPhrase || isSpace(pr.gs[i].r) {
				var word []rune
				for _, g := range pr.gs[from:i] {
					if !isSpace(g.r) {
						word = append(word, g.r)
					}
				}
				widest = max(widest, b.Measure([]Run{{Text: string(word), Style: st}}))
				from = i
			}
		}
		full := b.Measure(runs)
		for w := full; w >= widest+1; w -= 7 {
			widths++
			lines := b.Balance(runs, w)
			pos := 0
			var cuts []string
			ok := true
			for k, l := range lines {
				if k > 0 && !allowed[pos] {
					ok = false
				}
				n := len([]rune(l.Text()))
				cuts = append(cuts, l.Text())
				pos += n
				for pos < len([]rune(text)) && []rune(text)[pos] == ' ' {
					pos++ // the space dropped at the break
				}
			}
			if !ok {
				bad++
				t.Errorf("%s at %.0f pt: %s", text, w, strings.Join(cuts, " / "))
			}
		}
	}
	if titles < 20 {
		t.Fatalf("only %d titles", titles)
	}
	t.Logf("%d titles, %d widths, %d breaks inside a phrase", titles, widths, bad)
}

func BenchmarkBalanceTitle(b *testing.B) {
	br := breaker(b, 0.25)
	runs := []Run{{Text: "AIと暗号資産の階層的発展の違い：技術駆動vsトークノミクス", Style: Style{Size: 40, Bold: true}}}
	for b.Loop() {
		br.Balance(runs, 600)
	}
}
