package emoji

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		in  string
		n   int
		key string
	}{
		{"😀 ok", len("😀"), "1f600"},
		{"👍🏽!", len("👍🏽"), "1f44d-1f3fd"},
		{"👨‍👩‍👧 family", len("👨‍👩‍👧"), "1f468-200d-1f469-200d-1f467"},
		{"🇯🇵🇫🇷", len("🇯🇵"), "1f1ef-1f1f5"},
		{"1️⃣", len("1️⃣"), "31-20e3"},
		{"#⃣", len("#⃣"), "23-20e3"},
		{"❤️ love", len("❤️"), "2764"},
		{"❤ love", len("❤"), "2764"},
		{"🏃🏻‍♀️", len("🏃🏻‍♀️"), "1f3c3-1f3fb-200d-2640-fe0f"},
		{"🏃🏻‍♀", len("🏃🏻‍♀"), "1f3c3-1f3fb-200d-2640-fe0f"},
		{"🏴󠁧󠁢󠁳󠁣󠁴󠁿", len("🏴󠁧󠁢󠁳󠁣󠁴󠁿"), "1f3f4-e0067-e0062-e0073-e0063-e0074-e007f"},
		{"12", 0, ""},
		{"abc", 0, ""},
		{"日本", 0, ""},
		{"", 0, ""},
	}
	for _, tt := range tests {
		n, _, key := Match(tt.in)
		if n != tt.n || key != tt.key {
			t.Errorf("Match(%q) = %d %q, want %d %q", tt.in, n, key, tt.n, tt.key)
		}
	}
}

func TestDrawing(t *testing.T) {
	d, ok := Drawing("1f600")
	if !ok || d.Width != 36 || d.Height != 36 || len(d.Items) != 5 {
		t.Fatalf("1f600: %v %+v", ok, d)
	}
	if _, ok := Drawing("nothing"); ok {
		t.Error("a drawing for no emoji")
	}
}

// TestAllDrawings reads every Twemoji: each has something to draw and
// nothing skipped.
func TestAllDrawings(t *testing.T) {
	filesOnce.Do(loadFiles)
	if filesErr != nil || len(files) != 3720 {
		t.Fatalf("%d files, %v", len(files), filesErr)
	}
	for key := range files {
		d, ok := Drawing(key)
		if !ok || len(d.Items) == 0 || len(d.Skipped) > 0 {
			t.Errorf("%s: %v %+v", key, ok, d)
		}
	}
}

func BenchmarkLoadFiles(b *testing.B) {
	for i := 0; i < b.N; i++ {
		loadFiles()
	}
}

// TestLowStarts: lowStarts are exactly the first characters below U+1F000
// of the sequences in names.txt, and a sequence starting with an ASCII
// character (a keycap) goes on with U+FE0F or U+20E3, as Match assumes
// before it reads the table.
func TestLowStarts(t *testing.T) {
	want := map[rune]bool{}
	for _, line := range strings.Split(names, "\n") {
		if line == "" {
			continue
		}
		parts := strings.Split(line, "-")
		v, err := strconv.ParseUint(parts[0], 16, 32)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if r := rune(v); r < 0x1F000 {
			want[r] = true
			if r < 0x80 && (len(parts) < 2 || parts[1] != "fe0f" && parts[1] != "20e3") {
				t.Errorf("%s: a keycap sequence without U+FE0F or U+20E3 after its first character", line)
			}
		}
	}
	if !slices.IsSorted(lowStarts) || len(lowStarts) != len(want) {
		t.Fatalf("lowStarts: %d, sorted %v; names.txt has %d", len(lowStarts), slices.IsSorted(lowStarts), len(want))
	}
	for _, r := range lowStarts {
		if !want[r] {
			t.Errorf("%U is in lowStarts, not in names.txt", r)
		}
	}
}

// TestPlainTextLoadsNothing: Latin, Japanese and digits without a keycap
// mark are told apart without making the table of sequences.
func TestPlainTextLoadsNothing(t *testing.T) {
	trieOnce, trie, starts = sync.Once{}, nil, nil // as at the start
	for _, s := range []string{"L1", "2024年", "AIと暗号資産", "café", "#1", "→", "×"} {
		if n, _, _ := Match(s); n != 0 {
			t.Errorf("%q matched", s)
		}
	}
	if trie != nil {
		t.Error("the table of sequences was made for plain text")
	}
}
