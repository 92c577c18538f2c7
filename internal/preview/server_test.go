package preview

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/layerdeck/layerdeck/internal/build"
)

// png1x1 is a valid 1×1 PNG.
var png1x1 = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")

func setup(t *testing.T, src string) (*Server, *httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "deck.md")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "pic.png"), png1x1, 0o644)
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("secret"), 0o644)
	b := build.New()
	t.Cleanup(func() { b.Close() })
	return serve(t, path, b, Options{})
}

// serve starts a preview of the deck at path on a loopback port.
func serve(t *testing.T, path string, b *build.Builder, o Options) (*Server, *httptest.Server, string) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	o.Addr = ts.Listener.Addr().String()
	s := New(path, b, o)
	s.Rebuild(context.Background())
	ts.Config = s.HTTPServer()
	ts.Start()
	t.Cleanup(ts.Close)
	return s, ts, path
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return r.StatusCode, string(b)
}

const deckSrc = "---\ntitle: プレビュー\n---\n# 一枚目\n\n![図](pic.png)\n\n<!-- ノートです -->\n\n---\n# 二枚目\n\n本文\n"

func TestRoutes(t *testing.T) {
	_, ts, _ := setup(t, deckSrc)
	for _, tc := range []struct {
		path, want string
		code       int
	}{
		{"/", "<title>layerdeck</title>", 200},
		{"/presenter", `<body class="presenter">`, 200},
		{"/api/deck", `"title":"プレビュー"`, 200},
		{"/slides/1.svg", "一枚目", 200},
		{"/slides/2.svg", "二枚目", 200},
		{"/slides/3.svg", "", 404},
		{"/slides/0.svg", "", 404},
		{"/fonts/regular.ttf", "", 200},
		{"/fonts/../deck.md", "", 404},
		{"/deck.pdf", "%PDF-", 200},
		{"/nothing", "", 404},
		{"/images/pic.png", "", 404},
		{"/images/..%2fsecret.txt", "", 404},
		{"/images/../secret.txt", "", 404},
		{"/../secret.txt", "", 404},
	} {
		code, body := get(t, ts.URL+tc.path)
		if code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: %d, want %d with %q", tc.path, code, tc.code, tc.want)
		}
		if strings.Contains(body, "secret") && !strings.Contains(tc.path, "api") {
			t.Errorf("GET %s leaked a file", tc.path)
		}
	}
	// The one image the deck shows is served under its URL name.
	_, svg := get(t, ts.URL+"/slides/1.svg")
	i := strings.Index(svg, "/images/")
	if i < 0 {
		t.Fatal("slide 1 links no image")
	}
	url := svg[i : i+strings.IndexByte(svg[i:], '"')]
	if code, body := get(t, ts.URL+url); code != 200 || body != string(png1x1) {
		t.Errorf("GET %s: %d", url, code)
	}
}

// TestEventsAndErrorOverlay: a rebuild reaches an open event stream; a
// broken deck publishes positioned errors and keeps the last good slides.
func TestEventsAndErrorOverlay(t *testing.T) {
	s, ts, path := setup(t, deckSrc)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	next := func() string {
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), "data: ") {
				return lines.Text()
			}
		}
		t.Fatal("event stream ended")
		return ""
	}
	if got := next(); got != `data: {"version":1}` {
		t.Fatalf("first event %q", got)
	}
	os.WriteFile(path, []byte("---\nlayout: zzzzqqqq\n---\n# x\n"), 0o644)
	s.Rebuild(context.Background())
	if got := next(); got != `data: {"version":2}` {
		t.Fatalf("event after rebuild %q", got)
	}
	_, body := get(t, ts.URL+"/api/deck")
	var st struct {
		Errors []string
		Slides []struct{ Hash string }
	}
	json.Unmarshal([]byte(body), &st)
	if len(st.Errors) != 1 || st.Errors[0] != path+`:2:9: unknown layout "zzzzqqqq" (layouts: title, section, bullets, two-column, compare, diagram, quote, end)` {
		t.Fatalf("errors %q", st.Errors)
	}
	if code, svg := get(t, ts.URL+"/slides/1.svg"); code != 200 || !strings.Contains(svg, "一枚目") {
		t.Error("the last good slides are gone")
	}
	os.WriteFile(path, []byte(strings.Replace(deckSrc, "本文", "直した本文", 1)), 0o644)
	s.Rebuild(context.Background())
	next()
	_, body = get(t, ts.URL+"/api/deck")
	json.Unmarshal([]byte(body), &st)
	if len(st.Errors) != 0 || len(st.Slides) != 2 {
		t.Fatalf("after the fix: %s", body)
	}
	if _, svg := get(t, ts.URL+"/slides/2.svg"); !strings.Contains(svg, "直した本文") {
		t.Error("slide 2 not updated")
	}
}

func TestClientLimit(t *testing.T) {
	s, ts, _ := setup(t, deckSrc)
	s.mu.Lock()
	for i := 0; i < MaxClients; i++ {
		s.clients[make(chan struct{}, 1)] = "192.0.2.1"
	}
	s.mu.Unlock()
	if code, _ := get(t, ts.URL+"/events"); code != http.StatusServiceUnavailable {
		t.Errorf("stream beyond the limit: %d", code)
	}
}

// TestFallbackFontAndConvertedImages: the preview serves the deck's
// fallback fonts under their numbers (and nothing else), names them in
// the slides' SVG, and serves a filtered image as the PDF embeds it.
func TestFallbackFontAndConvertedImages(t *testing.T) {
	dir := t.TempDir()
	ttf, err := os.ReadFile(filepath.Join("..", "..", "fonts", "testdata", "DejaVuSans-subset.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "dv.ttf"), ttf, 0o644)
	os.WriteFile(filepath.Join(dir, "pic.png"), png1x1, 0o644)
	path := filepath.Join(dir, "deck.md")
	os.WriteFile(path, []byte("---\nmarp: true\nfonts:\n  fallback: [dv.ttf]\n---\n\n# 角度∆\n\n![sepia](pic.png)\n"), 0o644)
	b := build.New()
	t.Cleanup(func() { b.Close() })
	_, ts, _ := serve(t, path, b, Options{})
	if code, body := get(t, ts.URL+"/fonts/fallback-1.ttf"); code != 200 || body != string(ttf) {
		t.Errorf("fallback-1.ttf: %d", code)
	}
	for _, p := range []string{"/fonts/fallback-2.ttf", "/fonts/fallback-01.ttf", "/fonts/fallback-0.ttf", "/fonts/fallback-1.ttfx"} {
		if code, _ := get(t, ts.URL+p); code != 404 {
			t.Errorf("%s: %d", p, code)
		}
	}
	_, slide := get(t, ts.URL+"/slides/1.svg")
	if !strings.Contains(slide, `class="f1"`) || !strings.Contains(slide, "src:url(/fonts/fallback-1.ttf)") {
		t.Errorf("slide does not use the fallback font:\n%s", slide)
	}
	i := strings.Index(slide, "/images/")
	if i < 0 {
		t.Fatal("no image")
	}
	url := slide[i : i+strings.IndexByte(slide[i:], '"')]
	r, err := http.Get(ts.URL + url)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || bytes.Equal(data, png1x1) || r.Header.Get("Content-Type") != "image/png" {
		t.Errorf("filtered image: %d %s, the file's own bytes %v", r.StatusCode, r.Header.Get("Content-Type"), bytes.Equal(data, png1x1))
	}
}

// TestOnlyChangedSlidesRedrawn: after an edit of one slide, the other
// slides keep their SVG (not drawn again) and hash, the edited one gets
// new ones, and /deck.pdf serves the edited deck's PDF, written after the
// slides were published.
func TestOnlyChangedSlidesRedrawn(t *testing.T) {
	s, ts, path := setup(t, deckSrc+"\n---\n\n# 三枚目\n\n終わり\n")
	before := s.current()
	_, pdfBefore := get(t, ts.URL+"/deck.pdf")
	os.WriteFile(path, []byte(strings.Replace(deckSrc, "本文", "直した本文", 1)+"\n---\n\n# 三枚目\n\n終わり\n"), 0o644)
	s.Rebuild(context.Background())
	after := s.current()
	if len(before.svgs) != 3 || len(after.svgs) != 3 {
		t.Fatalf("%d and %d slides", len(before.svgs), len(after.svgs))
	}
	for _, i := range []int{0, 2} {
		if &after.svgs[i][0] != &before.svgs[i][0] || after.Slides[i].Hash != before.Slides[i].Hash {
			t.Errorf("slide %d was drawn again", i+1)
		}
	}
	if after.Slides[1].Hash == before.Slides[1].Hash || !strings.Contains(string(after.svgs[1]), "直した本文") {
		t.Error("the edited slide was not drawn again")
	}
	// The unchanged slide 1 still shows its image.
	if len(after.images) != 1 {
		t.Errorf("%d images served", len(after.images))
	}
	code, pdf := get(t, ts.URL+"/deck.pdf")
	if code != 200 || !strings.HasPrefix(pdf, "%PDF-") || pdf == pdfBefore {
		t.Errorf("/deck.pdf: %d, changed %v", code, pdf != pdfBefore)
	}
}
