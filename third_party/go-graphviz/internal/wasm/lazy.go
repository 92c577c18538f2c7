// This file is a layerdeck patch to go-graphviz v0.2.10 (see PATCHES.md at
// the top of the layerdeck repository): the WebAssembly runtime starts on
// first use instead of at package initialisation, its compiled code is
// cached only in a directory the caller chooses, a call interrupted by
// its context leaves a closed instance that the next Start replaces, and
// the caller chooses between an interruptible instance and a fast one.

package wasm

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
)

var (
	startMu  sync.Mutex
	startErr error  // guarded by startMu
	cacheDir string // guarded by startMu
	// onStart runs after the module is instantiated; filled by package
	// initialisation only (cgraph's global descriptors).
	onStart []func(context.Context) error
	// attempted tells whether Start has begun; done whether it finished
	// without an error.
	attempted, done atomic.Bool
	// wasmRuntime and wasmCompiled are kept, for each kind, from the
	// first start of that kind, so that a new instance needs no
	// compilation (guarded by startMu).
	wasmRuntime  [2]wazero.Runtime
	wasmCompiled [2]wazero.CompiledModule
	// live is the kind of the instance in mod, want the kind Start is to
	// provide.
	live, want atomic.Int32
	// generation counts the instances made: objects of an earlier one
	// (graphs, contexts) point into memory that is gone.
	generation atomic.Uint64
)

// SetCompilationCacheDir sets the directory in which wazero keeps the
// module compiled to native code, so that a later process does not compile
// it again; "" (the default) compiles in memory in every process. Code
// found in the directory is run: it must be writable by the current user
// only. It fails once the runtime has started.
func SetCompilationCacheDir(dir string) error {
	startMu.Lock()
	defer startMu.Unlock()
	if attempted.Load() {
		return fmt.Errorf("go-graphviz: the compilation cache directory must be set before the first use")
	}
	cacheDir = dir
	return nil
}

// OnStart registers fn to run when the runtime starts, before Start
// returns. It is for the initialisation of go-graphviz's own packages.
func OnStart(fn func(context.Context) error) {
	onStart = append(onStart, fn)
}

// Start compiles and instantiates the WebAssembly module once per process;
// every entry point of go-graphviz calls it. A failed start is not tried
// again: every later call returns its error. If the compilation cache
// cannot be used, the module is compiled in memory.
//
// The runtime closes the instance when the context of a call is done
// before the call returns (wazero's WithCloseOnContextDone): the call
// returns an error at once instead of running on. Start then makes a new
// instance, with new memory, from the module compiled at the first start,
// and Generation counts up; nothing made before may be used again.
//
// The instance is of the kind SetKind last chose (Interruptible unless
// it was never called); Start replaces a live instance of the other kind.
func Start() error {
	if done.Load() && !mod.mod.IsClosed() && want.Load() == live.Load() {
		return nil
	}
	startMu.Lock()
	defer startMu.Unlock()
	if attempted.Load() {
		if startErr != nil {
			return startErr
		}
		if k := want.Load(); !mod.mod.IsClosed() && k == live.Load() {
			return nil
		} else if !mod.mod.IsClosed() {
			mod.mod.Close(context.Background())
		}
		return restart()
	}
	attempted.Store(true)
	ctx := context.Background()
	k := kind(want.Load())
	err := instantiateSafely(ctx, cacheDir, k)
	if err != nil && cacheDir != "" {
		err = instantiateSafely(ctx, "", k)
	}
	if err == nil {
		err = checkEnums()
	}
	for _, fn := range onStart {
		if err != nil {
			break
		}
		err = fn(ctx)
	}
	if err != nil {
		startErr = fmt.Errorf("go-graphviz: starting the WebAssembly runtime: %w", err)
		return startErr
	}
	generation.Add(1)
	done.Store(true)
	return nil
}

// restart replaces a closed instance with a new one; startMu is held. A
// failure is returned and tried again by the next Start.
func restart() error {
	ctx := context.Background()
	k := kind(want.Load())
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("%v", p)
			}
		}()
		if wasmCompiled[k] == nil {
			// The first instance of this kind: compile it (patch 4).
			if err := instantiate(ctx, cacheDir, k); err == nil || cacheDir == "" {
				return err
			}
			return instantiate(ctx, "", k)
		}
		return instantiateModule(ctx, k)
	}()
	if err == nil {
		err = checkEnums()
	}
	for _, fn := range onStart {
		if err != nil {
			break
		}
		err = fn(ctx)
	}
	if err != nil {
		return fmt.Errorf("go-graphviz: making a new WebAssembly instance: %w", err)
	}
	generation.Add(1)
	return nil
}

// Generation is the number of instances made so far: 0 before the start,
// 1 after it, one more after each instance closed by an interrupted call
// was replaced.
func Generation() uint64 { return generation.Load() }

// Started reports whether the runtime has been started (or a start tried).
func Started() bool { return attempted.Load() }

// instantiateSafely is instantiate with a panic turned into an error.
func instantiateSafely(ctx context.Context, dir string, k kind) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	return instantiate(ctx, dir, k)
}

// kind is the kind of a WebAssembly instance (layerdeck patch 4).
type kind int32

const (
	// Interruptible instances stop a call when its context is done: the
	// compiled code checks for that at every function entry and loop
	// iteration (wazero's WithCloseOnContextDone), which makes Graphviz
	// run about 2.5 times slower.
	Interruptible kind = iota
	// Fast instances run a call to its end whatever its context says: for
	// work whose worst case is known to be short.
	Fast
)

// cacheDir is the directory where code of kind k is cached under dir:
// wazero's cache key does not tell code compiled with the checks from
// code compiled without them, so each kind has a directory of its own.
func (k kind) cacheDir(dir string) string {
	if dir == "" {
		return ""
	}
	if k == Fast {
		return filepath.Join(dir, "fast")
	}
	return filepath.Join(dir, "interruptible")
}

// SetKind chooses the kind of instance Start provides from now on; a live
// instance of the other kind is replaced at the next Start (the first of
// a kind compiles the module again, or reads it from the cache). Nothing
// made under the replaced instance may be used again (see Generation).
func SetKind(fast bool) {
	if fast {
		want.Store(int32(Fast))
	} else {
		want.Store(int32(Interruptible))
	}
}

// LiveIsFast reports whether the live instance (or the last one) is of
// the fast kind.
func LiveIsFast() bool { return kind(live.Load()) == Fast }

// knownEnums holds the values of the module's enumerations, which other
// packages copy into their own variables at initialisation, before the
// module runs. They are the values this graphviz.wasm returns; Start checks
// them against it.
var knownEnums = []struct {
	ptr any
	val int64
}{
	{&GRAPH, 0},
	{&NODE, 1},
	{&OUT_EDGE, 2},
	{&IN_EDGE, 3},
	{&EDGE, 2},
	{&WARN, 0},
	{&ERR, 1},
	{&MAX, 2},
	{&PREV, 3},
	{&IMAGE_TYPE_NULL, 0},
	{&IMAGE_TYPE_BMP, 1},
	{&IMAGE_TYPE_GIF, 2},
	{&IMAGE_TYPE_PNG, 3},
	{&IMAGE_TYPE_JPEG, 4},
	{&IMAGE_TYPE_PDF, 5},
	{&IMAGE_TYPE_PS, 6},
	{&IMAGE_TYPE_EPS, 7},
	{&IMAGE_TYPE_SVG, 8},
	{&IMAGE_TYPE_XML, 9},
	{&IMAGE_TYPE_RIFF, 10},
	{&IMAGE_TYPE_WEBP, 11},
	{&IMAGE_TYPE_ICO, 12},
	{&IMAGE_TYPE_TIFF, 13},
	{&ROOTGRAPH_OBJTYPE, 0},
	{&CLUSTER_OBJTYPE, 1},
	{&NODE_OBJTYPE, 2},
	{&EDGE_OBJTYPE, 3},
	{&MAP_RECTANGLE, 0},
	{&MAP_CIRCLE, 1},
	{&MAP_POLYGON, 2},
	{&EMIT_GDRAW, 0},
	{&EMIT_CDRAW, 1},
	{&EMIT_TDRAW, 2},
	{&EMIT_HDRAW, 3},
	{&EMIT_GLABEL, 4},
	{&EMIT_CLABEL, 5},
	{&EMIT_TLABEL, 6},
	{&EMIT_HLABEL, 7},
	{&EMIT_NDRAW, 8},
	{&EMIT_EDRAW, 9},
	{&EMIT_NLABEL, 10},
	{&EMIT_ELABEL, 11},
	{&EMIT_SORTED, 1},
	{&EMIT_COLORS, 2},
	{&EMIT_CLUSTERS_LAST, 4},
	{&EMIT_PREORDER, 8},
	{&EMIT_EDGE_SORTED, 16},
	{&DEVICE_DOES_PAGES, 32},
	{&DEVICE_DOES_LAYERS, 64},
	{&DEVICE_EVENTS, 128},
	{&DEVICE_DOES_TRUECOLOR, 256},
	{&DEVICE_BINARY_FORMAT, 512},
	{&DEVICE_COMPRESSED_FORMAT, 1024},
	{&DEVICE_NO_WRITER, 2048},
	{&RENDER_Y_GOES_DOWN, 4096},
	{&RENDER_DOES_TRANSFORM, 8192},
	{&RENDER_DOES_LABELS, 32768},
	{&RENDER_DOES_MAPS, 65536},
	{&RENDER_DOES_MAP_RECTANGLE, 131072},
	{&RENDER_DOES_MAP_CIRCLE, 262144},
	{&RENDER_DOES_MAP_POLYGON, 524288},
	{&RENDER_DOES_MAP_ELLIPSE, 1048576},
	{&RENDER_DOES_MAP_BSPLINE, 2097152},
	{&RENDER_DOES_TOOLTIPS, 4194304},
	{&RENDER_DOES_TARGETS, 8388608},
	{&RENDER_DOES_Z, 16777216},
	{&RENDER_NO_WHITE_BG, 33554432},
	{&LAYOUT_NOT_REQUIRED, 67108864},
	{&OUTPUT_NOT_REQUIRED, 134217728},
	{&PEN_NONE, 0},
	{&PEN_DASHED, 1},
	{&PEN_DOTTED, 2},
	{&PEN_SOLID, 3},
	{&FILL_NONE, 0},
	{&FILL_SOLID, 1},
	{&FILL_LINEAR, 2},
	{&FILL_RADIAL, 3},
	{&FONT_REGULAR, 0},
	{&FONT_BOLD, 1},
	{&FONT_ITALIC, 2},
	{&LABEL_PLAIN, 0},
	{&LABEL_HTML, 1},
	{&HSVA_DOUBLE, 0},
	{&RGBA_BYTE, 1},
	{&RGBA_WORD, 2},
	{&RGBA_DOUBLE, 3},
	{&COLOR_STRING, 4},
	{&COLOR_INDEX, 5},
	{&API_RENDER, 0},
	{&API_LAYOUT, 1},
	{&API_TEXTLAYOUT, 2},
	{&API_DEVICE, 3},
	{&API_LOADIMAGE, 4},
}

func init() {
	for _, e := range knownEnums {
		reflect.ValueOf(e.ptr).Elem().SetInt(e.val)
	}
}

// checkEnums reports whether the module returned the known enumeration
// values.
func checkEnums() error {
	for _, e := range knownEnums {
		if v := reflect.ValueOf(e.ptr).Elem().Int(); v != e.val {
			return fmt.Errorf("an enumeration of graphviz.wasm is %d, not the %d known at initialisation", v, e.val)
		}
	}
	return nil
}

// MemorySize is the size in bytes of the live instance's memory, 0 if
// there is none. Graphviz leaks a little memory in most layouts, and
// WebAssembly memory never shrinks: Discard gives it back.
func MemorySize() uint64 {
	if mod.mod == nil || mod.mod.IsClosed() {
		return 0
	}
	return uint64(mod.mod.Memory().Size())
}

// Discard closes the live instance, if any: the next Start makes a new
// one, as after an interrupted call.
func Discard() error {
	if mod.mod == nil || mod.mod.IsClosed() {
		return nil
	}
	return mod.mod.Close(context.Background())
}
