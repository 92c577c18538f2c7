package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/internal/diskcache"
	"github.com/layerdeck/layerdeck/internal/golden"
)

// TestBuiltinLayouts: the layout cache entries that come with the binary
// (assets/layouts) are exactly what Graphviz gives for the built-in deck,
// laid out afresh here (the disk cache's entries without their header,
// see internal/diskcache); go test ./internal/build -update rewrites them.
func TestBuiltinLayouts(t *testing.T) {
	cache := t.TempDir()
	b := New()
	b.Seed, b.CacheDir = nil, cache
	_, err := b.Build(context.Background(), "", Options{NoPDF: true})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	made, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	const dir = "../../assets/layouts"
	if golden.Updating() {
		old, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, f := range old {
			os.Remove(f)
		}
		for _, e := range made {
			data, err := entry(cache, e.Name())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	shipped, err := fs.Glob(assets.Layouts, "layouts/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(shipped) != len(made) {
		t.Errorf("%d entries in assets/layouts, Graphviz made %d (run go test ./internal/build -update)", len(shipped), len(made))
	}
	for _, e := range made {
		want, _ := entry(cache, e.Name())
		got, err := fs.ReadFile(assets.Layouts, "layouts/"+e.Name())
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("assets/layouts/%s is missing or not Graphviz's output (run go test ./internal/build -update)", e.Name())
		}
	}
}

// entry is the data of a disk cache entry.
func entry(dir, name string) ([]byte, error) {
	raw, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	data, ok := diskcache.Decode(name, raw)
	if !ok {
		return nil, fmt.Errorf("%s: not a whole cache entry", name)
	}
	return data, nil
}
