package diagrams

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/diskcache"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// TestBadCacheEntries: every layout entry of the disk cache replaced by a
// truncated, null, headerless or crafted one (right header and hash, no
// nodes) is a miss: the geometry is Graphviz's again, no error, and the
// entry is whole again after. The cache directory is made 0700.
func TestBadCacheEntries(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "layerdeck", "graphviz")
	f, _ := fonts.Default()
	geo := func() string {
		t.Helper()
		e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), CacheDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		var out strings.Builder
		for _, src := range talkSources() {
			g, err := e.Layout(context.Background(), src)
			if err != nil {
				t.Fatalf("%s: %v", src.Name, err)
			}
			b, _ := json.Marshal(g)
			out.Write(b)
		}
		return out.String()
	}
	want := geo()
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("cache directory: %v, %v", fi.Mode(), err)
	}
	layouts, _ := filepath.Glob(filepath.Join(dir, "*[0-9a-f].json"))
	if len(layouts) != 4 {
		t.Fatalf("%d layout entries, want 4", len(layouts))
	}
	good, _ := os.ReadFile(layouts[0])
	crafted := `{"bb": "0,0,10,10", "objects": []}`
	for what, bad := range map[string]func(name string) []byte{
		"truncated": func(string) []byte { return good[:len(good)/2] },
		"null":      func(string) []byte { return []byte("null") },
		"headless":  func(string) []byte { return []byte(crafted) },
		"crafted":   func(name string) []byte { return diskcache.Encode(name, []byte(crafted)) },
		"null, hashed": func(name string) []byte {
			return diskcache.Encode(name, []byte("null"))
		},
	} {
		for _, l := range layouts {
			os.WriteFile(l, bad(filepath.Base(l)), 0o600)
		}
		if got := geo(); got != want {
			t.Fatalf("%s entries: the geometry differs from Graphviz's", what)
		}
		for _, l := range layouts {
			raw, _ := os.ReadFile(l)
			if data, ok := diskcache.Decode(filepath.Base(l), raw); !ok || !strings.Contains(string(data), `"objects"`) {
				t.Fatalf("%s entries: %s was not laid out again", what, filepath.Base(l))
			}
		}
	}
}

// TestSharedCacheDirRefused: a layout cache directory others can write
// to is neither read nor written.
func TestSharedCacheDirRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	f, _ := fonts.Default()
	e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if _, err := e.Layout(context.Background(), talkSources()[0]); err != nil {
		t.Fatal(err)
	}
	assertEmpty(t, dir)
}
