package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStaleTempFilesRemoved: a write removes the temporary files of its
// target that a killed writer left (older than StaleAge, or whose process
// is gone) and nothing else.
func TestStaleTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip(err)
	}
	live := os.Getppid()
	old := time.Now().Add(-2 * StaleAge)
	files := map[string]bool{ // name → removed by the next write of out.pdf
		".out.pdf.tmp123456":                                false, // old pattern, fresh
		".out.pdf.tmp654321":                                true,  // old pattern, older than StaleAge
		fmt.Sprintf(".out.pdf.tmp%d-1", gone.Process.Pid):   true,  // writer gone
		fmt.Sprintf(".out.pdf.tmp%d-2", live):               false, // writer still running
		fmt.Sprintf(".out.pdf.tmp%d-3", live):               true,  // writer running, but an hour old
		fmt.Sprintf(".other.pdf.tmp%d-4", gone.Process.Pid): false, // another target's
		"out.pdf.tmp1-5":                                    false, // not hidden: not ours
	}
	for name := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
		if name == ".out.pdf.tmp654321" || strings.HasSuffix(name, "-3") {
			os.Chtimes(p, old, old)
		}
	}
	sub := filepath.Join(dir, ".out.pdf.tmpdir")
	os.Mkdir(sub, 0o755)
	os.Chtimes(sub, old, old)
	if err := WriteFile(filepath.Join(dir, "out.pdf"), []byte("new"), Options{}); err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gotRemoved := errors.Is(err, fs.ErrNotExist); gotRemoved != removed {
			t.Errorf("%s: removed %v, want %v", name, gotRemoved, removed)
		}
	}
	if _, err := os.Stat(sub); err != nil {
		t.Error("a directory matching the pattern was removed")
	}
}

// TestTempNameRecordsWriter: the temporary file's name carries the
// writer's process ID, so that a later write can tell it is stale.
func TestTempNameRecordsWriter(t *testing.T) {
	dir := t.TempDir()
	var tmp string
	WriteFile(filepath.Join(dir, "a.pdf"), []byte("x"), Options{BeforeRename: func(p string) error { tmp = p; return nil }})
	want := fmt.Sprintf(".a.pdf.tmp%d-", os.Getpid())
	if !strings.HasPrefix(filepath.Base(tmp), want) {
		t.Errorf("temporary file %s, want %s…", filepath.Base(tmp), want)
	}
}

// TestDiskFull: a write that fails for lack of space (injected before the
// rename) says so, names the target and not the temporary file, keeps the
// previous file and leaves no temporary file.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.pdf")
	os.WriteFile(p, []byte("good"), 0o644)
	err := WriteFile(p, []byte("new"), Options{BeforeRename: func(tmp string) error {
		return &fs.PathError{Op: "write", Path: tmp, Err: syscall.ENOSPC}
	}})
	want := "cannot write " + p + ": no space left on device (the previous file, if any, is unchanged)"
	if err == nil || err.Error() != want || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if b, _ := os.ReadFile(p); string(b) != "good" {
		t.Errorf("previous file changed to %q", b)
	}
	assertOnly(t, dir, "out.pdf")
}

// TestReadOnlyDirectory: a directory the user may not write to gives a
// clear error and leaves nothing behind. As root, whom permissions do not
// stop, the test runs itself again as the user nobody.
func TestReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		rerunAsNobody(t, "TestReadOnlyDirectory")
		return
	}
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "out.pdf"), []byte("good"), 0o644)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	p := filepath.Join(dir, "out.pdf")
	err := WriteFile(p, []byte("new"), Options{})
	want := "cannot write " + p + ": no permission to create files in " + dir + ": permission denied"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if b, _ := os.ReadFile(p); string(b) != "good" {
		t.Errorf("previous file changed to %q", b)
	}
	assertOnly(t, dir, "out.pdf")
}

// rerunAsNobody runs the test binary's test name as uid/gid 65534 and
// fails if it fails there; it skips when that cannot be arranged.
func rerunAsNobody(t *testing.T, name string) {
	t.Helper()
	dir := t.TempDir()
	for d := dir; d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	bin := filepath.Join(dir, "atomicfile.test")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Skip(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Skip(err)
	}
	_, err = io.Copy(dst, src)
	dst.Close()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+name+"$", "-test.count=1")
	cmd.Dir = "/"
	cmd.Env = []string{"TMPDIR=" + os.TempDir(), "PATH=/usr/bin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil && strings.Contains(string(out), "PASS"):
	case errors.As(err, &exit):
		t.Fatalf("as nobody:\n%s", out)
	default:
		t.Skipf("cannot run as nobody: %v\n%s", err, out)
	}
}

// TestNotARegularFile: a named pipe (or device, socket, directory) at the
// target is refused, never replaced by a regular file.
func TestNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	err := WriteFile(fifo, []byte("x"), Options{})
	if err == nil || err.Error() != "cannot write "+fifo+": is a named pipe (FIFO)" {
		t.Fatalf("err = %v", err)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatal("the FIFO was replaced")
	}
	assertOnly(t, dir, "out.pdf")
}

// TestSymlinkFollowed: a link at the target stays a link; the file it
// points to gets the data.
func TestSymlinkFollowed(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "build"), 0o755)
	real := filepath.Join(dir, "build", "talk.pdf")
	os.WriteFile(real, []byte("old"), 0o644)
	link := filepath.Join(dir, "current.pdf")
	if err := os.Symlink("build/talk.pdf", link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, []byte("new"), Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("the linked file holds %q", b)
	}
}
