// Package diagrams turns layer stacks, pairs of stacks and raw DOT into
// Graphviz graphs, lays them out with github.com/goccy/go-graphviz (the
// only package of layerdeck that imports it) and returns renderer-neutral
// geometry in points, y down.
//
// Graphviz cannot measure Japanese text (it counts each UTF-8 byte as a
// space), so every label is measured with the fonts package and wrapped
// by the slide line breaker; nodes get fixed sizes, edge and cluster
// labels fixed-size cells, and layerdeck draws the text itself, centred
// on its measured width.
//
// A stack is drawn bottom to top. A progression shows each layer's gaps
// beside it, dashed, with arrows in the good colour into the layer that
// resolves them and what it fixes on the arrow between the layers. A
// transfer shows each layer's problems, the problems calling up the next
// layer, the new problems each layer creates, and a dashed loop from the
// top layer's problems back to the bottom's: the problem moving on. A
// pair of stacks stands side by side, layer beside layer.
package diagrams

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"github.com/goccy/go-graphviz"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/diskcache"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// Source is one diagram to draw: a stack, a pair of stacks, or a DOT
// block.
type Source struct {
	// Name names the diagram (ai, crypto, compare, drivers, slide-7).
	Name  string
	Stack *deck.Stack
	Pair  [2]*deck.Stack
	DOT   *deck.DOT
	// Pos is where the diagram is asked for in the deck.
	Pos deck.Pos
}

// Options configure an Engine.
type Options struct {
	Fonts *fonts.Set
	Theme *theme.Theme
	// Lang is the deck's language, for the few words diagrams add
	// ("ja" or empty: Japanese; anything else: English).
	Lang string
	// Timeout is the time budget of one call into Graphviz (default 5 s).
	// A layout past it is stopped and reported as a positioned error; the
	// next layout starts a new Graphviz instance.
	Timeout time.Duration
	// CacheDir, if set, keeps Graphviz's output for each graph text on
	// disk, so that a new process does not lay out an unchanged diagram
	// again, and how Graphviz read each DOT block. The output is a pure
	// function of the text given to Graphviz. It is made 0700 and used
	// only if private to the current user, like CompileCacheDir; each
	// entry carries its name and hash, and one that does not match, or
	// does not place every node, is laid out again.
	CacheDir string
	// CompileCacheDir, if set, is where Graphviz compiled to native code
	// is kept between processes (go-graphviz runs Graphviz as WebAssembly
	// and compiles it on start, ~0.5 s). The code found there is run, so
	// the directory is used only if only the current user can change it;
	// it is made 0700 if missing. Unset or refused, Graphviz is compiled
	// in memory. The compiled code belongs to the process: the first
	// engine to start Graphviz decides this directory for all (go-graphviz
	// holds it as package state, the one place it lives).
	CompileCacheDir string
	// CacheMaxBytes caps the size of CacheDir: the least recently used
	// entries above it are removed (default 32 MiB).
	CacheMaxBytes int64
	// Seed, if set, holds read-only disk cache entries, named as in
	// CacheDir, looked up after CacheDir (and without one): the layouts
	// that come with the binary (assets.Layouts, the built-in deck's).
	Seed fs.FS
}

// Error is a diagram problem at a position in the deck; it prints as
// FILE:LINE:COL: message.
type Error struct {
	Pos deck.Pos
	Msg string
}

// Error formats the error as FILE:LINE:COL: message.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Engine lays out diagrams and caches their geometry by the SHA-256 of
// the graph text given to Graphviz, so that an unchanged diagram goes
// through Graphviz once. It is safe for concurrent use.
type Engine struct {
	o Options
	m *measurer
	// gv is started on first use, in WebAssembly instance generation gen
	// (see start and recycle); closed is set by Close. All are guarded by
	// gvMu.
	gv     *graphviz.Graphviz
	gen    uint64
	closed bool
	// memBase is the size of Graphviz's memory when gv was made.
	memBase uint64

	// disk is CacheDir, used if private to the current user.
	disk *diskcache.Dir

	mu    sync.Mutex
	cache map[[32]byte]*Geometry
	// raw caches the rewritten graph of each DOT block by its source, so
	// that an unchanged block is not parsed again.
	raw map[[32]byte]graphText
	// used holds the keys of both caches used since the last Prune.
	used map[[32]byte]bool
}

// NewEngine returns an engine. Graphviz starts on the first diagram the
// engine lays out that is in none of its caches.
func NewEngine(o Options) (*Engine, error) {
	if o.Fonts == nil || o.Theme == nil {
		return nil, errors.New("diagrams: fonts and theme are required")
	}
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	disk := &diskcache.Dir{Path: o.CacheDir, MaxBytes: o.CacheMaxBytes, Check: privateDir}
	return &Engine{o: o, m: newMeasurer(o.Fonts, o.Theme.XKanjiSkip), disk: disk, cache: map[[32]byte]*Geometry{}, raw: map[[32]byte]graphText{}, used: map[[32]byte]bool{}}, nil
}

// Close stops the engine's Graphviz instance, if it started one.
func (e *Engine) Close() error {
	err := e.locked(context.Background(), e.o.Timeout, func(context.Context) error {
		e.closed = true
		if e.gv != nil && e.gen == graphviz.Generation() {
			// Graphviz reports on closing every error it ever met (syntax
			// errors of DOT blocks included): not a failure to close.
			e.gv.Close()
			e.gv = nil
		}
		return nil
	})
	if errors.Is(err, errDeadline) {
		return errors.New("diagrams: Graphviz is still busy; the engine was not closed")
	}
	return err
}

// Prune drops the cached layouts not used since the previous Prune, so a
// long watch session keeps only what the current deck draws.
func (e *Engine) Prune() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for k := range e.cache {
		if !e.used[k] {
			delete(e.cache, k)
		}
	}
	for k := range e.raw {
		if !e.used[k] {
			delete(e.raw, k)
		}
	}
	e.used = map[[32]byte]bool{}
}

// DOT returns the graph exactly as it is given to Graphviz, with the
// sizes layerdeck measured; Graphviz's own dot command lays it out too.
func (e *Engine) DOT(src Source) (string, error) {
	g, err := e.graph(context.Background(), src)
	return g.dot, err
}

// Layout lays out a diagram, or returns the cached geometry of an
// identical graph. The geometry is shared: callers must not change it.
func (e *Engine) Layout(ctx context.Context, src Source) (*Geometry, error) {
	g, err := e.graph(ctx, src)
	if err != nil {
		return nil, err
	}
	key := sha256.Sum256([]byte(g.dot))
	e.mu.Lock()
	cached := e.cache[key]
	e.used[key] = true
	e.mu.Unlock()
	if cached != nil {
		return cached, nil
	}
	geo, err := e.layoutGraph(ctx, src.Name, g)
	if errors.Is(err, errDeadline) {
		return nil, &Error{Pos: src.Pos, Msg: fmt.Sprintf("diagram %s: Graphviz took longer than %s; simplify the graph", src.Name, e.o.Timeout)}
	}
	if err != nil {
		return nil, &Error{Pos: src.Pos, Msg: fmt.Sprintf("diagram %s: %v", src.Name, err)}
	}
	e.mu.Lock()
	e.cache[key] = geo
	e.mu.Unlock()
	return geo, nil
}

// graph builds the DOT text for a source.
func (e *Engine) graph(ctx context.Context, src Source) (graphText, error) {
	switch {
	case src.Stack != nil:
		if len(src.Stack.Layers) == 0 {
			return graphText{}, &Error{Pos: src.Pos, Msg: fmt.Sprintf("stack %s has no layers", src.Stack.ID)}
		}
		return stackCapped(src, e.stackGraph(src.Name, src.Stack))
	case src.Pair[0] != nil || src.Pair[1] != nil:
		for _, s := range src.Pair {
			if s == nil || len(s.Layers) == 0 {
				return graphText{}, &Error{Pos: src.Pos, Msg: fmt.Sprintf("diagram %s needs two stacks, each with layers", src.Name)}
			}
		}
		return stackCapped(src, e.pairGraph(src.Name, src.Pair))
	case src.DOT != nil:
		return e.rawCached(ctx, src)
	}
	return graphText{}, &Error{Pos: src.Pos, Msg: fmt.Sprintf("diagram %q has nothing to draw (unknown stack?)", src.Name)}
}

// rawCached rewrites a DOT block, or returns the cached rewrite.
func (e *Engine) rawCached(ctx context.Context, src Source) (graphText, error) {
	b := src.DOT
	key := sha256.Sum256([]byte(src.Name + "\x00" + b.SourcePos.String() + "\x00" + b.Source))
	e.mu.Lock()
	g, ok := e.raw[key]
	e.used[key] = true
	e.mu.Unlock()
	if ok {
		return g, nil
	}
	g, err := e.rawGraph(ctx, src.Name, b)
	if err != nil {
		return g, err
	}
	e.mu.Lock()
	e.raw[key] = g
	e.mu.Unlock()
	return g, nil
}

// Sources lists every diagram a deck draws, in slide order, each once:
// its stacks (ai, crypto), its compare views and its diagram blocks.
func Sources(d *deck.Deck) []Source {
	var out []Source
	seen := map[string]bool{}
	add := func(s Source) {
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, s)
		}
	}
	for _, sl := range d.Slides {
		if sl.Diagram != "" {
			if st := d.Stack(sl.Diagram); st != nil {
				add(Source{Name: st.ID, Stack: st, Pos: sl.DiagramPos})
			}
		}
		if len(sl.Compare) == 2 {
			a, b := d.Stack(sl.Compare[0]), d.Stack(sl.Compare[1])
			if a != nil && b != nil {
				add(Source{Name: CompareName(d, sl.Compare), Pair: [2]*deck.Stack{a, b}, Pos: sl.ComparePos})
			}
		}
		for _, bs := range [][]deck.Block{sl.Blocks, sl.Right} {
			for _, b := range bs {
				switch b := b.(type) {
				case *deck.LayerFlow:
					add(Source{Name: b.Stack.ID, Stack: b.Stack, Pos: b.Pos})
				case *deck.DOT:
					add(Source{Name: b.Name, DOT: b, Pos: b.Pos})
				}
			}
		}
	}
	return out
}

// CompareName names the compare view of two stacks: "compare" for the
// deck's first pair, "compare-A-B" for any other.
func CompareName(d *deck.Deck, ids []string) string {
	for _, sl := range d.Slides {
		if len(sl.Compare) == 2 {
			if sl.Compare[0] == ids[0] && sl.Compare[1] == ids[1] {
				return "compare"
			}
			break
		}
	}
	return "compare-" + ids[0] + "-" + ids[1]
}
