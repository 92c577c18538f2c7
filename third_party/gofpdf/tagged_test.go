package gofpdf

// Tests of layerdeck's additions (tagged.go and the patched lines of
// fpdf.go and util.go); see PATCHES.md at the top of layerdeck. They use
// layerdeck's own font, two directories up.

import (
	"bytes"
	"compress/zlib"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func taggedSample(t *testing.T) []byte {
	t.Helper()
	ttf, err := os.ReadFile(filepath.Join("..", "..", "fonts", "BIZUDPGothic-Regular.ttf"))
	if err != nil {
		t.Skip("layerdeck's font is not there:", err)
	}
	f := NewCustom(&InitType{UnitStr: "pt", Size: SizeType{Wd: 200, Ht: 100}})
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(time.Unix(0, 0))
	f.SetModificationDate(time.Unix(0, 0))
	f.SetPDFVersion("1.7")
	f.AddUTF8FontFromBytes("j", "", ttf)
	f.SetFont("j", "", 12)
	for p := 0; p < 2; p++ {
		f.AddPage()
		f.SetPageDict("/StructParents " + string(rune('0'+p)) + " /Tabs /S")
		f.RawWriteStr("/P <</MCID 0>> BDC")
		f.Text(10, 20, "日本語 text")
		f.RawWriteStr("EMC")
		f.LinkString(0, 0, 10, 10, "https://example.com/plain")
		if i := f.LinkStringDict(10, 30, 50, 12, "https://example.com/", "/StructParent 9 /Contents (link) "); i != 1 {
			t.Errorf("link index %d, want 1", i)
		}
	}
	f.SetDocumentHook(func(w ObjectWriter) string {
		if w.PageObject(1) != 3 || w.PageObject(2) != 5 || w.PageObject(3) != 0 {
			t.Errorf("page objects %d %d %d", w.PageObject(1), w.PageObject(2), w.PageObject(3))
		}
		annot := w.AnnotObject(2, 1)
		if annot == 0 || w.AnnotObject(2, 2) != 0 {
			t.Errorf("annotation objects %d %d", annot, w.AnnotObject(2, 2))
		}
		next := w.Next()
		if n := w.Object("<</Type /Example /Annot " + itoa(annot) + " 0 R>>"); n != next {
			t.Errorf("object %d, Next said %d", n, next)
		}
		m := w.Stream("/Type /Metadata /Subtype /XML", []byte("<x/>"))
		return "/Metadata " + itoa(m) + " 0 R /Lang (ja)"
	})
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func itoa(n int) string { return strings.TrimSpace(sprintf("%d", n)) }

func TestTaggedAdditions(t *testing.T) {
	out := taggedSample(t)
	s := string(out)
	for _, want := range []string{
		"%PDF-1.7\n",
		"/StructParents 0 /Tabs /S\n/Contents",
		"/StructParents 1 /Tabs /S\n/Contents",
		"/StructParent 9 /Contents (link) /A <</S /URI /URI (https://example.com/)>>>>",
		"/Type /Metadata /Subtype /XML /Length 4>>\nstream\n<x/>\nendstream",
		"/Lang (ja)\n>>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if !regexp.MustCompile(`/Annots \[\d+ 0 R \d+ 0 R \]`).MatchString(s) {
		t.Error("link annotations are not indirect objects")
	}
	if m := regexp.MustCompile(`/BaseFont /([A-Z]{6})\+utf8j\b`).FindAllStringSubmatch(s, -1); len(m) != 2 || m[0][1] != m[1][1] {
		t.Errorf("subset tag: %v", m)
	}
	if !bytes.Equal(out, taggedSample(t)) {
		t.Error("two outputs differ")
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		path := filepath.Join(t.TempDir(), "t.pdf")
		os.WriteFile(path, out, 0644)
		if msg, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, msg)
		}
	}
}

func TestSubsetTag(t *testing.T) {
	a, b := subsetTag([]byte("one subset")), subsetTag([]byte("another"))
	if len(a) != 6 || strings.Trim(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || a == b || a != subsetTag([]byte("one subset")) {
		t.Errorf("tags %q %q", a, b)
	}
}

// TestPooledCompression: a reused zlib writer gives the bytes of a new one.
func TestPooledCompression(t *testing.T) {
	for _, data := range [][]byte{[]byte(strings.Repeat("layerdeck ", 5000)), {}, []byte("x")} {
		var want bytes.Buffer
		w, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
		w.Write(data)
		w.Close()
		for i := 0; i < 3; i++ {
			if got := sliceCompress(data); !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("pooled compression of %d bytes differs", len(data))
			}
		}
	}
}
