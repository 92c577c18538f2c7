package gofpdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// cutDocument is a two-page document in three UTF-8 fonts, one of them
// used on no page.
func cutDocument(t *testing.T) []byte {
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "..", "fonts", name))
		if err != nil {
			t.Skip(err)
		}
		return data
	}
	date := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f := New("L", "pt", "A4", "")
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.AddUTF8FontFromBytes("p", "", read("BIZUDPGothic-Regular.ttf"))
	f.AddUTF8FontFromBytes("p", "B", read("BIZUDPGothic-Bold.ttf"))
	f.AddUTF8FontFromBytes("m", "", read("BIZUDGothic-Regular.ttf"))
	f.AddPage()
	f.SetFont("p", "B", 40)
	f.Text(40, 80, "AIと暗号資産の階層的発展の違い")
	f.SetFont("p", "", 28)
	f.Text(40, 140, "技術駆動 vs トークノミクス、問題の移転。")
	f.AddPage()
	f.SetFont("p", "", 28)
	f.Text(40, 80, "L1 → L2 → L3: 下の層が解けなかったことを解く")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCutFonts (patches 6 and 7): with the fonts parsed into arrays and
// cut side by side, a document is byte for byte what it was before
// (the SHA-256 below is that of the output of patches 1–5), twice.
func TestCutFonts(t *testing.T) {
	parsedFonts, cmaps = parsedFontCache{}, cmapCache{}
	first := cutDocument(t)
	second := cutDocument(t)
	if !bytes.Equal(first, second) {
		t.Fatal("the second document differs from the first")
	}
	const want = "05af912a7f50338c70f5e0920fe0988252e373c7f6aafa2487164e0578d14e81"
	if got := fmt.Sprintf("%x", sha256.Sum256(first)); got != want {
		t.Errorf("document SHA-256 %s, want %s", got, want)
	}
}

// TestCIDCandidates (patch 8): the characters generateCIDFontMap visits
// are those upstream's loop over every character up to LastRune kept, in
// the same order.
func TestCIDCandidates(t *testing.T) {
	used := makeSubsetRange(57)
	for _, r := range "AIと暗号資産の階層的発展の違い：技術駆動vsトークノミクス ©é😀" {
		used[int(r)] = int(r)
	}
	used[300] = 0 // a used entry without a character is not kept
	for _, end := range []int{1, 100, 256, 0x3000, 0x10000, 0x20000} {
		var want []int
		for cid := 1; cid < end; cid++ {
			if numb, ok := used[cid]; cid > 255 && (!ok || numb == 0) {
				continue
			}
			want = append(want, cid)
		}
		if got := cidCandidates(used, 1, end); !equalInts(got, want) {
			t.Errorf("below %d: %d characters, upstream's loop keeps %d", end, len(got), len(want))
		}
	}
}

// TestImagesInOrder (patch 9): images of the same width are written in
// one order, so that a document with several comes out the same every
// time (the map of images is iterated in a random order).
func TestImagesInOrder(t *testing.T) {
	var pngs [][]byte
	for k := 0; k < 6; k++ {
		img := image.NewRGBA(image.Rect(0, 0, 40, 10+k))
		for i := range img.Pix {
			img.Pix[i] = byte(i*7 + k*31)
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		pngs = append(pngs, b.Bytes())
	}
	doc := func() []byte {
		f := New("P", "pt", "A4", "")
		f.SetCatalogSort(true)
		date := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		f.SetCreationDate(date)
		f.SetModificationDate(date)
		f.AddPage()
		for k, data := range pngs {
			name := fmt.Sprintf("img%d", k)
			f.RegisterImageOptionsReader(name, ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
			f.ImageOptions(name, 10, float64(10+60*k), 40, 0, false, ImageOptions{ImageType: "PNG"}, 0, "")
		}
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first := doc()
	for i := 0; i < 20; i++ {
		if !bytes.Equal(doc(), first) {
			t.Fatalf("document %d differs from the first", i+2)
		}
	}
}
