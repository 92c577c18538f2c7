package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/assets"

	// Accept -update, so that go test ./... -update runs in every package.
	"github.com/layerdeck/layerdeck/internal/golden"
)

func TestBuildEssayDeterministic(t *testing.T) {
	var out [2][]byte
	for i := range out {
		b := New()
		res, err := b.Build(context.Background(), "", Options{Notes: true})
		b.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 0 {
			t.Fatalf("findings: %v", res.Findings)
		}
		// 108 KiB untagged; the structure tree, marked content, ActualText
		// spans and XMP metadata of the tagged PDF add about 19 KiB.
		if len(res.PDF) > 136<<10 {
			t.Errorf("essay.pdf is %d KiB, over the 136 KiB budget", len(res.PDF)>>10)
		}
		if len(res.NotesPDF) == 0 {
			t.Error("no notes PDF")
		}
		out[i] = res.PDF
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Fatal("two builds of the built-in deck differ")
	}
}

// TestEssayPDFUnchanged: the built-in deck's PDF is byte for byte the
// one recorded in testdata/essay.pdf.sha256. Speed work (issue 14: fonts
// parsed into arrays, cut side by side, layouts cached compactly) must
// not change a byte; a change made on purpose is recorded with
// go test ./internal/build -update.
func TestEssayPDFUnchanged(t *testing.T) {
	b := New()
	defer b.Close()
	res, err := b.Build(context.Background(), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/essay.pdf.sha256", []byte(fmt.Sprintf("%x\n", sha256.Sum256(res.PDF))))
}

func TestSourceDateEpoch(t *testing.T) {
	b := New()
	defer b.Close()
	a, err := b.Build(context.Background(), "", Options{Date: 1700000000})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(a.PDF, []byte("D:20231114")) {
		t.Error("the SOURCE_DATE_EPOCH date is not the PDF's date")
	}
}

// largeDeck writes a deck of n slides, one in four a diagram slide with a
// DOT block of its own.
func largeDeck(t testing.TB, n int) string {
	var b strings.Builder
	b.Write(assets.Essay[:bytes.Index(assets.Essay, []byte("\n---\n"))+5])
	for i := 0; i < n; i++ {
		if i%4 == 0 {
			fmt.Fprintf(&b, "\n---\nlayout: diagram\n---\n# 図 %d\n\n```dot d%d\ndigraph { rankdir=LR; a [label=\"層%d\"]; b [label=\"課題%d\"]; c [label=\"解決\"]; a -> b -> c; }\n```\n\n<!-- ノート %d -->\n", i, i, i, i, i)
			continue
		}
		fmt.Fprintf(&b, "\n---\n# スライド %d\n\n- AIと暗号資産の階層的発展を比べる項目%d\n- 技術駆動とトークノミクスの違い\n  - 入れ子の項目\n\n<!-- ノート %d -->\n", i, i, i)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "large.md")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLargeDeck(t *testing.T) {
	b := New()
	defer b.Close()
	res, err := b.Build(context.Background(), largeDeck(t, 200), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Deck.Slides) != 201 || res.Diagrams != 50 {
		t.Fatalf("%d slides, %d diagrams", len(res.Deck.Slides), res.Diagrams)
	}
}

// BenchmarkBuildEssay: the built-in deck to PDF bytes, diagrams included,
// with a fresh Builder each time (fonts parsed once per process; the
// diagram cache empty).
func BenchmarkBuildEssay(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		bl := New()
		if _, err := bl.Build(context.Background(), "", Options{}); err != nil {
			b.Fatal(err)
		}
		bl.Close()
	}
}

// BenchmarkRebuildEssay: the edit–rebuild loop of watch, where the
// Builder and its diagram cache live on.
func BenchmarkRebuildEssay(b *testing.B) {
	bl := New()
	defer bl.Close()
	bl.Build(context.Background(), "", Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := bl.Build(context.Background(), "", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildLarge: 200 slides and 50 diagrams.
func BenchmarkBuildLarge(b *testing.B) {
	path := largeDeck(b, 200)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bl := New()
		if _, err := bl.Build(context.Background(), path, Options{}); err != nil {
			b.Fatal(err)
		}
		bl.Close()
	}
}

// editedEssay writes the built-in deck with a one-line edit numbered i.
func editedEssay(t testing.TB, path string, i int) {
	src := bytes.Replace(assets.Essay, []byte("- 見かけの構造はよく似ている"), []byte(fmt.Sprintf("- 見かけの構造はよく似ている（第%d版）", i)), 1)
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
}

// heapAlloc is the heap in use after a collection.
func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestMemoryFlatOverRebuilds: the heap after 250 edit–rebuild cycles is
// what it was after 50: caches hold only what the deck draws.
func TestMemoryFlatOverRebuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	path := filepath.Join(t.TempDir(), "deck.md")
	b := New()
	defer b.Close()
	var base uint64
	for i := 0; i < 250; i++ {
		editedEssay(t, path, i)
		if _, err := b.Build(context.Background(), path, Options{}); err != nil {
			t.Fatal(err)
		}
		if i == 49 {
			base = heapAlloc()
		}
	}
	if grown := int64(heapAlloc()) - int64(base); grown > 2<<20 {
		t.Fatalf("heap grew by %d KiB over 200 rebuilds", grown>>10)
	}
}

// BenchmarkEditRebuild: the latency from a one-line edit of the built-in
// deck to new PDF bytes, as watch sees it.
func BenchmarkEditRebuild(b *testing.B) {
	path := filepath.Join(b.TempDir(), "deck.md")
	bl := New()
	defer bl.Close()
	editedEssay(b, path, -1)
	bl.Build(context.Background(), path, Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		editedEssay(b, path, i)
		if _, err := bl.Build(context.Background(), path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
