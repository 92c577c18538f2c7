package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	// Accept -update, so that go test ./... -update runs in every package.
	_ "github.com/layerdeck/layerdeck/internal/golden"
)

func TestWriteFileReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.pdf")
	if err := WriteFile(p, []byte("one"), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two"), Options{}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "two" {
		t.Fatalf("got %q", got)
	}
	assertOnly(t, dir, "out.pdf")
}

func TestFaultBeforeRenameKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(p, []byte("good"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("injected fault")
	var sawTmp bool
	err := WriteFile(p, []byte("new but never renamed"), Options{BeforeRename: func(tmp string) error {
		b, _ := os.ReadFile(tmp)
		sawTmp = string(b) == "new but never renamed"
		return boom
	}})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the injected fault", err)
	}
	if !sawTmp {
		t.Fatal("the temporary file did not hold the whole data before the rename")
	}
	got, _ := os.ReadFile(p)
	if string(got) != "good" {
		t.Fatalf("previous file changed to %q", got)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode())
	}
	assertOnly(t, dir, "out.pdf")
}

func TestFaultWithoutPreviousFileLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.pdf")
	err := WriteFile(p, []byte("x"), Options{BeforeRename: func(string) error { return errors.New("fault") }})
	if err == nil {
		t.Fatal("want error")
	}
	assertOnly(t, dir)
}

func TestTargetIsDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(dir, []byte("x"), Options{}); err == nil {
		t.Fatal("want error writing over a directory")
	}
}

func TestMissingDirectory(t *testing.T) {
	if err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "f"), []byte("x"), Options{}); err == nil {
		t.Fatal("want error")
	}
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("dir holds %v, want %v", got, names)
	}
	for i := range got {
		if got[i] != names[i] {
			t.Fatalf("dir holds %v, want %v", got, names)
		}
	}
}
