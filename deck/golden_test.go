package deck_test

import (
	"encoding/json"
	"testing"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/golden"
)

// TestEssayModel goldens the parsed model of the built-in deck.
func TestEssayModel(t *testing.T) {
	d, err := deck.Parse("essay.md", assets.Essay)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Slides); n < 10 || n > 14 {
		t.Errorf("the built-in deck has %d slides, want 10 to 14", n)
	}
	for _, s := range d.Slides {
		if s.Notes == "" {
			t.Errorf("slide %d has no speaker notes", s.Number)
		}
	}
	for _, id := range []string{"ai", "crypto"} {
		if d.Stack(id) == nil {
			t.Errorf("no stack %s", id)
		}
	}
	got, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/essay.json", append(got, '\n'))
}
