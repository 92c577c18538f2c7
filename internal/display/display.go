// Package display holds the renderer-neutral display list: pages of
// positioned text, shapes and images in points, origin at the top left of
// the page, y growing downwards. Layout and diagrams produce it; the PDF,
// SVG and PNG renderers draw it. It carries no source syntax and no
// renderer types, and it marshals to JSON for golden tests.
package display

import (
	"math"
	"net/url"
)

// Doc is a document: metadata and pages.
type Doc struct {
	Title    string `json:"title,omitempty"`
	Subject  string `json:"subject,omitempty"`
	Author   string `json:"author,omitempty"`
	Keywords string `json:"keywords,omitempty"`
	Lang     string `json:"lang,omitempty"`
	// Date is the creation date as Unix seconds (0: the fixed epoch).
	Date  int64   `json:"date,omitempty"`
	Pages []*Page `json:"pages"`
}

// Page is one page (a slide, or a diagram on its own).
type Page struct {
	Width  float64 `json:"w"`
	Height float64 `json:"h"`
	// Bookmark is the outline entry for the page; Level 0 is top level.
	Bookmark      string `json:"bookmark,omitempty"`
	BookmarkLevel int    `json:"bookmark_level,omitempty"`
	Items         []Item `json:"items"`
}

// Color is an sRGB colour.
type Color struct {
	R uint8 `json:"r"`
	G uint8 `json:"g"`
	B uint8 `json:"b"`
}

// Hex formats the colour as #rrggbb.
func (c Color) Hex() string {
	const digits = "0123456789abcdef"
	return string([]byte{'#', digits[c.R>>4], digits[c.R&15], digits[c.G>>4], digits[c.G&15], digits[c.B>>4], digits[c.B&15]})
}

// Paint is a fill or stroke: None means nothing is painted.
type Paint struct {
	None  bool    `json:"none,omitempty"`
	Color Color   `json:"color"`
	Width float64 `json:"width,omitempty"` // stroke width in points
	// Dash is a dash pattern in points (stroke only); empty is solid.
	Dash []float64 `json:"dash,omitempty"`
	// Opacity, between 0 and 1 exclusive, paints translucently; 0 (the
	// zero value) and 1 paint opaquely.
	Opacity float64 `json:"opacity,omitempty"`
}

// Alpha is the paint's opacity in [0, 1]: 1 unless Opacity says less.
func (p Paint) Alpha() float64 {
	if p.Opacity > 0 && p.Opacity < 1 {
		return p.Opacity
	}
	return 1
}

// NoPaint paints nothing.
var NoPaint = Paint{None: true}

// Item is one drawing operation; exactly one of its drawing pointers is
// set.
type Item struct {
	Text  *Text  `json:"text,omitempty"`
	Rect  *Rect  `json:"rect,omitempty"`
	Path  *Path  `json:"path,omitempty"`
	Image *Image `json:"image,omitempty"`
	Link  *Link  `json:"link,omitempty"`
	Group *Group `json:"group,omitempty"`
	// Tag is the structure element the item is content of; nil marks
	// an artifact (a background, a rule, a footer). It is left out of
	// the JSON: StructureText prints the tree.
	Tag *Tag `json:"-"`
}

// Tag is an element of a page's logical structure, the reading order a
// tagged PDF gives screen readers (ISO 32000-1 §14.8). Elements are
// created by layout as it lays blocks out and linked to their parent;
// the items that point to an element, or to an element below it, are its
// content. Elements no item points to are not part of the page.
type Tag struct {
	// Role is a standard structure type: Sect, H1…H6, P, L, LI, Lbl,
	// LBody, Table, TR, TH, TD, Figure, Formula, Code, BlockQuote, Link,
	// Span. A Span with ActualText is not an element of its own: it marks
	// its items' text as standing for ActualText within its parent.
	Role string
	// Alt is the description of a Figure or Formula; a Link's too.
	Alt string
	// ActualText is the text the content stands for, when extracting its
	// glyphs would not give it (text set with gaps, pictures of text).
	ActualText string
	// Lang is the language of the element when it differs from the
	// document's (a BCP 47 tag).
	Lang   string
	Parent *Tag
}

// Under makes t's topmost ancestor (or t itself) a child of parent
// unless t already descends from it, and returns t.
func (t *Tag) Under(parent *Tag) *Tag {
	if parent == nil {
		return t
	}
	root := t
	for ; root.Parent != nil; root = root.Parent {
		if root == parent {
			return t
		}
	}
	for p := parent; p != nil; p = p.Parent {
		if p == root {
			return t // parent is t's root or below it: nothing to do
		}
	}
	root.Parent = parent
	return t
}

// SetTag sets the tag of the items that have none to t, and puts the
// tags they have under t. Only content is tagged: text, pictures,
// images and links; rules, boxes and other shapes stay artifacts, and so
// does artifact text (a list number, a footer) unless it has an element.
func SetTag(items []Item, t *Tag) {
	for i, it := range items {
		switch {
		case it.Tag != nil && it.Text != nil && it.Text.Artifact && Content(it.Tag) == nil:
		case it.Tag != nil:
			it.Tag.Under(t)
		case it.Text != nil && !it.Text.Artifact, it.Group != nil, it.Image != nil, it.Link != nil:
			items[i].Tag = t
		}
	}
}

// SetTagAll is SetTag for a figure: every item, shapes too, is content.
func SetTagAll(items []Item, t *Tag) {
	for i, it := range items {
		if it.Tag != nil {
			it.Tag.Under(t)
		} else {
			items[i].Tag = t
		}
	}
}

// Group is a list of items drawn together: a picture drawn as vectors (an
// SVG image, an emoji), optionally clipped to a box and standing for text.
type Group struct {
	Items []Item `json:"items"`
	// Clip, if set, is the area outside which nothing of the group is drawn.
	Clip *Box `json:"clip,omitempty"`
	// ActualText is the text the group stands for (an emoji's
	// characters): what copying it from a PDF gives back.
	ActualText string `json:"actual_text,omitempty"`
}

// Text is a run of text in one font, size and colour, drawn from its
// baseline origin (X, Y). Width is the advance width as measured by the
// fonts package; renderers may use it to check their own measure.
type Text struct {
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	Size float64 `json:"size"`
	Bold bool    `json:"bold,omitempty"`
	// Mono draws the run in the fixed-pitch code face (fonts.Set.Mono).
	Mono bool `json:"mono,omitempty"`
	// Fallback, if not 0, draws the run in the fallback face
	// fonts.Set.Fallback[Fallback-1] instead (characters the fonts lack).
	Fallback int     `json:"fallback,omitempty"`
	Color    Color   `json:"color"`
	Text     string  `json:"text"`
	Width    float64 `json:"width"`
	// Spacing is extra space after each character but the last: the
	// inter-character spacing of a justified Japanese line (PDF's Tc,
	// SVG's letter-spacing). Width includes it.
	Spacing float64 `json:"spacing,omitempty"`
	// Artifact marks text that is not content of the source: footers,
	// page numbers, list numbers. No-loss checks skip it.
	Artifact bool `json:"artifact,omitempty"`
}

// Rect is a rectangle with optional rounded corners.
type Rect struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	W      float64 `json:"w"`
	H      float64 `json:"h"`
	Radius float64 `json:"radius,omitempty"`
	Fill   Paint   `json:"fill"`
	Stroke Paint   `json:"stroke"`
}

// Op is a path operation.
type Op string

// Path operations. MoveTo and LineTo take one point, CurveTo three (two
// control points and the end point), Close none.
const (
	MoveTo  Op = "M"
	LineTo  Op = "L"
	CurveTo Op = "C"
	Close   Op = "Z"
)

// Point is a point in page coordinates.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Segment is one operation of a path with its points.
type Segment struct {
	Op     Op      `json:"op"`
	Points []Point `json:"pts,omitempty"`
}

// Path is a sequence of segments, filled and/or stroked.
type Path struct {
	Segments []Segment `json:"segs"`
	Fill     Paint     `json:"fill"`
	Stroke   Paint     `json:"stroke"`
	// EvenOdd fills by the even-odd rule rather than the nonzero one.
	EvenOdd bool `json:"even_odd,omitempty"`
}

// Image is a raster image file placed in a box.
type Image struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
	// Path is the file the image is read from (PNG, JPEG, GIF or WebP),
	// or a data: URI holding it; renderers read it through
	// internal/imagefile, as layout did.
	Path string `json:"path"`
	// Clip, if set, is the area outside which the image is not drawn
	// (a background that covers its cell).
	Clip *Box `json:"clip,omitempty"`
	// Filter is the chain of CSS filters applied to the image's pixels
	// before it is drawn, as internal/imagefile writes it ("sepia(1)
	// blur(2.5)", a blur in the image's own pixels); renderers load the
	// image through imagefile.Cache.Filtered.
	Filter string `json:"filter,omitempty"`
}

// Box is an axis-aligned rectangle.
type Box struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Link is a clickable area pointing to a URL.
type Link struct {
	X   float64 `json:"x"`
	Y   float64 `json:"y"`
	W   float64 `json:"w"`
	H   float64 `json:"h"`
	URL string  `json:"url"`
}

// White is pure white.
var White = Color{R: 255, G: 255, B: 255}

// Finite reports whether every value is a number: not NaN, not infinite.
// Renderers skip items with coordinates that are not.
func Finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// Linkable reports whether a link target may become a clickable link in
// an output: only absolute http and https URLs and mailto addresses.
// javascript:, file:, data:, launch targets and relative paths (which a
// viewer would resolve against the local disk, the preview against its
// own origin) are left out; renderers draw the text all the same.
func Linkable(target string) bool {
	u, err := url.Parse(target)
	if err != nil {
		return false
	}
	switch u.Scheme { // url.Parse lower-cases the scheme
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	}
	return false
}
