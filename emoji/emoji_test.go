package emoji

import (
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
