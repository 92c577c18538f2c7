package fonts

import (
	"embed"
	"fmt"
)

// The KaTeX fonts (SIL OFL 1.1, see README.md): the Computer Modern
// shapes KaTeX, Marp and Slidev set formulas in. Layerdeck draws their
// glyph outlines as paths (internal/texmath), so they are never embedded
// in a PDF as fonts.
//
//go:embed katex/*.ttf
var katexFS embed.FS

// MathFonts lists the embedded KaTeX fonts by name.
var MathFonts = []string{
	"Main-Regular", "Main-Bold", "Main-Italic", "Math-Italic", "AMS-Regular",
	"Caligraphic-Regular", "Size1-Regular", "Size2-Regular", "Size3-Regular", "Size4-Regular",
}

// MathFont returns the TrueType file of the embedded KaTeX font named
// name, one of MathFonts ("Main-Regular", "Size1-Regular", …).
func MathFont(name string) ([]byte, error) {
	b, err := katexFS.ReadFile("katex/KaTeX_" + name + ".ttf")
	if err != nil {
		return nil, fmt.Errorf("no math font %q", name)
	}
	return b, nil
}
