package atomicfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// StaleAge is the age after which a temporary file of ours is taken to be
// left over by a killed writer, whether or not its process still runs.
const StaleAge = time.Hour

// tempPrefix is how the temporary files of target base begin:
// ".NAME.tmp", followed by the writer's process ID, "-" and random digits.
func tempPrefix(base string) string {
	return "." + base + ".tmp"
}

// removeStale removes the temporary files that earlier writes of base in
// dir left behind when they were killed: those older than StaleAge and
// those whose writer process is gone. Only regular files that match our
// pattern are touched; errors are ignored (the write goes on).
func removeStale(dir, base string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := tempPrefix(base)
	for _, e := range ents {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		pid, ok := writerPID(strings.TrimPrefix(name, prefix))
		if time.Since(fi.ModTime()) > StaleAge || (ok && pid != os.Getpid() && !processExists(pid)) {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// writerPID reads the process ID from the rest of a temporary file's name
// ("1234-5678"). Names from before the ID was recorded ("5678") have none.
func writerPID(rest string) (int, bool) {
	id, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(id)
	return pid, err == nil && pid > 0
}
