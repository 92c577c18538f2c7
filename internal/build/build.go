// Package build is the one build function that build, watch, check and
// serve share: deck → layout (with diagrams) → PDF, with the fonts parsed
// once and diagram layouts cached across rebuilds.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/diagrams"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/imagefile"
	"github.com/layerdeck/layerdeck/internal/layout"
	"github.com/layerdeck/layerdeck/internal/render/pdf"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// BuiltinName is the file name of the built-in deck in positions.
const BuiltinName = "essay.md"

// Builder builds decks. It keeps parsed fonts and the diagram engine (with
// its layout cache) between builds; it is safe for use by one goroutine
// at a time.
type Builder struct {
	// CacheDir, if set before the first build, keeps Graphviz's layouts on
	// disk between processes (see diagrams.Options.CacheDir).
	CacheDir string
	// CompileCacheDir, if set before the first build, keeps Graphviz
	// compiled to native code between processes, if the directory is the
	// current user's alone (see diagrams.Options.CompileCacheDir).
	CompileCacheDir string
	// Seed holds read-only layout cache entries (diagrams.Options.Seed):
	// New sets it to the built-in deck's.
	Seed fs.FS
	// DiagramTimeout, if set before the first build, is the time budget of
	// one Graphviz call (diagrams.Options.Timeout; default 5 s).
	DiagramTimeout time.Duration
	// ImageDir, if set before the first build, keeps remote images
	// (http, https) fetched by their URL and revalidated with their ETag,
	// so that a rebuild works offline; empty: remote images are not
	// fetched and are drawn as placeholders.
	ImageDir string

	images *imagefile.Cache

	mu      sync.Mutex
	engines map[engineKey]*diagrams.Engine
	themes  map[string]*theme.Theme
	faces   map[string]cachedFace
	sets    map[string]*fonts.Set // by the faces' addresses
	looks   map[string]*theme.Theme
}

// engineKey names a diagram engine: one per theme and font set.
type engineKey struct {
	th   *theme.Theme
	fs   *fonts.Set
	lang string
}

type cachedFace struct {
	face    *fonts.Face
	modTime time.Time
	size    int64
}

// New returns a Builder.
func New() *Builder {
	return &Builder{Seed: builtinLayouts(), images: &imagefile.Cache{}, engines: map[engineKey]*diagrams.Engine{}, themes: map[string]*theme.Theme{}, faces: map[string]cachedFace{}, sets: map[string]*fonts.Set{}, looks: map[string]*theme.Theme{}}
}

// Close releases the diagram engines.
func (b *Builder) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	var errs []error
	for _, e := range b.engines {
		errs = append(errs, e.Close())
	}
	b.engines = map[engineKey]*diagrams.Engine{}
	return errors.Join(errs...)
}

// Options adjust a build.
type Options struct {
	// Date is the document date in Unix seconds (SOURCE_DATE_EPOCH); 0
	// uses the deck's date, or a fixed epoch.
	Date int64
	// Notes also lays out the speaker-notes document.
	Notes bool
	// NoPDF stops after layout (check).
	NoPDF bool
	// Check lays out a deck with errors too, as far as it could be read,
	// so that every problem of every stage is reported at once: the deck's
	// errors come back as error findings instead of an error. It implies
	// NoPDF.
	Check bool
}

// Timings are the durations of a build's stages.
type Timings struct {
	Parse, Layout, Graphviz, PDF time.Duration
}

// Result is a built deck.
type Result struct {
	Deck     *deck.Deck
	Fonts    *fonts.Set
	Doc      *display.Doc
	Notes    *display.Doc
	PDF      []byte
	NotesPDF []byte
	// Images holds the deck's images as layout loaded them: the SVG and
	// PNG renderers should use it too.
	Images   *imagefile.Cache
	Findings []layout.Finding
	Diagrams int
	Timings  Timings
}

// Errors returns the findings that make a build fail.
func (r *Result) Errors() []layout.Finding {
	var out []layout.Finding
	for _, f := range r.Findings {
		if f.Error {
			out = append(out, f)
		}
	}
	return out
}

// Load reads the deck at path, or the built-in deck for "".
func Load(path string) (*deck.Deck, error) {
	if path == "" {
		return deck.Parse(BuiltinName, assets.Essay)
	}
	return deck.Load(path)
}

// Build loads, lays out and renders the deck at path ("" for the built-in
// deck). A deck error is returned as a deck.ErrorList; layout problems are
// in Result.Findings.
func (b *Builder) Build(ctx context.Context, path string, o Options) (*Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := &Result{Images: b.images}
	if b.images.Fetcher == nil && b.ImageDir != "" {
		b.images.Fetcher = &imagefile.Fetcher{Dir: b.ImageDir}
	}
	t0 := time.Now()
	if o.Check {
		o.NoPDF = true
	}
	d, err := Load(path)
	var deckErrs deck.ErrorList
	if err != nil {
		if d == nil || !o.Check || !errors.As(err, &deckErrs) {
			return nil, err
		}
	}
	r.Deck = d
	r.Timings.Parse = time.Since(t0)
	defer func() { r.Findings = deckFindings(d, deckErrs, r.Findings) }()

	t1 := time.Now()
	if r.Fonts, err = b.fontSet(d); err != nil {
		if deckErrs == nil {
			return nil, err
		}
		// A deck with errors (check) whose fonts cannot be read: its
		// errors name the font; the rest is laid out in the built-in
		// fonts, so that its other problems are found too.
		if r.Fonts, err = fonts.Default(); err != nil {
			return nil, err
		}
	}
	th, err := b.theme(d)
	if err != nil {
		return nil, err
	}
	eng, err := b.engine(th, r.Fonts, d.Lang)
	if err != nil {
		return nil, err
	}
	// Loading the fonts into the PDF writers runs beside the layout.
	var writers [2]chan writerResult
	for i, want := range []bool{!o.NoPDF, !o.NoPDF && o.Notes} {
		if want {
			writers[i] = make(chan writerResult, 1)
			go func(c chan writerResult) {
				w, err := pdf.NewWriter(pdf.Options{Fonts: r.Fonts, Images: b.images})
				c <- writerResult{w, err}
			}(writers[i])
		}
	}
	timed := &timedDiagrams{b: b, fonts: r.Fonts, lang: d.Lang, eng: eng, deckLook: lookKey(th), spent: new(time.Duration), looks: map[*diagrams.Engine]*timedDiagrams{}}
	res, err := layoutDeck(ctx, d, layout.Options{Fonts: r.Fonts, Theme: th, Diagrams: timed, Date: o.Date, Images: b.images, Check: o.Check}, deckErrs != nil)
	if err != nil {
		return nil, err
	}
	r.Doc, r.Findings, r.Diagrams = res.Doc, res.Findings, res.Diagrams
	eng.Prune()
	for e := range timed.looks {
		e.Prune()
	}
	defer b.images.Prune()
	if o.Notes {
		r.Notes = layout.Notes(r.Doc, d, layout.Options{Fonts: r.Fonts, Theme: th})
	}
	r.Timings.Graphviz = *timed.spent
	r.Timings.Layout = time.Since(t1) - *timed.spent
	if o.NoPDF || len(r.Errors()) > 0 {
		return r, nil
	}
	t2 := time.Now()
	if r.PDF, err = render(writers[0], r.Doc); err != nil {
		return nil, fmt.Errorf("writing the PDF: %w", err)
	}
	if r.Notes != nil {
		if r.NotesPDF, err = render(writers[1], r.Notes); err != nil {
			return nil, fmt.Errorf("writing the notes PDF: %w", err)
		}
	}
	r.Timings.PDF = time.Since(t2)
	return r, nil
}

// PDF writes the PDF of r, a result of a build with Options.NoPDF and no
// errors (serve publishes the slides first, then writes the PDF). It is
// to be called before the next build, whose images may differ.
func (b *Builder) PDF(r *Result) ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	w, err := pdf.NewWriter(pdf.Options{Fonts: r.Fonts, Images: b.images})
	if err != nil {
		return nil, err
	}
	return w.Render(r.Doc)
}

// layoutDeck lays the deck out. A deck with errors (check) is laid out
// only to find more problems; should it trip over its own errors, what
// was found so far stands.
func layoutDeck(ctx context.Context, d *deck.Deck, o layout.Options, broken bool) (res *layout.Result, err error) {
	if broken {
		defer func() {
			if recover() != nil {
				res, err = &layout.Result{Doc: &display.Doc{}}, nil
			}
		}()
	}
	return layout.Layout(ctx, d, o)
}

// deckFindings puts the deck's errors and warnings among the layout's
// findings, all in source order.
func deckFindings(d *deck.Deck, errs deck.ErrorList, found []layout.Finding) []layout.Finding {
	if d == nil {
		return found
	}
	var out []layout.Finding
	for _, e := range errs {
		out = append(out, layout.Finding{Pos: e.Pos, Slide: slideAt(d, e.Pos), Error: true, Msg: e.Msg})
	}
	for _, w := range d.Warnings {
		out = append(out, layout.Finding{Pos: w.Pos, Slide: slideAt(d, w.Pos), Msg: w.Msg})
	}
	blamed := map[deck.Pos]bool{}
	for _, e := range errs {
		blamed[e.Pos] = true
	}
	for _, f := range found {
		// A broken deck's layout trips over the same problem again (a
		// missing image): one problem, one message.
		if !blamed[f.Pos] {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Before(out[j].Pos) })
	return out
}

// slideAt is the number of the slide at pos, 0 for the front matter.
func slideAt(d *deck.Deck, pos deck.Pos) int {
	n := 0
	for _, s := range d.Slides {
		if s.Pos.File == pos.File && s.Pos.Line <= pos.Line {
			n = s.Number
		}
	}
	return n
}

type writerResult struct {
	w   *pdf.Writer
	err error
}

// render draws doc with the writer prepared on c.
func render(c chan writerResult, doc *display.Doc) ([]byte, error) {
	res := <-c
	if res.err != nil {
		return nil, res.err
	}
	return res.w.Render(doc)
}

// theme returns the deck's theme, one value per distinct setting so that
// the diagram engine for it is reused.
func (b *Builder) theme(d *deck.Deck) (*theme.Theme, error) {
	// A theme file's settings are in the key: the file is read again at
	// every build, and an edit makes a new theme (and diagram engine).
	key := fmt.Sprintf("%s|%v|%g|%s|%v|%s|%s|%q", d.Theme.Name, d.Theme.XKanjiSkip != nil && !*d.Theme.XKanjiSkip, d.Theme.MinScale, d.Dialect, d.Theme.Justify != nil && !*d.Theme.Justify, d.Aspect, d.Theme.Extends, d.Theme.Values)
	if th, ok := b.themes[key]; ok {
		return th, nil
	}
	th, err := layout.Themed(d)
	if err != nil {
		return nil, err
	}
	b.themes[key] = th
	return th, nil
}

// engine returns the diagram engine for a theme and font set.
func (b *Builder) engine(th *theme.Theme, fs *fonts.Set, lang string) (*diagrams.Engine, error) {
	key := engineKey{th, fs, lang}
	if e, ok := b.engines[key]; ok {
		return e, nil
	}
	e, err := diagrams.NewEngine(diagrams.Options{Fonts: fs, Theme: th, Lang: lang, Timeout: b.DiagramTimeout, CacheDir: b.CacheDir, CompileCacheDir: b.CompileCacheDir, Seed: b.Seed})
	if err != nil {
		return nil, err
	}
	b.engines[key] = e
	return e, nil
}

// fontSet returns the embedded fonts or the deck's own, with the deck's
// fallback fonts, each file parsed once while it is unchanged.
func (b *Builder) fontSet(d *deck.Deck) (*fonts.Set, error) {
	def, err := fonts.Default()
	if err != nil {
		return nil, err
	}
	if d.Fonts.Regular == "" && d.Fonts.Bold == "" && len(d.Fonts.Fallback) == 0 {
		return def, nil
	}
	set := *def
	if d.Fonts.Regular != "" {
		if set.Regular, err = b.face(d.Fonts.Regular, d.Fonts.RegularPos); err != nil {
			return nil, err
		}
		set.Bold = set.Regular
	}
	if d.Fonts.Bold != "" {
		if set.Bold, err = b.face(d.Fonts.Bold, d.Fonts.BoldPos); err != nil {
			return nil, err
		}
	}
	var fallback []*fonts.Face
	for i, p := range d.Fonts.Fallback {
		f, err := b.face(p, d.Fonts.FallbackPos[i])
		if err != nil {
			return nil, err
		}
		fallback = append(fallback, f)
	}
	key := fmt.Sprintf("%p %p", set.Regular, set.Bold)
	for _, f := range fallback {
		key += fmt.Sprintf(" %p", f)
	}
	if cached, ok := b.sets[key]; ok {
		return cached, nil
	}
	out, err := set.WithFallback(fallback)
	if err != nil {
		return nil, deck.ErrorList{{Pos: d.Fonts.FallbackPos[0], Msg: fmt.Sprintf("fonts.fallback: %v", err)}}
	}
	b.sets[key] = out
	return out, nil
}

func (b *Builder) face(path string, pos deck.Pos) (*fonts.Face, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, deck.ErrorList{{Pos: pos, Msg: fmt.Sprintf("font %s: %v", path, err)}}
	}
	if c, ok := b.faces[path]; ok && c.modTime.Equal(fi.ModTime()) && c.size == fi.Size() {
		return c.face, nil
	}
	f, err := fonts.LoadFile(path)
	if err != nil {
		return nil, deck.ErrorList{{Pos: pos, Msg: fmt.Sprintf("font %s: %v", path, err)}}
	}
	b.faces[path] = cachedFace{face: f, modTime: fi.ModTime(), size: fi.Size()}
	return f, nil
}

// timedDiagrams lays out a build's diagrams in the deck theme's engine,
// or for a slide whose class changes the colours (invert) in the engine
// of that look (For), and measures the time spent. It is used by one
// goroutine, within Build.
type timedDiagrams struct {
	b     *Builder
	fonts *fonts.Set
	lang  string
	eng   *diagrams.Engine
	// deckLook is the deck theme's look (see lookKey).
	deckLook string
	spent    *time.Duration
	// looks are the engines of other looks used in this build, shared by
	// all of the build's timedDiagrams.
	looks map[*diagrams.Engine]*timedDiagrams
}

func (t *timedDiagrams) Layout(ctx context.Context, src diagrams.Source) (*diagrams.Geometry, error) {
	t0 := time.Now()
	g, err := t.eng.Layout(ctx, src)
	*t.spent += time.Since(t0)
	return g, err
}

// maxLooks bounds the diagram looks a Builder keeps engines for (a deck's
// classes, and its slides' background and text colours): past it, a new
// look's diagrams keep the deck theme's colours.
const maxLooks = 16

// For returns the Diagrammer of th's look, the same for every theme of
// the same colours and diagram sizes.
func (t *timedDiagrams) For(th *theme.Theme) layout.Diagrammer {
	key := lookKey(th)
	if key == t.deckLook {
		return t // a class that leaves the colours (lead)
	}
	look := t.b.look(key, th)
	if look == nil {
		return t
	}
	eng, err := t.b.engine(look, t.fonts, t.lang)
	if err != nil || eng == t.eng {
		return t
	}
	if d, ok := t.looks[eng]; ok {
		return d
	}
	d := &timedDiagrams{b: t.b, fonts: t.fonts, lang: t.lang, eng: eng, deckLook: t.deckLook, spent: t.spent, looks: t.looks}
	t.looks[eng] = d
	return d
}

// lookKey names what of th a diagram is drawn with: its colours and
// diagram sizes.
func lookKey(th *theme.Theme) string {
	return fmt.Sprint(th.Background, th.Text, th.Muted, th.Accent, th.Accent2, th.Surface, th.Border,
		th.Warning, th.WarningBg, th.Good, th.GoodBg, th.DiagramSize, th.DiagramSmall, th.StrokeWidth,
		th.CornerRadius, th.XKanjiSkip)
}

// look returns the theme diagrams of the look key (th's) are laid out
// with: the first theme seen of that look, so that the slides of one
// class share an engine (and its caches) build after build; nil once
// maxLooks looks are kept. b.mu is held.
func (b *Builder) look(key string, th *theme.Theme) *theme.Theme {
	if l, ok := b.looks[key]; ok {
		return l
	}
	if len(b.looks) >= maxLooks {
		return nil
	}
	b.looks[key] = th
	return th
}

// Diagram is one diagram of a deck, laid out, for export on its own.
type Diagram struct {
	Name     string
	Pos      deck.Pos
	DOT      string
	Geometry *diagrams.Geometry
	// Alt describes the diagram in the deck's language (the PDF's alt
	// text).
	Alt string
}

// Diagrams loads the deck at path and lays out each of its diagrams.
func (b *Builder) Diagrams(ctx context.Context, path string) (*deck.Deck, *fonts.Set, []Diagram, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, err := Load(path)
	if err != nil {
		return nil, nil, nil, err
	}
	fs, err := b.fontSet(d)
	if err != nil {
		return nil, nil, nil, err
	}
	th, err := b.theme(d)
	if err != nil {
		return nil, nil, nil, err
	}
	eng, err := b.engine(th, fs, d.Lang)
	if err != nil {
		return nil, nil, nil, err
	}
	var out []Diagram
	var errs deck.ErrorList
	for _, src := range diagrams.Sources(d) {
		dot, err := eng.DOT(src)
		if err == nil {
			var g *diagrams.Geometry
			if g, err = eng.Layout(ctx, src); err == nil {
				out = append(out, Diagram{Name: src.Name, Pos: src.Pos, DOT: dot, Geometry: g, Alt: diagrams.Describe(src, g, d.Lang)})
				continue
			}
		}
		errs = append(errs, diagramError(src.Pos, err))
	}
	if err := errs.Err(); err != nil {
		return nil, nil, nil, err
	}
	return d, fs, out, nil
}

// diagramError turns a diagrams error into a positioned deck error.
func diagramError(pos deck.Pos, err error) *deck.Error {
	var de *diagrams.Error
	if errors.As(err, &de) {
		return &deck.Error{Pos: de.Pos, Msg: de.Msg}
	}
	return &deck.Error{Pos: pos, Msg: err.Error()}
}

// builtinLayouts are the layout cache entries of the built-in deck.
func builtinLayouts() fs.FS {
	sub, err := fs.Sub(assets.Layouts, "layouts")
	if err != nil {
		return nil
	}
	return sub
}
