package fonts

import (
	"os"
	"testing"
)

// TestFallback: a face with a fallback measures and has the characters
// its font lacks from the fallback, says which face draws each, leaves
// the colour emoji first and characters above U+FFFF alone.
func TestFallback(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/DejaVuSans-subset.ttf")
	if err != nil {
		t.Fatal(err)
	}
	dv, err := Parse("DejaVuSans-subset", data)
	if err != nil {
		t.Fatal(err)
	}
	base := set.Regular
	fc, err := base.WithFallback([]*Face{dv})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "ἀ∆⌀" {
		if base.Has(r) || !fc.Has(r) || fc.Fallback(r) != 1 || fc.Advance(r, 10) != dv.Advance(r, 10) {
			t.Errorf("%c: base %v, with fallback %v from %d, advance %v (fallback's %v)", r, base.Has(r), fc.Has(r), fc.Fallback(r), fc.Advance(r, 10), dv.Advance(r, 10))
		}
	}
	if fc.Fallback('あ') != 0 || fc.Advance('あ', 10) != base.Advance('あ', 10) || fc.Fallback('ω') != 0 {
		t.Errorf("the font's own glyphs come first")
	}
	if got := fc.Width("aἀ", 10); got != base.Advance('a', 10)+dv.Advance('ἀ', 10) {
		t.Errorf("width %v", got)
	}
	if got := fc.Missing("ἀ𓀀ω"); len(got) != 1 || got[0] != '𓀀' {
		t.Errorf("missing %q", got)
	}
	// ☔ (U+2614) is an emoji the fallback also has: colour wins.
	if fc.Emoji("☔") == 0 || fc.Emoji("∆") != 0 {
		t.Errorf("emoji before fallbacks: ☔ %d ∆ %d", fc.Emoji("☔"), fc.Emoji("∆"))
	}
	if fc.Name() != base.Name() || fc.FallbackFace(1) != dv || fc.FallbackFace(2) != nil {
		t.Errorf("names and faces")
	}
	if _, err := fc.WithFallback([]*Face{dv}); err == nil {
		t.Errorf("fallbacks of fallbacks")
	}
	s2, err := set.WithFallback([]*Face{dv})
	if err != nil || s2.Bold.Fallback('ἀ') != 1 || s2.Mono.Fallback('ἀ') != 1 || len(s2.Fallback) != 1 || set.Regular.Fallback('ἀ') != 0 {
		t.Errorf("set with fallback: %v", err)
	}
}
