package imagefile

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
)

func TestFetcher(t *testing.T) {
	photo, err := os.ReadFile("testdata/photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	var gets, notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		switch r.URL.Path {
		case "/photo.jpg":
			if r.Header.Get("If-None-Match") == `"v1"` {
				notModified.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Write(photo)
		case "/big.jpg":
			w.Write(make([]byte, 2000))
		default:
			http.NotFound(w, r)
		}
	}))
	dir := t.TempDir() + "/images"

	f := &Fetcher{Dir: dir, MaxBytes: 1000}
	path, err := f.Fetch(srv.URL + "/photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if img, err := Load(path, DefaultLimits); err != nil || img.Width != 64 {
		t.Fatalf("the fetched image: %v", err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("cache directory: %v %v", fi.Mode(), err)
	}
	// One fetch per URL and Fetcher.
	if p2, _ := f.Fetch(srv.URL + "/photo.jpg"); p2 != path || gets.Load() != 1 {
		t.Errorf("fetched again: %d requests", gets.Load())
	}
	if _, err := f.Fetch(srv.URL + "/missing.png"); err == nil || err.Error() != "the server answered 404 Not Found" {
		t.Errorf("missing: %v", err)
	}
	if _, err := f.Fetch(srv.URL + "/big.jpg"); err == nil || !strings.Contains(err.Error(), "more than the 1000 bytes") {
		t.Errorf("big: %v", err)
	}

	// A new process revalidates with the ETag.
	f2 := &Fetcher{Dir: dir}
	if p, err := f2.Fetch(srv.URL + "/photo.jpg"); err != nil || p != path || notModified.Load() != 1 {
		t.Errorf("revalidation: %v, %d not-modified answers", err, notModified.Load())
	}

	// Offline, the kept copy serves; what was never fetched fails.
	srv.Close()
	f3 := &Fetcher{Dir: dir}
	if p, err := f3.Fetch(srv.URL + "/photo.jpg"); err != nil || p != path {
		t.Errorf("offline: %q %v", p, err)
	}
	if _, err := f3.Fetch(srv.URL + "/other.jpg"); err == nil {
		t.Error("offline, an image never fetched: no error")
	}
	if _, err := (&Fetcher{}).Fetch(srv.URL + "/photo.jpg"); err == nil {
		t.Error("no directory: no error")
	}
}
