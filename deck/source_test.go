package deck

import "testing"

// TestLocate finds a character's own position from its block's, within
// the slide, in the deck and in an imported file.
func TestLocate(t *testing.T) {
	files := map[string]string{"part.md": "# 部\n\nα β\n"}
	d, err := ParseFiles("d.md", []byte("---\ntheme: seriph\n---\n\n# 一\n\nあ β γ\n\n---\nsrc: part.md\n---\n"), func(name string) ([]byte, error) {
		return []byte(files[name]), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	from := Pos{File: "d.md", Line: 7, Col: 1}
	for _, tt := range []struct {
		from, until Pos
		r           rune
		want        string
	}{
		{from, Pos{}, 'γ', "d.md:7:8"},
		{from, Pos{}, 'β', "d.md:7:5"},
		{from, Pos{File: "d.md", Line: 7, Col: 5}, 'β', "d.md:7:1"}, // not before until
		{from, Pos{}, 'ω', "d.md:7:1"},                              // not found
		{Pos{File: "part.md", Line: 3, Col: 1}, Pos{}, 'β', "part.md:3:4"},
		{Pos{File: "other.md", Line: 1, Col: 1}, Pos{}, 'β', "other.md:1:1"},
	} {
		if got := d.Locate(tt.from, tt.until, tt.r).String(); got != tt.want {
			t.Errorf("Locate(%v, %v, %c) = %s, want %s", tt.from, tt.until, tt.r, got, tt.want)
		}
	}
	if len(d.Slides) != 2 || d.Slides[1].Pos.File != "part.md" {
		t.Errorf("slides %+v", d.Slides)
	}
}
