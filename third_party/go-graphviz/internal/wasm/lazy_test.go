package wasm

import (
	"os"
	"path/filepath"
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

// TestKinds (layerdeck patch 4): the instance is interruptible unless the
// fast kind is asked for; switching makes a new instance of the other
// kind at the next Start, each kind's code cached in a directory of its
// own, and back again without compiling anew.
func TestKinds(t *testing.T) {
	dir := t.TempDir()
	cacheDir = dir // as SetCompilationCacheDir before any start
	if err := Start(); err != nil {
		t.Fatal(err)
	}
	if LiveIsFast() {
		t.Fatal("the first instance is fast")
	}
	gen := Generation()
	SetKind(true)
	if err := Start(); err != nil {
		t.Fatal(err)
	}
	if !LiveIsFast() || Generation() != gen+1 || mod.mod.IsClosed() {
		t.Fatalf("after asking for a fast instance: fast %v, generation %d (was %d)", LiveIsFast(), Generation(), gen)
	}
	if err := Start(); err != nil || Generation() != gen+1 {
		t.Fatalf("a second Start of the same kind made a new instance: %v", err)
	}
	SetKind(false)
	if err := Start(); err != nil {
		t.Fatal(err)
	}
	if LiveIsFast() || Generation() != gen+2 {
		t.Fatalf("back to interruptible: fast %v, generation %d", LiveIsFast(), Generation())
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, "fast")); len(ents) == 0 {
		t.Error("nothing cached for the fast kind")
	}
	if wasmCompiled[Fast] == nil || wasmCompiled[Interruptible] == nil {
		t.Error("a kind's compiled module was not kept")
	}
}
