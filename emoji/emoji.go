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
	"slices"
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
	vs16   = 0xFE0F
	zwj    = 0x200D
	keycap = 0x20E3
)

// lowStarts are the first characters below U+1F000 of Twemoji's sequences,
// in order (TestLowStarts checks them against names.txt).
var lowStarts = []rune{
	0x23, 0x2A, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39,
	0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x2194, 0x2195, 0x2196,
	0x2197, 0x2198, 0x2199, 0x21A9, 0x21AA, 0x231A, 0x231B, 0x2328, 0x23CF,
	0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23ED, 0x23EE, 0x23EF, 0x23F0, 0x23F1,
	0x23F2, 0x23F3, 0x23F8, 0x23F9, 0x23FA, 0x24C2, 0x25AA, 0x25AB, 0x25B6,
	0x25C0, 0x25FB, 0x25FC, 0x25FD, 0x25FE, 0x2600, 0x2601, 0x2602, 0x2603,
	0x2604, 0x260E, 0x2611, 0x2614, 0x2615, 0x2618, 0x261D, 0x2620, 0x2622,
	0x2623, 0x2626, 0x262A, 0x262E, 0x262F, 0x2638, 0x2639, 0x263A, 0x2640,
	0x2642, 0x2648, 0x2649, 0x264A, 0x264B, 0x264C, 0x264D, 0x264E, 0x264F,
	0x2650, 0x2651, 0x2652, 0x2653, 0x265F, 0x2660, 0x2663, 0x2665, 0x2666,
	0x2668, 0x267B, 0x267E, 0x267F, 0x2692, 0x2693, 0x2694, 0x2695, 0x2696,
	0x2697, 0x2699, 0x269B, 0x269C, 0x26A0, 0x26A1, 0x26A7, 0x26AA, 0x26AB,
	0x26B0, 0x26B1, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26C8, 0x26CE, 0x26CF,
	0x26D1, 0x26D3, 0x26D4, 0x26E9, 0x26EA, 0x26F0, 0x26F1, 0x26F2, 0x26F3,
	0x26F4, 0x26F5, 0x26F7, 0x26F8, 0x26F9, 0x26FA, 0x26FD, 0x2702, 0x2705,
	0x2708, 0x2709, 0x270A, 0x270B, 0x270C, 0x270D, 0x270F, 0x2712, 0x2714,
	0x2716, 0x271D, 0x2721, 0x2728, 0x2733, 0x2734, 0x2744, 0x2747, 0x274C,
	0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2763, 0x2764, 0x2795, 0x2796,
	0x2797, 0x27A1, 0x27B0, 0x27BF, 0x2934, 0x2935, 0x2B05, 0x2B06, 0x2B07,
	0x2B1B, 0x2B1C, 0x2B50, 0x2B55, 0x3030, 0x303D, 0x3297, 0x3299, 0xE50A,
}

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
	r, w := utf8.DecodeRuneInString(s)
	if r < 0x1F000 {
		// Most text is told apart here, without the table of sequences.
		if _, ok := slices.BinarySearch(lowStarts, r); !ok {
			return 0, 0, ""
		}
		if r < 0x80 {
			// A keycap: a digit, # or * is one only before U+FE0F or
			// U+20E3.
			if next, _ := utf8.DecodeRuneInString(s[w:]); next != vs16 && next != keycap {
				return 0, 0, ""
			}
		}
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
