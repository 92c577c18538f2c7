//go:build !unix

package diagrams

import "errors"

// privateDir refuses every directory where file ownership is not checked:
// the compiled code is then kept in memory only.
func privateDir(dir string) error {
	return errors.New("private directories are not checked on this system")
}

// checkPrivateDir is privateDir's check.
func checkPrivateDir(dir string) error { return privateDir(dir) }
