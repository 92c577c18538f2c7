// Package preview serves a deck to a browser: every slide as SVG from the
// display list, in the embedded fonts served as web fonts, with keyboard
// navigation and a presenter view. Rebuilds reach open pages through
// Server-Sent Events, which update only the slides that changed; a deck
// error shows as an overlay until it is fixed.
package preview

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/build"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/imagefile"
	"github.com/layerdeck/layerdeck/internal/render/svg"
)

// MaxClients is the default bound of the open event streams.
const MaxClients = 32

// MaxImageSize is the largest image file the preview serves.
const MaxImageSize = 32 << 20

// Server holds the latest build of a deck and serves it.
type Server struct {
	path  string
	b     *build.Builder
	date  int64
	addr  string   // the bound address, lower case
	port  string   // its port
	allow []string // further host names, lower case
	lim   Limits

	mu      sync.Mutex
	st      *state
	clients map[chan struct{}]string // open event streams → client address
}

// state is one build as the browser sees it.
type state struct {
	Version  int          `json:"version"`
	Title    string       `json:"title"`
	Width    float64      `json:"width"`
	Height   float64      `json:"height"`
	Slides   []slideState `json:"slides"`
	Errors   []string     `json:"errors"`
	Warnings []string     `json:"warnings"`

	svgs [][]byte
	// pages, refs, style and fonts are what svgs were drawn from: a page
	// equal to its predecessor in the same style and fonts keeps its SVG
	// (see Rebuild).
	pages []*display.Page
	refs  []map[string]imageRef
	style string
	fonts *fonts.Set
	// pdf is made after the slides are published (see Rebuild).
	pdf     *pdfSlot
	images  map[string]imageFile // URL name → the file as read at the build
	regular []byte
	// mono and monoBold are the code faces.
	mono, monoBold []byte
	// fallback are the deck's fallback fonts, served as fallback-N.ttf.
	fallback [][]byte
	bold     []byte
}

// imageFile is an image the slides show, read once after a good build:
// requests are answered from these bytes, never by reading the path again.
type imageFile struct {
	path  string
	data  []byte
	ctype string
}

// pdfSlot is a PDF being written: done is closed once data (nil if the
// writing failed) is set.
type pdfSlot struct {
	done chan struct{}
	data []byte
}

type slideState struct {
	Hash  string `json:"hash"`
	Title string `json:"title"`
	Notes string `json:"notes"`
}

// New returns a server for the deck at path ("" for the built-in deck).
func New(path string, b *build.Builder, o Options) *Server {
	s := &Server{path: path, b: b, date: o.Date, addr: strings.ToLower(o.Addr), lim: o.Limits.withDefaults(),
		st: &state{Errors: []string{}, Warnings: []string{}}, clients: map[chan struct{}]string{}}
	if _, port, err := net.SplitHostPort(o.Addr); err == nil {
		s.port = port
	}
	for _, a := range o.AllowHosts {
		s.allow = append(s.allow, strings.Trim(strings.ToLower(a), "[]"))
	}
	return s
}

// Rebuild builds the deck, publishes the result to open pages, and returns
// the files the deck uses (for the watcher) and the build's problems.
// Only the slides that changed are drawn again, and the PDF (for
// /deck.pdf) is written after the slides are published, so that an edit
// reaches the browser without waiting for it.
func (s *Server) Rebuild(ctx context.Context) (deps []string, problems []string) {
	res, err := s.b.Build(ctx, s.path, build.Options{Date: s.date, NoPDF: true})
	s.mu.Lock()
	defer s.mu.Unlock()
	next := *s.st
	next.Version++
	next.Errors, next.Warnings = []string{}, []string{}
	switch {
	case err != nil:
		var list deck.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				next.Errors = append(next.Errors, e.Error())
			}
		} else {
			next.Errors = append(next.Errors, err.Error())
		}
	case len(res.Errors()) > 0:
		for _, f := range res.Findings {
			if f.Error {
				next.Errors = append(next.Errors, f.String())
			}
		}
	default:
		refs := map[string]imageRef{}
		next.Title = res.Deck.Title
		next.Slides, next.svgs, next.pages, next.refs = nil, nil, nil, nil
		next.fallback = nil
		style := ""
		for i, f := range res.Fonts.Fallback {
			next.fallback = append(next.fallback, f.Data())
			// One face for every weight: bold text in it is emboldened by
			// the SVG's stroke (svg.Options.Fonts), not by the browser too.
			style += fmt.Sprintf("@font-face{font-family:'%s';src:url(/fonts/fallback-%d.ttf) format('truetype');font-weight:100 900}", svg.FallbackFamily(i+1), i+1)
		}
		next.style, next.fonts = s.st.style, s.st.fonts
		for i, p := range res.Doc.Pages {
			out, hash, pageRefs, err := s.st.drawn(i, p, style, res.Fonts)
			if err != nil {
				next.Errors = append(next.Errors, fmt.Sprintf("slide %d: %v", i+1, err))
				break
			}
			for name, r := range pageRefs {
				refs[name] = r
			}
			sl := res.Deck.Slides[i]
			next.Slides = append(next.Slides, slideState{Hash: hash, Title: p.Bookmark, Notes: sl.Notes})
			next.svgs = append(next.svgs, out)
			next.pages = append(next.pages, p)
			next.refs = append(next.refs, pageRefs)
			next.Width, next.Height = p.Width, p.Height
		}
		next.style, next.fonts = style, res.Fonts
		next.images = readImages(res.Images, refs)
		next.pdf = &pdfSlot{done: make(chan struct{})}
		next.regular, next.bold = res.Fonts.Regular.Data(), res.Fonts.Bold.Data()
		next.mono, next.monoBold = res.Fonts.FaceFor(false, true).Data(), res.Fonts.FaceFor(true, true).Data()
		for _, f := range res.Findings {
			next.Warnings = append(next.Warnings, f.String())
		}
		for _, r := range refs {
			if !imagefile.IsData(r.path) {
				deps = append(deps, r.path)
			}
		}
		deps = append(deps, res.Deck.Fonts.Files()...)
	}
	if len(next.Errors) > 0 {
		// Keep showing the last good slides under the error overlay.
		next.svgs, next.pdf, next.images = s.st.svgs, s.st.pdf, s.st.images
		next.pages, next.refs, next.style, next.fonts = s.st.pages, s.st.refs, s.st.style, s.st.fonts
		deps = nil
		for _, im := range s.st.images {
			if !imagefile.IsData(im.path) {
				deps = append(deps, im.path)
			}
		}
	}
	s.st = &next
	for c := range s.clients {
		select {
		case c <- struct{}{}:
		default:
		}
	}
	if len(next.Errors) == 0 {
		// The slides are out; the PDF follows, before the next build
		// (the watcher calls Rebuild again only once this returns).
		s.mu.Unlock()
		data, err := s.b.PDF(res)
		s.mu.Lock()
		next.pdf.data = data // nil: /deck.pdf answers 503
		close(next.pdf.done)
		if err != nil {
			problems = append(problems, fmt.Sprintf("writing the PDF: %v", err))
		}
	}
	return deps, append(append(problems, next.Errors...), next.Warnings...)
}

// drawn returns the SVG of page p, its hash and the images it shows:
// those of the slide drawn before at index i if its page, style and fonts
// were the same (the slide did not change), else drawn now.
func (st *state) drawn(i int, p *display.Page, style string, fs *fonts.Set) ([]byte, string, map[string]imageRef, error) {
	if i < len(st.pages) && st.style == style && st.fonts == fs && reflect.DeepEqual(st.pages[i], p) {
		return st.svgs[i], st.Slides[i].Hash, st.refs[i], nil
	}
	refs := map[string]imageRef{}
	imageURL := func(p, filter string) string {
		name := fmt.Sprintf("%x", sha256.Sum256([]byte(p+"\x00"+filter)))[:16]
		refs[name] = imageRef{p, filter}
		return "/images/" + name
	}
	out, err := svg.Render(p, svg.Options{Fragment: true, ImageURL: imageURL, Style: style, Fonts: fs})
	if err != nil {
		return nil, "", nil, err
	}
	sum := sha256.Sum256(out)
	return out, hex.EncodeToString(sum[:8]), refs, nil
}

// Handler serves the page, the presenter view, the slides, the fonts, the
// PDF, the deck's images and the event stream; nothing else.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page(false))
	mux.HandleFunc("GET /presenter", s.page(true))
	mux.HandleFunc("GET /api/deck", s.deckJSON)
	mux.HandleFunc("GET /slides/{n}", s.slide)
	mux.HandleFunc("GET /fonts/{name}", s.font)
	mux.HandleFunc("GET /deck.pdf", s.pdf)
	mux.HandleFunc("GET /images/{name}", s.image)
	mux.HandleFunc("GET /events", s.events)
	return s.guard(mux)
}

// imageRef is an image a slide shows: its file (or data: URI) and filters.
type imageRef struct{ path, filter string }

// readImages keeps the images the slides show, once, after a good build:
// the bytes the PDF embeds, as the build's image cache decoded, converted
// and filtered them (a WebP or CMYK JPEG as PNG or JPEG, with its
// filters), at most MaxImageSize each. An image the cache cannot read is
// not served (404).
func readImages(images *imagefile.Cache, refs map[string]imageRef) map[string]imageFile {
	out := map[string]imageFile{}
	if images == nil {
		return out
	}
	for name, r := range refs {
		f, err := images.Filtered(r.path, r.filter)
		if err != nil || f.Data == nil || len(f.Data) > MaxImageSize {
			continue
		}
		out[name] = imageFile{path: r.path, data: f.Data, ctype: "image/" + f.Type}
	}
	return out
}

func (s *Server) current() *state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st
}

func (s *Server) page(presenter bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		mode := "slides"
		if presenter {
			mode = "presenter"
		}
		fmt.Fprint(w, strings.Replace(pageHTML, "{{MODE}}", mode, 1))
	}
}

func (s *Server) deckJSON(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(st)
}

func (s *Server) slide(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	n, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("n"), ".svg"))
	if err != nil || n < 1 || n > len(st.svgs) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write(st.svgs[n-1])
}

func (s *Server) font(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	var data []byte
	switch r.PathValue("name") {
	case "regular.ttf":
		data = st.regular
	case "bold.ttf":
		data = st.bold
	case "mono.ttf":
		data = st.mono
	case "mono-bold.ttf":
		data = st.monoBold
	default:
		var n int
		if _, err := fmt.Sscanf(r.PathValue("name"), "fallback-%d.ttf", &n); err == nil && n >= 1 && n <= len(st.fallback) && r.PathValue("name") == fmt.Sprintf("fallback-%d.ttf", n) {
			data = st.fallback[n-1]
		}
	}
	if data == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "font/ttf")
	w.Header().Set("Cache-Control", "max-age=3600")
	w.Write(data)
}

func (s *Server) pdf(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	if st.pdf != nil {
		select {
		case <-st.pdf.done:
		case <-r.Context().Done():
			return
		}
	}
	if st.pdf == nil || st.pdf.data == nil {
		http.Error(w, "no PDF yet: the deck has errors", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Write(st.pdf.data)
}

// image serves only the images the deck's slides show, by their URL
// names, from the bytes read at the last good build: neither a path from
// the request nor the file system at request time is involved, so a file
// swapped for a link to another file after the build is not served.
func (s *Server) image(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	im, ok := st.images[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", im.ctype)
	w.Write(im.data)
}

// events streams a message after each rebuild. Streams are bounded in
// all and per client address; each event must reach the client within
// Limits.StreamWrite, and a stream ends after Limits.StreamLifetime (the
// browser's EventSource reconnects), so no client holds a slot for ever.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	client, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		client = r.RemoteAddr
	}
	c := make(chan struct{}, 1)
	if !s.join(c, client) {
		http.Error(w, "too many open previews", http.StatusServiceUnavailable)
		return
	}
	defer s.leave(c)
	// The stream outlives the server's ReadTimeout; its writes have their
	// own deadlines below.
	rc.SetReadDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	write := func(msg string) bool {
		if err := rc.SetWriteDeadline(time.Now().Add(s.lim.StreamWrite)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return false
		}
		if _, err := io.WriteString(w, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	update := func() bool {
		return write(fmt.Sprintf("event: update\ndata: {\"version\":%d}\n\n", s.current().Version))
	}
	if !write("retry: 1000\n\n") || !update() {
		return
	}
	end := time.NewTimer(s.lim.StreamLifetime)
	defer end.Stop()
	beat := time.NewTicker(s.lim.Heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-end.C:
			return
		case <-beat.C:
			if !write(": ping\n\n") {
				return
			}
		case <-c:
			if !update() {
				return
			}
		}
	}
}

// join registers an event stream of client unless that would pass the
// total or the per-client bound.
func (s *Server) join(c chan struct{}, client string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, cl := range s.clients {
		if cl == client {
			n++
		}
	}
	if len(s.clients) >= s.lim.MaxStreams || n >= s.lim.MaxStreamsPerClient {
		return false
	}
	s.clients[c] = client
	return true
}

func (s *Server) leave(c chan struct{}) {
	s.mu.Lock()
	delete(s.clients, c)
	s.mu.Unlock()
}
