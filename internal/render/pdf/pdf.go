// Package pdf draws a display list as a PDF with github.com/jung-kurt/gofpdf,
// the only package of layerdeck that imports it. Fonts are embedded as
// subsets with their ToUnicode maps, so text can be searched and copied.
// Every text run is drawn at its own position with Text: never with
// MultiCell or Write, which drop characters of Japanese text at their
// line breaks.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/jung-kurt/gofpdf"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/imagefile"
)

// Options are the inputs of a render besides the document.
type Options struct {
	// Fonts are the faces Text items are drawn in.
	Fonts *fonts.Set
	// Images loads the image files; nil loads each once for the render.
	Images *imagefile.Cache
}

// family is the name the fonts are registered under in the PDF, and
// monoFamily the name of the code faces, registered when first used so
// that a PDF without code does not carry them.
const (
	family     = "layerdeck"
	monoFamily = "layerdeck-mono"
)

// epoch is the date of documents that name none: fixed, so that output
// is reproducible.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Writer is a PDF with its fonts loaded, ready to draw one document.
// Loading the fonts is the slow part of a render; a build starts it while
// the slides are still being laid out.
type Writer struct {
	f      *gofpdf.Fpdf
	images *imagefile.Cache
	fonts  *fonts.Set
	used   bool
	// registered names the fonts registered in the PDF by their file, so
	// that a file used as several faces (a deck's one font as regular and
	// bold, a fallback that is also a main face) is embedded once.
	registered map[fontFile]fontName
}

// fontFile is a font file by identity: its bytes' address and length.
type fontFile struct {
	data *byte
	n    int
}

// fontName is the family and style a font is registered under.
type fontName struct{ family, style string }

// register registers data under family and style unless the same file is
// registered already, and returns the name to draw it with.
func (w *Writer) register(data []byte, family, style string) fontName {
	id := fontFile{n: len(data)}
	if len(data) > 0 {
		id.data = &data[0]
	}
	if name, ok := w.registered[id]; ok {
		return name
	}
	w.f.AddUTF8FontFromBytes(family, style, data)
	w.registered[id] = fontName{family, style}
	return w.registered[id]
}

// NewWriter starts a PDF and loads the fonts into it.
func NewWriter(o Options) (w *Writer, err error) {
	if o.Fonts == nil {
		return nil, errors.New("pdf: no fonts")
	}
	defer func() {
		if r := recover(); r != nil {
			w, err = nil, fmt.Errorf("pdf: %v", r)
		}
	}()
	f := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "pt", Size: gofpdf.SizeType{Wd: 960, Ht: 540}})
	f.SetCompression(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCatalogSort(true)
	images := o.Images
	if images == nil {
		images = &imagefile.Cache{}
	}
	w = &Writer{f: f, images: images, fonts: o.Fonts, registered: map[fontFile]fontName{}}
	w.register(o.Fonts.Regular.Data(), family, "")
	w.register(o.Fonts.Bold.Data(), family, "B")
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: loading fonts: %w", err)
	}
	return w, nil
}

// Render draws doc as a PDF, one page per display page.
func Render(doc *display.Doc, o Options) ([]byte, error) {
	w, err := NewWriter(o)
	if err != nil {
		return nil, err
	}
	return w.Render(doc)
}

// Render draws doc, one page per display page; a Writer renders once.
func (w *Writer) Render(doc *display.Doc) (out []byte, err error) {
	if w.used {
		return nil, errors.New("pdf: a Writer renders one document")
	}
	w.used = true
	if len(doc.Pages) == 0 {
		return nil, errors.New("pdf: the document has no pages")
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("pdf: %v", r)
		}
	}()
	f := w.f
	date := epoch
	if doc.Date != 0 {
		date = time.Unix(doc.Date, 0).UTC()
	}
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetTitle(doc.Title, true)
	f.SetSubject(doc.Subject, true)
	f.SetAuthor(doc.Author, true)
	f.SetKeywords(doc.Keywords, true)
	f.SetCreator("layerdeck", true)
	f.SetProducer("layerdeck", true)
	f.SetPDFVersion("1.7")
	tags := newTagging(f, len(doc.Pages))
	f.SetDocumentHook(func(w gofpdf.ObjectWriter) string { return tags.write(w, doc, date) })
	r := &renderer{w: w, f: f, cache: w.images, images: map[[32]byte]string{}, fonts: w.fonts, tags: tags}
	level := -1
	for i, p := range doc.Pages {
		f.AddPageFormat("P", gofpdf.SizeType{Wd: p.Width, Ht: p.Height})
		tags.startPage(i)
		// Bookmarks are UTF-16 only while the UTF-8 font is current.
		f.SetFont(family, "", 12)
		if p.Bookmark != "" {
			// An outline level may go at most one deeper than the last.
			lv := min(p.BookmarkLevel, level+1)
			f.Bookmark(p.Bookmark, lv, 0)
			level = lv
		}
		if err := r.page(p.Items); err != nil {
			return nil, err
		}
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

type renderer struct {
	w     *Writer
	f     *gofpdf.Fpdf
	cache *imagefile.Cache
	// images are the names of the images embedded, by content: an image
	// used twice, under any path, is embedded once.
	images map[[32]byte]string
	fonts  *fonts.Set
	tags   *tagging
}

// page draws a page's items, each inside the marked content of its
// structure element or as an artifact. An artifact between two items of
// one element (a rule under a link, the box behind inline code) is
// nested in the element's marked content rather than ending it, so that
// a line's ActualText span stays whole.
func (r *renderer) page(items []display.Item) error {
	t := r.tags
	for j, it := range items {
		if it.Link == nil {
			if it.Tag == nil && t.open && t.curElem != nil && r.resumes(items[j+1:]) {
				r.f.RawWriteStr("/Artifact BMC")
				if err := r.item(it); err != nil {
					return err
				}
				r.f.RawWriteStr("EMC")
				continue
			}
			t.mark(it.Tag)
		}
		if err := r.item(it); err != nil {
			return err
		}
	}
	t.close()
	return nil
}

// resumes reports whether the next tagged item of items continues the
// marked content open.
func (r *renderer) resumes(items []display.Item) bool {
	for _, it := range items {
		if it.Link != nil || it.Tag == nil {
			continue
		}
		return r.tags.continues(it.Tag)
	}
	return false
}

func (r *renderer) item(it display.Item) error {
	switch {
	case it.Text != nil:
		t := it.Text
		if t.Text == "" || !display.Finite(t.X, t.Y, t.Size) || t.Size <= 0 {
			return nil
		}
		font, err := r.font(t)
		if err != nil {
			return err
		}
		r.f.SetFont(font.family, font.style, t.Size)
		r.f.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
		if r.fonts.Emboldened(t.Bold, t.Mono, t.Fallback) {
			// Bold without a bold face: each glyph filled and stroked
			// in the text's colour, round-joined (render mode 2), in a
			// graphics state of its own.
			r.f.RawWriteStr(fmt.Sprintf("q %.3f %.3f %.3f RG %.3f w 1 j 2 Tr\n", float64(t.Color.R)/255, float64(t.Color.G)/255, float64(t.Color.B)/255, fonts.EmboldenWidth(t.Size)))
			defer r.f.RawWriteStr("Q\n")
		}
		if t.Spacing > 0 && display.Finite(t.Spacing) {
			// Tc, the character spacing, in text space units (points).
			r.f.RawWriteStr(fmt.Sprintf("%.4f Tc\n", t.Spacing))
			defer r.f.RawWriteStr("0 Tc\n")
		}
		r.f.Text(t.X, t.Y, t.Text)
	case it.Rect != nil:
		x := it.Rect
		if !display.Finite(x.X, x.Y, x.W, x.H, x.Radius) || x.W <= 0 || x.H <= 0 {
			return nil
		}
		style := r.paint(x.Fill, x.Stroke)
		if style == "" {
			return nil
		}
		if x.Radius > 0 {
			rad := math.Min(x.Radius, math.Min(x.W, x.H)/2)
			r.f.RoundedRect(x.X, x.Y, x.W, x.H, rad, "1234", style)
		} else {
			r.f.Rect(x.X, x.Y, x.W, x.H, style)
		}
	case it.Path != nil:
		r.path(it.Path)
	case it.Image != nil:
		return r.image(it.Image)
	case it.Link != nil:
		l := it.Link
		if display.Finite(l.X, l.Y, l.W, l.H) && display.Linkable(l.URL) {
			r.tags.link(it.Tag, l.URL, func(entries string) int {
				return r.f.LinkStringDict(l.X, l.Y, l.W, l.H, l.URL, entries)
			})
		}
	case it.Group != nil:
		return r.group(it.Group)
	}
	return nil
}

// font returns the name text t is drawn in: its fallback face (in its one
// style), its code face or its regular or bold face, registered in the
// PDF when first used (code and fallback faces: a PDF without them does
// not carry them), each file once.
func (r *renderer) font(t *display.Text) (fontName, error) {
	style := ""
	if t.Bold {
		style = "B"
	}
	switch {
	case t.Fallback > 0:
		if t.Fallback > len(r.fonts.Fallback) {
			return fontName{}, fmt.Errorf("pdf: text in fallback font %d, which the fonts do not have", t.Fallback)
		}
		return r.w.register(r.fonts.Fallback[t.Fallback-1].Data(), fmt.Sprintf("%s-fallback%d", family, t.Fallback), ""), nil
	case t.Mono:
		return r.w.register(r.fonts.FaceFor(t.Bold, true).Data(), monoFamily, style), nil
	}
	return r.w.register(r.fonts.Face(t.Bold).Data(), family, style), nil
}

// group draws a group's items, clipped to its box, as marked content
// whose /ActualText is the text the group stands for (an emoji), so that
// copying or extracting the text gives it back.
func (r *renderer) group(g *display.Group) error {
	if c := g.Clip; c != nil {
		if !display.Finite(c.X, c.Y, c.W, c.H) || c.W <= 0 || c.H <= 0 {
			return nil
		}
		r.f.ClipRect(c.X, c.Y, c.W, c.H, false)
		defer r.f.ClipEnd()
	}
	if g.ActualText != "" {
		r.f.RawWriteStr("/Span <</ActualText " + utf16Hex(g.ActualText) + ">> BDC\n")
		defer r.f.RawWriteStr("EMC\n")
	}
	for _, it := range g.Items {
		if err := r.item(it); err != nil {
			return err
		}
	}
	if g.ActualText != "" {
		r.invisibleText(g.Items)
	}
	return nil
}

// invisibleText puts an invisible space (text rendering mode 3) over the
// items' box: text extraction replaces the marked content's glyphs by its
// ActualText, and a span without glyphs would give nothing back.
func (r *renderer) invisibleText(items []display.Item) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, it := range items {
		if it.Path == nil {
			continue
		}
		for _, s := range it.Path.Segments {
			for _, q := range s.Points {
				minX, minY = math.Min(minX, q.X), math.Min(minY, q.Y)
				maxX, maxY = math.Max(maxX, q.X), math.Max(maxY, q.Y)
			}
		}
	}
	h := maxY - minY
	if !display.Finite(minX, minY, maxX, maxY) || h <= 0 {
		return
	}
	r.f.SetFont(family, "", h)
	// Horizontal scaling makes the space as wide as the picture, so that
	// extraction sees no gap before the next word.
	scale := 100.0
	if sw := r.f.GetStringWidth(" "); sw > 0 {
		scale = (maxX - minX) / sw * 100
	}
	r.f.RawWriteStr(fmt.Sprintf("3 Tr %.2f Tz\n", scale))
	r.f.Text(minX, maxY-h*0.12, " ")
	r.f.RawWriteStr("0 Tr 100 Tz\n")
}

// utf16Hex is s as a PDF hexadecimal string in UTF-16BE with a byte
// order mark.
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// paint sets colours, line width and dashes, and returns the gofpdf
// style string ("F", "D", "FD"), or "" when nothing is painted.
func (r *renderer) paint(fill, stroke display.Paint) string {
	style := ""
	if !fill.None {
		r.f.SetFillColor(int(fill.Color.R), int(fill.Color.G), int(fill.Color.B))
		style += "F"
	}
	if !stroke.None && stroke.Width > 0 {
		r.f.SetDrawColor(int(stroke.Color.R), int(stroke.Color.G), int(stroke.Color.B))
		r.f.SetLineWidth(stroke.Width)
		r.f.SetDashPattern(stroke.Dash, 0)
		style += "D"
	}
	return style
}

func (r *renderer) path(p *display.Path) {
	style := r.paint(p.Fill, p.Stroke)
	if style == "" || len(p.Segments) == 0 {
		return
	}
	if p.EvenOdd && !p.Fill.None {
		style += "*"
	}
	if a := min(p.Fill.Alpha(), p.Stroke.Alpha()); a < 1 {
		r.f.SetAlpha(a, "Normal")
		defer r.f.SetAlpha(1, "Normal")
	}
	r.f.SetLineJoinStyle("round")
	r.f.SetLineCapStyle("round")
	started := false
	for _, s := range p.Segments {
		for _, q := range s.Points {
			if !display.Finite(q.X, q.Y) {
				return
			}
		}
		switch {
		case s.Op == display.MoveTo && len(s.Points) == 1:
			r.f.MoveTo(s.Points[0].X, s.Points[0].Y)
			started = true
		case s.Op == display.LineTo && len(s.Points) == 1 && started:
			r.f.LineTo(s.Points[0].X, s.Points[0].Y)
		case s.Op == display.CurveTo && len(s.Points) == 3 && started:
			a, b, c := s.Points[0], s.Points[1], s.Points[2]
			r.f.CurveBezierCubicTo(a.X, a.Y, b.X, b.Y, c.X, c.Y)
		case s.Op == display.Close && started:
			r.f.ClosePath()
		}
	}
	if started {
		r.f.DrawPath(style)
	}
}

func (r *renderer) image(m *display.Image) error {
	if !display.Finite(m.X, m.Y, m.W, m.H) || m.W <= 0 || m.H <= 0 {
		return nil
	}
	img, err := r.cache.Filtered(m.Path, m.Filter)
	if err != nil {
		return fmt.Errorf("image %s %w", imagefile.Short(m.Path), err)
	}
	if img.Data == nil {
		return fmt.Errorf("image %s: an SVG image reached the PDF as pixels", imagefile.Short(m.Path))
	}
	name, ok := r.images[img.Sum]
	if !ok {
		name = fmt.Sprintf("img%x", img.Sum[:8])
		typ := "png"
		if img.Type == "jpeg" {
			typ = "jpg"
		}
		r.f.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: typ}, bytes.NewReader(img.Data))
		if err := r.f.Error(); err != nil {
			return fmt.Errorf("image %s: %w", imagefile.Short(m.Path), err)
		}
		r.images[img.Sum] = name
	}
	if c := m.Clip; c != nil {
		r.f.ClipRect(c.X, c.Y, c.W, c.H, false)
		defer r.f.ClipEnd()
	}
	r.f.ImageOptions(name, m.X, m.Y, m.W, m.H, false, gofpdf.ImageOptions{}, 0, "")
	return nil
}
