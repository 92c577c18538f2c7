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

	"github.com/goccy/go-graphviz"
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
// the deadline of ctx; a panic inside go-graphviz becomes an error. When
// the deadline comes first, do returns errDeadline at once; fn goes on
// in the background until Graphviz returns (it cannot be interrupted),
// and later calls wait for the lock within their own deadlines.
func (e *Engine) do(ctx context.Context, fn func(gv *graphviz.Graphviz) error) error {
	ctx, cancel := context.WithTimeout(ctx, e.o.Timeout)
	defer cancel()
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
		if e.gv == nil {
			err = errClosed
			return
		}
		err = fn(e.gv)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return errDeadline
	}
}

// render lays out dot text with Graphviz and returns its json output.
// A fresh graph is parsed for every render (rendering a graph twice
// appends to its drawing) and closed after.
func (e *Engine) render(ctx context.Context, dot string) ([]byte, error) {
	var out []byte
	err := e.do(ctx, func(gv *graphviz.Graphviz) error {
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

// cachedRender returns Graphviz's json output for dot, from the disk cache
// when the engine has one. Cache faults are never errors: the graph is
// laid out again.
func (e *Engine) cachedRender(ctx context.Context, dot string) ([]byte, error) {
	if e.o.CacheDir == "" {
		return e.render(ctx, dot)
	}
	sum := sha256.Sum256([]byte(graphvizVersion + "\x00" + dot))
	file := filepath.Join(e.o.CacheDir, hex.EncodeToString(sum[:])+".json")
	if data, err := os.ReadFile(file); err == nil && json.Valid(data) {
		return data, nil
	}
	data, err := e.render(ctx, dot)
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
