package gofpdf

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// layerdeckFonts are the TrueType fonts layerdeck embeds, for the tests of
// patches 6 and 7.
func layerdeckFonts(t *testing.T) map[string][]byte {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "fonts", "*.ttf"))
	if len(paths) == 0 {
		t.Skip("no fonts in ../../fonts")
	}
	out := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = data
	}
	return out
}

// upstreamDictionaries is upstream's generateSCCSDictionaries as it was
// before patch 6, the reference for cmapTable.
func upstreamDictionaries(utf *utf8FontFile, runeCmapPosition int) (map[int][]int, map[int]int) {
	symbolCharDictionary, charSymbolDictionary := map[int][]int{}, map[int]int{}
	utf.seek(runeCmapPosition + 2)
	size := utf.readUint16()
	rim := runeCmapPosition + size
	utf.skip(2)
	segmentSize := utf.readUint16() / 2
	utf.skip(6)
	var completers, beginners, sizes, positions []int
	for i := 0; i < segmentSize; i++ {
		completers = append(completers, utf.readUint16())
	}
	utf.skip(2)
	for i := 0; i < segmentSize; i++ {
		beginners = append(beginners, utf.readUint16())
	}
	for i := 0; i < segmentSize; i++ {
		sizes = append(sizes, int(utf.readInt16()))
	}
	readerPositionStart := utf.fileReader.readerPosition
	for i := 0; i < segmentSize; i++ {
		positions = append(positions, utf.readUint16())
	}
	var symbol int
	for n := 0; n < segmentSize; n++ {
		for char := beginners[n]; char < completers[n]+1; char++ {
			if positions[n] == 0 {
				symbol = (char + sizes[n]) & 0xFFFF
			} else {
				position := int(readerPositionStart) + 2*n + (char-beginners[n])*2 + positions[n]
				if position >= rim {
					symbol = 0
				} else if symbol = utf.getUint16(position); symbol != 0 {
					symbol = (symbol + sizes[n]) & 0xFFFF
				}
			}
			charSymbolDictionary[char] = symbol
			symbolCharDictionary[symbol] = append(symbolCharDictionary[symbol], char)
		}
	}
	return symbolCharDictionary, charSymbolDictionary
}

// TestCMAPTable (patch 6): the arrays hold exactly upstream's two
// dictionaries, for every character and glyph of each embedded font.
func TestCMAPTable(t *testing.T) {
	for name, data := range layerdeckFonts(t) {
		utf := newUTF8Font(&fileReader{array: data})
		if err := utf.parseFile(); err != nil {
			t.Fatal(name, err)
		}
		pos := utf.parseCMAPTable(0)
		got := utf.generateSCCSDictionaries(pos)
		symbolChar, charSymbol := upstreamDictionaries(utf, pos)
		for c := 0; c < 0x10000; c++ {
			s, ok := got.symbolOf(c)
			ws, wok := charSymbol[c]
			if s != ws || ok != wok {
				t.Fatalf("%s: U+%04X: glyph %d %v, upstream %d %v", name, c, s, ok, ws, wok)
			}
		}
		if len(charSymbol) < 1000 {
			t.Errorf("%s: only %d characters", name, len(charSymbol))
		}
		for g := 0; g < 0x10000; g++ {
			var chars []int
			for _, c := range got.charsOf(g) {
				chars = append(chars, int(c))
			}
			if !equalInts(chars, symbolChar[g]) {
				t.Fatalf("%s: glyph %d: characters %v, upstream %v", name, g, chars, symbolChar[g])
			}
		}
	}
}

// TestFontID (patch 6): the font id is the SHA-1 of the font definition's
// JSON, as upstream computed it, for a UTF-8 font's 65 536 widths and for
// a definition without widths.
func TestFontID(t *testing.T) {
	upstream := func(fdt fontDefType) string {
		fdt.File = ""
		b, err := json.Marshal(&fdt)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", sha1.Sum(b))
	}
	for name, data := range layerdeckFonts(t) {
		parsedFonts = parsedFontCache{}
		f := New("P", "pt", "A4", "")
		f.AddUTF8FontFromBytes("x", "B", data)
		def := f.fonts[getFontKey("x", "B")]
		if len(def.Cw) != 65536 {
			t.Fatalf("%s: %d widths", name, len(def.Cw))
		}
		got, err := generateFontID(def)
		if want := upstream(def); err != nil || got != want || def.i != want {
			t.Errorf("%s: id %s (%v), kept %s, upstream %s", name, got, err, def.i, want)
		}
	}
	def := fontDefType{Tp: "Core", Name: "helvetica", File: "x.z"}
	if got, _ := generateFontID(def); got != upstream(def) {
		t.Errorf("no widths: id %s, upstream %s", got, upstream(def))
	}
	def.Cw = []int{}
	if got, _ := generateFontID(def); got != upstream(def) {
		t.Errorf("empty widths: id %s, upstream %s", got, upstream(def))
	}
}

// TestUnpackArrays (patch 6): the presized unpacking reads as upstream's
// bytes.Reader loop did, a short last read included.
func TestUnpackArrays(t *testing.T) {
	upstream := func(data []byte, n int) []int {
		answer := make([]int, 1)
		r := bytes.NewReader(data)
		bs := make([]byte, n)
		c, e := r.Read(bs)
		for e == nil && c > 0 {
			if n == 2 {
				answer = append(answer, int(binary.BigEndian.Uint16(bs)))
			} else {
				answer = append(answer, int(binary.BigEndian.Uint32(bs)))
			}
			c, e = r.Read(bs)
		}
		return answer
	}
	data := []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	for i := 0; i <= len(data); i++ {
		if got, want := unpackUint16Array(data[:i]), upstream(data[:i], 2); !equalInts(got, want) {
			t.Errorf("uint16 of %d bytes: %x, upstream %x", i, got, want)
		}
		if got, want := unpackUint32Array(data[:i]), upstream(data[:i], 4); !equalInts(got, want) {
			t.Errorf("uint32 of %d bytes: %x, upstream %x", i, got, want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
