package preview

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/layerdeck/layerdeck/internal/build"
	"github.com/layerdeck/layerdeck/internal/imagefile"
)

// do runs one request through the handler and returns the response.
func do(s *Server, method, host, path string, hdr map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, nil)
	req.Host = host
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	return w
}

// TestHostCheck: requests whose Host header does not name the server get
// 403 on every route, the event stream and images included (DNS
// rebinding); its address, localhost, 127.0.0.1 and [::1] with its port
// and the --allow-host names pass.
func TestHostCheck(t *testing.T) {
	b := build.New()
	t.Cleanup(func() { b.Close() })
	s, ts, _ := setup(t, deckSrc)
	addr := ts.Listener.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	imageURL := firstImage(t, ts.URL)
	for _, path := range []string{"/", "/presenter", "/api/deck", "/slides/1.svg", "/fonts/regular.ttf", "/deck.pdf", imageURL, "/events"} {
		for _, host := range []string{"evil.example", "evil.example:" + port, "localhost:1", "localhost", "127.0.0.1.nip.io:" + port, "127.0.0.2:" + port, "", "talk.local"} {
			if w := do(s, "GET", host, path, nil); w.Code != http.StatusForbidden {
				t.Errorf("GET %s with Host %q: %d, want 403", path, host, w.Code)
			}
		}
		if path == "/events" {
			continue
		}
		for _, host := range []string{addr, "localhost:" + port, "LocalHost:" + port, "127.0.0.1:" + port, "[::1]:" + port} {
			if w := do(s, "GET", host, path, nil); w.Code != http.StatusOK {
				t.Errorf("GET %s with Host %q: %d, want 200", path, host, w.Code)
			}
		}
	}
	w := do(s, "GET", "evil.example:"+port, "/", nil)
	if !strings.Contains(w.Body.String(), "--allow-host") {
		t.Errorf("the 403 does not say how to allow a host: %q", w.Body.String())
	}
	// --allow-host names pass with any port.
	s2 := New(s.path, b, Options{Addr: addr, AllowHosts: []string{"Talk.Local", "[fe80::1]"}})
	s2.Rebuild(context.Background())
	for _, host := range []string{"talk.local", "talk.local:80", "TALK.LOCAL:" + port, "[fe80::1]:8080"} {
		if w := do(s2, "GET", host, "/api/deck", nil); w.Code != http.StatusOK {
			t.Errorf("allowed host %q: %d", host, w.Code)
		}
	}
	if w := do(s2, "GET", "other.local", "/api/deck", nil); w.Code != http.StatusForbidden {
		t.Errorf("other host with --allow-host: %d", w.Code)
	}
	// A request without a Host header (HTTP/1.0) is refused too.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /api/deck HTTP/1.0\r\n\r\n")
	line, _ := bufio.NewReader(conn).ReadString('\n')
	if !strings.Contains(line, "403") {
		t.Errorf("HTTP/1.0 without Host: %q", line)
	}
}

func firstImage(t *testing.T, base string) string {
	t.Helper()
	_, svg := get(t, base+"/slides/1.svg")
	i := strings.Index(svg, "/images/")
	if i < 0 {
		t.Fatal("slide 1 links no image")
	}
	return svg[i : i+strings.IndexByte(svg[i:], '"')]
}

// TestMethodsAndCORS: only GET and HEAD are answered (405 with Allow
// otherwise, CORS preflights included) and no response carries a CORS
// header, whatever the Origin.
func TestMethodsAndCORS(t *testing.T) {
	s, ts, _ := setup(t, deckSrc)
	host := ts.Listener.Addr().String()
	origin := map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Private-Network": "true"}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"} {
		for _, path := range []string{"/", "/api/deck", "/events", "/nothing"} {
			w := do(s, m, host, path, origin)
			if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d, Allow %q", m, path, w.Code, w.Header().Get("Allow"))
			}
		}
	}
	for _, m := range []string{"GET", "HEAD", "OPTIONS"} {
		for _, path := range []string{"/", "/api/deck", "/deck.pdf", "/fonts/bold.ttf"} {
			w := do(s, m, host, path, origin)
			for k := range w.Header() {
				if strings.HasPrefix(strings.ToLower(k), "access-control-") {
					t.Errorf("%s %s answers %s", m, path, k)
				}
			}
		}
	}
	if w := do(s, "HEAD", host, "/api/deck", nil); w.Code != http.StatusOK {
		t.Errorf("HEAD: %d", w.Code)
	}
}

// TestRequestLimits: an oversized body gets 413, an oversized header 431,
// and a client that never finishes its header is cut off.
func TestRequestLimits(t *testing.T) {
	b := build.New()
	t.Cleanup(func() { b.Close() })
	_, ts, path := setup(t, deckSrc)
	_, ts2, _ := serve(t, path, b, Options{Limits: Limits{ReadHeader: 200 * time.Millisecond}})
	host := ts.Listener.Addr().String()

	req, _ := http.NewRequest("GET", ts.URL+"/api/deck", strings.NewReader(strings.Repeat("x", 1<<20)))
	if r, err := http.DefaultClient.Do(req); err != nil {
		t.Error(err)
	} else if r.Body.Close(); r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("1 MiB body: %d", r.StatusCode)
	}

	req, _ = http.NewRequest("GET", ts.URL+"/api/deck", nil)
	req.Header.Set("X-Big", strings.Repeat("x", 64<<10))
	if r, err := http.DefaultClient.Do(req); err != nil {
		t.Error(err)
	} else if r.Body.Close(); r.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("64 KiB header: %d", r.StatusCode)
	}

	conn, err := net.Dial("tcp", ts2.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /api/deck HTTP/1.1\r\nHost: "+host+"\r\n") // never ends
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.ReadAll(conn); err != nil {
		t.Errorf("a slow header was not cut off: %v", err)
	}
}

// TestStreamBounds: event streams are bounded per client address and in
// all.
func TestStreamBounds(t *testing.T) {
	b := build.New()
	t.Cleanup(func() { b.Close() })
	_, _, path := setup(t, deckSrc)
	s, ts, _ := serve(t, path, b, Options{Limits: Limits{MaxStreams: 3, MaxStreamsPerClient: 2}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	open := func() int {
		req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/events", nil)
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if r.StatusCode != http.StatusOK {
			r.Body.Close()
		}
		return r.StatusCode
	}
	for i := 0; i < 2; i++ {
		if code := open(); code != http.StatusOK {
			t.Fatalf("stream %d: %d", i+1, code)
		}
	}
	if code := open(); code != http.StatusServiceUnavailable {
		t.Errorf("third stream of one client: %d, want 503", code)
	}
	cancel()
	waitStreams(t, s, 0)
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	s.mu.Lock()
	s.clients[make(chan struct{}, 1)] = "192.0.2.1"
	s.clients[make(chan struct{}, 1)] = "192.0.2.2"
	s.mu.Unlock()
	if code := open(); code != http.StatusOK {
		t.Errorf("third stream in all: %d", code)
	}
	if code := open(); code != http.StatusServiceUnavailable {
		t.Errorf("fourth stream in all: %d, want 503", code)
	}
}

func waitStreams(t *testing.T, s *Server, want int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		n := len(s.clients)
		s.mu.Unlock()
		if n == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d open streams, want %d", n, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestStreamLifetime: a stream ends after its lifetime and frees its slot.
func TestStreamLifetime(t *testing.T) {
	b := build.New()
	t.Cleanup(func() { b.Close() })
	_, _, path := setup(t, deckSrc)
	s, ts, _ := serve(t, path, b, Options{Limits: Limits{StreamLifetime: 200 * time.Millisecond}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/events", nil)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		t.Fatalf("the stream did not end: %v", err)
	}
	if !strings.Contains(string(body), "retry: ") || !strings.Contains(string(body), `data: {"version":1}`) {
		t.Errorf("stream %q", body)
	}
	waitStreams(t, s, 0)
}

// stuckWriter is a ResponseWriter whose client never reads: a write
// blocks until the write deadline, then fails, as a full socket does.
type stuckWriter struct {
	mu       sync.Mutex
	hdr      http.Header
	deadline time.Time
}

func (w *stuckWriter) Header() http.Header { return w.hdr }
func (w *stuckWriter) WriteHeader(int)     {}
func (w *stuckWriter) Flush()              {}

func (w *stuckWriter) SetWriteDeadline(t time.Time) error {
	w.mu.Lock()
	w.deadline = t
	w.mu.Unlock()
	return nil
}

func (w *stuckWriter) Write(p []byte) (int, error) {
	for {
		w.mu.Lock()
		d := w.deadline
		w.mu.Unlock()
		if !d.IsZero() && time.Now().After(d) {
			return 0, os.ErrDeadlineExceeded
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestStuckStreamClient: a client that stops reading loses its stream
// after the write deadline instead of holding the slot for ever; every
// other response gets a write deadline too.
func TestStuckStreamClient(t *testing.T) {
	b := build.New()
	t.Cleanup(func() { b.Close() })
	_, ts, path := setup(t, deckSrc)
	addr := ts.Listener.Addr().String()
	s := New(path, b, Options{Addr: addr, Limits: Limits{StreamWrite: 50 * time.Millisecond}})
	s.Rebuild(context.Background())
	req := httptest.NewRequest("GET", "/events", nil)
	req.Host = addr
	done := make(chan struct{})
	go func() {
		s.Handler().ServeHTTP(&stuckWriter{hdr: http.Header{}}, req)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a stuck client holds its stream")
	}
	waitStreams(t, s, 0)

	w := &stuckWriter{hdr: http.Header{}}
	req = httptest.NewRequest("GET", "/api/deck", nil)
	req.Host = addr
	start := time.Now()
	go s.Handler().ServeHTTP(w, req)
	time.Sleep(50 * time.Millisecond)
	w.mu.Lock()
	d := w.deadline
	w.mu.Unlock()
	if d.IsZero() || d.Sub(start) > defaultLimits.Write+time.Second {
		t.Errorf("write deadline of /api/deck: %v after the start", d.Sub(start))
	}
	w.SetWriteDeadline(time.Now()) // let the handler end
}

// TestImageSwappedForSymlink: an image replaced by a link to another file
// after a build is still served from the bytes read at the build; a
// rebuild never serves the other file. Before, /images/NAME read the path
// again at each request and served the link's target.
func TestImageSwappedForSymlink(t *testing.T) {
	s, ts, path := setup(t, deckSrc)
	url := firstImage(t, ts.URL)
	dir := filepath.Dir(path)
	pic := filepath.Join(dir, "pic.png")
	os.Remove(pic)
	if err := os.Symlink(filepath.Join(dir, "secret.txt"), pic); err != nil {
		t.Skip(err)
	}
	r, err := http.Get(ts.URL + url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || string(body) != string(png1x1) || r.Header.Get("Content-Type") != "image/png" {
		t.Errorf("after the swap: %d %q %q", r.StatusCode, r.Header.Get("Content-Type"), body)
	}
	s.Rebuild(context.Background())
	code, body2 := get(t, ts.URL+url)
	if strings.Contains(body2, "secret") || (code != 404 && body2 != string(png1x1)) {
		t.Errorf("after a rebuild: %d %q", code, body2)
	}
	// A deck that names a non-image file as an image does not get it served.
	os.Remove(pic)
	os.WriteFile(pic, []byte("secret, but named .png"), 0o644)
	if got := readImages(&imagefile.Cache{}, map[string]imageRef{"x": {pic, ""}}); len(got) != 0 {
		t.Error("a text file was kept as an image")
	}
}
