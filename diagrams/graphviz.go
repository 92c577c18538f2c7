package diagrams

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-graphviz"

	"github.com/layerdeck/layerdeck/internal/diskcache"
)

// gvMu serialises every call into go-graphviz, which is not safe for
// concurrent use: one WebAssembly instance serves the whole process.
var gvMu sync.Mutex

// Errors of do: the deadline came first; the engine is closed.
var (
	errDeadline = errors.New("deadline")
	errClosed   = errors.New("the diagram engine is closed")
)

// do runs fn holding the Graphviz lock, within the engine's timeout and
// the deadline of ctx; a panic inside go-graphviz becomes an error. The
// engine's Graphviz instance is made first if it has none (see start),
// outside the timeout, which is for one call. fn gets a context with the
// deadline and passes it to the calls that lay out: when it is done, the
// patched go-graphviz stops the WebAssembly at once and closes its
// instance (see PATCHES.md), the call returns an error and the lock is
// released; the next call makes a new instance. do returns errDeadline.
//
// A call that is fast (see fastpath.go) runs in Graphviz's fast kind of
// instance, which its deadline cannot stop, every other one in the
// interruptible kind; the instance is replaced when the kind changes.
// Parsing, which no deadline stops anyway, takes whichever is live.
func (e *Engine) do(ctx context.Context, k callKind, fn func(ctx context.Context, gv *graphviz.Graphviz) error) error {
	prepare := func(context.Context) error {
		switch {
		case k != anyKind:
			graphviz.SetFast(k == fastKind)
		case !graphviz.Started():
			// The first call of the process is a parse: in the fast
			// kind, which most decks need alone, so that only it is
			// compiled.
			graphviz.SetFast(true)
		}
		return e.start()
	}
	// Compiling or instantiating is not the call's: it is done first,
	// outside the timeout. Another engine may have changed the instance
	// before the lock is taken again: prepare checks again (at no cost
	// when nothing changed).
	if err := e.locked(ctx, 0, prepare); err != nil {
		return err
	}
	return e.locked(ctx, e.o.Timeout, func(ctx context.Context) error {
		if err := prepare(ctx); err != nil {
			return err
		}
		if e.gv == nil {
			return errClosed
		}
		defer e.recycle()
		return fn(ctx, e.gv)
	})
}

// callKind is the kind of instance a call asks for.
type callKind int

const (
	anyKind callKind = iota
	fastKind
	interruptibleKind
)

// maxGrowth is how much Graphviz's memory may grow past its size when the
// engine's instance was made before the instance is discarded: Graphviz
// leaks some memory in most layouts (about 13 KB for a small DOT graph)
// and WebAssembly memory never shrinks, so a long watch session would
// otherwise grow without end. A new instance costs no compilation.
const maxGrowth = 2 << 20

// recycle discards the Graphviz instance once its memory has grown by
// maxGrowth; gvMu is held.
func (e *Engine) recycle() {
	if e.gen == graphviz.Generation() && graphviz.MemorySize() > e.memBase+maxGrowth {
		graphviz.Discard()
	}
}

// locked runs fn holding gvMu, within timeout (none if 0) and the
// deadline of ctx, as do describes. Parsing is not interrupted (go-graphviz
// parses without a context): a parse past the deadline returns
// errDeadline at once and ends in the background, holding gvMu.
func (e *Engine) locked(ctx context.Context, timeout time.Duration, fn func(ctx context.Context) error) error {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	done := make(chan error, 1)
	go func() {
		var err error
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("Graphviz failed: %v", p)
			}
			done <- err
		}()
		gvMu.Lock()
		defer gvMu.Unlock()
		if ctx.Err() != nil {
			err = errDeadline
			return
		}
		err = fn(ctx)
	}()
	select {
	case err := <-done:
		if ctx.Err() != nil {
			// Whatever fn returned, it was cut short.
			return errDeadline
		}
		return err
	case <-ctx.Done():
		return errDeadline
	}
}

// start gives the engine a live Graphviz instance unless it is closed;
// gvMu is held. The first instance of the process starts the WebAssembly
// runtime: go-graphviz compiles Graphviz to native code then, and keeps
// that code in the compilation cache directory, which is the runtime's
// and so the process's: the first engine to start sets it. After a call
// was interrupted, graphviz.Start makes a new WebAssembly instance; the
// engine's Graphviz of the old one is dropped unclosed (its memory is
// gone), whichever engine's call was interrupted.
func (e *Engine) start() error {
	if e.closed {
		return nil
	}
	if !graphviz.Started() {
		// An unchecked or refused directory compiles in memory.
		graphviz.SetCompilationCacheDir(e.compileCacheDir())
	}
	if err := graphviz.Start(); err != nil {
		return fmt.Errorf("starting Graphviz: %v", err)
	}
	gen := graphviz.Generation()
	if e.gv != nil && e.gen == gen {
		return nil
	}
	e.gv = nil
	gv, err := graphviz.New(context.Background())
	if err != nil {
		return fmt.Errorf("starting Graphviz: %v", err)
	}
	e.gv, e.gen, e.memBase = gv, gen, graphviz.MemorySize()
	return nil
}

// compileCacheDir is the engine's CompileCacheDir, made if missing, if it
// is private to the current user (see privateDir); else "".
func (e *Engine) compileCacheDir() string {
	dir := e.o.CompileCacheDir
	if dir == "" || privateDir(dir) != nil {
		return ""
	}
	return dir
}

// render lays out dot text with Graphviz and returns its json output.
// A fresh graph is parsed for every render (rendering a graph twice
// appends to its drawing) and closed after.
func (e *Engine) render(ctx context.Context, g graphText) ([]byte, error) {
	var out []byte
	dot := g.dot
	k := interruptibleKind
	if g.size.fast() && len(g.dot) <= fastBytes {
		k = fastKind
	}
	err := e.do(ctx, k, func(ctx context.Context, gv *graphviz.Graphviz) error {
		graph, err := graphviz.ParseBytes([]byte(dot))
		if err != nil {
			return fmt.Errorf("Graphviz could not read the generated graph: %v", err)
		}
		if graph == nil {
			return errors.New("Graphviz read no graph from the generated text")
		}
		defer graph.Close()
		var buf bytes.Buffer
		// Only "json": an unknown format would poison the instance.
		if err := gv.Render(ctx, graph, "json", &buf); err != nil {
			return err
		}
		out = buf.Bytes()
		return nil
	})
	return out, err
}

// graphvizVersion names the Graphviz build whose output the disk cache
// holds; a new go-graphviz release gets new cache entries.
const graphvizVersion = "go-graphviz v0.2.10"

// layoutGraph returns the geometry of g, laid out by Graphviz or taken
// from the disk cache. A cached layout that cannot be read or lacks a
// node of g is a miss, laid out again (and replaced).
func (e *Engine) layoutGraph(ctx context.Context, name string, g graphText) (*Geometry, error) {
	key := cacheName("layout", g.dot, ".json")
	if data := e.readCache(key); data != nil {
		if geo, err := geometryFromJSON(name, data, g.labels, e.o.Theme); err == nil && hasNodes(geo, g.labels) {
			return geo, nil
		}
	}
	data, err := e.render(ctx, g)
	if err != nil {
		return nil, err
	}
	geo, err := geometryFromJSON(name, data, g.labels, e.o.Theme)
	if err != nil {
		return nil, err
	}
	e.writeCache(key, compactLayout(data))
	return geo, nil
}

// compactLayout is the part of Graphviz's json output that layerdeck
// reads (xdotJSON), without indentation: what the disk cache keeps, a
// fifth of the size and as much quicker to read again.
func compactLayout(data []byte) []byte {
	var x xdotJSON
	if json.Unmarshal(data, &x) != nil {
		return data
	}
	out, err := json.Marshal(&x)
	if err != nil {
		return data
	}
	return out
}

// hasNodes reports whether geo places every node labels has a label for.
func hasNodes(geo *Geometry, labels map[string]label) bool {
	placed := make(map[string]bool, len(geo.Nodes))
	for _, n := range geo.Nodes {
		placed[n.Name] = true
	}
	for k := range labels {
		if n, ok := strings.CutPrefix(k, keyNode); ok && !placed[n] {
			return false
		}
	}
	return true
}

// cacheName names the disk cache entry of what Graphviz makes of text
// (kind "layout": its json output; "dot": a DOT block as read by
// readDOT).
func cacheName(kind, text, ext string) string {
	// Layout keys are the text alone, as before parse entries existed.
	key := graphvizVersion + "\x00" + text
	if kind != "layout" {
		key = graphvizVersion + "\x00" + kind + "\x00" + text
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:]) + ext
}

// readCache returns the JSON of the named entry in the disk cache (see
// internal/diskcache: a damaged entry is a miss), else in the seed, or
// nil. Seed entries, which come with the binary, may be plain JSON.
func (e *Engine) readCache(name string) []byte {
	// The seed is read first: it comes with the binary (no file to open),
	// and an entry of the same name on disk has the same content.
	if e.o.Seed != nil {
		if raw, err := fs.ReadFile(e.o.Seed, name); err == nil {
			if data, ok := diskcache.Decode(name, raw); ok {
				raw = data
			}
			if json.Valid(raw) {
				return raw
			}
		}
	}
	if data := e.disk.Get(name); data != nil && json.Valid(data) {
		return data
	}
	return nil
}

// writeCache replaces the named entry of the disk cache with data and
// prunes the cache to its cap; failures are ignored.
func (e *Engine) writeCache(name string, data []byte) {
	e.disk.Put(name, data)
}
