package layout

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/imagefile"
)

// cssPixel is the size in points of a CSS pixel of Marp's 1280 × 720 (or
// 960 × 720) slide on a 960 × 540 (or 720 × 540) page.
const cssPixel = 0.75

// restyle sets the theme for one slide from its look (its classes, in
// the order written, then Marp's backgroundColor and color directives)
// and returns what restores it. A class the theme does not define
// changes nothing.
func (e *engine) restyle(s *deck.Slide) func() {
	saved := e.th
	th := e.th
	for _, c := range s.Class {
		th, _ = th.WithClass(c)
	}
	if c := s.Background; c != nil {
		th = th.Clone()
		th.Background = display.Color{R: c.R, G: c.G, B: c.B}
	}
	if c := s.Color; c != nil {
		th = th.Clone()
		th.Text = display.Color{R: c.R, G: c.G, B: c.B}
		th.Title = th.Text
	}
	e.th = th
	return func() { e.th = saved }
}

// pageBackground is a rectangle of the theme's page colour when it is not
// white (PDF pages are white).
func (e *engine) pageBackground() []display.Item {
	if e.th.Background == display.White {
		return nil
	}
	return []display.Item{{Rect: &display.Rect{W: e.w, H: e.h, Fill: display.Paint{Color: e.th.Background}, Stroke: display.NoPaint}}}
}

// splitOf returns the background that splits the slide (bg left/right,
// Slidev's image-left/right), or nil.
func splitOf(s *deck.Slide) *deck.Image {
	for _, b := range s.Backgrounds {
		if b.Split != "" && b.Src != "" {
			return b
		}
	}
	return nil
}

// backgrounds draws the slide's background images into their area: the
// whole page, or the split part of it; several share the area side by
// side, or top to bottom when one says vertical.
func (e *engine) backgrounds(s *deck.Slide, split *deck.Image) []display.Item {
	var bgs []*deck.Image
	vertical := false
	for _, b := range s.Backgrounds {
		if b.Src != "" && (split == nil || b.Split != "" || len(bgs) > 0) {
			bgs = append(bgs, b)
			vertical = vertical || b.Vertical
		}
	}
	if split != nil {
		bgs = nil
		for _, b := range s.Backgrounds {
			if b.Src != "" {
				bgs = append(bgs, b)
			}
		}
	}
	if len(bgs) == 0 {
		return nil
	}
	area := display.Box{W: e.w, H: e.h}
	if split != nil {
		area.W = e.w * split.Share
		if split.Split == "right" {
			area.X = e.w - area.W
		}
	}
	var out []display.Item
	for i, b := range bgs {
		cell := area
		if vertical {
			cell.H = area.H / float64(len(bgs))
			cell.Y = area.Y + float64(i)*cell.H
		} else {
			cell.W = area.W / float64(len(bgs))
			cell.X = area.X + float64(i)*cell.W
		}
		out = append(out, e.background(b, cell)...)
	}
	return out
}

// background draws one background image into cell by its fit.
func (e *engine) background(b *deck.Image, cell display.Box) []display.Item {
	f, err := e.loadImage(b)
	if err != nil {
		return e.placeholder(b, cell)
	}
	iw, ih := naturalSize(f)
	var w, h float64
	switch fit := b.Fit; {
	case fit == "contain":
		s := math.Min(cell.W/iw, cell.H/ih)
		w, h = iw*s, ih*s
	case fit == "auto":
		w, h = iw*cssPixel, ih*cssPixel
	case len(fit) > 1 && fit[len(fit)-1] == '%':
		var pct float64
		for _, c := range fit[:len(fit)-1] {
			if c >= '0' && c <= '9' {
				pct = pct*10 + float64(c-'0')
			}
		}
		w = cell.W * pct / 100
		h = ih * w / iw
	default: // cover
		s := math.Max(cell.W/iw, cell.H/ih)
		w, h = iw*s, ih*s
	}
	clip := cell
	return e.picture(f, b, display.Box{X: cell.X + (cell.W-w)/2, Y: cell.Y + (cell.H-h)/2, W: w, H: h}, &clip)
}

// naturalSize is an image's size in its own pixels (an SVG's CSS pixels).
func naturalSize(f *imagefile.File) (float64, float64) {
	if d := f.Drawing; d != nil && d.Width > 0 && d.Height > 0 {
		return d.Width, d.Height
	}
	return float64(f.Width), float64(f.Height)
}

// picture draws a loaded image into box: a raster image as an image item,
// an SVG as its vectors (text in the deck's fonts), clipped to clip or to
// its own box.
func (e *engine) picture(f *imagefile.File, img *deck.Image, box display.Box, clip *display.Box) []display.Item {
	d := f.Drawing
	if d == nil {
		return []display.Item{{Image: &display.Image{X: box.X, Y: box.Y, W: box.W, H: box.H, Path: img.Path, Clip: clip, Filter: e.filters(img, f, box.W)}}}
	}
	if len(img.Filters) > 0 {
		e.warnOnce("svg filter", img.Pos, "image filters are not drawn on SVG images (%s)", imagefile.Short(img.Src))
	}
	if len(d.Skipped) > 0 {
		e.warn(img.Pos, "SVG image %s: %s not drawn", imagefile.Short(img.Src), strings.Join(d.Skipped, ", "))
	}
	m := display.Matrix{box.W / d.Width, 0, 0, box.H / d.Height, box.X, box.Y}
	items := d.Place(m, func(text string, size float64, bold bool) float64 {
		return e.fonts.Face(bold).Width(text, size)
	})
	if clip == nil {
		clip = &display.Box{X: box.X, Y: box.Y, W: box.W, H: box.H}
	}
	return []display.Item{{Group: &display.Group{Items: e.colourEmoji(items), Clip: clip}}}
}

// filters returns the image's filters as imagefile draws them on its
// pixels, drawn w points wide: a blur's CSS pixels become the image's
// own. Filters not drawn (drop-shadow) were reported by the deck.
func (e *engine) filters(img *deck.Image, f *imagefile.File, w float64) string {
	var out []imagefile.Filter
	for _, flt := range img.Filters {
		if !imagefile.Drawable(flt.Name) {
			continue
		}
		amount := flt.Amount
		if flt.Name == "blur" && w > 0 {
			amount *= float64(f.Width) / (w / cssPixel)
			// Rounded so that tiny changes of size share a conversion.
			amount = math.Round(amount*100) / 100
		}
		out = append(out, imagefile.Filter{Name: flt.Name, Amount: amount})
	}
	return imagefile.FormatFilters(out)
}

var errUnavailable = errors.New("the image cannot be drawn")

// loadImage loads an image through the image cache, fetching a remote
// one. An error means a placeholder is drawn: a local file that cannot be
// read or decoded is an error of the deck, a remote image that cannot be
// fetched a warning.
func (e *engine) loadImage(img *deck.Image) (*imagefile.File, error) {
	if img.Unavailable != "" {
		return nil, errUnavailable
	}
	if deck.IsRemote(img.Src) {
		url := img.Src
		if strings.HasPrefix(url, "//") {
			url = "https:" + url
		}
		path, err := e.images.Remote(url)
		if err != nil {
			e.warn(img.Pos, "remote image %s cannot be fetched (%v): a placeholder is drawn", img.Src, err)
			return nil, errUnavailable
		}
		img.Path = path
	}
	f, err := e.images.Load(img.Path)
	if err != nil {
		e.fail(img.Pos, "image %s %v", imagefile.Short(img.Src), err)
		return nil, err
	}
	return f, nil
}

// placeholder is a box where an image cannot be drawn, labelled with its
// alt text or source, so that nothing is missing in silence.
func (e *engine) placeholder(img *deck.Image, cell display.Box) []display.Item {
	out := []display.Item{{Rect: &display.Rect{
		X: cell.X, Y: cell.Y, W: cell.W, H: cell.H, Radius: 4,
		Fill: display.Paint{Color: e.th.Surface}, Stroke: display.Paint{Color: e.th.Border, Width: 1, Dash: []float64{4, 3}},
	}}}
	label := img.Alt
	if label == "" {
		label = imagefile.Short(img.Src)
	}
	st := textStyle{size: math.Min(e.th.FooterSize, math.Max(cell.H/3, 6)), color: e.th.Muted}
	tb := e.breakText(plainPara(label, st, true), math.Max(cell.W-16, 10), false, alignLeft)
	// The label stays inside its box: the lines that do not fit are left
	// out (it names the picture; the warning gives the whole source).
	if fit := int((cell.H - 6) / tb.pitch); fit < len(tb.lines) {
		tb.lines = tb.lines[:max(fit, 0)]
		tb.height = tb.pitch * float64(len(tb.lines))
	}
	// The label sits in the top corner, where it reads before the
	// slide's own text rather than in the middle of it.
	e.drawText(tb, cell.X+8, cell.Y+6, &out)
	return out
}

// chrome draws a Marp or Slidev deck's header, footer and page number,
// as their directives ask.
func (e *engine) chrome(s *deck.Slide, p *display.Page) {
	st := textStyle{size: e.th.FooterSize * 1.2, color: e.th.Muted}
	width := e.contentWidth()
	al, footX, footW := alignLeft, e.th.MarginX, width*0.8
	if e.th.CenterChrome {
		al, footX = alignCenter, e.th.MarginX+width*0.1
	}
	if len(s.Header) > 0 {
		tb := e.breakText(spansToPara(s.Header, st), width, false, al)
		e.drawText(tb, e.th.MarginX, math.Max(8, e.th.MarginTop*0.5-tb.height/2), &p.Items)
	}
	y := e.h - e.th.MarginBottom*0.5 - st.size*e.th.LineHeight/2
	if len(s.Footer) > 0 {
		tb := e.breakText(spansToPara(s.Footer, st), footW, false, al)
		e.drawText(tb, footX, math.Min(y, e.h-tb.height-4), &p.Items)
	}
	if s.Paginate {
		nb := e.breakText(plainPara(strconv.Itoa(s.Number), st, true), width, false, alignRight)
		e.drawText(nb, e.th.MarginX, y, &p.Items)
	}
}
