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
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/build"
	"github.com/layerdeck/layerdeck/internal/render/svg"
)

// MaxClients bounds the open event streams.
const MaxClients = 32

// Server holds the latest build of a deck and serves it.
type Server struct {
	path string
	b    *build.Builder
	date int64

	mu      sync.Mutex
	st      *state
	clients map[chan struct{}]bool
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

	svgs    [][]byte
	pdf     []byte
	images  map[string]string // URL name → file
	regular []byte
	// mono and monoBold are the code faces.
	mono, monoBold []byte
	bold           []byte
}

type slideState struct {
	Hash  string `json:"hash"`
	Title string `json:"title"`
	Notes string `json:"notes"`
}

// New returns a server for the deck at path ("" for the built-in deck).
// date is the PDF date (SOURCE_DATE_EPOCH) or 0.
func New(path string, b *build.Builder, date int64) *Server {
	return &Server{path: path, b: b, date: date, st: &state{Errors: []string{}, Warnings: []string{}}, clients: map[chan struct{}]bool{}}
}

// Rebuild builds the deck, publishes the result to open pages, and returns
// the files the deck uses (for the watcher) and the build's problems.
func (s *Server) Rebuild(ctx context.Context) (deps []string, problems []string) {
	res, err := s.b.Build(ctx, s.path, build.Options{Date: s.date})
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
		next.images = map[string]string{}
		imageURL := func(p string) string {
			name := fmt.Sprintf("%x%s", sha256.Sum256([]byte(p)), filepath.Ext(p))[:16] + filepath.Ext(p)
			next.images[name] = p
			return "/images/" + name
		}
		next.Title = res.Deck.Title
		next.Slides, next.svgs = nil, nil
		for i, p := range res.Doc.Pages {
			out, err := svg.Render(p, svg.Options{Fragment: true, ImageURL: imageURL})
			if err != nil {
				next.Errors = append(next.Errors, fmt.Sprintf("slide %d: %v", i+1, err))
				break
			}
			sum := sha256.Sum256(out)
			sl := res.Deck.Slides[i]
			next.Slides = append(next.Slides, slideState{Hash: hex.EncodeToString(sum[:8]), Title: p.Bookmark, Notes: sl.Notes})
			next.svgs = append(next.svgs, out)
			next.Width, next.Height = p.Width, p.Height
		}
		next.pdf = res.PDF
		next.regular, next.bold = res.Fonts.Regular.Data(), res.Fonts.Bold.Data()
		next.mono, next.monoBold = res.Fonts.FaceFor(false, true).Data(), res.Fonts.FaceFor(true, true).Data()
		for _, f := range res.Findings {
			next.Warnings = append(next.Warnings, f.String())
		}
		for _, p := range next.images {
			deps = append(deps, p)
		}
		if res.Deck.Fonts.Regular != "" {
			deps = append(deps, res.Deck.Fonts.Regular)
		}
		if res.Deck.Fonts.Bold != "" {
			deps = append(deps, res.Deck.Fonts.Bold)
		}
	}
	if len(next.Errors) > 0 {
		// Keep showing the last good slides under the error overlay.
		next.svgs, next.pdf, next.images = s.st.svgs, s.st.pdf, s.st.images
		deps = nil
		for _, p := range s.st.images {
			deps = append(deps, p)
		}
	}
	s.st = &next
	for c := range s.clients {
		select {
		case c <- struct{}{}:
		default:
		}
	}
	return deps, append(append([]string{}, next.Errors...), next.Warnings...)
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
	return secure(mux)
}

func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
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
	if st.pdf == nil {
		http.Error(w, "no PDF yet: the deck has errors", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Write(st.pdf)
}

// image serves only files the deck's slides show, by their URL names:
// no path from the request ever reaches the file system.
func (s *Server) image(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	path, ok := st.images[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

// events streams a message after each rebuild.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan struct{}, 1)
	s.mu.Lock()
	if len(s.clients) >= MaxClients {
		s.mu.Unlock()
		http.Error(w, "too many open previews", http.StatusServiceUnavailable)
		return
	}
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	send := func() {
		st := s.current()
		fmt.Fprintf(w, "event: update\ndata: {\"version\":%d}\n\n", st.Version)
		fl.Flush()
	}
	send()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c:
			send()
		}
	}
}
