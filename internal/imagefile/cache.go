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
}

// Load returns the image at path, loaded once while the file is unchanged.
func (c *Cache) Load(path string) (*File, error) {
	lim := c.Limits
	if lim.MaxBytes == 0 {
		lim = DefaultLimits
	}
	fi, statErr := os.Stat(path)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*entry{}
	}
	if statErr == nil {
		if e, ok := c.entries[path]; ok && e.modTime.Equal(fi.ModTime()) && e.size == fi.Size() {
			e.used = true
			return e.file, e.err
		}
	}
	f, err := Load(path, lim)
	if statErr == nil {
		c.entries[path] = &entry{modTime: fi.ModTime(), size: fi.Size(), file: f, err: err, used: true}
	}
	return f, err
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
