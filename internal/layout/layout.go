// Package layout turns a deck into a display list: pages of positioned
// text, shapes, diagrams and images, measured with the fonts package and
// broken into lines by the JLReq-aware line breaker. Content that does not
// fit shrinks in steps to the theme's floor; what still does not fit is a
// finding, and is shrunk further so that nothing is drawn off the page.
package layout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/diagrams"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/imagefile"
	"github.com/layerdeck/layerdeck/internal/linebreak"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// Diagrammer lays out diagrams; *diagrams.Engine is one.
type Diagrammer interface {
	Layout(ctx context.Context, src diagrams.Source) (*diagrams.Geometry, error)
}

// ThemedDiagrammer is a Diagrammer that also lays diagrams out in the
// looks of other themes: a slide whose class changes the deck theme's
// colours (invert) gets its diagrams in them, For(the slide's theme).
type ThemedDiagrammer interface {
	Diagrammer
	For(th *theme.Theme) Diagrammer
}

// Options are the inputs of a layout besides the deck.
type Options struct {
	Fonts    *fonts.Set
	Theme    *theme.Theme
	Diagrams Diagrammer
	// Date is the document date as Unix seconds; 0 uses the deck's date,
	// or the fixed epoch.
	Date int64
	// Images loads image files (and fetches remote ones); nil loads them
	// without keeping them. The renderers should be given the same cache.
	Images *imagefile.Cache
	// Check adds the advice only check gives: images without alt text.
	Check bool
}

// Finding is a problem found while laying out: an overflow, a missing
// glyph, a diagram too small to read.
type Finding struct {
	Pos   deck.Pos `json:"pos"`
	Slide int      `json:"slide"`
	// Error findings make a build fail; warnings fail only check and --strict.
	Error bool   `json:"error,omitempty"`
	Msg   string `json:"message"`
}

// String formats the finding as FILE:LINE:COL: slide N: message.
func (f Finding) String() string {
	return fmt.Sprintf("%s: slide %d: %s", f.Pos, f.Slide, f.Msg)
}

// Result is a laid-out deck.
type Result struct {
	Doc      *display.Doc
	Findings []Finding
	// Diagrams counts the diagrams drawn.
	Diagrams int
}

// Page sizes in points: 16:9 is 13.333 × 7.5 in, 4:3 is 10 × 7.5 in.
const (
	wideWidth   = 960
	normalWidth = 720
	pageHeight  = 540
)

// PageSize returns the slide size for an aspect ratio.
func PageSize(aspect string) (w, h float64) {
	if aspect == "4:3" {
		return normalWidth, pageHeight
	}
	return wideWidth, pageHeight
}

// engine holds the state of one layout run.
type engine struct {
	ctx      context.Context
	d        *deck.Deck
	fonts    *fonts.Set
	th       *theme.Theme
	deckTh   *theme.Theme // th but for a slide's class and colours
	br       *linebreak.Breaker
	diag     Diagrammer
	images   *imagefile.Cache
	check    bool
	w, h     float64
	findings []Finding
	diagrams int
	slide    *deck.Slide // the slide being laid out
	// quiet is set while fit tries scales: findings are recorded only
	// by the final pass.
	quiet bool
	// geoms holds the diagrams laid out in this run, by source and the
	// Diagrammer (the look) they were laid out by.
	geoms map[geomKey]laidOut
	// warned holds the features warnOnce has reported.
	warned map[string]bool
}

// geomKey names a diagram laid out in a run.
type geomKey struct {
	src diagrams.Source
	by  Diagrammer
}

// laidOut is a diagram's layout or its error.
type laidOut struct {
	g   *diagrams.Geometry
	err error
}

// foreignMinScale is the floor of Marp and Slidev decks.
const foreignMinScale = 0.45

// Themed returns the theme named by the deck with the deck's adjustments,
// scaled for its aspect ratio. Marp's and Slidev's themes map onto the
// closest built-in one (deck.ForeignTheme); a name that is neither gets
// the dialect's default theme, and Layout warns about it.
func Themed(d *deck.Deck) (*theme.Theme, error) {
	th, ok := builtinTheme(d)
	if !ok {
		th, _ = theme.Lookup(fallbackTheme(d.Dialect))
	}
	if d.Theme.File != "" {
		var err error
		if th, err = themeFile(d); err != nil {
			return nil, err
		}
	}
	if d.Dialect == deck.DialectMarp && th.Name == "default" {
		// Marp's default theme has no lead style: its slides are
		// centred vertically anyway (the theme's balance).
		delete(th.Classes, "lead")
	}
	if d.Theme.XKanjiSkip != nil && !*d.Theme.XKanjiSkip {
		th.XKanjiSkip = 0
	}
	if d.Dialect != deck.DialectLayerdeck {
		// Marp's and Slidev's own type is smaller than layerdeck's talk
		// scale (Slidev sets body text at 16 px of a 980 px canvas, about
		// 0.56 of layerdeck's 28 pt, and code at 12 px, about 0.6 of its
		// 20 pt): their decks may shrink to their own sizes and a little
		// below before anything is cut off.
		th.MinScale = min(th.MinScale, foreignMinScale)
	}
	if d.Theme.MinScale > 0 {
		th.MinScale = d.Theme.MinScale
	}
	if d.Theme.Justify != nil {
		th.Justify = *d.Theme.Justify
	}
	return th.ForAspect(d.Aspect), nil
}

// themeFile is the theme of the deck's theme file: the built-in theme it
// extends with its settings, each checked at its position.
func themeFile(d *deck.Deck) (*theme.Theme, error) {
	t := d.Theme
	base := t.Extends
	if base == "" {
		base = fallbackTheme(d.Dialect)
	}
	th, ok := theme.Lookup(base)
	var errs deck.ErrorList
	if !ok {
		errs.Add(t.ExtendsPos, "extends: unknown theme %q (themes: %s)", base, strings.Join(theme.Names, ", "))
		th, _ = theme.Lookup(fallbackTheme(d.Dialect))
	}
	th.Name = t.Name
	for _, v := range t.Values {
		err := theme.Set(th, v.Key, v.Value)
		var ke *theme.KeyError
		switch {
		case errors.As(err, &ke):
			errs.Add(v.KeyPos, "%s", ke.Error())
		case err != nil:
			errs.Add(v.Pos, "%s", err.Error())
		}
	}
	return th, errs.Err()
}

// builtinTheme is the built-in theme the deck's theme name stands for.
func builtinTheme(d *deck.Deck) (*theme.Theme, bool) {
	if name := deck.ForeignTheme(d.Dialect, d.Theme.Name); name != "" {
		return theme.Lookup(name)
	}
	return theme.Lookup(d.Theme.Name)
}

// fallbackTheme is the theme of a deck whose theme is unknown: seriph for
// Slidev decks (Slidev's default theme), default for others.
func fallbackTheme(dl deck.Dialect) string {
	if name := deck.ForeignTheme(dl, "default"); name != "" {
		return name
	}
	return "default"
}

// Layout lays out every slide of d.
func Layout(ctx context.Context, d *deck.Deck, o Options) (*Result, error) {
	th := o.Theme
	if th == nil {
		var err error
		if th, err = Themed(d); err != nil {
			return nil, err
		}
	}
	e := &engine{
		ctx: ctx, d: d, fonts: o.Fonts, th: th, deckTh: th, diag: o.Diagrams, images: o.Images, check: o.Check,
		br:    linebreak.New(o.Fonts, linebreak.Options{XKanjiSkip: th.XKanjiSkip}),
		geoms: map[geomKey]laidOut{},
	}
	if e.images == nil {
		e.images = &imagefile.Cache{}
	}
	e.w, e.h = PageSize(d.Aspect)
	doc := &display.Doc{
		Title:    d.Title,
		Subject:  d.Subtitle,
		Author:   d.Author,
		Keywords: strings.Join(d.Keywords, ", "),
		Lang:     d.Lang,
		Date:     o.Date,
	}
	if doc.Date == 0 && d.Date != "" {
		if t, err := time.Parse("2006-01-02", d.Date); err == nil {
			doc.Date = t.Unix()
		}
	}
	e.checkTheme()
	e.checkGlyphs()
	inSection := false
	for _, s := range d.Slides {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e.slide = s
		page, err := e.layoutSlide(s)
		if err != nil {
			return nil, err
		}
		page.Bookmark = s.TitleText()
		if page.Bookmark == "" && s.Layout == deck.LayoutTitle {
			page.Bookmark = d.Title
		}
		if page.Bookmark == "" && s.Layout == deck.LayoutQuote {
			page.Bookmark = quoteText(s.Blocks)
		}
		if page.Bookmark == "" {
			page.Bookmark = fmt.Sprintf("%d", s.Number)
		}
		switch {
		case s.Layout == deck.LayoutSection:
			inSection = true
		case inSection && s.Layout != deck.LayoutEnd:
			page.BookmarkLevel = 1
		default:
			inSection = false
		}
		doc.Pages = append(doc.Pages, page)
	}
	return &Result{Doc: doc, Findings: e.findings, Diagrams: e.diagrams}, nil
}

// quoteText is the text of the first paragraph of the first block quote
// among bs: a quote slide's outline entry.
func quoteText(bs []deck.Block) string {
	for _, b := range bs {
		if q, ok := b.(*deck.Quote); ok {
			for _, qb := range q.Blocks {
				if p, ok := qb.(*deck.Paragraph); ok {
					return deck.PlainText(p.Spans)
				}
			}
		}
	}
	return ""
}

// checkTheme warns about a theme name that is neither built in nor one of
// Marp's or Slidev's, which map onto the built-in themes.
func (e *engine) checkTheme() {
	name := e.d.Theme.Name
	if _, ok := builtinTheme(e.d); ok || e.d.Theme.File != "" || len(e.d.Slides) == 0 {
		return
	}
	e.slide = e.d.Slides[0]
	pos := e.d.Theme.Pos
	if !pos.IsValid() {
		pos = deck.Pos{File: e.d.File, Line: 1, Col: 1}
	}
	e.warn(pos, "unknown theme %q: the %s theme is used (themes: %s)", name, fallbackTheme(e.d.Dialect), strings.Join(theme.Names, ", "))
	e.findings[len(e.findings)-1].Slide = 0
}

// warn records a warning about the current slide.
func (e *engine) warn(pos deck.Pos, format string, a ...any) {
	if e.quiet {
		return
	}
	if !pos.IsValid() {
		pos = e.slide.Pos
	}
	e.findings = append(e.findings, Finding{Pos: pos, Slide: e.slide.Number, Msg: fmt.Sprintf(format, a...)})
}

// warnOnce records a warning about a feature unless one was recorded.
func (e *engine) warnOnce(feature string, pos deck.Pos, format string, a ...any) {
	if e.quiet || e.warned[feature] {
		return
	}
	if e.warned == nil {
		e.warned = map[string]bool{}
	}
	e.warned[feature] = true
	e.warn(pos, format, a...)
}

// fail records an error about the current slide.
func (e *engine) fail(pos deck.Pos, format string, a ...any) {
	if e.quiet {
		return
	}
	e.warn(pos, format, a...)
	e.findings[len(e.findings)-1].Error = true
}
