package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/internal/golden"
)

// TestBuiltinLayouts: the layout cache entries that come with the binary
// (assets/layouts) are exactly what Graphviz gives for the built-in deck,
// laid out afresh here; go test ./internal/build -update rewrites them.
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
			data, err := os.ReadFile(filepath.Join(cache, e.Name()))
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
		want, _ := os.ReadFile(filepath.Join(cache, e.Name()))
		got, err := fs.ReadFile(assets.Layouts, "layouts/"+e.Name())
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("assets/layouts/%s is missing or not Graphviz's output (run go test ./internal/build -update)", e.Name())
		}
	}
}
