// Package fonts owns the fonts layerdeck draws with: the embedded BIZ
// UDPGothic Regular and Bold (SIL OFL 1.1), or TrueType files a deck names
// instead, the embedded fixed-pitch BIZ UDGothic Regular and Bold for
// code, and their metrics. Layout, diagrams and every renderer measure
// with this package, so what is measured is what is drawn.
//
// Advance widths are kept in thousandths of an em, rounded as PDF width
// arrays store them, so that a width measured here equals the width a PDF
// viewer draws.
package fonts

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/layerdeck/layerdeck/emoji"
)

//go:embed BIZUDPGothic-Regular.ttf
var regularTTF []byte

//go:embed BIZUDPGothic-Bold.ttf
var boldTTF []byte

//go:embed BIZUDGothic-Regular.ttf
var monoTTF []byte

//go:embed BIZUDGothic-Bold.ttf
var monoBoldTTF []byte

// ErrNotTrueType is returned for fonts with CFF (PostScript) outlines:
// the PDF writer embeds TrueType outlines only.
var ErrNotTrueType = errors.New("not a TrueType font: the PDF needs TrueType outlines (glyf), not CFF/OpenType-PS; use a .ttf such as BIZ UDPGothic")

// Face is a parsed TrueType font.
type Face struct {
	name string
	data []byte
	font *sfnt.Font
	upem float64

	// Vertical metrics in thousandths of an em (descent is positive).
	ascent, descent, lineGap float64

	// bmp holds, for each Basic Multilingual Plane rune measured so far,
	// its entry (see entry): 0 until measured. Runes are measured on
	// first use, not all at parse time: a deck uses a few hundred of the
	// font's twenty thousand characters, and measuring all 65 536 took
	// several milliseconds of every build's start.
	bmp []atomic.Uint32

	mu     sync.Mutex // guards buf, astral and the measuring of bmp
	buf    sfnt.Buffer
	astral map[rune]int16

	// fallback are the faces tried in order for the Basic Multilingual
	// Plane characters the font lacks (see WithFallback).
	fallback []*Face
}

// Parse reads a TrueType font from data. name is used in messages and as
// the font's family name in renderers.
func Parse(name string, data []byte) (*Face, error) {
	if len(data) >= 4 && string(data[:4]) == "OTTO" {
		return nil, ErrNotTrueType
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("not a TrueType font: %v", err)
	}
	var buf sfnt.Buffer
	if _, err := f.LoadGlyph(&buf, 0, fixed.I(1000), nil); err != nil && !errors.Is(err, sfnt.ErrNotFound) {
		return nil, fmt.Errorf("not a usable TrueType font: %v", err)
	}
	upem := float64(f.UnitsPerEm())
	ppem := fixed.Int26_6(f.UnitsPerEm()) << 6
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("reading font metrics: %v", err)
	}
	fc := &Face{
		name:    name,
		data:    data,
		font:    f,
		upem:    upem,
		ascent:  units(m.Ascent, upem),
		descent: units(m.Descent, upem),
		lineGap: units(m.Height-m.Ascent-m.Descent, upem),
		bmp:     make([]atomic.Uint32, 0x10000),
		astral:  map[rune]int16{},
	}
	return fc, nil
}

// units converts a 26.6 value measured at ppem=unitsPerEm to thousandths of an em.
func units(v fixed.Int26_6, upem float64) float64 {
	return float64(v) / 64 * 1000 / upem
}

// lookup measures r with the sfnt parser; the caller holds mu or owns fc.
func (fc *Face) lookup(r rune) int16 {
	gi, err := fc.font.GlyphIndex(&fc.buf, r)
	if err != nil || gi == 0 {
		return -1
	}
	ppem := fixed.Int26_6(fc.font.UnitsPerEm()) << 6
	adv, err := fc.font.GlyphAdvance(&fc.buf, gi, ppem, font.HintingNone)
	if err != nil {
		return -1
	}
	w := float64(adv) / 64 * 1000 / fc.upem
	return int16(w + 0.5)
}

// entry returns the measure of the Basic Multilingual Plane rune r:
// 1 + the index of the fallback face that draws it (0 for the font itself
// or none) in the high 16 bits, 2 + its advance in thousandths of an em
// (-1: no glyph) in the low 16 bits. Measured once, then read without a
// lock.
func (fc *Face) entry(r rune) uint32 {
	if v := fc.bmp[r].Load(); v != 0 {
		return v
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if v := fc.bmp[r].Load(); v != 0 {
		return v
	}
	w, from := fc.lookup(r), 0
	if w < 0 && r >= 0x20 {
		for i, f := range fc.fallback {
			if fw := f.permille(r); fw >= 0 {
				w, from = fw, i+1
				break
			}
		}
	}
	v := uint32(from)<<16 | uint32(w+2)
	fc.bmp[r].Store(v)
	return v
}

// permille returns the advance of r in thousandths of an em, or -1.
func (fc *Face) permille(r rune) int16 {
	if r >= 0 && r < 0x10000 {
		return int16(fc.entry(r)&0xFFFF) - 2
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	w, ok := fc.astral[r]
	if !ok {
		w = fc.lookup(r)
		fc.astral[r] = w
	}
	return w
}

// MaxFallback is the largest number of fallback faces.
const MaxFallback = 255

// WithFallback returns a face that measures and draws, besides fc's own
// glyphs, the glyphs fc lacks from the fallback faces, the first that has
// one winning. Fallbacks serve the Basic Multilingual Plane only (the PDF
// writer cannot write characters above U+FFFF), and never a single
// character the emoji are drawn for (see Emoji). Fallback tells which
// face draws a rune. fc and the fallbacks are faces without fallbacks of
// their own.
func (fc *Face) WithFallback(fallback []*Face) (*Face, error) {
	if len(fallback) == 0 {
		return fc, nil
	}
	if len(fallback) > MaxFallback {
		return nil, fmt.Errorf("more than %d fallback fonts", MaxFallback)
	}
	if fc.fallback != nil {
		return nil, errors.New("the face has fallbacks already")
	}
	for _, f := range fallback {
		// A fallback of a fallback could lead back to fc, whose lock a
		// measure holds while it asks its fallbacks (see entry).
		if f.fallback != nil {
			return nil, errors.New("a fallback face has fallbacks of its own")
		}
	}
	d := &Face{
		name: fc.name, data: fc.data, font: fc.font, upem: fc.upem,
		ascent: fc.ascent, descent: fc.descent, lineGap: fc.lineGap,
		bmp: make([]atomic.Uint32, 0x10000), astral: map[rune]int16{},
		fallback: fallback,
	}
	return d, nil
}

// Fallback returns 1 + the index of the fallback face that draws r (see
// WithFallback), or 0 when the face's own font draws it or none does.
func (fc *Face) Fallback(r rune) int {
	if fc.fallback == nil || r < 0 || r >= 0x10000 {
		return 0
	}
	return int(fc.entry(r) >> 16)
}

// FallbackFace is the fallback face number n (as Fallback returns it).
func (fc *Face) FallbackFace(n int) *Face {
	if n < 1 || n > len(fc.fallback) {
		return nil
	}
	return fc.fallback[n-1]
}

// Name is the name the face was loaded under.
func (fc *Face) Name() string { return fc.name }

// Data is the TrueType file, for embedding.
func (fc *Face) Data() []byte { return fc.data }

// SFNT is the parsed font, for rasterizing glyph outlines.
func (fc *Face) SFNT() *sfnt.Font { return fc.font }

// Has reports whether the font has a glyph for r. Control characters
// (tab, newline) are never drawn and count as present.
func (fc *Face) Has(r rune) bool {
	if r < 0x20 {
		return true
	}
	return fc.permille(r) >= 0
}

// Advance is the advance width of r at size points, in points. A rune the
// font lacks measures as the notdef box, half an em.
func (fc *Face) Advance(r rune, size float64) float64 {
	w := fc.permille(r)
	if w < 0 {
		w = 500
	}
	return float64(w) * size / 1000
}

// Width is the advance width of s at size points, in points, without
// kerning. An emoji drawn in colour (see Emoji) is one em wide.
func (fc *Face) Width(s string, size float64) float64 {
	var sum int
	for i := 0; i < len(s); {
		if n := fc.Emoji(s[i:]); n > 0 {
			sum += 1000
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		w := fc.permille(r)
		if w < 0 {
			w = 500
		}
		sum += int(w)
	}
	return float64(sum) * size / 1000
}

// Emoji returns the length in bytes of the emoji at the start of s that
// is drawn in colour from the emoji package's graphics, 0 if there is
// none: a sequence of several characters (with a skin tone, a joiner, a
// keycap, variation selector 16; a flag), or a single character the font
// lacks. A single character the font has is drawn from the font.
func (fc *Face) Emoji(s string) int {
	if s == "" || s[0] < 0x23 || s[0] >= 0x40 && s[0] < 0xC2 {
		return 0 // fast path for ASCII text
	}
	n, runes, _ := emoji.Match(s)
	if n == 0 {
		return 0
	}
	if runes == 1 {
		// A fallback font's glyph comes after the colour emoji.
		r, _ := utf8.DecodeRuneInString(s)
		if fc.Has(r) && fc.Fallback(r) == 0 {
			return 0
		}
	}
	return n
}

// Missing returns the runes of s the font has no glyph for, each once, in
// order of first appearance.
func (fc *Face) Missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if !fc.Has(r) && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// Ascent is the height above the baseline at size points.
func (fc *Face) Ascent(size float64) float64 { return fc.ascent * size / 1000 }

// Descent is the depth below the baseline at size points, as a positive number.
func (fc *Face) Descent(size float64) float64 { return fc.descent * size / 1000 }

// LineGap is the font's recommended extra gap between lines at size points.
func (fc *Face) LineGap(size float64) float64 { return fc.lineGap * size / 1000 }

// Set is the regular and bold pair a document is drawn with, and the
// fixed-pitch pair of its code.
type Set struct {
	Regular *Face
	Bold    *Face
	// Mono and MonoBold set code: half-width Latin, full-width Japanese
	// (BIZ UDGothic unless a caller sets others). Nil means Regular and
	// Bold.
	Mono     *Face
	MonoBold *Face
	// Fallback are the fallback faces of all four (see WithFallback), in
	// order: a text run drawn in fallback face n uses Fallback[n-1].
	Fallback []*Face
}

// WithFallback returns the set with each face falling back on fallback.
func (s *Set) WithFallback(fallback []*Face) (*Set, error) {
	if len(fallback) == 0 {
		return s, nil
	}
	out := &Set{Fallback: fallback}
	for _, p := range [][2]**Face{{&out.Regular, &s.Regular}, {&out.Bold, &s.Bold}, {&out.Mono, &s.Mono}, {&out.MonoBold, &s.MonoBold}} {
		if *p[1] == nil {
			continue
		}
		f, err := (*p[1]).WithFallback(fallback)
		if err != nil {
			return nil, err
		}
		*p[0] = f
	}
	return out, nil
}

// Emboldened reports whether bold text in the face for mono (code) or
// in fallback face fallback (see Fallback; 0 for none) is drawn
// emboldened by the renderer, as browsers do when a font has no bold:
// when the bold face is the regular one's file (a deck naming one font),
// and in a fallback face, which has one style.
func (s *Set) Emboldened(bold, mono bool, fallback int) bool {
	if !bold {
		return false
	}
	if fallback > 0 {
		return true
	}
	b, r := s.FaceFor(true, mono).data, s.FaceFor(false, mono).data
	return len(b) == len(r) && (len(b) == 0 || &b[0] == &r[0])
}

// EmboldenWidth is the width, in points, of the outline stroke that
// emboldens text of size points (see Emboldened): a 36th of an em,
// about what browsers add when they make a regular face bold. Advances
// stay those of the regular face.
func EmboldenWidth(size float64) float64 { return size / 36 }

// Face returns the bold or the regular face.
func (s *Set) Face(bold bool) *Face {
	if bold {
		return s.Bold
	}
	return s.Regular
}

// FaceFor returns the face of text in the given weight, fixed-pitch
// (code) or not.
func (s *Set) FaceFor(bold, mono bool) *Face {
	switch {
	case mono && bold && s.MonoBold != nil:
		return s.MonoBold
	case mono && !bold && s.Mono != nil:
		return s.Mono
	}
	return s.Face(bold)
}

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// Default returns the embedded BIZ UDPGothic pair and the BIZ UDGothic
// pair for code, parsed once per process.
func Default() (*Set, error) {
	defaultOnce.Do(func() {
		var faces [4]*Face
		var errs [4]error
		var wg sync.WaitGroup
		// Parsing a face reads its tables (its characters are measured
		// on first use): the four are parsed side by side.
		for i, f := range []struct {
			name string
			data []byte
		}{
			{"BIZUDPGothic-Regular", regularTTF},
			{"BIZUDPGothic-Bold", boldTTF},
			{"BIZUDGothic-Regular", monoTTF},
			{"BIZUDGothic-Bold", monoBoldTTF},
		} {
			wg.Go(func() { faces[i], errs[i] = Parse(f.name, f.data) })
		}
		wg.Wait()
		if defaultErr = errors.Join(errs[:]...); defaultErr != nil {
			return
		}
		defaultSet = &Set{Regular: faces[0], Bold: faces[1], Mono: faces[2], MonoBold: faces[3]}
	})
	return defaultSet, defaultErr
}

// LoadFile reads and parses a TrueType file.
func LoadFile(path string) (*Face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}
