package build

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEssayTaggedPDF checks the built-in deck's PDF with poppler and
// qpdf: tagged, its titles headings, lists L/LI, the comparison table
// Table/TH/TD, every diagram a Figure whose alt text describes it, the
// footer outside the tree, /Lang ja, XMP metadata, subset fonts, PDF 1.7
// and copied text without the gaps' spaces.
func TestEssayTaggedPDF(t *testing.T) {
	for _, tool := range []string{"pdfinfo", "pdffonts", "pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (Debian poppler-utils, qpdf)", tool)
		}
	}
	b := New()
	defer b.Close()
	res, err := b.Build(context.Background(), "", Options{Notes: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path, notes := filepath.Join(dir, "essay.pdf"), filepath.Join(dir, "notes.pdf")
	os.WriteFile(path, res.PDF, 0o644)
	os.WriteFile(notes, res.NotesPDF, 0o644)
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	for _, p := range []string{path, notes} {
		run("qpdf", "--check", p)
		info := run("pdfinfo", p)
		for _, want := range []string{"Tagged:          yes", "Metadata Stream: yes", "PDF version:     1.7"} {
			if !strings.Contains(info, want) {
				t.Errorf("%s: pdfinfo lacks %q:\n%s", filepath.Base(p), want, info)
			}
		}
	}
	tree := run("pdfinfo", "-struct-text", path)
	for _, want := range []string{
		"H1 (block)\n      \"AIと暗号資産の\"\n      \"階層的発展の違い\"",
		"H1 (block)\n      \"似た三層、違う結果\"",
		"L (block)\n      LI (block)\n        LBody (block)",
		"Table (block)\n      TR\n        TH:\n           /Scope /Column\n",
		"TD\n",
		"BlockQuote",
	} {
		if !strings.Contains(tree, want) {
			t.Errorf("structure tree lacks %q", want)
		}
	}
	if n := strings.Count(tree, "  Sect\n"); n != 14 {
		t.Errorf("%d Sect elements, want one per slide (14)", n)
	}
	if n := strings.Count(tree, "    Figure\n"); n != 4 {
		t.Errorf("%d Figures, want 4 diagrams", n)
	}
	if strings.Contains(tree, "/ 13") {
		t.Error("a page number is in the structure tree")
	}
	// The catalog, the figures' alt text and the metadata, from qpdf's
	// JSON (strings decoded).
	var j struct {
		QPDF []map[string]json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(run("qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=all", path)), &j); err != nil || len(j.QPDF) < 2 {
		t.Fatal("qpdf --json:", err)
	}
	var alts []string
	var catalog map[string]any
	xmp := ""
	headers, scoped := 0, 0
	for _, raw := range j.QPDF[1] {
		var o struct {
			Value  map[string]any `json:"value"`
			Stream struct {
				Dict map[string]any `json:"dict"`
				Data string         `json:"data"`
			} `json:"stream"`
		}
		json.Unmarshal(raw, &o)
		switch {
		case o.Value["/S"] == "/Figure":
			alts = append(alts, strings.TrimPrefix(o.Value["/Alt"].(string), "u:"))
		case o.Value["/S"] == "/TH":
			headers++
			if a, ok := o.Value["/A"].(map[string]any); ok && a["/O"] == "/Table" && a["/Scope"] == "/Column" {
				scoped++
			}
		case o.Value["/Type"] == "/Catalog":
			catalog = o.Value
		case o.Stream.Dict["/Type"] == "/Metadata":
			xmp = o.Stream.Data
		}
	}
	if headers == 0 || scoped != headers {
		t.Errorf("%d of %d header cells head their column (/Scope /Column)", scoped, headers)
	}
	if catalog["/Lang"] != "u:ja" || catalog["/MarkInfo"] == nil || catalog["/ViewerPreferences"] == nil {
		t.Errorf("catalog: %v", catalog)
	}
	if len(alts) != 4 {
		t.Fatalf("alt texts: %q", alts)
	}
	all := strings.Join(alts, "\n")
	for _, want := range []string{
		"AIの階層的発展：3層を下から積み上げた図（各層が下の層の課題を解く）。 L1 大規模言語モデル：言語理解と生成の基盤。残る課題：論理推論、数学計算。 L2 推論モデル、例：DeepSeek R1。論理推論、数学計算を解決。",
		"L2スケーリング：ガス代を下げTPSを上げる。性能のボトルネック、高いガス代を解決。課題は流動性の分断、アプリ不足へ移る。",
		"AIの階層的発展と暗号資産の階層的発展を並べた比較図。",
		"矢印：TVL獲得競争→トークン価格",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no alt text has %q:\n%s", want, all)
		}
	}
	if xmp == "" {
		t.Error("no XMP stream")
	}
	fonts := run("pdffonts", path)
	if n := len(regexp.MustCompile(`(?m)^[A-Z]{6}\+\S+ +CID TrueType +Identity-H +yes yes yes`).FindAllString(fonts, -1)); n != 2 {
		t.Errorf("%d subset-tagged fonts, want 2:\n%s", n, fonts)
	}
	text := run("pdftotext", path, "-")
	for _, want := range []string{"AIと暗号資産の階層的発展の違い", "L1が基盤を築き、L2が欠点を補い"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	if strings.Contains(text, "AI と暗号資産") {
		t.Error("pdftotext gives a space at a Japanese–Latin gap")
	}
}
