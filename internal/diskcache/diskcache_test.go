package diskcache

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEntries: what Put writes Get returns; a truncated, damaged, renamed,
// headerless or null file is a miss.
func TestEntries(t *testing.T) {
	d := &Dir{Path: filepath.Join(t.TempDir(), "a", "cache")}
	d.Put("k1.json", []byte(`{"x":1}`))
	if got := d.Get("k1.json"); string(got) != `{"x":1}` {
		t.Fatalf("got %q", got)
	}
	if fi, err := os.Stat(d.Path); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("cache directory: %v %v", fi.Mode(), err)
	}
	good, _ := os.ReadFile(filepath.Join(d.Path, "k1.json"))
	for name, raw := range map[string][]byte{
		"truncated": good[:len(good)-2],
		"damaged":   bytes.Replace(good, []byte("1}"), []byte("2}"), 1),
		"headless":  []byte(`{"x":1}`),
		"null":      []byte("null"),
		"empty":     nil,
		"renamed":   good, // the header names k1.json
	} {
		os.WriteFile(filepath.Join(d.Path, name), raw, 0o600)
		if got := d.Get(name); got != nil {
			t.Errorf("%s: got %q, want a miss", name, got)
		}
	}
	for _, bad := range []string{"../x", ".hidden", "a/b", ""} {
		d.Put(bad, []byte("x"))
		if d.Get(bad) != nil {
			t.Errorf("name %q used", bad)
		}
	}
}

// TestRefusedDir: a directory the check refuses is never read or written.
func TestRefusedDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "k"), Encode("k", []byte("planted")), 0o644)
	d := &Dir{Path: dir, Check: func(string) error { return os.ErrPermission }}
	if d.Get("k") != nil {
		t.Fatal("read from a refused directory")
	}
	d.Put("k2", []byte("x"))
	if _, err := os.Stat(filepath.Join(dir, "k2")); err == nil {
		t.Fatal("wrote into a refused directory")
	}
}

// TestPrune: above the cap the least recently used entries go (a Get
// counts as a use); temporary files of unfinished writes go after an hour.
func TestPrune(t *testing.T) {
	d := &Dir{Path: t.TempDir(), MaxBytes: 3 * int64(len(Encode("e0", make([]byte, 1000))))}
	old := time.Now().Add(-time.Hour * 24)
	for i := 0; i < 3; i++ {
		name := "e" + string(rune('0'+i))
		d.Put(name, make([]byte, 1000))
		at := old.Add(time.Duration(i) * time.Minute)
		os.Chtimes(filepath.Join(d.Path, name), at, at)
	}
	stale := filepath.Join(d.Path, ".tmp123")
	os.WriteFile(stale, []byte("partial"), 0o600)
	os.Chtimes(stale, old, old)
	fresh := filepath.Join(d.Path, ".tmp456")
	os.WriteFile(fresh, []byte("being written"), 0o600)
	d.Get("e0")                     // e0 is now the most recently used
	d.Put("e3", make([]byte, 1000)) // over the cap: e1, the least recently used, goes
	var names []string
	ents, _ := os.ReadDir(d.Path)
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != ".tmp456 e0 e2 e3" {
		t.Fatalf("after pruning: %s", got)
	}
}
