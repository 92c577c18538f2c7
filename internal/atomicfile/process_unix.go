//go:build unix

package atomicfile

import (
	"errors"
	"syscall"
)

// processExists reports whether a process with this ID runs (signal 0
// checks without sending anything; EPERM means it runs as another user).
func processExists(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
