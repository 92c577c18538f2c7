package gofpdf

import (
	"runtime"
	"sort"
	"sync"
)

// layerdeck patch 7: putfonts cut each UTF-8 font's subset, compressed
// it and made its CIDToGIDMap one font after the other; each font's work
// reads only that font's state (its own utf8File and used runes, and the
// shared read-only cmap dictionaries of patch 5), so the fonts are cut
// side by side, and putfonts writes the results in its own order.

// cutFont is a UTF-8 font's subset, ready to write.
type cutFont struct {
	tag      string // the subset tag (patch 2)
	size     int    // the subset's length
	font     []byte // the subset, compressed
	cidToGID []byte // the CIDToGIDMap, compressed
}

// cutUTF8Fonts returns the cut UTF-8 fonts among keys: those enddoc
// started cutting (patch 8), or cut now, side by side. A panic in one is
// raised again in the caller, as it was when putfonts cut them.
func (f *Fpdf) cutUTF8Fonts(keys []string) map[string]cutFont {
	if f.cutsDone != nil {
		done := f.cutsDone
		f.cutsDone = nil
		return done()
	}
	return f.startCutsOf(keys)()
}

// startCuts starts cutting every UTF-8 font (layerdeck patch 8: enddoc
// starts it before writing the pages, whose compression then runs beside
// it) and returns the function that waits for the results.
func (f *Fpdf) startCuts() func() map[string]cutFont {
	var keys []string
	for key := range f.fonts {
		keys = append(keys, key)
	}
	return f.startCutsOf(keys)
}

// startCutsOf starts cutting the UTF-8 fonts among keys, one goroutine
// each, and returns the function that waits for them.
func (f *Fpdf) startCutsOf(keys []string) func() map[string]cutFont {
	out := make(map[string]cutFont)
	var (
		mu     sync.Mutex
		wg     sync.WaitGroup
		failed interface{}
	)
	for _, key := range keys {
		key, font := key, f.fonts[key] // a variable per font (go 1.12)
		if font.Tp != "UTF8" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if v := recover(); v != nil {
					mu.Lock()
					failed = v
					mu.Unlock()
				}
			}()
			delete(font.usedRunes, 0)
			stream := font.utf8File.GenerateCutFont(font.usedRunes)
			c := cutFont{tag: subsetTag(stream), size: len(stream), font: sliceCompress(stream)}
			codes := font.utf8File.CodeSymbolDictionary
			delete(codes, 0)
			m := make([]byte, 256*256*2)
			for cc, glyph := range codes {
				m[cc*2] = byte(glyph >> 8)
				m[cc*2+1] = byte(glyph & 0xFF)
			}
			c.cidToGID = sliceCompress(m)
			mu.Lock()
			out[key] = c
			mu.Unlock()
		}()
	}
	return func() map[string]cutFont {
		wg.Wait()
		if failed != nil {
			panic(failed)
		}
		return out
	}
}

// compressPages compresses the content of pages 1 to nb side by side, at
// most one goroutine per processor (layerdeck patch 8); the result is
// indexed by page number.
func (f *Fpdf) compressPages(nb int) [][]byte {
	out := make([][]byte, nb+1)
	next := make(chan int, nb)
	for n := 1; n <= nb; n++ {
		next <- n
	}
	close(next)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	if workers > nb {
		workers = nb
	}
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range next {
				out[n] = sliceCompress(f.pages[n].Bytes())
			}
		}()
	}
	wg.Wait()
	return out
}

// cidCandidates lists, in order, the characters from first to below end
// that generateCIDFontMap keeps: all up to 255, above that those used
// (patch 8).
func cidCandidates(used map[int]int, first, end int) []int {
	var out []int
	for cid := first; cid < end && cid <= 255; cid++ {
		out = append(out, cid)
	}
	var above []int
	for cid, numb := range used {
		if cid > 255 && cid >= first && cid < end && numb != 0 {
			above = append(above, cid)
		}
	}
	sort.Ints(above)
	return append(out, above...)
}
