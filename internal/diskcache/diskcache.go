// Package diskcache keeps derived data on disk between processes: entries
// named by the caller (a hash of what they are derived from), each written
// atomically behind a header with its name and the SHA-256 of its bytes,
// so that a truncated, damaged, renamed or foreign file reads as a miss.
// Reading an entry marks it used (its modification time); Prune removes
// the least recently used entries above a size cap. A Dir holds no lock:
// processes sharing the directory only ever replace whole files.
package diskcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// DefaultMaxBytes is the size cap of a Dir without MaxBytes.
const DefaultMaxBytes = 32 << 20

// magic opens every entry: "layerdeck-cache 1 NAME SHA256\n".
const magic = "layerdeck-cache 1 "

// tempPrefix names files being written; Prune removes old ones.
const tempPrefix = ".tmp"

// Dir is a cache directory.
type Dir struct {
	// Path is the directory; empty: nothing is kept.
	Path string
	// MaxBytes caps the size of the entries (DefaultMaxBytes if 0).
	MaxBytes int64
	// Check, if set, is called once before the first use with Path (which
	// it may make): an error leaves the cache unused (every Get a miss,
	// every Put dropped).
	Check func(dir string) error

	once sync.Once
	ok   bool
}

func (d *Dir) usable() bool {
	if d == nil || d.Path == "" {
		return false
	}
	d.once.Do(func() {
		if d.Check != nil {
			d.ok = d.Check(d.Path) == nil
			return
		}
		d.ok = os.MkdirAll(d.Path, 0o700) == nil
	})
	return d.ok
}

// Get returns the bytes of the named entry, or nil if there is none or it
// is not whole. A hit is marked used.
func (d *Dir) Get(name string) []byte {
	if d == nil || d.Path == "" {
		return nil
	}
	if _, err := os.Lstat(d.Path); err != nil {
		return nil // nothing kept yet: made by the first Put, not here
	}
	if !d.usable() || !validName(name) {
		return nil
	}
	file := filepath.Join(d.Path, name)
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	data, ok := Decode(name, raw)
	if !ok {
		return nil
	}
	now := time.Now()
	os.Chtimes(file, now, now)
	return data
}

// Put replaces the named entry with data, atomically; failures are
// ignored (a cache that cannot be written is a cache that misses). The
// directory is then pruned to its cap.
func (d *Dir) Put(name string, data []byte) {
	if !d.usable() || !validName(name) {
		return
	}
	f, err := os.CreateTemp(d.Path, tempPrefix+"*")
	if err != nil {
		return
	}
	_, werr := f.Write(Encode(name, data))
	if cerr := f.Close(); werr == nil && cerr == nil {
		os.Rename(f.Name(), filepath.Join(d.Path, name))
	}
	os.Remove(f.Name())
	d.Prune()
}

// Encode is an entry's file content: header and data.
func Encode(name string, data []byte) []byte {
	sum := sha256.Sum256(data)
	var b bytes.Buffer
	b.Grow(len(magic) + len(name) + 66 + len(data))
	b.WriteString(magic)
	b.WriteString(name)
	b.WriteByte(' ')
	b.WriteString(hex.EncodeToString(sum[:]))
	b.WriteByte('\n')
	b.Write(data)
	return b.Bytes()
}

// Decode returns the data of an entry's file content if its header names
// name and holds the SHA-256 of the data.
func Decode(name string, raw []byte) ([]byte, bool) {
	head, data, ok := bytes.Cut(raw, []byte("\n"))
	if !ok {
		return nil, false
	}
	rest, ok := strings.CutPrefix(string(head), magic)
	if !ok {
		return nil, false
	}
	n, sum, ok := strings.Cut(rest, " ")
	if !ok || n != name {
		return nil, false
	}
	want := sha256.Sum256(data)
	if sum != hex.EncodeToString(want[:]) {
		return nil, false
	}
	return data, true
}

// validName keeps names to one plain file in the directory.
func validName(name string) bool {
	return name != "" && !strings.HasPrefix(name, ".") && !strings.ContainsAny(name, "/\\\n ") && name == filepath.Base(name)
}

// Prune removes the least recently used entries (by modification time)
// until the rest fit in MaxBytes, and files left by writes that did not
// finish more than an hour ago.
func (d *Dir) Prune() {
	if !d.usable() {
		return
	}
	max := d.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	ents, err := os.ReadDir(d.Path)
	if err != nil {
		return
	}
	type entry struct {
		name string
		size int64
		used time.Time
	}
	var all []entry
	var total int64
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		if strings.HasPrefix(e.Name(), tempPrefix) {
			if time.Since(info.ModTime()) > time.Hour {
				os.Remove(filepath.Join(d.Path, e.Name()))
			}
			continue
		}
		all = append(all, entry{e.Name(), info.Size(), info.ModTime()})
		total += info.Size()
	}
	if total <= max {
		return
	}
	slices.SortFunc(all, func(a, b entry) int {
		if c := a.used.Compare(b.used); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	for _, e := range all {
		if total <= max {
			break
		}
		if err := os.Remove(filepath.Join(d.Path, e.name)); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= e.size
		}
	}
}
