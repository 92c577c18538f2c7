package texmath

// primKind is what a primitive draws.
type primKind uint8

const (
	pGlyph primKind = iota
	pRule
	pText
)

// prim is one drawn thing of a box, in ems of the formula's size,
// relative to the box's origin on its baseline (y down).
type prim struct {
	kind primKind
	// x, y: a glyph's or text's baseline origin; a rule's top-left corner.
	x, y float64
	g    *glyph
	// sx, sy scale a glyph (its size; sy differs for stretched delimiters).
	sx, sy float64
	// w, h: a rule's size.
	w, h float64
	// text, bold and size: a run in the deck's font.
	text string
	bold bool
	size float64
	// color, if set, overrides the formula's colour; hidden draws nothing.
	color  *rgb
	hidden bool
}

// box is laid-out math: width, height above and depth below the
// baseline, and its primitives.
type box struct {
	w, h, d float64
	// italic is the italic correction of a box ending in a slanted glyph.
	italic float64
	prims  []prim
	class  class
	// char marks a single character: scripts attach at fixed shifts.
	char bool
	// limits: an operator whose scripts go above and below.
	limits bool
	// op marks a large operator or operator name (for script placement).
	op bool
}

// add appends o's primitives moved by (dx, dy); it leaves b's size alone.
func (b *box) add(o *box, dx, dy float64) {
	for _, p := range o.prims {
		p.x += dx
		p.y += dy
		b.prims = append(b.prims, p)
	}
}

// rule is a filled rectangle box, w wide, from h above the baseline to d below.
func ruleBox(w, h, d float64) *box {
	return &box{w: w, h: h, d: d, prims: []prim{{kind: pRule, x: 0, y: -h, w: w, h: h + d}}}
}

// kern is an empty box w wide.
func kern(w float64) *box { return &box{w: w} }

// hpack sets boxes side by side on one baseline, each shifted down by its shift.
func hpack(bs []*box, shifts []float64) *box {
	out := &box{}
	for i, b := range bs {
		dy := 0.0
		if shifts != nil {
			dy = shifts[i]
		}
		out.add(b, out.w, dy)
		out.w += b.w
		out.h = max(out.h, b.h-dy)
		out.d = max(out.d, b.d+dy)
	}
	if n := len(bs); n > 0 {
		out.italic = bs[n-1].italic
	}
	return out
}

// vitem is a box in a vertical stack, shifted right by dx.
type vitem struct {
	b  *box
	dx float64
	// k is a kern (when b is nil).
	k float64
}

// vstack stacks items top to bottom; the baseline of the result is the
// baseline of item base (its index), and the width the widest item.
func vstack(items []vitem, base int) *box {
	// y of each item's baseline measured from the top.
	y := 0.0
	ys := make([]float64, len(items))
	for i, it := range items {
		if it.b == nil {
			y += it.k
			ys[i] = y
			continue
		}
		y += it.b.h
		ys[i] = y
		y += it.b.d
	}
	out := &box{}
	top := ys[base]
	for i, it := range items {
		if it.b == nil {
			continue
		}
		out.add(it.b, it.dx, ys[i]-top)
		out.w = max(out.w, it.dx+it.b.w)
	}
	out.h = top
	out.d = y - top
	return out
}
