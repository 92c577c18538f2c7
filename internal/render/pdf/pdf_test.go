package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"

	// Accept -update, so that go test ./... -update runs in every package.
	_ "github.com/layerdeck/layerdeck/internal/golden"
)

func sample() *display.Doc {
	ink := display.Color{R: 20, G: 30, B: 40}
	text := func(x, y float64, s string, bold bool) display.Item {
		return display.Item{Text: &display.Text{X: x, Y: y, Size: 24, Bold: bold, Color: ink, Text: s}}
	}
	return &display.Doc{
		Title: "日本語のタイトル", Author: "著者", Subject: "副題", Keywords: "AI, 暗号資産", Date: 1764028800,
		Pages: []*display.Page{
			{Width: 960, Height: 540, Bookmark: "一枚目", Items: []display.Item{
				text(48, 80, "大規模言語モデル", true),
				text(48, 130, "DeepSeek R1は推論モデル", false),
				{Rect: &display.Rect{X: 40, Y: 200, W: 200, H: 80, Radius: 8, Fill: display.Paint{Color: display.Color{R: 220, G: 230, B: 250}}, Stroke: display.Paint{Color: ink, Width: 1.5, Dash: []float64{4, 2}}}},
				{Path: &display.Path{Segments: []display.Segment{
					{Op: display.MoveTo, Points: []display.Point{{X: 300, Y: 240}}},
					{Op: display.CurveTo, Points: []display.Point{{X: 350, Y: 180}, {X: 420, Y: 300}, {X: 480, Y: 240}}},
				}, Fill: display.NoPaint, Stroke: display.Paint{Color: ink, Width: 2}}},
				{Link: &display.Link{X: 48, Y: 110, W: 200, H: 30, URL: "https://example.com/"}},
			}},
			{Width: 960, Height: 540, Bookmark: "二枚目", BookmarkLevel: 1, Items: []display.Item{text(48, 80, "問題の移転", false)}},
		},
	}
}

func render(t *testing.T, doc *display.Doc) []byte {
	t.Helper()
	f, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(doc, Options{Fonts: f})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (Debian poppler-utils)", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	return string(out)
}

func TestTextFontsAndMetadata(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.pdf")
	if err := os.WriteFile(path, render(t, sample()), 0o644); err != nil {
		t.Fatal(err)
	}
	text := tool(t, "pdftotext", "-layout", path, "-")
	for _, s := range []string{"大規模言語モデル", "DeepSeek R1は推論モデル", "問題の移転"} {
		if !strings.Contains(text, s) {
			t.Errorf("pdftotext lacks %q:\n%s", s, text)
		}
	}
	fontsOut := tool(t, "pdffonts", path)
	if strings.Count(fontsOut, "CID TrueType") != 2 || strings.Count(fontsOut, " yes ") < 2 {
		t.Errorf("fonts not embedded:\n%s", fontsOut)
	}
	info := tool(t, "pdfinfo", path)
	for _, s := range []string{"Title:           日本語のタイトル", "Author:          著者", "Creator:         layerdeck", "Pages:           2"} {
		if !strings.Contains(info, s) {
			t.Errorf("pdfinfo lacks %q:\n%s", s, info)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := render(t, sample()), render(t, sample())
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of one document differ")
	}
}

// TestWidthsAgree: the widths layout measures with the fonts package are
// the widths gofpdf (and so the PDF's width arrays) give the same text.
func TestWidthsAgree(t *testing.T) {
	f, _ := fonts.Default()
	p := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "pt", Size: gofpdf.SizeType{Wd: 100, Ht: 100}})
	p.AddUTF8FontFromBytes("r", "", f.Regular.Data())
	p.AddUTF8FontFromBytes("r", "B", f.Bold.Data())
	for _, s := range []string{"大規模言語モデル", "DeepSeek R1", "AIと暗号資産の階層的発展の違い：技術駆動vsトークノミクス", "「問題の移転」、。", "TVL 1,234.5%"} {
		for _, bold := range []bool{false, true} {
			style := ""
			if bold {
				style = "B"
			}
			p.SetFont("r", style, 22)
			want := p.GetStringWidth(s)
			got := f.Face(bold).Width(s, 22)
			if d := got - want; d > 0.01 || d < -0.01 {
				t.Errorf("%q bold=%v: fonts %.3f, gofpdf %.3f", s, bold, got, want)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	f, _ := fonts.Default()
	if _, err := Render(&display.Doc{}, Options{Fonts: f}); err == nil {
		t.Error("a document without pages rendered")
	}
	doc := &display.Doc{Pages: []*display.Page{{Width: 100, Height: 100, Items: []display.Item{
		{Image: &display.Image{X: 0, Y: 0, W: 10, H: 10, Path: "/no/such.png"}},
	}}}}
	if _, err := Render(doc, Options{Fonts: f}); err == nil || !strings.Contains(err.Error(), "/no/such.png") {
		t.Errorf("missing image: %v", err)
	}
}

func BenchmarkRender(b *testing.B) {
	f, _ := fonts.Default()
	doc := sample()
	for len(doc.Pages) < 12 {
		doc.Pages = append(doc.Pages, sample().Pages...)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Render(doc, Options{Fonts: f}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestUnsafeLinksDropped: only http(s) and mailto targets become link
// annotations; javascript:, file:, data: and relative targets do not, and
// the text under them stays.
func TestUnsafeLinksDropped(t *testing.T) {
	doc := sample()
	items := &doc.Pages[1].Items
	for _, u := range []string{"javascript:app.alert(1)", "JavaScript:x", "file:///etc/passwd", "data:text/html,x", "launch.exe", "../secret.pdf", "mailto:someone@example.com"} {
		*items = append(*items, display.Item{Link: &display.Link{X: 10, Y: 10, W: 50, H: 20, URL: u}})
	}
	out := render(t, doc)
	if n := bytes.Count(out, []byte("/URI")); n != 2*2 { // "/S /URI /URI (…)" for https://example.com/ and the mailto
		t.Errorf("%d /URI names, want 4 (two link annotations)", n)
	}
	for _, bad := range []string{"javascript", "JavaScript", "file:", "data:", "launch.exe", "secret.pdf"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("the PDF holds the link target %q", bad)
		}
	}
	if !bytes.Contains(out, []byte("mailto:someone@example.com")) || !bytes.Contains(out, []byte("https://example.com/")) {
		t.Error("a safe link is missing")
	}
	path := filepath.Join(t.TempDir(), "l.pdf")
	os.WriteFile(path, out, 0o644)
	if text := tool(t, "pdftotext", path, "-"); !strings.Contains(text, "問題の移転") {
		t.Errorf("the text under the links is gone:\n%s", text)
	}
}

// TestMonoFont: code runs are drawn in the fixed-pitch face, which is
// embedded only in a PDF that has code, and their text is extractable.
func TestMonoFont(t *testing.T) {
	doc := sample()
	plain := render(t, doc)
	if bytes.Contains(plain, []byte("layerdeck-mono")) {
		t.Error("a PDF without code embeds the code font")
	}
	ink := display.Color{R: 20, G: 30, B: 40}
	doc.Pages[1].Items = append(doc.Pages[1].Items,
		display.Item{Text: &display.Text{X: 48, Y: 200, Size: 20, Mono: true, Color: ink, Text: "func main() { // 日本語"}},
		display.Item{Text: &display.Text{X: 48, Y: 240, Size: 20, Mono: true, Bold: true, Color: ink, Text: "MMMM"}},
	)
	out := render(t, doc)
	dir := t.TempDir()
	path := filepath.Join(dir, "mono.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	fontsOut := tool(t, "pdffonts", path)
	if !strings.Contains(fontsOut, "layerdeck-mono") || !strings.Contains(fontsOut, "layerdeck-monoB") {
		t.Errorf("code fonts not embedded:\n%s", fontsOut)
	}
	if txt := tool(t, "pdftotext", path, "-"); !strings.Contains(txt, "func main() { // 日本語") {
		t.Errorf("code text not extractable:\n%s", txt)
	}
}

// TestTagged: items become marked content of their elements (a link an
// annotation of its Link element), untagged items artifacts, an
// ActualText span copies as its text; the catalog has the language, the
// document title shown, the metadata stream.
func TestTagged(t *testing.T) {
	ink := display.Color{R: 20, G: 30, B: 40}
	h1 := &display.Tag{Role: "H1"}
	p := &display.Tag{Role: "P"}
	link := &display.Tag{Role: "Link", Alt: "例のサイト", Parent: p}
	span := &display.Tag{Role: "Span", ActualText: "AIと暗号資産", Parent: p}
	doc := &display.Doc{Title: "題", Author: "著者", Lang: "ja", Date: 1764028800, Pages: []*display.Page{{Width: 400, Height: 200, Items: []display.Item{
		{Text: &display.Text{X: 10, Y: 30, Size: 20, Color: ink, Text: "見出し"}, Tag: h1},
		{Text: &display.Text{X: 10, Y: 60, Size: 20, Color: ink, Text: "AI"}, Tag: span},
		{Rect: &display.Rect{X: 40, Y: 40, W: 5, H: 5, Fill: display.Paint{Color: ink}, Stroke: display.NoPaint}},
		{Text: &display.Text{X: 50, Y: 60, Size: 20, Color: ink, Text: "と暗号資産"}, Tag: span},
		{Text: &display.Text{X: 10, Y: 90, Size: 20, Color: ink, Text: "リンク"}, Tag: link},
		{Link: &display.Link{X: 10, Y: 70, W: 60, H: 25, URL: "https://example.com/"}, Tag: link},
		{Text: &display.Text{X: 10, Y: 190, Size: 8, Color: ink, Text: "1 / 1", Artifact: true}},
	}}}}
	out := render(t, doc)
	if !bytes.Equal(out, render(t, doc)) {
		t.Error("two renders differ")
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	os.WriteFile(path, out, 0o644)
	tree := tool(t, "pdfinfo", "-struct-text", path)
	want := "Document\n  Sect\n    H1 (block)\n      \"見出し\"\n    P (block)\n      \"AI"
	if !strings.HasPrefix(tree, want) || !strings.Contains(tree, "      Link (inline)\n        \"リンク\"\n        Object ") || strings.Contains(tree, "1 / 1") {
		t.Errorf("structure tree:\n%s\nwant it to start with:\n%s", tree, want)
	}
	if text := tool(t, "pdftotext", path, "-"); !strings.Contains(text, "AIと暗号資産") {
		t.Errorf("pdftotext:\n%s", text)
	}
	s := string(out)
	for _, w := range []string{"%PDF-1.7", "/Lang (ja)", "/MarkInfo <</Marked true>>", "/ViewerPreferences <</DisplayDocTitle true>>", "/StructParent 1 /Contents <FEFF", "/Tabs /S", "/ParentTreeNextKey 2"} {
		if !strings.Contains(s, w) {
			t.Errorf("output lacks %q", w)
		}
	}
	x := string(xmp(doc, time.Unix(doc.Date, 0)))
	for _, w := range []string{"<rdf:li xml:lang=\"x-default\">題</rdf:li>", "<rdf:li>著者</rdf:li>", "<rdf:li>ja</rdf:li>", "<pdf:Producer>layerdeck</pdf:Producer>", "<xmp:CreateDate>2025-11-25T00:00:00Z</xmp:CreateDate>"} {
		if !strings.Contains(x, w) {
			t.Errorf("XMP lacks %q:\n%s", w, x)
		}
	}
	if info := tool(t, "qpdf", "--check", path); !strings.Contains(info, "No syntax or stream encoding errors") {
		t.Error(info)
	}
}

// TestFontFileEmbeddedOnce: a font file that is several faces of the set
// (one font as regular, bold and fallback, as a deck naming only a regular
// font gets) is embedded once, and all its text is drawn and copies back.
func TestFontFileEmbeddedOnce(t *testing.T) {
	def, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	one := &fonts.Set{Regular: def.Regular, Bold: def.Regular, Mono: def.Mono, MonoBold: def.MonoBold, Fallback: []*fonts.Face{def.Regular}}
	ink := display.Color{}
	doc := &display.Doc{Pages: []*display.Page{{Width: 960, Height: 540, Items: []display.Item{
		{Text: &display.Text{X: 40, Y: 100, Size: 30, Color: ink, Text: "通常の本文"}},
		{Text: &display.Text{X: 40, Y: 200, Size: 30, Bold: true, Color: ink, Text: "太字の見出し"}},
		{Text: &display.Text{X: 40, Y: 300, Size: 30, Fallback: 1, Color: ink, Text: "代替の文字"}},
	}}}}
	out, err := Render(doc, Options{Fonts: one})
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte("/FontFile2")); n != 1 {
		t.Errorf("the one font file is embedded %d times", n)
	}
	path := filepath.Join(t.TempDir(), "one.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	txt := tool(t, "pdftotext", path, "-")
	for _, s := range []string{"通常の本文", "太字の見出し", "代替の文字"} {
		if !strings.Contains(txt, s) {
			t.Errorf("pdftotext lacks %q:\n%s", s, txt)
		}
	}
}

// TestEmboldenedText: bold text in a set without a bold face is drawn
// filled and stroked (render mode 2) in a graphics state of its own;
// with a bold face, filled only.
func TestEmboldenedText(t *testing.T) {
	def, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	one := &fonts.Set{Regular: def.Regular, Bold: def.Regular, Mono: def.Mono, MonoBold: def.MonoBold}
	doc := &display.Doc{Pages: []*display.Page{{Width: 960, Height: 540, Items: []display.Item{
		{Text: &display.Text{X: 40, Y: 100, Size: 30, Bold: true, Text: "太字の見出し"}},
		{Text: &display.Text{X: 40, Y: 200, Size: 30, Text: "通常の本文"}},
	}}}}
	for _, tc := range []struct {
		set  *fonts.Set
		want int
	}{{def, 0}, {one, 1}} {
		out, err := Render(doc, Options{Fonts: tc.set})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "b.pdf")
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		qdf := tool(t, "qpdf", "--qdf", "--object-streams=disable", path, "-")
		if n := strings.Count(qdf, " 2 Tr"); n != tc.want {
			t.Errorf("bold face %v: %d runs stroked, want %d", tc.set == def, n, tc.want)
		}
		if txt := tool(t, "pdftotext", path, "-"); !strings.Contains(txt, "太字の見出し") {
			t.Errorf("the emboldened text does not copy back:\n%s", txt)
		}
	}
}
