// Package emoji holds the Twemoji graphics (npm @twemoji/svg 15.0.0,
// graphics by Twitter, Inc and other contributors, CC-BY 4.0: see
// fonts/README.md) and finds emoji sequences in text: single emoji, ZWJ
// sequences, skin tones, flags, keycaps and variation selectors.
//
// The 3,720 SVG files are embedded as one gzip-compressed tar (1.5 MB,
// 8 MB of SVG), read the first time an emoji is drawn; the list of
// sequences (names.txt, 60 KB) is read the first time text is searched.
// scripts/twemoji.sh in this directory rebuilds both from the npm package.
package emoji

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/layerdeck/layerdeck/internal/svgimage"
)

//go:embed names.txt
var names string

//go:embed twemoji.tar.gz
var archive []byte

const (
	vs16 = 0xFE0F
	zwj  = 0x200D
)

// node is a node of the trie of sequences, by rune.
type node struct {
	next map[rune]*node
	// key is the file name of the sequence ending here, "" if none.
	key string
}

var (
	trieOnce sync.Once
	trie     *node
	starts   map[rune]bool
)

func load() {
	trie = &node{}
	starts = map[rune]bool{}
	for _, line := range strings.Split(names, "\n") {
		if line == "" {
			continue
		}
		n := trie
		for i, part := range strings.Split(line, "-") {
			v, err := strconv.ParseUint(part, 16, 32)
			if err != nil {
				break
			}
			r := rune(v)
			if i == 0 {
				starts[r] = true
			}
			if n.next == nil {
				n.next = map[rune]*node{}
			}
			c := n.next[r]
			if c == nil {
				c = &node{}
				n.next[r] = c
			}
			n = c
		}
		n.key = line
	}
}

// Match returns the length in bytes of the emoji sequence at the start of
// s, the number of runes it has and its Twemoji name ("1f44d-1f3fd"), or
// 0 when s does not start with one. Variation selector 16 (U+FE0F) is
// taken with the sequence whether or not Twemoji's name has it.
func Match(s string) (n, runes int, key string) {
	if s == "" {
		return 0, 0, ""
	}
	r, _ := utf8.DecodeRuneInString(s)
	if r < 0x23 || r >= 0x3000 && r < 0x1F000 && r != 0x3030 && r != 0x303D && r != 0x3297 && r != 0x3299 {
		return 0, 0, ""
	}
	trieOnce.Do(load)
	if !starts[r] {
		return 0, 0, ""
	}
	best, bestRunes, bestKey := 0, 0, ""
	var walk func(nd *node, i, count int)
	walk = func(nd *node, i, count int) {
		if nd.key != "" && i > best {
			best, bestRunes, bestKey = i, count, nd.key
		}
		if i >= len(s) {
			if c := nd.next[vs16]; c != nil {
				walk(c, i, count)
			}
			return
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if c := nd.next[r]; c != nil {
			walk(c, i+w, count+1)
		}
		if r == vs16 {
			// Twemoji's names drop U+FE0F outside ZWJ sequences.
			walk(nd, i+w, count+1)
		}
		if r != vs16 {
			if c := nd.next[vs16]; c != nil {
				walk(c, i, count)
			}
		}
	}
	walk(trie, 0, 0)
	return best, bestRunes, bestKey
}

var (
	filesOnce sync.Once
	files     map[string][]byte
	filesErr  error

	drawMu   sync.Mutex
	drawings = map[string]*svgimage.Drawing{}
)

func loadFiles() {
	zr, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		filesErr = err
		return
	}
	files = map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			filesErr = err
			return
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			filesErr = err
			return
		}
		files[strings.TrimSuffix(h.Name, ".svg")] = data
	}
}

// SVG returns the Twemoji SVG file of a sequence's name.
func SVG(key string) ([]byte, bool) {
	filesOnce.Do(loadFiles)
	data, ok := files[key]
	return data, ok && filesErr == nil
}

// Drawing returns the vectors of a sequence's Twemoji (36 × 36 CSS
// pixels), read once. The drawing is shared: place it, do not change it.
func Drawing(key string) (*svgimage.Drawing, bool) {
	drawMu.Lock()
	defer drawMu.Unlock()
	if d, ok := drawings[key]; ok {
		return d, d != nil
	}
	data, ok := SVG(key)
	var d *svgimage.Drawing
	if ok {
		d, _ = svgimage.Parse(data)
	}
	drawings[key] = d
	return d, d != nil
}
