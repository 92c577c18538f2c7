package gofpdf

import "sync"

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

// cutUTF8Fonts cuts the UTF-8 fonts among keys, side by side. A panic in
// one is raised again in the caller, as it was when putfonts cut them.
func (f *Fpdf) cutUTF8Fonts(keys []string) map[string]cutFont {
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
	wg.Wait()
	if failed != nil {
		panic(failed)
	}
	return out
}
