package deck

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseFrontMatter parses front matters of growing size: the time
// per key must stay flat (positions are found through a line index built
// once, not by splitting the text for every node).
func BenchmarkParseFrontMatter(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		var src strings.Builder
		src.WriteString("---\ntitle: t\nkeywords:\n")
		for i := range n {
			fmt.Fprintf(&src, "  - kw%d\n", i)
		}
		src.WriteString("---\n# a\n")
		text := []byte(src.String())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse("b.md", text); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/key")
		})
	}
}

// BenchmarkParseSlides parses decks of growing slide counts.
func BenchmarkParseSlides(b *testing.B) {
	for _, n := range []int{10, 200, 1000} {
		var src strings.Builder
		for i := range n {
			fmt.Fprintf(&src, "# スライド%d\n\n- 項目 **太字** と `code`\n- 二つ目\n\n---\n\n", i)
		}
		text := []byte(src.String())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse("b.md", text); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/slide")
		})
	}
}
