// Package atomicfile writes files so that a reader, a crash or an
// interrupted run never sees a half-written file at the target path: the
// data goes to a temporary file in the same directory, is synced, and is
// renamed over the target. A failure leaves the previous file untouched.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Options adjusts WriteFile; the zero value is right for normal use.
type Options struct {
	// Perm is the permission of a newly created file (default 0644).
	Perm os.FileMode
	// BeforeRename, if set, runs after the data is written and synced and
	// before the rename; an error from it aborts the write. Tests use it
	// to inject faults.
	BeforeRename func(tmp string) error
}

// WriteFile replaces path with data atomically.
func WriteFile(path string, data []byte, o Options) (err error) {
	perm := o.Perm
	if perm == 0 {
		perm = 0o644
	}
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("%s is a directory", path)
		}
		perm = fi.Mode().Perm()
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if o.BeforeRename != nil {
		if err = o.BeforeRename(tmp); err != nil {
			return err
		}
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable; errors are ignored because some file
// systems cannot sync directories and the rename has already happened.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
