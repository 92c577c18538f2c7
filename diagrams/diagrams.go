// Package diagrams turns layer stacks, pairs of stacks and raw DOT into
// Graphviz graphs, lays them out with github.com/goccy/go-graphviz (the
// only package of layerdeck that imports it) and returns renderer-neutral
// geometry in points.
//
// Graphviz cannot measure Japanese text, so every label is measured with
// the fonts package and wrapped by the slide line breaker; nodes get fixed
// sizes and edge and cluster labels fixed-size cells, and the text is
// drawn by layerdeck, centred on its real width.
package diagrams

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/goccy/go-graphviz"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// Source is one diagram to draw: a stack, a pair of stacks, or a DOT block.
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
	// Lang is the deck's language, for the few words diagrams add.
	Lang string
	// Timeout bounds one layout (default 5 s).
	Timeout time.Duration
	// CacheDir, if set, keeps Graphviz's output for each graph text on
	// disk, so that a new process does not lay out an unchanged diagram
	// again. The output is a pure function of the text given to Graphviz.
	CacheDir string
}

// Error is a diagram problem at a position in the deck.
type Error struct {
	Pos deck.Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// gvMu serialises every call into go-graphviz, which is not safe for
// concurrent use.
var gvMu sync.Mutex

// Engine lays out diagrams and caches the geometry by the content of the
// graph given to Graphviz, so an unchanged diagram is laid out once.
type Engine struct {
	o     Options
	m     *measurer
	gv    *graphviz.Graphviz
	mu    sync.Mutex
	cache map[[32]byte]*Geometry
	// raw caches the rewritten graph of each DOT block by its source, so
	// that an unchanged block is not parsed again.
	raw map[[32]byte]graphText
	// used holds the keys of both caches used since the last Prune.
	used map[[32]byte]bool
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

// NewEngine starts a Graphviz instance.
func NewEngine(o Options) (*Engine, error) {
	if o.Fonts == nil || o.Theme == nil {
		return nil, errors.New("diagrams: fonts and theme are required")
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	gvMu.Lock()
	gv, err := graphviz.New(context.Background())
	gvMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("starting Graphviz: %v", err)
	}
	return &Engine{o: o, m: newMeasurer(o.Fonts, o.Theme.XKanjiSkip), gv: gv, cache: map[[32]byte]*Geometry{}, raw: map[[32]byte]graphText{}, used: map[[32]byte]bool{}}, nil
}

// Close stops the Graphviz instance.
func (e *Engine) Close() error {
	gvMu.Lock()
	defer gvMu.Unlock()
	if e.gv == nil {
		return nil
	}
	err := e.gv.Close()
	e.gv = nil
	return err
}

// graph builds the DOT text for a source.
func (e *Engine) graph(src Source) (graphText, error) {
	switch {
	case src.Stack != nil:
		if len(src.Stack.Layers) == 0 {
			return graphText{}, &Error{Pos: src.Pos, Msg: fmt.Sprintf("stack %s has no layers", src.Stack.ID)}
		}
		return e.stackGraph(src.Stack), nil
	case src.Pair[0] != nil && src.Pair[1] != nil:
		return e.pairGraph(src.Pair), nil
	case src.DOT != nil:
		key := sha256.Sum256([]byte(src.DOT.SourcePos.String() + "\x00" + src.DOT.Source))
		e.mu.Lock()
		g, ok := e.raw[key]
		e.used[key] = true
		e.mu.Unlock()
		if ok {
			return g, nil
		}
		g, err := e.rawGraph(src.DOT)
		if err == nil {
			e.mu.Lock()
			e.raw[key] = g
			e.mu.Unlock()
		}
		return g, err
	}
	return graphText{}, &Error{Pos: src.Pos, Msg: fmt.Sprintf("diagram %q has nothing to draw (unknown stack?)", src.Name)}
}

// DOT returns the graph exactly as it is given to Graphviz, with the
// sizes layerdeck measured; Graphviz's own dot command lays it out too.
func (e *Engine) DOT(src Source) (string, error) {
	g, err := e.graph(src)
	return g.dot, err
}

// Layout lays out a diagram, or returns the cached geometry of an
// identical graph.
func (e *Engine) Layout(ctx context.Context, src Source) (*Geometry, error) {
	g, err := e.graph(src)
	if err != nil {
		return nil, err
	}
	key := sha256.Sum256([]byte(src.Name + "\x00" + g.dot))
	e.mu.Lock()
	cached := e.cache[key]
	e.used[key] = true
	e.mu.Unlock()
	if cached != nil {
		return cached, nil
	}
	data, err := e.cachedRender(ctx, src, g.dot)
	if err != nil {
		return nil, err
	}
	geo, err := geometryFromJSON(src.Name, data, g.labels, e.o.Theme)
	if err != nil {
		return nil, &Error{Pos: src.Pos, Msg: fmt.Sprintf("diagram %s: %v", src.Name, err)}
	}
	e.mu.Lock()
	e.cache[key] = geo
	e.mu.Unlock()
	return geo, nil
}

// graphvizVersion names the Graphviz build whose output the disk cache
// holds; a new go-graphviz release gets new cache entries.
const graphvizVersion = "go-graphviz v0.2.10"

// cachedRender returns Graphviz's json output for dot, from the disk cache
// when the engine has one. Cache faults are never errors: the graph is
// laid out again.
func (e *Engine) cachedRender(ctx context.Context, src Source, dot string) ([]byte, error) {
	if e.o.CacheDir == "" {
		return e.render(ctx, src, dot)
	}
	sum := sha256.Sum256([]byte(graphvizVersion + "\x00" + dot))
	file := filepath.Join(e.o.CacheDir, hex.EncodeToString(sum[:])+".json")
	if data, err := os.ReadFile(file); err == nil && json.Valid(data) {
		return data, nil
	}
	data, err := e.render(ctx, src, dot)
	if err != nil {
		return nil, err
	}
	if os.MkdirAll(e.o.CacheDir, 0o755) == nil {
		if f, err := os.CreateTemp(e.o.CacheDir, ".tmp*"); err == nil {
			_, werr := f.Write(data)
			if cerr := f.Close(); werr == nil && cerr == nil {
				os.Rename(f.Name(), file)
			}
			os.Remove(f.Name())
		}
	}
	return data, nil
}

// render runs Graphviz on dot text and returns its json output. It gives
// up after the engine's timeout; a panic inside go-graphviz becomes an
// error.
func (e *Engine) render(ctx context.Context, src Source, dot string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, e.o.Timeout)
	defer cancel()
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("Graphviz failed: %v", p)}
			}
			done <- r
		}()
		gvMu.Lock()
		defer gvMu.Unlock()
		if e.gv == nil {
			r.err = errors.New("the diagram engine is closed")
			return
		}
		graph, err := graphviz.ParseBytes([]byte(dot))
		if err != nil || graph == nil {
			r.err = fmt.Errorf("Graphviz could not read the generated graph: %v", err)
			return
		}
		defer graph.Close()
		var buf bytes.Buffer
		if err := e.gv.Render(ctx, graph, "json", &buf); err != nil {
			r.err = err
			return
		}
		r.data = buf.Bytes()
	}()
	select {
	case r := <-done:
		if r.err != nil {
			if ctx.Err() != nil {
				return nil, &Error{Pos: src.Pos, Msg: fmt.Sprintf("layout of diagram %s did not finish within %s", src.Name, e.o.Timeout)}
			}
			return nil, &Error{Pos: src.Pos, Msg: fmt.Sprintf("diagram %s: %v", src.Name, r.err)}
		}
		return r.data, nil
	case <-ctx.Done():
		return nil, &Error{Pos: src.Pos, Msg: fmt.Sprintf("layout of diagram %s did not finish within %s", src.Name, e.o.Timeout)}
	}
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
