package graphviz

import (
	"context"
	"image"
	"io"
	"io/fs"

	"github.com/goccy/go-graphviz/cgraph"
	"github.com/goccy/go-graphviz/gvc"
	"github.com/goccy/go-graphviz/internal/wasm"
)

type Graphviz struct {
	ctx    *gvc.Context
	name   string
	dir    *GraphDescriptor
	layout Layout
}

type Layout string

const (
	CIRCO     Layout = "circo"
	DOT       Layout = "dot"
	FDP       Layout = "fdp"
	NEATO     Layout = "neato"
	NOP       Layout = "nop"
	NOP1      Layout = "nop1"
	NOP2      Layout = "nop2"
	OSAGE     Layout = "osage"
	PATCHWORK Layout = "patchwork"
	SFDP      Layout = "sfdp"
	TWOPI     Layout = "twopi"
)

type Format string

const (
	XDOT Format = "dot"
	SVG  Format = "svg"
	PNG  Format = "png"
	JPG  Format = "jpg"
)

func New(ctx context.Context) (*Graphviz, error) {
	c, err := gvc.New(ctx)
	if err != nil {
		return nil, err
	}
	return &Graphviz{
		ctx:    c,
		dir:    Directed,
		layout: DOT,
	}, nil
}

func NewWithPlugins(ctx context.Context, plugins ...Plugin) (*Graphviz, error) {
	c, err := gvc.NewWithPlugins(ctx, plugins...)
	if err != nil {
		return nil, err
	}
	return &Graphviz{
		ctx:    c,
		dir:    Directed,
		layout: DOT,
	}, nil
}

func (g *Graphviz) Close() error {
	return g.ctx.Close()
}

func (g *Graphviz) SetLayout(layout Layout) *Graphviz {
	g.layout = layout
	return g
}

func (g *Graphviz) Render(ctx context.Context, graph *Graph, format Format, w io.Writer) (e error) {
	defer func() {
		if err := g.ctx.FreeLayout(ctx, graph); err != nil {
			e = err
		}
	}()

	if err := g.ctx.Layout(ctx, graph, string(g.layout)); err != nil {
		return err
	}
	if err := g.ctx.RenderData(ctx, graph, string(format), w); err != nil {
		return err
	}
	return nil
}

func (g *Graphviz) RenderImage(ctx context.Context, graph *Graph) (img image.Image, e error) {
	defer func() {
		if err := g.ctx.FreeLayout(ctx, graph); err != nil {
			e = err
		}
	}()

	if err := g.ctx.Layout(ctx, graph, string(g.layout)); err != nil {
		return nil, err
	}
	image, err := g.ctx.RenderImage(ctx, graph, string(PNG))
	if err != nil {
		return nil, err
	}
	return image, nil
}

func (g *Graphviz) RenderFilename(ctx context.Context, graph *Graph, format Format, path string) (e error) {
	defer func() {
		if err := g.ctx.FreeLayout(ctx, graph); err != nil {
			e = err
		}
	}()

	if err := g.ctx.Layout(ctx, graph, string(g.layout)); err != nil {
		return err
	}
	if err := g.ctx.RenderFilename(ctx, graph, string(format), path); err != nil {
		return err
	}
	return nil
}

func (g *Graphviz) Graph(option ...GraphOption) (*Graph, error) {
	for _, opt := range option {
		opt(g)
	}
	graph, err := cgraph.Open(g.name, g.dir, nil)
	if err != nil {
		return nil, err
	}
	return graph, nil
}

func SetFileSystem(fs fs.FS) {
	wasm.SetWasmFileSystem(fs)
}

// SetCompilationCacheDir sets the directory in which the WebAssembly module
// compiled to native code is kept between processes; "" (the default)
// compiles it in memory in every process. Code found there is run, so the
// directory must be writable by the current user only. Call it before the
// first use of the package; later it returns an error (layerdeck patch).
func SetCompilationCacheDir(dir string) error {
	return wasm.SetCompilationCacheDir(dir)
}

// SetFast chooses the kind of WebAssembly instance the next calls get
// (layerdeck patch 4): fast, whose calls run to their end whatever their
// context says, or (the default) interruptible, whose calls stop when
// their context is done but run Graphviz about 2.5 times slower. Switching
// replaces the instance at the next call, as an interrupted call does
// (see Generation); the first instance of a kind compiles the module
// again, or reads it from the compilation cache.
func SetFast(fast bool) {
	wasm.SetKind(fast)
}

// LiveIsFast reports whether the live instance is of the fast kind.
func LiveIsFast() bool {
	return wasm.LiveIsFast()
}

// Started reports whether the WebAssembly runtime has been started (or a
// start tried): it starts on the first New, ParseBytes or other call that
// needs it, not at initialisation (layerdeck patch).
func Started() bool {
	return wasm.Started()
}

// Generation counts the WebAssembly instances made so far (layerdeck
// patch). A call whose context is done before it returns (a layout past
// its deadline) stops at once and closes the instance; the next call to
// New, ParseBytes or any other free function makes a new instance and
// Generation grows. Every Graphviz, Graph and other object made under an
// earlier generation is dead: drop it, without closing it.
func Generation() uint64 {
	return wasm.Generation()
}

// Start starts the WebAssembly runtime if it has not started, or makes a
// new instance if an interrupted call closed the current one; every free
// function of the package does so first (layerdeck patch). Call it to
// learn, through Generation, whether objects made before are still alive.
func Start() error {
	return wasm.Start()
}

// MemorySize is the size in bytes of the WebAssembly instance's memory, 0
// if none is live (layerdeck patch). It grows with the largest graph laid
// out and with what Graphviz leaks, and never shrinks.
func MemorySize() uint64 {
	return wasm.MemorySize()
}

// Discard closes the WebAssembly instance, giving its memory back (layerdeck
// patch); the next call makes a new one and Generation grows, as after an
// interrupted call: every object made before is dead.
func Discard() error {
	return wasm.Discard()
}
