package deck

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Pos is a position in a deck source file: 1-based line and column, the
// column counted in bytes as go/token does.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// String formats the position as FILE:LINE:COL.
func (p Pos) String() string {
	if p.File == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Before reports whether p comes before q: by file, then line, then column.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// IsValid reports whether the position names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Deck is a validated presentation: its settings, its layer stacks and its
// slides in source order.
type Deck struct {
	File string `json:"file"`
	// Dialect is the flavour the deck is written in: layerdeck, marp or slidev.
	Dialect  Dialect `json:"dialect"`
	Title    string  `json:"title"`
	Subtitle string  `json:"subtitle,omitempty"`
	// Description is the deck's summary for the PDF metadata (Marp's
	// description, Slidev's info).
	Description string `json:"description,omitempty"`
	// LineNumbers numbers the lines of every code block (Slidev's
	// lineNumbers); a block's own lines: true/false overrides it.
	LineNumbers bool   `json:"line_numbers,omitempty"`
	Author      string `json:"author,omitempty"`
	Date        string `json:"date,omitempty"`
	Lang        string `json:"lang"`
	// Aspect is "16:9" or "4:3".
	Aspect string `json:"aspect"`
	// Keywords go to the PDF metadata.
	Keywords []string      `json:"keywords,omitempty"`
	Theme    ThemeSettings `json:"theme"`
	Fonts    Fonts         `json:"fonts"`
	// Stacks are the layer stacks in the order they are defined.
	Stacks []*Stack `json:"stacks"`
	Slides []*Slide `json:"slides"`
	// Warnings are what the deck asks for that layerdeck does not draw
	// (each feature once); the build goes on, --strict fails.
	Warnings ErrorList `json:"warnings,omitempty"`

	// sources are the texts of the files read (the deck and the files it
	// imports), by file name as positions name them: see Locate.
	sources map[string]*source
}

// Stack returns the stack with the given id, or nil.
func (d *Deck) Stack(id string) *Stack {
	for _, s := range d.Stacks {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Fonts names TrueType files that replace the embedded fonts. Empty paths
// keep the embedded ones. Paths are resolved against the deck's directory.
type Fonts struct {
	Regular    string `json:"regular,omitempty"`
	RegularPos Pos    `json:"-"`
	Bold       string `json:"bold,omitempty"`
	BoldPos    Pos    `json:"-"`
	// Fallback are TrueType files tried in order for the characters the
	// fonts (and the emoji) lack.
	Fallback    []string `json:"fallback,omitempty"`
	FallbackPos []Pos    `json:"-"`
}

// Files lists the font files the deck names: regular, bold, fallbacks.
func (f Fonts) Files() []string {
	var out []string
	for _, p := range append([]string{f.Regular, f.Bold}, f.Fallback...) {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ThemeSettings selects a built-in theme or a theme file and adjusts it.
type ThemeSettings struct {
	// Name is a built-in theme's name, or the theme file's as written.
	Name string `json:"name"`
	// File is the path of the theme file (a name ending in .yaml or
	// .yml, resolved against the deck's directory), or "".
	File string `json:"file,omitempty"`
	// Extends names the built-in theme a theme file starts from ("":
	// the default theme).
	Extends    string `json:"extends,omitempty"`
	ExtendsPos Pos    `json:"-"`
	// Values are the theme file's settings in the order written, each a
	// dotted key (colors.text, classes.warm.colors.background).
	Values []ThemeValue `json:"values,omitempty"`
	// XKanjiSkip turns the gap between Japanese and Latin text on or off;
	// nil keeps the theme's setting.
	XKanjiSkip *bool `json:"xkanjiskip,omitempty"`
	// MinScale is the floor overfull content may shrink to; 0 keeps the theme's.
	MinScale float64 `json:"min_scale,omitempty"`
	// Justify turns the justification of Japanese body text on or off;
	// nil keeps the theme's setting.
	Justify *bool `json:"justify,omitempty"`
	Pos     Pos   `json:"-"`
}

// ThemeValue is one setting of a theme file.
type ThemeValue struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	KeyPos Pos    `json:"-"`
	Pos    Pos    `json:"-"`
}

// IsThemeFile reports whether a theme name names a theme file: it ends in
// .yaml or .yml.
func IsThemeFile(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// Pattern says how the layers of a stack relate to each other.
type Pattern string

const (
	// Progression: each layer solves the core problem the layer below could not.
	Progression Pattern = "progression"
	// Transfer: each layer solves some problems of the one below and creates new ones.
	Transfer Pattern = "transfer"
)

// Stack is a layer stack: the argument model that diagrams and compare
// slides are drawn from.
type Stack struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Pattern Pattern  `json:"pattern"`
	Layers  []*Layer `json:"layers"`
	Pos     Pos      `json:"pos"`
}

// Layer returns the layer with the given id, or nil.
func (s *Stack) Layer(id string) *Layer {
	for _, l := range s.Layers {
		if l.ID == id {
			return l
		}
	}
	return nil
}

// Layer is one level of a stack, listed bottom (L1) first.
type Layer struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Role    string `json:"role,omitempty"`
	Example string `json:"example,omitempty"`
	// Problems are what this layer leaves unsolved or creates.
	Problems []string `json:"problems,omitempty"`
	// Fixes are problems of the layer below that this layer addresses.
	Fixes []string `json:"fixes,omitempty"`
	// Integrates are ids of lower layers this layer builds on as a whole.
	Integrates []string `json:"integrates,omitempty"`
	Pos        Pos      `json:"pos"`

	fixesPos, integratesPos []Pos
}

// Layout is a slide layout name.
type Layout string

// The slide layouts.
const (
	LayoutTitle     Layout = "title"
	LayoutSection   Layout = "section"
	LayoutBullets   Layout = "bullets"
	LayoutTwoColumn Layout = "two-column"
	LayoutCompare   Layout = "compare"
	LayoutDiagram   Layout = "diagram"
	LayoutQuote     Layout = "quote"
	LayoutEnd       Layout = "end"
)

// Layouts lists every layout in documentation order.
var Layouts = []Layout{LayoutTitle, LayoutSection, LayoutBullets, LayoutTwoColumn, LayoutCompare, LayoutDiagram, LayoutQuote, LayoutEnd}

// Slide is one slide: its layout, title, body blocks and speaker notes.
type Slide struct {
	// Number is the 1-based slide number.
	Number int    `json:"number"`
	Pos    Pos    `json:"pos"`
	Layout Layout `json:"layout"`
	// Title is the slide's "# " heading; TitlePos is where it stands.
	Title    []Span `json:"title,omitempty"`
	TitlePos Pos    `json:"-"`
	// Blocks is the body; for two-column slides, the left column.
	Blocks []Block `json:"blocks,omitempty"`
	// Right is the right column of a two-column slide (after "::right::").
	Right []Block `json:"right,omitempty"`
	// Diagram names the stack drawn by a diagram slide (key "diagram").
	Diagram    string `json:"diagram,omitempty"`
	DiagramPos Pos    `json:"-"`
	// Compare names the two stacks of a compare slide (key "compare").
	Compare    []string `json:"compare,omitempty"`
	ComparePos Pos      `json:"-"`
	// Notes are the speaker notes, from the slide's HTML comments.
	Notes string `json:"notes,omitempty"`
	// Alt, if set, describes the slide's diagram to readers who cannot
	// see it (key "alt"), in place of the description made from its
	// stack or graph.
	Alt string `json:"alt,omitempty"`
	// Top is what a two-column slide shows above its columns (Slidev's
	// two-cols-header).
	Top []Block `json:"top,omitempty"`
	// TitleFit makes the title fill the width (Marp's <!-- fit -->).
	TitleFit bool `json:"title_fit,omitempty"`
	// Center centres the body vertically and its text horizontally
	// (Slidev's center layout, Marp's lead class).
	Center bool `json:"center,omitempty"`
	Look
}

// Look is a slide's appearance set by Marp directives or Slidev keys.
type Look struct {
	// Paginate draws the slide number (Marp's paginate).
	Paginate bool `json:"paginate,omitempty"`
	// Header and Footer are drawn at the top and bottom of the slide.
	Header []Span `json:"header,omitempty"`
	Footer []Span `json:"footer,omitempty"`
	// Class lists the slide's classes (Marp's class, Slidev's class).
	Class []string `json:"class,omitempty"`
	// Background and Color override the theme's page and text colours.
	Background *Color `json:"background,omitempty"`
	Color      *Color `json:"color,omitempty"`
	// Backgrounds are background images (Marp's ![bg], backgroundImage,
	// Slidev's background and image layouts).
	Backgrounds []*Image `json:"backgrounds,omitempty"`
}

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// MarshalJSON writes the colour as "#rrggbb".
func (c Color) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`"#%02x%02x%02x"`, c.R, c.G, c.B)), nil
}

// TitleText is the slide title as plain text.
func (s *Slide) TitleText() string { return PlainText(s.Title) }

// Span is a run of inline text with one style.
type Span struct {
	Text   string `json:"text"`
	Bold   bool   `json:"bold,omitempty"`
	Italic bool   `json:"italic,omitempty"`
	Code   bool   `json:"code,omitempty"`
	// Link is the target URL of a Markdown link, or empty.
	Link string `json:"link,omitempty"`
	// Strike is struck-through text (~~text~~, <s>, <del>).
	Strike bool `json:"strike,omitempty"`
	// Break marks a hard line break after Text.
	Break bool `json:"break,omitempty"`
	// Math is an inline formula ($…$): Text is its TeX source, checked
	// by the parser.
	Math bool `json:"math,omitempty"`
}

// PlainText joins the text of spans, a hard break as a space.
func PlainText(spans []Span) string {
	var b []byte
	for _, s := range spans {
		b = append(b, s.Text...)
		if s.Break {
			b = append(b, ' ')
		}
	}
	return string(b)
}

// Block is a body element of a slide: one of *Paragraph, *Heading, *List,
// *Table, *Image, *Code, *Quote, *LayerFlow, *DOT, *Math.
type Block interface {
	// Position is where the block starts in the source.
	Position() Pos
	block()
}

// Paragraph is a run of inline text.
type Paragraph struct {
	Spans []Span `json:"spans"`
	Pos   Pos    `json:"pos"`
}

// Heading is a "##"–"######" heading inside a slide body.
type Heading struct {
	Level int    `json:"level"`
	Spans []Span `json:"spans"`
	Pos   Pos    `json:"pos"`
}

// List is a bullet list or, when Ordered, a numbered list.
type List struct {
	Ordered bool `json:"ordered,omitempty"`
	// Start is the first number of an ordered list.
	Start int         `json:"start,omitempty"`
	Items []*ListItem `json:"items"`
	Pos   Pos         `json:"pos"`
	// toc marks Slidev's <Toc/>: its items are filled in with the outline.
	toc bool
}

// ListItem is one item: its own text and the lists nested under it.
type ListItem struct {
	Spans []Span `json:"spans"`
	// Children are nested lists and further paragraphs of the item.
	Children []Block `json:"children,omitempty"`
	Pos      Pos     `json:"pos"`
}

// Align is a table column's alignment.
type Align string

// Column alignments.
const (
	AlignNone   Align = ""
	AlignLeft   Align = "left"
	AlignCenter Align = "center"
	AlignRight  Align = "right"
)

// Table is a GFM table.
type Table struct {
	Align  []Align    `json:"align"`
	Header [][]Span   `json:"header"`
	Rows   [][][]Span `json:"rows"`
	Pos    Pos        `json:"pos"`
}

// Image is a Markdown image. Path is resolved against the deck's directory.
type Image struct {
	Src  string `json:"src"`
	Path string `json:"path"`
	Alt  string `json:"alt,omitempty"`
	// Width and Height are the requested size in CSS pixels of a
	// 1280-pixel-wide slide (Marp's w:300, <img width>); 0 keeps the
	// natural size.
	Width  float64 `json:"width,omitempty"`
	Height float64 `json:"height,omitempty"`
	// Fit is how a background image fills its area: cover (default),
	// contain, auto or a percentage such as "50%".
	Fit string `json:"fit,omitempty"`
	// Split puts a background on the left or right part of the slide,
	// Share of the width (0.5 unless given), with the content beside it.
	Split string  `json:"split,omitempty"`
	Share float64 `json:"share,omitempty"`
	// Vertical stacks several backgrounds top to bottom.
	Vertical bool `json:"vertical,omitempty"`
	// Filters are Marp's image filters (![sepia], ![blur:3px]), in the
	// order written, as CSS applies them.
	Filters []Filter `json:"filters,omitempty"`
	// Unavailable says why the image cannot be drawn (a remote image, a
	// format not drawn yet); a placeholder box is drawn instead.
	Unavailable string `json:"unavailable,omitempty"`
	Pos         Pos    `json:"pos"`

	background bool // Marp's bg keyword
}

// Filter is a CSS filter function on an image.
type Filter struct {
	// Name is blur, brightness, contrast, drop-shadow, grayscale,
	// hue-rotate, invert, opacity, saturate or sepia.
	Name string `json:"name"`
	// Amount is the function's value: CSS pixels for blur, degrees for
	// hue-rotate, otherwise a fraction (50% is 0.5).
	Amount float64 `json:"amount"`
	// Arg is drop-shadow's arguments as written (offsets, blur, colour).
	Arg string `json:"arg,omitempty"`
}

// ImageRow is two or more images of one paragraph, set side by side as
// HTML sets inline images.
type ImageRow struct {
	Images []*Image `json:"images"`
	Pos    Pos      `json:"pos"`
}

// Code is a fenced or indented code block that is not a diagram.
type Code struct {
	Lang string `json:"lang,omitempty"`
	// Info is the rest of the fence's info string after the language,
	// as written: Slidev's {2,3-5} line highlights, title="…", lines:
	// true. Layout reads it.
	Info string `json:"info,omitempty"`
	Text string `json:"text"`
	Pos  Pos    `json:"pos"`
}

// Quote is a block quote.
type Quote struct {
	Blocks []Block `json:"blocks"`
	Pos    Pos     `json:"pos"`
}

// LayerFlow is a ```layerflow block: a stack defined inside a slide.
type LayerFlow struct {
	Stack *Stack `json:"stack"`
	Pos   Pos    `json:"pos"`
}

// DOT is a ```dot block: raw Graphviz source, or a ```mermaid flowchart
// (Lang "mermaid"), which diagrams translates to DOT. Name comes from the
// fence's info string (```dot drivers) or is "slide-N".
type DOT struct {
	Name string `json:"name"`
	// Lang is "mermaid" for a Mermaid flowchart; empty for DOT.
	Lang   string `json:"lang,omitempty"`
	Source string `json:"source"`
	// SourcePos is the position of the first line of Source, so that a
	// Graphviz error on line n maps to SourcePos.Line+n-1.
	SourcePos Pos `json:"source_pos"`
	Pos       Pos `json:"pos"`
}

// Math is a display formula ($$…$$), set centred on its own line. TeX
// is its source, checked by the parser.
type Math struct {
	TeX string `json:"tex"`
	Pos Pos    `json:"pos"`
}

// Position implements Block.
func (b *Math) Position() Pos { return b.Pos }

func (*Math) block() {}

// MarshalJSON implements json.Marshaler.
func (b *Math) MarshalJSON() ([]byte, error) { type p Math; return tagged("math", (*p)(b)) }

// Position implements Block.
func (b *Paragraph) Position() Pos { return b.Pos }

// Position implements Block.
func (b *Heading) Position() Pos { return b.Pos }

// Position implements Block.
func (b *List) Position() Pos { return b.Pos }

// Position implements Block.
func (b *Table) Position() Pos { return b.Pos }

// Position implements Block.
func (b *Image) Position() Pos { return b.Pos }

// Position implements Block.
func (b *Code) Position() Pos { return b.Pos }

// Position implements Block.
func (b *ImageRow) Position() Pos { return b.Pos }

// Position implements Block.
func (b *Quote) Position() Pos { return b.Pos }

// Position implements Block.
func (b *LayerFlow) Position() Pos { return b.Pos }

// Position implements Block.
func (b *DOT) Position() Pos { return b.Pos }

func (*Paragraph) block() {}
func (*Heading) block()   {}
func (*List) block()      {}
func (*Table) block()     {}
func (*Image) block()     {}
func (*Code) block()      {}
func (*ImageRow) block()  {}
func (*Quote) block()     {}
func (*LayerFlow) block() {}
func (*DOT) block()       {}

// tagged marshals v, an alias of a block type without its methods, as a
// JSON object with a leading "kind" member, so golden files show block kinds.
func tagged(kind string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(b) < 2 || b[0] != '{' {
		return b, err
	}
	head := `{"kind":"` + kind + `"`
	if string(b) == "{}" {
		return []byte(head + "}"), nil
	}
	return append([]byte(head+","), b[1:]...), nil
}

// MarshalJSON implements json.Marshaler.
func (b *Paragraph) MarshalJSON() ([]byte, error) {
	type p Paragraph
	return tagged("paragraph", (*p)(b))
}

// MarshalJSON implements json.Marshaler.
func (b *Heading) MarshalJSON() ([]byte, error) { type p Heading; return tagged("heading", (*p)(b)) }

// MarshalJSON implements json.Marshaler.
func (b *List) MarshalJSON() ([]byte, error) { type p List; return tagged("list", (*p)(b)) }

// MarshalJSON implements json.Marshaler.
func (b *Table) MarshalJSON() ([]byte, error) { type p Table; return tagged("table", (*p)(b)) }

// MarshalJSON implements json.Marshaler.
func (b *Image) MarshalJSON() ([]byte, error) { type p Image; return tagged("image", (*p)(b)) }

// MarshalJSON implements json.Marshaler.
func (b *Code) MarshalJSON() ([]byte, error) { type p Code; return tagged("code", (*p)(b)) }

// MarshalJSON implements json.Marshaler.
func (b *ImageRow) MarshalJSON() ([]byte, error) { type p ImageRow; return tagged("images", (*p)(b)) }

// MarshalJSON implements json.Marshaler.
func (b *Quote) MarshalJSON() ([]byte, error) { type p Quote; return tagged("quote", (*p)(b)) }

// MarshalJSON implements json.Marshaler.
func (b *LayerFlow) MarshalJSON() ([]byte, error) {
	type p LayerFlow
	return tagged("layerflow", (*p)(b))
}

// MarshalJSON implements json.Marshaler.
func (b *DOT) MarshalJSON() ([]byte, error) { type p DOT; return tagged("dot", (*p)(b)) }
