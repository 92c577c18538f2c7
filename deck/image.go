package deck

import (
	"fmt"
	"math"
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
				if f > 0 && f < 100 {
					img.Share = f / 100
				} else {
					c.p.warn.once("image split share", pos, "%q: the image's share of the slide must be between 0%% and 100%%; 50%% is used", w)
				}
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
			m := filterRE.FindStringSubmatch(lw)
			f, err := parseFilter(m[1], strings.TrimPrefix(m[2], ":"))
			switch {
			case err != nil:
				c.p.warn.once("image filter value", pos, "image filter %q ignored: %v", w, err)
			case f.Name == "drop-shadow":
				c.p.warn.once("image filter drop-shadow", pos, "image filter %q is not drawn: images are drawn without shadows", w)
				img.Filters = append(img.Filters, f)
			default:
				img.Filters = append(img.Filters, f)
			}
		default:
			rest = append(rest, w)
		}
	}
	img.Alt = strings.Join(rest, " ")
	img.background = bg
	return img
}

// filterDefaults are the values of Marp's filter keywords given without
// one (![sepia] is sepia:1), as Marpit sets them.
var filterDefaults = map[string]string{
	"blur": "10px", "brightness": "1.5", "contrast": "2", "drop-shadow": "0,5px,10px,rgba(0,0,0,.4)",
	"grayscale": "1", "hue-rotate": "180deg", "invert": "1", "opacity": ".5", "saturate": "2", "sepia": "1",
}

// angleUnits are CSS angle units in degrees.
var angleUnits = map[string]float64{"deg": 1, "grad": 0.9, "rad": 180 / math.Pi, "turn": 360}

// parseFilter reads a Marp filter keyword's value as CSS reads the
// function's argument: a number or percentage (fractions; grayscale,
// sepia, invert and opacity at most 1), a length in pixels (blur), an
// angle (hue-rotate, in degrees). drop-shadow keeps its arguments.
func parseFilter(name, value string) (Filter, error) {
	if value == "" {
		value = filterDefaults[name]
	}
	f := Filter{Name: name}
	switch name {
	case "drop-shadow":
		f.Arg = value
		return f, nil
	case "blur":
		v := strings.TrimSuffix(value, "px")
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || n < 0 || v == value && n != 0 {
			return f, fmt.Errorf("blur takes a length in pixels, such as blur:5px")
		}
		f.Amount = n
	case "hue-rotate":
		num, unit := value, ""
		for u := range angleUnits {
			if strings.HasSuffix(value, u) && (unit == "" || len(u) > len(unit)) {
				num, unit = strings.TrimSuffix(value, u), u
			}
		}
		n, err := strconv.ParseFloat(num, 64)
		if err != nil || unit == "" && n != 0 {
			return f, fmt.Errorf("hue-rotate takes an angle, such as hue-rotate:90deg")
		}
		if unit != "" {
			n *= angleUnits[unit]
		}
		f.Amount = n
	default:
		num, pct := strings.CutSuffix(value, "%")
		n, err := strconv.ParseFloat(num, 64)
		if err != nil || n < 0 || math.IsInf(n, 0) {
			return f, fmt.Errorf("%s takes a number or a percentage, such as %s:%s", name, name, filterDefaults[name])
		}
		if pct {
			n /= 100
		}
		switch name {
		case "grayscale", "sepia", "invert", "opacity":
			n = math.Min(n, 1)
		}
		f.Amount = n
	}
	if math.IsNaN(f.Amount) || math.IsInf(f.Amount, 0) {
		return f, fmt.Errorf("%s takes a finite number, such as %s:%s", name, name, filterDefaults[name])
	}
	return f, nil
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
	doc := markdown().Parser().Parse(textReader(c.body))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		return c.spans(n)
	}
	return nil
}
