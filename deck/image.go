package deck

import (
	"regexp"
	"strconv"
	"strings"

	gast "github.com/yuin/goldmark/ast"
)

// Marp reads keywords in an image's alt text: bg (a background), its fit
// and split, sizes and filters. The remaining words are the alt text.
var (
	sizeKeyRE  = regexp.MustCompile(`^(w|width|h|height):(\d+(?:\.\d+)?)(px)?$`)
	splitKeyRE = regexp.MustCompile(`^(left|right)(?::(\d+(?:\.\d+)?)%)?$`)
	percentRE  = regexp.MustCompile(`^\d+(?:\.\d+)?%$`)
	filterRE   = regexp.MustCompile(`^(blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia)(:.*)?$`)
)

// image reads a Markdown image, with Marp's keywords in a Marp deck.
func (c *mdConv) image(dest, alt string, pos Pos) *Image {
	img := &Image{Src: dest, Alt: alt, Pos: pos}
	if c.p.d.Dialect != DialectMarp {
		return img
	}
	var rest []string
	words := strings.Fields(alt)
	bg := false
	for _, w := range words {
		if w == "bg" {
			bg = true
		}
	}
	for _, w := range words {
		lw := strings.ToLower(w)
		switch {
		case lw == "bg":
		case bg && (lw == "contain" || lw == "cover" || lw == "auto" || lw == "fit"):
			img.Fit = map[string]string{"contain": "contain", "fit": "contain", "cover": "", "auto": "auto"}[lw]
		case bg && percentRE.MatchString(lw):
			img.Fit = lw
		case bg && lw == "vertical":
			img.Vertical = true
		case bg && splitKeyRE.MatchString(lw):
			m := splitKeyRE.FindStringSubmatch(lw)
			img.Split, img.Share = m[1], 0.5
			if m[2] != "" {
				f, _ := strconv.ParseFloat(m[2], 64)
				img.Share = f / 100
			}
		case sizeKeyRE.MatchString(lw):
			m := sizeKeyRE.FindStringSubmatch(lw)
			f, _ := strconv.ParseFloat(m[2], 64)
			if m[1][0] == 'w' {
				img.Width = f
			} else {
				img.Height = f
			}
		case filterRE.MatchString(lw):
			c.p.warn.once("image filter", pos, "image filter %q ignored: images are drawn without filters", w)
		default:
			rest = append(rest, w)
		}
	}
	img.Alt = strings.Join(rest, " ")
	img.background = bg
	return img
}

// vueExprRE matches a Vue template expression, {{ … }}.
var vueExprRE = regexp.MustCompile(`\{\{[^{}]*\}\}`)

// rawText is the source of an inline HTML node.
func (c *mdConv) rawText(n *gast.RawHTML) string {
	var b strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b.Write(seg.Value(c.body))
	}
	return b.String()
}

// cleanText removes from Slidev text what marks animation or styling:
// {v-click} and MDC attributes, icon components Markdown left as text.
func (c *mdConv) cleanText(s string) string {
	if c.p.d.Dialect != DialectSlidev || !strings.ContainsAny(s, "{<") {
		return s
	}
	s = mdcAttrRE.ReplaceAllString(s, "")
	if m := vueExprRE.FindString(s); m != "" {
		c.p.warn.once("vue expression", c.src.pos(c.base), "Vue expressions such as %s are not evaluated and not drawn", m)
		s = vueExprRE.ReplaceAllString(s, "")
	}
	if m := iconRE.FindString(s); m != "" {
		c.p.warn.once("icon", c.src.pos(c.base), "icon components such as %s are not drawn", m)
		s = iconRE.ReplaceAllString(s, "")
	}
	return s
}

// inlineSpans reads a line of inline Markdown (a Marp header or footer).
func (p *parser) inlineSpans(text string) []Span {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	src := newSource(p.d.File, []byte(text))
	c := &mdConv{src: src, body: src.text, p: p, errs: &ErrorList{}, trailing: -1}
	c.out.slots = map[string][]Block{}
	doc := markdown.Parser().Parse(textReader(c.body))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		return c.spans(n)
	}
	return nil
}
