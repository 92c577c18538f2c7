// Package atomicfile writes files so that a reader, a crash or an
// interrupted run never sees a half-written file at the target path: the
// data goes to a temporary file in the same directory, is synced, and is
// renamed over the target. A failure leaves the previous file untouched
// and no temporary file behind; temporary files that a killed writer left
// are removed by the next write to the same target.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
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

// WriteFile replaces path with data atomically. A symbolic link at path
// is followed: the file it points to is replaced and the link stays. Only
// a regular file is replaced; a directory, device, named pipe or socket
// at path is an error. Errors name path, never the temporary file, and
// say why (no permission, read-only file system, no space left).
func WriteFile(path string, data []byte, o Options) (err error) {
	perm := o.Perm
	if perm == 0 {
		perm = 0o644
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("cannot write %s: %s", path, Kind(fi.Mode()))
		}
		perm = fi.Mode().Perm()
	}
	dir, base := filepath.Dir(path), filepath.Base(path)
	removeStale(dir, base)
	f, err := os.CreateTemp(dir, tempPrefix(base)+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return explain(path, dir, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = explain(path, dir, err)
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

// Kind describes a file that is not a regular file, for error messages:
// "is a directory", "is a named pipe (FIFO)", "is a device", ….
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "is a regular file"
	case m.IsDir():
		return "is a directory"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "is a socket"
	case m&fs.ModeCharDevice != 0:
		return "is a character device"
	case m&fs.ModeDevice != 0:
		return "is a block device"
	}
	return "is not a regular file"
}

// explain turns an error of a write to path into one that names path
// rather than the temporary file and says what the user can do. The
// cause stays reachable with errors.Is.
func explain(path, dir string, err error) error {
	var pe *fs.PathError
	cause := err
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	var lerr *os.LinkError
	if errors.As(err, &lerr) {
		cause = lerr.Err
	}
	switch {
	case errors.Is(cause, syscall.EROFS):
		return fmt.Errorf("cannot write %s: %s is on a read-only file system: %w", path, dir, cause)
	case errors.Is(cause, fs.ErrPermission):
		return fmt.Errorf("cannot write %s: no permission to create files in %s: %w", path, dir, cause)
	case errors.Is(cause, syscall.ENOSPC), errors.Is(cause, syscall.EDQUOT):
		return fmt.Errorf("cannot write %s: %w (the previous file, if any, is unchanged)", path, cause)
	case errors.Is(cause, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: directory %s does not exist", path, dir)
	}
	return fmt.Errorf("cannot write %s: %w", path, cause)
}

// syncDir makes the rename durable; errors are ignored because some file
// systems cannot sync directories and the rename has already happened.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
