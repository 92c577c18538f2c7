package svgimage

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"

	"github.com/layerdeck/layerdeck/internal/display"
)

// style is the computed style of an element: what it inherits and sets.
type style struct {
	fill, stroke               string // paint values as written
	color                      string // currentColor
	fillOpacity, strokeOpacity float64
	opacity                    float64 // the product of the ancestors' and own opacity
	strokeWidth                float64
	dash                       []float64
	evenOdd                    bool
	fontSize                   float64
	bold                       bool
	anchor                     float64
	hidden                     bool
}

var defaultStyle = style{fill: "black", stroke: "none", color: "black", fillOpacity: 1, strokeOpacity: 1, opacity: 1, strokeWidth: 1, fontSize: 16}

// cssRule is one rule of a <style> element with a simple selector.
type cssRule struct {
	tag, class, id string
	decls          map[string]string
}

// parseCSS reads rules whose selectors are a tag, .class, #id or tag.class
// (comma lists allowed); other selectors are ignored.
func parseCSS(s string) []cssRule {
	var out []cssRule
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			break
		}
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			s = s[:i]
			break
		}
		s = s[:i] + s[i+2+j+2:]
	}
	for len(s) > 0 {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			break
		}
		sels, body := s[:open], s[open+1:open+end]
		s = s[open+end+1:]
		decls := declarations(body)
		for _, sel := range strings.Split(sels, ",") {
			sel = strings.TrimSpace(sel)
			if sel == "" || strings.ContainsAny(sel, " >+~:[") {
				continue
			}
			rule := cssRule{decls: decls}
			if k := strings.IndexByte(sel, '#'); k >= 0 {
				rule.id, sel = sel[k+1:], sel[:k]
			}
			if k := strings.IndexByte(sel, '.'); k >= 0 {
				rule.class, sel = sel[k+1:], sel[:k]
			}
			rule.tag = sel
			out = append(out, rule)
		}
	}
	return out
}

// declarations reads "a: b; c: d".
func declarations(s string) map[string]string {
	out := map[string]string{}
	for _, d := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
		out[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return out
}

// properties is the element's own declarations: presentation attributes,
// then matching <style> rules, then its style attribute.
func (r *reader) properties(n *node) map[string]string {
	props := map[string]string{}
	for k, v := range n.attrs {
		props[k] = v
	}
	classes := strings.Fields(n.attrs["class"])
	for _, rule := range r.css {
		if rule.tag != "" && rule.tag != "*" && rule.tag != n.name {
			continue
		}
		if rule.id != "" && rule.id != n.attrs["id"] {
			continue
		}
		if rule.class != "" && !contains(classes, rule.class) {
			continue
		}
		for k, v := range rule.decls {
			props[k] = v
		}
	}
	for k, v := range declarations(n.attrs["style"]) {
		props[k] = v
	}
	return props
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// style computes an element's style from its parent's.
func (r *reader) style(n *node, parent style) style {
	st := parent
	p := r.properties(n)
	get := func(k string) (string, bool) {
		v, ok := p[k]
		v = strings.TrimSpace(v)
		if v == "inherit" {
			return "", false
		}
		return v, ok && v != ""
	}
	if v, ok := get("fill"); ok {
		st.fill = v
	}
	if v, ok := get("stroke"); ok {
		st.stroke = v
	}
	if v, ok := get("color"); ok {
		st.color = v
	}
	if v, ok := get("fill-opacity"); ok {
		st.fillOpacity = fraction(v)
	}
	if v, ok := get("stroke-opacity"); ok {
		st.strokeOpacity = fraction(v)
	}
	if v, ok := get("opacity"); ok {
		st.opacity *= fraction(v)
	}
	if v, ok := get("stroke-width"); ok {
		st.strokeWidth = length(v, math.Hypot(r.vw, r.vh)/math.Sqrt2, st.fontSize)
	}
	if v, ok := get("stroke-dasharray"); ok {
		st.dash = nil
		if v != "none" {
			for _, d := range numbers(v) {
				st.dash = append(st.dash, math.Abs(d))
			}
			if len(st.dash)%2 == 1 {
				st.dash = append(st.dash, st.dash...)
			}
		}
	}
	if v, ok := get("fill-rule"); ok {
		st.evenOdd = v == "evenodd"
	}
	if v, ok := get("font-size"); ok {
		if f := length(v, parent.fontSize, parent.fontSize); f > 0 {
			st.fontSize = f
		}
	}
	if v, ok := get("font-weight"); ok {
		w, err := strconv.Atoi(v)
		st.bold = v == "bold" || v == "bolder" || err == nil && w >= 600
	}
	if v, ok := get("text-anchor"); ok {
		st.anchor = map[string]float64{"middle": 0.5, "end": 1}[v]
	}
	if v, ok := get("display"); ok && v == "none" {
		st.hidden = true
	}
	if v, ok := get("visibility"); ok {
		st.hidden = v == "hidden" || v == "collapse"
	}
	return st
}

// paint resolves a paint value to a colour: none and unknown values are
// not painted; a gradient is its stops' average colour.
func (r *reader) paint(v, current string) (display.Color, bool) {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "url(") {
		end := strings.IndexByte(v, ')')
		if end < 0 {
			return display.Color{}, false
		}
		id := strings.Trim(strings.TrimPrefix(v[4:end], "#"), `'" `)
		if c, ok := r.gradient(id, 0); ok {
			return c, true
		}
		// A fallback colour may follow the reference.
		return r.paint(strings.TrimSpace(v[end+1:]), current)
	}
	if v == "currentColor" {
		v = current
	}
	return parseColor(v)
}

// gradient is the average colour of a gradient's stops (following href).
func (r *reader) gradient(id string, depth int) (display.Color, bool) {
	g := r.ids[id]
	if g == nil || depth > 8 || g.name != "linearGradient" && g.name != "radialGradient" {
		return display.Color{}, false
	}
	r.skip("gradients (drawn in the average colour of their stops)")
	var sr, sg, sb float64
	n := 0
	for _, s := range g.children {
		if s.name != "stop" {
			continue
		}
		p := r.properties(s)
		c, ok := parseColor(p["stop-color"])
		if _, set := p["stop-color"]; !set {
			c, ok = display.Color{}, true
		}
		if !ok {
			continue
		}
		sr, sg, sb = sr+float64(c.R), sg+float64(c.G), sb+float64(c.B)
		n++
	}
	if n == 0 {
		return r.gradient(strings.TrimPrefix(href(g.attrs), "#"), depth+1)
	}
	return display.Color{R: uint8(sr/float64(n) + 0.5), G: uint8(sg/float64(n) + 0.5), B: uint8(sb/float64(n) + 0.5)}, true
}

// parseColor reads #rgb, #rrggbb, rgb(…) and the CSS colour names.
func parseColor(v string) (display.Color, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "" || v == "none" || v == "transparent":
		return display.Color{}, false
	case strings.HasPrefix(v, "#"):
		h := v[1:]
		if len(h) == 3 || len(h) == 4 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) == 8 {
			h = h[:6]
		}
		if len(h) != 6 {
			return display.Color{}, false
		}
		n, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return display.Color{}, false
		}
		return display.Color{R: uint8(n >> 16), G: uint8(n >> 8), B: uint8(n)}, true
	case strings.HasPrefix(v, "rgb"):
		open, end := strings.IndexByte(v, '('), strings.IndexByte(v, ')')
		if open < 0 || end < open {
			return display.Color{}, false
		}
		parts := strings.FieldsFunc(v[open+1:end], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
		if len(parts) < 3 {
			return display.Color{}, false
		}
		var c [3]uint8
		for i := 0; i < 3; i++ {
			p := parts[i]
			f, _ := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
			if strings.HasSuffix(p, "%") {
				f = f * 255 / 100
			}
			c[i] = uint8(math.Max(0, math.Min(255, f+0.5)))
		}
		return display.Color{R: c[0], G: c[1], B: c[2]}, true
	}
	if c, ok := colornames.Map[v]; ok {
		return display.Color{R: c.R, G: c.G, B: c.B}, true
	}
	return display.Color{}, false
}

// fraction reads an opacity: a number or a percentage, clamped to [0, 1].
func fraction(v string) float64 {
	pct := strings.HasSuffix(v, "%")
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "%"), 64)
	if err != nil {
		return 1
	}
	if pct {
		f /= 100
	}
	return math.Max(0, math.Min(1, f))
}

// length reads a length in CSS pixels; a percentage is of ref, an em of em.
func length(v string, ref, em float64) float64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	units := []struct {
		suffix string
		scale  float64
	}{{"px", 1}, {"pt", 4.0 / 3}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}, {"em", em}, {"ex", em / 2}, {"%", ref / 100}}
	scale := 1.0
	for _, u := range units {
		if strings.HasSuffix(v, u.suffix) {
			v, scale = strings.TrimSuffix(v, u.suffix), u.scale
			break
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f * scale
}

// numbers reads a list of numbers separated by spaces or commas.
func numbers(s string) []float64 {
	var out []float64
	sc := scanner{s: s}
	for {
		f, ok := sc.number()
		if !ok {
			return out
		}
		out = append(out, f)
	}
}

// firstNumber is the first number of a list (x="10 20": 10), 0 if none.
func firstNumber(s string) float64 {
	if ns := numbers(s); len(ns) > 0 {
		return ns[0]
	}
	return 0
}

// parseTransform reads a transform list.
func parseTransform(s string) display.Matrix {
	m := display.Identity
	for {
		s = strings.TrimLeft(s, " ,\t\n\r")
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			return m
		}
		name := strings.TrimSpace(s[:open])
		a := numbers(s[open+1 : end])
		s = s[end+1:]
		arg := func(i int, def float64) float64 {
			if i < len(a) {
				return a[i]
			}
			return def
		}
		var t display.Matrix
		switch name {
		case "matrix":
			if len(a) != 6 {
				continue
			}
			t = display.Matrix{a[0], a[1], a[2], a[3], a[4], a[5]}
		case "translate":
			t = display.Matrix{1, 0, 0, 1, arg(0, 0), arg(1, 0)}
		case "scale":
			sx := arg(0, 1)
			t = display.Matrix{sx, 0, 0, arg(1, sx), 0, 0}
		case "rotate":
			rad := arg(0, 0) * math.Pi / 180
			cx, cy := arg(1, 0), arg(2, 0)
			c, sn := math.Cos(rad), math.Sin(rad)
			t = display.Matrix{1, 0, 0, 1, cx, cy}.Mul(display.Matrix{c, sn, -sn, c, 0, 0}).Mul(display.Matrix{1, 0, 0, 1, -cx, -cy})
		case "skewX":
			t = display.Matrix{1, 0, math.Tan(arg(0, 0) * math.Pi / 180), 1, 0, 0}
		case "skewY":
			t = display.Matrix{1, math.Tan(arg(0, 0) * math.Pi / 180), 0, 1, 0, 0}
		default:
			continue
		}
		m = m.Mul(t)
	}
}
