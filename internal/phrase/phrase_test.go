package phrase

import (
	"os"
	"strings"
	"testing"
)

// TestAgreesWithBudouX compares the Go reading of the model with the
// phrases the budoux npm package itself gives (testdata/budoux.txt).
func TestAgreesWithBudouX(t *testing.T) {
	data, err := os.ReadFile("testdata/budoux.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		want := strings.Split(line, "|")
		if got := Split(strings.Join(want, "")); strings.Join(got, "|") != line {
			t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), line)
		}
	}
	if n < 20 {
		t.Fatalf("only %d sentences", n)
	}
}

func TestEdges(t *testing.T) {
	if got := Split(""); len(got) != 0 {
		t.Errorf("empty: %q", got)
	}
	if got := Split("あ"); len(got) != 1 || got[0] != "あ" {
		t.Errorf("one rune: %q", got)
	}
	if got := strings.Join(Split("絵文字😀を含む"), ""); got != "絵文字😀を含む" {
		t.Errorf("text lost: %q", got)
	}
	if got := Boundaries([]rune{'あ', 0xD800, 'い', -1, 'う'}); len(got) != 5 {
		t.Errorf("invalid runes: %v", got)
	}
}

func BenchmarkBoundaries(b *testing.B) {
	title := []rune("AIと暗号資産の階層的発展の違い：技術駆動vsトークノミクス")
	for b.Loop() {
		Boundaries(title)
	}
}
