package wasm

import (
	"os"
	"testing"
)

// TestLazyStart (layerdeck patch): nothing starts at initialisation, the
// known enumeration values hold before the start, Start starts once and
// fixes the compilation cache directory, and TMPDIR is not used.
func TestLazyStart(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	if Started() || mod.mod != nil {
		t.Fatal("the runtime started at initialisation")
	}
	if GRAPH != 0 || NODE != 1 || EDGE != 2 || API_LOADIMAGE != 4 {
		t.Fatalf("enumerations before the start: %d %d %d %d", GRAPH, NODE, EDGE, API_LOADIMAGE)
	}
	dir := t.TempDir()
	if err := SetCompilationCacheDir(dir); err != nil {
		t.Fatal(err)
	}
	if err := Start(); err != nil {
		t.Fatal(err)
	}
	if err := Start(); err != nil {
		t.Fatal(err)
	}
	if !Started() || mod.mod == nil {
		t.Fatal("Start did not start the runtime")
	}
	if err := SetCompilationCacheDir(""); err == nil {
		t.Fatal("the cache directory changed after the start")
	}
	if ents, _ := os.ReadDir(dir); len(ents) == 0 {
		t.Fatal("nothing in the compilation cache directory")
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Fatalf("TMPDIR holds %s", ents[0].Name())
	}
}
