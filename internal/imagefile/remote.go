package imagefile

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

var errNoFetcher = errors.New("remote images are not fetched here")

// Fetcher fetches http(s) images into a directory, named by their URL,
// and revalidates them with their ETag or Last-Modified date, so that a
// rebuild works offline: when the server cannot be reached, the kept copy
// is used. Each URL is fetched at most once per Fetcher.
type Fetcher struct {
	// Dir holds the fetched files; it should be the user's alone (it is
	// made 0700). Empty: nothing is fetched.
	Dir string
	// Client does the requests; nil uses one with Timeout.
	Client *http.Client
	// Timeout bounds one fetch (default 10 s).
	Timeout time.Duration
	// MaxBytes bounds one image (default DefaultLimits.MaxBytes).
	MaxBytes int64

	mu   sync.Mutex
	done map[string]result
}

type result struct {
	path string
	err  error
}

// meta is what is kept beside a fetched file.
type meta struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Fetch returns the local copy of url, fetching or revalidating it first.
func (f *Fetcher) Fetch(url string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.done == nil {
		f.done = map[string]result{}
	}
	if r, ok := f.done[url]; ok {
		return r.path, r.err
	}
	path, err := f.fetch(url)
	f.done[url] = result{path, err}
	return path, err
}

func (f *Fetcher) fetch(url string) (string, error) {
	if f.Dir == "" {
		return "", errors.New("no cache directory to keep remote images in")
	}
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return "", fmt.Errorf("only http and https images are fetched")
	}
	if err := os.MkdirAll(f.Dir, 0o700); err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(url))
	base := filepath.Join(f.Dir, hex.EncodeToString(sum[:16]))
	var old meta
	kept := false
	if b, err := os.ReadFile(base + ".json"); err == nil && json.Unmarshal(b, &old) == nil && old.URL == url {
		if _, err := os.Stat(base); err == nil {
			kept = true
		}
	}
	timeout := f.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	client := f.Client
	if client == nil {
		client = &http.Client{Timeout: timeout}
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("User-Agent", "layerdeck")
	if kept {
		if old.ETag != "" {
			req.Header.Set("If-None-Match", old.ETag)
		}
		if old.LastModified != "" {
			req.Header.Set("If-Modified-Since", old.LastModified)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		if kept {
			return base, nil // offline: the kept copy
		}
		return "", unwrapURLError(err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && kept:
		return base, nil
	case resp.StatusCode != http.StatusOK:
		if kept && resp.StatusCode >= 500 {
			return base, nil
		}
		return "", fmt.Errorf("the server answered %s", resp.Status)
	}
	limit := f.MaxBytes
	if limit == 0 {
		limit = DefaultLimits.MaxBytes
	}
	if resp.ContentLength > limit {
		return "", fmt.Errorf("it is %s, more than the %s an image may have", bytesize(resp.ContentLength), bytesize(limit))
	}
	tmp, err := os.CreateTemp(f.Dir, ".fetch-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, io.LimitReader(resp.Body, limit+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if kept {
			return base, nil
		}
		return "", unwrapURLError(err)
	}
	if n > limit {
		return "", fmt.Errorf("it is more than the %s an image may have", bytesize(limit))
	}
	if err := os.Rename(tmp.Name(), base); err != nil {
		return "", err
	}
	m := meta{URL: url, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if b, err := json.Marshal(m); err == nil {
		_ = os.WriteFile(base+".json", b, 0o600)
	}
	return base, nil
}

// unwrapURLError shortens net/http's errors to their cause.
func unwrapURLError(err error) error {
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) && strings.HasPrefix(err.Error(), "Get ") {
		if inner := ue.Unwrap(); inner != nil {
			return inner
		}
	}
	return err
}
