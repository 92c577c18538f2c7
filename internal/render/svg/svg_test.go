package svg

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"

	// Accept -update, so that go test ./... -update runs in every package.
	_ "github.com/layerdeck/layerdeck/internal/golden"
)

func page() *display.Page {
	return &display.Page{Width: 960, Height: 540, Bookmark: "題", Items: []display.Item{
		{Text: &display.Text{X: 10, Y: 40, Size: 20, Bold: true, Text: `大規模言語モデル <&> "引用"`, Width: 300}},
		{Rect: &display.Rect{X: 5, Y: 5, W: 100, H: 50, Radius: 6, Fill: display.Paint{Color: display.Color{R: 255}}, Stroke: display.Paint{Color: display.Color{B: 255}, Width: 1.5, Dash: []float64{4, 2}}}},
		{Path: &display.Path{Segments: []display.Segment{{Op: display.MoveTo, Points: []display.Point{{X: 1, Y: 2}}}, {Op: display.CurveTo, Points: []display.Point{{X: 3, Y: 4}, {X: 5, Y: 6}, {X: 7.125, Y: 8}}}, {Op: display.Close}}, Fill: display.NoPaint, Stroke: display.Paint{Width: 1}}},
		{Link: &display.Link{X: 1, Y: 1, W: 10, H: 10, URL: "https://example.com/?a=1&b=2"}},
	}}
}

func TestStructure(t *testing.T) {
	out, err := Render(page(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ViewBox string `xml:"viewBox,attr"`
		Texts   []struct {
			Weight string `xml:"font-weight,attr"`
			Body   string `xml:",chardata"`
		} `xml:"text"`
		Paths []struct {
			D string `xml:"d,attr"`
		} `xml:"path"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	if doc.ViewBox != "0 0 960 540" {
		t.Errorf("viewBox %q", doc.ViewBox)
	}
	if len(doc.Texts) != 1 || doc.Texts[0].Body != `大規模言語モデル <&> "引用"` || doc.Texts[0].Weight != "bold" {
		t.Errorf("texts %+v", doc.Texts)
	}
	if len(doc.Paths) != 1 || doc.Paths[0].D != "M 1 2 C 3 4 5 6 7.12 8 Z" {
		t.Errorf("paths %+v", doc.Paths)
	}
	for _, want := range []string{`font-family:'BIZ UDPGothic'`, `rx="6"`, `stroke-dasharray="4 2"`, `a=1&amp;b=2`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output lacks %s", want)
		}
	}
	if strings.Contains(string(out), "foreignObject") {
		t.Error("foreignObject in output")
	}
	again, _ := Render(page(), Options{})
	if !bytes.Equal(out, again) {
		t.Error("output differs between runs")
	}
}

// TestUnsafeLinksDropped: only http(s) and mailto targets become <a>
// elements; javascript:, data:, file: and relative targets do not, and the
// text under them stays.
func TestUnsafeLinksDropped(t *testing.T) {
	safe := []string{"https://example.com/a", "http://example.com/", "mailto:someone@example.com", "HTTPS://EXAMPLE.COM/"}
	unsafe := []string{"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "vbscript:x", "/events", "../deck.md", "//evil.example/", "http:no-host", ""}
	p := &display.Page{Width: 100, Height: 100, Items: []display.Item{{Text: &display.Text{X: 1, Y: 10, Size: 10, Text: "リンクの文字", Width: 60}}}}
	for _, u := range append(append([]string{}, safe...), unsafe...) {
		p.Items = append(p.Items, display.Item{Link: &display.Link{X: 1, Y: 1, W: 10, H: 10, URL: u}})
	}
	out, err := Render(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), "<a "); n != len(safe) {
		t.Errorf("%d links, want %d:\n%s", n, len(safe), out)
	}
	for _, bad := range []string{"javascript", "JavaScript", "data:", "file:", "vbscript", "/events", "deck.md", "evil", "no-host"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("output links %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(string(out), "リンクの文字") {
		t.Error("the text under the links is gone")
	}
}

func TestMonoClass(t *testing.T) {
	p := &display.Page{Width: 100, Height: 50, Items: []display.Item{
		{Text: &display.Text{X: 1, Y: 20, Size: 10, Mono: true, Text: "x := 1", Width: 30}},
		{Text: &display.Text{X: 1, Y: 40, Size: 10, Text: "本文", Width: 20}},
	}}
	out, err := Render(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`class="m"`)) || bytes.Count(out, []byte(`class="m"`)) != 1 || !bytes.Contains(out, []byte("text.m{font-family:'BIZ UDGothic'")) {
		t.Errorf("code run not in the mono family:\n%s", out)
	}
}

// TestEmboldenedText: bold text in a set without a bold face is stroked
// in its colour as well as filled; with the bold face, and regular text,
// only filled.
func TestEmboldenedText(t *testing.T) {
	def, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	one := &fonts.Set{Regular: def.Regular, Bold: def.Regular}
	page := &display.Page{Width: 300, Height: 100, Items: []display.Item{
		{Text: &display.Text{X: 10, Y: 40, Size: 36, Bold: true, Color: display.Color{R: 0x11, G: 0x22, B: 0x33}, Text: "太字", Width: 72}},
		{Text: &display.Text{X: 10, Y: 80, Size: 36, Text: "通常", Width: 72}},
	}}
	for _, tc := range []struct {
		set  *fonts.Set
		want int
	}{{nil, 0}, {def, 0}, {one, 1}} {
		out, err := Render(page, Options{Fonts: tc.set})
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(out), `stroke="#112233" stroke-width="1" stroke-linejoin="round"`); n != tc.want {
			t.Errorf("%d texts stroked, want %d:\n%s", n, tc.want, out)
		}
	}
}
