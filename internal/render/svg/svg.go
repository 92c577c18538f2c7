// Package svg draws a display page as a standalone SVG document: text as
// <text> in the deck font with a fallback family list (selectable, no
// outlines), shapes as paths, coordinates in points.
package svg

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/imagefile"
)

// FontFamily is the font-family list of all text: the embedded font
// first, then common Japanese system fonts.
const FontFamily = `'BIZ UDPGothic', 'BIZ UDPゴシック', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', 'Noto Sans JP', 'Noto Sans CJK JP', sans-serif`

// MonoFamily is the font-family list of code: the embedded fixed-pitch
// font first, then fixed-pitch system fonts.
const MonoFamily = `'BIZ UDGothic', 'BIZ UDゴシック', 'Osaka-Mono', 'MS Gothic', 'Noto Sans Mono CJK JP', monospace`

// FallbackFamily is the font-family name of the deck's fallback font n
// (fonts.Set.Fallback[n-1]): text drawn in it is of class fN, the name
// first in its family list. A page that serves the font (the preview)
// defines it with @font-face.
func FallbackFamily(n int) string { return fmt.Sprintf("layerdeck fallback %d", n) }

// walkText calls f on every text item, in groups too.
func walkText(items []display.Item, f func(*display.Text)) {
	for _, it := range items {
		switch {
		case it.Text != nil:
			f(it.Text)
		case it.Group != nil:
			walkText(it.Group.Items, f)
		}
	}
}

// Options adjust the output.
type Options struct {
	// EmbedImages inlines images as data: URIs of the bytes a PDF embeds
	// (converted, filtered) instead of linking files, so that the SVG
	// stands alone. Images with filters or from data: URIs are always
	// inlined unless ImageURL maps them.
	EmbedImages bool
	// Style is extra CSS put in a <style> element (e.g. @font-face rules).
	Style string
	// Fragment writes an <svg> element without the XML declaration, for
	// embedding in HTML.
	Fragment bool
	// ImageURL, if set, maps an image (its file or data: URI and its
	// filters, see display.Image) to the URL the SVG links to.
	ImageURL func(path, filter string) string
	// Images loads the images embedded with EmbedImages; nil loads each
	// when drawn.
	Images *imagefile.Cache
	// Fonts, if set, are the faces the page that shows the SVG draws its
	// text in under FontFamily and MonoFamily (the preview serves the
	// deck's fonts so, a bold face even where the deck has none): bold
	// text that has no bold face of its own (fonts.Set.Emboldened) is
	// then stroked as well as filled, as in the PDF. A standalone SVG,
	// whose viewer finds the fonts by name and makes bold itself, leaves
	// it nil.
	Fonts *fonts.Set
}

// Render draws page as SVG.
func Render(page *display.Page, o Options) ([]byte, error) {
	if page == nil || !(page.Width > 0) || !(page.Height > 0) {
		return nil, errors.New("svg: page without a size")
	}
	var b bytes.Buffer
	if !o.Fragment {
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="%spt" height="%spt" viewBox="0 0 %s %s">`+"\n",
		num(page.Width), num(page.Height), num(page.Width), num(page.Height))
	if page.Bookmark != "" {
		fmt.Fprintf(&b, "<title>%s</title>\n", esc(page.Bookmark))
	}
	mono := ""
	fallbacks := map[int]bool{}
	walkText(page.Items, func(t *display.Text) {
		if t.Mono {
			mono = "text.m{font-family:" + MonoFamily + "}"
		}
		if t.Fallback > 0 {
			fallbacks[t.Fallback] = true
		}
	})
	for n := 1; len(fallbacks) > 0; n++ {
		if fallbacks[n] {
			mono += fmt.Sprintf("text.f%d{font-family:'%s',%s}", n, FallbackFamily(n), FontFamily)
			delete(fallbacks, n)
		}
	}
	fmt.Fprintf(&b, "<style>text{font-family:%s;white-space:pre}%s%s</style>\n", FontFamily, mono, o.Style)
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", num(page.Width), num(page.Height))
	if o.Images == nil {
		o.Images = &imagefile.Cache{}
	}
	for _, it := range page.Items {
		if err := item(&b, it, o); err != nil {
			return nil, err
		}
	}
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

func item(b *bytes.Buffer, it display.Item, o Options) error {
	switch {
	case it.Text != nil:
		t := it.Text
		if t.Text == "" || !display.Finite(t.X, t.Y, t.Size, t.Width) {
			return nil
		}
		weight := ""
		if t.Bold {
			weight = ` font-weight="bold"`
		}
		switch {
		case t.Fallback > 0:
			weight += fmt.Sprintf(` class="f%d"`, t.Fallback)
		case t.Mono:
			weight += ` class="m"`
		}
		// textLength pins the run to the width layout measured, so a
		// fallback font cannot push text out of its box.
		adjust := "spacingAndGlyphs"
		if t.Spacing > 0 {
			// A justified line: the extra width goes between characters.
			adjust = "spacing"
		}
		if o.Fonts != nil && o.Fonts.Emboldened(t.Bold, t.Mono, t.Fallback) {
			weight += fmt.Sprintf(` stroke="%s" stroke-width="%s" stroke-linejoin="round"`, t.Color.Hex(), num(fonts.EmboldenWidth(t.Size)))
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s"%s fill="%s" textLength="%s" lengthAdjust="%s">%s</text>`+"\n",
			num(t.X), num(t.Y), num(t.Size), weight, t.Color.Hex(), num(t.Width), adjust, esc(t.Text))
	case it.Rect != nil:
		r := it.Rect
		if !display.Finite(r.X, r.Y, r.W, r.H, r.Radius) || r.W <= 0 || r.H <= 0 {
			return nil
		}
		rx := ""
		if r.Radius > 0 {
			rx = fmt.Sprintf(` rx="%s"`, num(math.Min(r.Radius, math.Min(r.W, r.H)/2)))
		}
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s"%s%s/>`+"\n", num(r.X), num(r.Y), num(r.W), num(r.H), rx, paint(r.Fill, r.Stroke))
	case it.Path != nil:
		d := pathData(it.Path)
		if d != "" {
			rule := ""
			if it.Path.EvenOdd {
				rule = ` fill-rule="evenodd"`
			}
			fmt.Fprintf(b, `<path d="%s"%s%s/>`+"\n", d, paint(it.Path.Fill, it.Path.Stroke), rule)
		}
	case it.Image != nil:
		m := it.Image
		if !display.Finite(m.X, m.Y, m.W, m.H) {
			return nil
		}
		var href string
		switch {
		case o.ImageURL != nil:
			href = o.ImageURL(m.Path, m.Filter)
		case o.EmbedImages || m.Filter != "" || imagefile.IsData(m.Path):
			// The converted bytes, as the PDF has them: a linked file
			// would show neither filters nor a converted format.
			img, err := o.Images.Filtered(m.Path, m.Filter)
			if err != nil {
				return fmt.Errorf("svg: image %s %w", imagefile.Short(m.Path), err)
			}
			href = "data:image/" + img.Type + ";base64," + base64.StdEncoding.EncodeToString(img.Data)
		default:
			href = m.Path
		}
		if c := m.Clip; c != nil {
			// A nested viewport clips what lies outside it.
			fmt.Fprintf(b, `<svg x="%s" y="%s" width="%s" height="%s" viewBox="%s %s %s %s" overflow="hidden">`, num(c.X), num(c.Y), num(c.W), num(c.H), num(c.X), num(c.Y), num(c.W), num(c.H))
			defer b.WriteString("</svg>\n")
		}
		fmt.Fprintf(b, `<image x="%s" y="%s" width="%s" height="%s" xlink:href="%s" preserveAspectRatio="none"/>`+"\n", num(m.X), num(m.Y), num(m.W), num(m.H), esc(href))
	case it.Group != nil:
		g := it.Group
		if c := g.Clip; c != nil {
			if !display.Finite(c.X, c.Y, c.W, c.H) || c.W <= 0 || c.H <= 0 {
				return nil
			}
			fmt.Fprintf(b, `<svg x="%s" y="%s" width="%s" height="%s" viewBox="%s %s %s %s" overflow="hidden">`, num(c.X), num(c.Y), num(c.W), num(c.H), num(c.X), num(c.Y), num(c.W), num(c.H))
			defer b.WriteString("</svg>\n")
		}
		if g.ActualText != "" {
			fmt.Fprintf(b, `<g role="img" aria-label="%s"><title>%s</title>`, esc(g.ActualText), esc(g.ActualText))
			defer b.WriteString("</g>\n")
		}
		for _, c := range g.Items {
			if err := item(b, c, o); err != nil {
				return err
			}
		}
	case it.Link != nil:
		l := it.Link
		if !display.Finite(l.X, l.Y, l.W, l.H) || !display.Linkable(l.URL) {
			return nil
		}
		fmt.Fprintf(b, `<a xlink:href="%s" target="_blank" rel="noopener noreferrer"><rect x="%s" y="%s" width="%s" height="%s" fill="transparent"/></a>`+"\n", esc(l.URL), num(l.X), num(l.Y), num(l.W), num(l.H))
	}
	return nil
}

func paint(fill, stroke display.Paint) string {
	var s strings.Builder
	if fill.None {
		s.WriteString(` fill="none"`)
	} else {
		fmt.Fprintf(&s, ` fill="%s"`, fill.Color.Hex())
		if a := fill.Alpha(); a < 1 {
			fmt.Fprintf(&s, ` fill-opacity="%s"`, strconv.FormatFloat(a, 'f', 3, 64))
		}
	}
	if !stroke.None && stroke.Width > 0 {
		fmt.Fprintf(&s, ` stroke="%s" stroke-width="%s" stroke-linejoin="round" stroke-linecap="round"`, stroke.Color.Hex(), num(stroke.Width))
		if a := stroke.Alpha(); a < 1 {
			fmt.Fprintf(&s, ` stroke-opacity="%s"`, strconv.FormatFloat(a, 'f', 3, 64))
		}
		if len(stroke.Dash) > 0 {
			var parts []string
			for _, d := range stroke.Dash {
				parts = append(parts, num(d))
			}
			fmt.Fprintf(&s, ` stroke-dasharray="%s"`, strings.Join(parts, " "))
		}
	}
	return s.String()
}

func pathData(p *display.Path) string {
	var s strings.Builder
	for _, seg := range p.Segments {
		want := map[display.Op]int{display.MoveTo: 1, display.LineTo: 1, display.CurveTo: 3, display.Close: 0}[seg.Op]
		if len(seg.Points) != want {
			continue
		}
		if s.Len() > 0 {
			s.WriteByte(' ')
		}
		s.WriteString(string(seg.Op))
		for _, q := range seg.Points {
			if !display.Finite(q.X, q.Y) {
				return ""
			}
			s.WriteString(" " + num(q.X) + " " + num(q.Y))
		}
	}
	return s.String()
}

// num formats a coordinate compactly: two decimals, trailing zeros cut.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		return "0"
	}
	return s
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

func esc(s string) string { return escaper.Replace(s) }
