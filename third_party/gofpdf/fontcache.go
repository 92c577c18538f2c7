package gofpdf

import "sync"

// layerdeck patch 4: a UTF-8 font's parsed metrics (its descriptor, the
// widths of every character and the font's id, which hashes them) are
// kept by the identity of its bytes, so that a process writing many
// documents with the same fonts (watch, serve, a test suite) parses each
// font once, not once per document. The document's own state (the runes
// it uses, the subset it writes) is never shared. The widths are only
// read once parsed.

// parsedFontKey names a parsed font: its bytes (by address and length),
// its font key and the subset range the document starts with.
type parsedFontKey struct {
	n       int
	key     string
	aliasNb bool
	data    *byte
}

// parsedFont is what addFontFromBytes derives from a font's bytes.
type parsedFont struct {
	desc   FontDescType
	up, ut int
	cw     []int
	id     string
}

// maxParsedFonts bounds the cache; it is emptied when full.
const maxParsedFonts = 16

type parsedFontCache struct {
	mu sync.Mutex
	m  map[parsedFontKey]parsedFont
}

var parsedFonts parsedFontCache

func (c *parsedFontCache) get(k parsedFontKey) (parsedFont, bool) {
	if k.data == nil {
		return parsedFont{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[k]
	return p, ok
}

func (c *parsedFontCache) put(k parsedFontKey, p parsedFont) {
	if k.data == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxParsedFonts {
		c.m = map[parsedFontKey]parsedFont{}
	}
	c.m[k] = p
}

// layerdeck patch 5: a font's cmap dictionaries, made by generateCMAP for
// every document's subset, are kept by the identity of the font's bytes.

type cmapKey struct {
	n    int
	data *byte
}

type cmapEntry = *cmapTable // layerdeck patch 6: was two maps

type cmapCache struct {
	mu sync.Mutex
	m  map[cmapKey]cmapEntry
}

var cmaps cmapCache

func (c *cmapCache) get(k cmapKey) (cmapEntry, bool) {
	if k.data == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	return e, ok
}

func (c *cmapCache) put(k cmapKey, e cmapEntry) {
	if k.data == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxParsedFonts {
		c.m = map[cmapKey]cmapEntry{}
	}
	c.m[k] = e
}
