//go:build unix

package diagrams

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// privateDir makes dir (mode 0700, with its parents) if it is missing and
// returns an error unless only the current user can change what is in it:
// dir must be a real directory (not a symbolic link) owned by the current
// user and writable by no one else, and each directory above it must be
// owned by the current user or root and writable by no one else, unless it
// is sticky like /tmp (others cannot rename or remove what is ours in it).
// Code cached there is run, so a directory someone else made or can write
// to is refused.
func privateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return checkPrivateDir(dir)
}

// checkPrivateDir is privateDir's check, without making anything.
func checkPrivateDir(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	uid := os.Getuid()
	fi, err := os.Lstat(abs)
	if err != nil {
		return err
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link", abs)
	case !fi.IsDir():
		return fmt.Errorf("%s is not a directory", abs)
	case owner(fi) != uid:
		return fmt.Errorf("%s belongs to user %d, not to %d", abs, owner(fi), uid)
	case fi.Mode().Perm()&0o022 != 0:
		return fmt.Errorf("%s is writable by others (mode %04o)", abs, fi.Mode().Perm())
	}
	// The directories above: with symbolic links resolved (a link's own
	// owner does not matter, its target's does).
	up, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return err
	}
	for {
		fi, err := os.Lstat(up)
		if err != nil {
			return err
		}
		if o := owner(fi); o != uid && o != 0 {
			return fmt.Errorf("%s belongs to user %d, neither to %d nor to root", up, o, uid)
		}
		if fi.Mode().Perm()&0o022 != 0 && fi.Mode()&fs.ModeSticky == 0 {
			return fmt.Errorf("%s is writable by others (mode %04o) and not sticky", up, fi.Mode().Perm())
		}
		parent := filepath.Dir(up)
		if parent == up {
			return nil
		}
		up = parent
	}
}

// owner is the user id of a file, -1 if unknown.
func owner(fi fs.FileInfo) int {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Uid)
	}
	return -1
}
