package imagefile

import (
	"os"
	"sync"
	"time"
)

// Cache keeps loaded images while their files are unchanged (same
// modification time and size), so that a rebuild and the renderers of one
// build read and convert each image once. It is safe for concurrent use.
type Cache struct {
	// Limits apply to every load; the zero value means DefaultLimits.
	Limits Limits
	// Fetcher, if set, fetches remote images (see Remote).
	Fetcher *Fetcher

	mu      sync.Mutex
	entries map[string]*entry
}

type entry struct {
	modTime time.Time
	size    int64
	file    *File
	err     error
	used    bool
	// filtered holds the image with filters applied, by FormatFilters.
	filtered map[string]filtered
}

type filtered struct {
	file *File
	err  error
}

// Load returns the image at path, loaded once while the file is unchanged.
// A path that is a data: URI is decoded (see DecodeDataURI).
func (c *Cache) Load(path string) (*File, error) {
	return c.Filtered(path, "")
}

// Filtered returns the image at path with filters applied (see
// FormatFilters; "" is none), converted once while the file is unchanged:
// an image drawn twice with the same filters is embedded once.
func (c *Cache) Filtered(path, filters string) (*File, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entry(path)
	if filters == "" || e.err != nil {
		return e.file, e.err
	}
	if got, ok := e.filtered[filters]; ok {
		return got.file, got.err
	}
	fs, err := ParseFilters(filters)
	var f *File
	if err == nil {
		f, err = applyFilters(e.file, fs)
	}
	if e.filtered == nil {
		e.filtered = map[string]filtered{}
	}
	e.filtered[filters] = filtered{f, err}
	return f, err
}

// entry returns path's entry, loaded if new or changed; c.mu is held.
func (c *Cache) entry(path string) *entry {
	lim := c.Limits
	if lim.MaxBytes == 0 {
		lim = DefaultLimits
	}
	if c.entries == nil {
		c.entries = map[string]*entry{}
	}
	if IsData(path) {
		if e, ok := c.entries[path]; ok {
			e.used = true
			return e
		}
		f, err := DecodeDataURI(path, lim)
		e := &entry{file: f, err: err, used: true}
		c.entries[path] = e
		return e
	}
	fi, statErr := os.Stat(path)
	if statErr == nil {
		if e, ok := c.entries[path]; ok && e.modTime.Equal(fi.ModTime()) && e.size == fi.Size() {
			e.used = true
			return e
		}
	}
	f, err := Load(path, lim)
	e := &entry{file: f, err: err, used: true}
	if statErr == nil {
		e.modTime, e.size = fi.ModTime(), fi.Size()
		c.entries[path] = e
	}
	return e
}

// Prune forgets the images not loaded since the last Prune.
func (c *Cache) Prune() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.entries {
		if !e.used {
			delete(c.entries, k)
		}
		e.used = false
	}
}

// Remote fetches a remote image (see Fetcher) and returns the local file
// it was kept in, ready for Load.
func (c *Cache) Remote(url string) (string, error) {
	if c.Fetcher == nil {
		return "", errNoFetcher
	}
	return c.Fetcher.Fetch(url)
}
