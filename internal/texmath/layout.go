package texmath

import (
	"strings"

	"github.com/layerdeck/layerdeck/fonts"
)

// Styles, as TeX's D, T, S and SS.
const (
	styleD = iota
	styleT
	styleS
	styleSS
)

// sizeMult is each style's size relative to the formula's.
var sizeMult = [4]float64{1, 1, 0.7, 0.5}

// params are TeX's font dimensions (KaTeX's sigmas) for the text, script
// and scriptscript sizes, in ems of that size.
type params struct {
	xHeight, quad, num1, num2, num3, denom1, denom2, sup1, sup2, sup3,
	sub1, sub2, supDrop, subDrop, delim1, delim2, rule float64
}

var sigmas = [3]params{
	{0.431, 1.0, 0.677, 0.394, 0.444, 0.686, 0.345, 0.413, 0.363, 0.289, 0.150, 0.247, 0.386, 0.050, 2.390, 1.010, 0.04},
	{0.431, 1.171, 0.732, 0.384, 0.471, 0.752, 0.344, 0.503, 0.431, 0.286, 0.143, 0.286, 0.353, 0.071, 1.700, 1.157, 0.049},
	{0.431, 1.472, 0.925, 0.387, 0.504, 1.025, 0.532, 0.504, 0.404, 0.294, 0.200, 0.400, 0.494, 0.100, 1.980, 1.420, 0.049},
}

// Fixed dimensions, in ems.
const (
	axisHeight   = 0.25
	slant        = 0.25
	bigOpSpacing = 0.111 // bigOpSpacing1; 2–5 below
	bigOpSpace2  = 0.166
	bigOpSpace3  = 0.2
	bigOpSpace4  = 0.6
	bigOpSpace5  = 0.1
	nullDelim    = 0.12
	scriptSpace  = 0.05
	delimFactor  = 901
	delimShort   = 0.5
	sqrtRule     = 0.04
)

// state is how the current list is set.
type state struct {
	style   int
	cramped bool
	color   *rgb
}

func (s state) mult() float64 { return sizeMult[s.style] }

// p returns the font dimensions of the style, in ems of the formula.
func (s state) p() params {
	col := 0
	switch s.style {
	case styleS:
		col = 1
	case styleSS:
		col = 2
	}
	p := sigmas[col]
	m := s.mult()
	return params{p.xHeight * m, p.quad * m, p.num1 * m, p.num2 * m, p.num3 * m, p.denom1 * m, p.denom2 * m,
		p.sup1 * m, p.sup2 * m, p.sup3 * m, p.sub1 * m, p.sub2 * m, p.supDrop * m, p.subDrop * m,
		p.delim1 * m, p.delim2 * m, p.rule * m}
}

// script is the style of super- and subscripts.
func (s state) script() state {
	n := s
	switch s.style {
	case styleD, styleT:
		n.style = styleS
	default:
		n.style = styleSS
	}
	return n
}

// fracNum and fracDen are the styles of a fraction's parts.
func (s state) fracNum() state {
	n := s
	switch s.style {
	case styleD:
		n.style = styleT
	case styleT:
		n.style = styleS
	default:
		n.style = styleSS
	}
	return n
}

func (s state) crampedState() state { s.cramped = true; return s }

// typesetter lays out parsed formulas.
type typesetter struct {
	m *mathFonts
	// text measures what the math fonts lack (Japanese in \text{}).
	text      *fonts.Set
	textScale float64
}

// spacing is TeX's table of space between atom classes: 0 none, 1 thin,
// 2 medium, 3 thick; 4 thin but not in script styles; 5 and 6 medium
// and thick but not in script styles; 9 impossible.
var spacing = [8][8]uint8{
	//        ord op bin rel open close punct inner
	ord:     {0, 1, 5, 6, 0, 0, 0, 4},
	op:      {1, 1, 9, 6, 0, 0, 0, 4},
	bin:     {5, 5, 9, 9, 5, 9, 9, 5},
	rel:     {6, 6, 9, 0, 6, 0, 0, 6},
	open:    {0, 0, 9, 0, 0, 0, 0, 0},
	closing: {0, 1, 5, 6, 0, 0, 0, 4},
	punct:   {4, 4, 9, 4, 4, 4, 4, 4},
	inner:   {4, 1, 5, 6, 4, 0, 4, 4},
}

// space returns the space between atoms of classes a and b, in ems.
func (s state) space(a, b class) float64 {
	mu := s.p().quad / 18
	script := s.style >= styleS
	switch spacing[a][b] {
	case 1:
		return 3 * mu
	case 4:
		if !script {
			return 3 * mu
		}
	case 5:
		if !script {
			return 4 * mu
		}
	case 6:
		if !script {
			return 5 * mu
		}
	}
	return 0
}

// hlist lays out a list of nodes side by side with TeX's spacing.
// leadOrd sets it as if an empty ord came first (aligned's {}=).
func (t *typesetter) hlist(items []node, st state, leadOrd bool) *box {
	type atom struct {
		b       *box
		cls     class
		spacing bool // takes part in inter-atom spacing
	}
	var atoms []atom
	for i := 0; i < len(items); i++ {
		switch n := items[i].(type) {
		case styleSwitch:
			st.style = n.style
			continue
		case space:
			atoms = append(atoms, atom{b: kern(n.em * st.mult())})
			continue
		}
		b := t.node(items[i], st)
		if b == nil {
			continue
		}
		atoms = append(atoms, atom{b: b, cls: b.class, spacing: true})
	}
	// A bin becomes an ord where it cannot be binary (TeX rules 5 and 6).
	prev := -1
	if leadOrd {
		prev = -2
	}
	for i := range atoms {
		if !atoms[i].spacing {
			continue
		}
		if atoms[i].cls == bin {
			if prev == -1 {
				atoms[i].cls = ord
			} else if prev >= 0 {
				switch atoms[prev].cls {
				case bin, op, rel, open, punct:
					atoms[i].cls = ord
				}
			}
		}
		if prev >= 0 && atoms[prev].cls == bin {
			switch atoms[i].cls {
			case rel, closing, punct:
				atoms[prev].cls = ord
			}
		}
		prev = i
	}
	if prev >= 0 && atoms[prev].cls == bin {
		atoms[prev].cls = ord
	}
	var bs []*box
	last := class(255)
	if leadOrd {
		last = ord
	}
	for _, a := range atoms {
		if a.spacing {
			if last != 255 {
				if w := st.space(last, a.cls); w != 0 {
					bs = append(bs, kern(w))
				}
			}
			last = a.cls
		}
		bs = append(bs, a.b)
	}
	out := hpack(bs, nil)
	if len(atoms) == 1 {
		out.class = atoms[0].cls
		out.char = atoms[0].b.char
		out.italic = atoms[0].b.italic
		out.limits = atoms[0].b.limits
		out.op = atoms[0].b.op
	}
	return out
}

// node lays out one node.
func (t *typesetter) node(n node, st state) *box {
	switch n := n.(type) {
	case sym:
		return t.sym(n, st)
	case *list:
		b := t.hlist(n.items, st, false)
		if n.group || len(n.items) != 1 {
			b.class, b.char, b.op, b.limits = ord, false, false, false
		}
		return b
	case scripts:
		return t.scripts(n, st)
	case frac:
		return t.frac(n, st)
	case radical:
		return t.radical(n, st)
	case accent:
		return t.accent(n, st)
	case leftRight:
		b := t.hlist(n.body.items, st, false)
		out := t.delimit(b, n.left, n.right, st)
		out.class = inner
		return out
	case bigDelim:
		g := t.m.glyph(fontID(int(fSize1)+n.size-1), n.r)
		if g == nil {
			g = t.m.glyph(fMain, n.r)
		}
		b := t.glyphBox(g, st.mult(), st)
		t.centre(b, st)
		b.class = n.class
		return b
	case textNode:
		b := t.textBox(n.s, n.bold, n.ital, st)
		b.class = ord
		return b
	case opName:
		b := t.textBox(n.name, false, false, st)
		b.class, b.op, b.limits = op, true, n.limits && st.style == styleD
		return b
	case colored:
		c := n.c
		st.color = &c
		return t.node(n.body, st)
	case opGroup:
		b := t.node(n.body, st)
		b.class, b.op, b.limits, b.char = op, true, st.style == styleD, false
		return b
	case phantom:
		b := t.node(n.body, st)
		for i := range b.prims {
			b.prims[i].hidden = true
		}
		return b
	case stack:
		return t.stack(n, st)
	case boxed:
		return t.boxed(n, st)
	case logo:
		return t.logo(n.latex, st)
	case *array:
		return t.array(n, st)
	case space:
		return kern(n.em * st.mult())
	case styleSwitch:
		return nil
	}
	return nil
}

// glyphBox is a box holding one glyph at scale s.
func (t *typesetter) glyphBox(g *glyph, s float64, st state) *box {
	if g == nil {
		return &box{}
	}
	return &box{
		w: g.adv * s, h: g.h * s, d: g.d * s, italic: g.italic * s, char: true,
		prims: []prim{{kind: pGlyph, g: g, sx: s, sy: s, color: st.color}},
	}
}

// sym lays out a symbol.
func (t *typesetter) sym(s sym, st state) *box {
	if s.text {
		b := t.textBox(string(s.r), false, false, st)
		b.class, b.char = ord, true
		return b
	}
	if s.class == op && s.font == fSize1 {
		f := fSize1
		if st.style == styleD {
			f = fSize2
		}
		g := t.m.glyph(f, s.r)
		b := t.glyphBox(g, st.mult(), st)
		if g != nil && g.italic > 0 {
			b.w += b.italic
		}
		t.centre(b, st)
		b.class, b.op = op, true
		b.limits = st.style == styleD && !bigOpNoLimits[s.r]
		return b
	}
	g := t.lookup(s.font, s.r)
	if g == nil {
		b := t.textBox(string(s.r), false, false, st)
		b.class = s.class
		return b
	}
	b := t.glyphBox(g, st.mult(), st)
	b.class = s.class
	if s.neg {
		if slash := t.m.glyph(fMain, notSlash); slash != nil {
			m := st.mult()
			x := b.w/2 - (slash.minX+slash.maxX)/2*m
			b.prims = append(b.prims, prim{kind: pGlyph, g: slash, sx: m, sy: m, x: x, color: st.color})
			b.h, b.d = max(b.h, slash.h*m), max(b.d, slash.d*m)
		}
	}
	return b
}

// lookup finds r in font f, else in the other math fonts.
func (t *typesetter) lookup(f fontID, r rune) *glyph {
	if g := t.m.glyph(f, r); g != nil {
		return g
	}
	for _, alt := range []fontID{fMain, fAMS, fMathItalic, fSize1} {
		if g := t.m.glyph(alt, r); g != nil {
			return g
		}
	}
	return nil
}

// centre shifts b vertically so that it is centred on the math axis.
func (t *typesetter) centre(b *box, st state) {
	shift := (b.h-b.d)/2 - axisHeight*st.mult()
	for i := range b.prims {
		b.prims[i].y += shift
	}
	b.h -= shift
	b.d += shift
}

// textBox sets text: roman from KaTeX_Main where it has the character,
// the rest (Japanese) in the deck's font.
func (t *typesetter) textBox(s string, bold, ital bool, st state) *box {
	f := fMain
	if bold {
		f = fMainBold
	} else if ital {
		f = fMainItalic
	}
	m := st.mult()
	out := &box{class: ord}
	var run strings.Builder
	flush := func() {
		if run.Len() == 0 || t.text == nil {
			run.Reset()
			return
		}
		face := t.text.Face(bold)
		size := m * t.textScale
		txt := run.String()
		w := face.Width(txt, size)
		out.prims = append(out.prims, prim{kind: pText, x: out.w, w: w, text: txt, bold: bold, size: size, color: st.color})
		out.w += w
		out.h = max(out.h, face.Ascent(size)*0.88)
		out.d = max(out.d, face.Descent(size)*0.6)
		run.Reset()
	}
	for _, r := range s {
		if r == ' ' || r == '\u00a0' {
			if run.Len() > 0 {
				run.WriteRune(r)
				continue
			}
			out.w += 0.25 * m
			continue
		}
		g := t.m.glyph(f, r)
		if g == nil || r > 0x2000 && t.text != nil && t.text.Face(bold).Has(r) && !isMathRune(r) {
			run.WriteRune(r)
			continue
		}
		flush()
		gb := t.glyphBox(g, m, st)
		out.add(gb, out.w, 0)
		out.w += gb.w
		out.h = max(out.h, gb.h)
		out.d = max(out.d, gb.d)
	}
	flush()
	return out
}

// isMathRune reports characters best drawn from the math font even in
// text: arrows and mathematical operators.
func isMathRune(r rune) bool { return r >= 0x2190 && r <= 0x22FF }

// scripts attaches superscripts and subscripts (TeX rules 13 and 18).
func (t *typesetter) scripts(n scripts, st state) *box {
	var base *box
	if n.base == nil {
		base = &box{}
	} else {
		base = t.node(n.base, st)
	}
	if base == nil {
		base = &box{}
	}
	if n.limits == 1 && base.op {
		base.limits = true
	} else if n.limits == 2 {
		base.limits = false
	}
	sst := st.script()
	var sup, sub *box
	if n.sup != nil {
		sup = t.node(n.sup, sst)
	}
	if n.sub != nil {
		sub = t.node(n.sub, sst.crampedState())
	}
	if base.limits {
		return t.limits(base, sup, sub, st)
	}
	p := st.p()
	sp := sst.p()
	u, v := 0.0, 0.0
	if !base.char {
		u = base.h - sp.supDrop
		v = base.d + sp.subDrop
	}
	delta := base.italic
	out := &box{class: base.class}
	out.add(base, 0, 0)
	out.w, out.h, out.d = base.w, base.h, base.d
	supX, subX := base.w, base.w
	if base.op {
		// The operator's box includes its italic correction: the
		// subscript moves left by it.
		subX -= delta
	} else {
		supX += delta
	}
	switch {
	case sup != nil && sub == nil:
		minU := p.sup2
		if st.style == styleD && !st.cramped {
			minU = p.sup1
		} else if st.cramped {
			minU = p.sup3
		}
		u = max(u, minU, sup.d+p.xHeight/4)
		out.add(sup, supX, -u)
		out.w = max(out.w, supX+sup.w+scriptSpace*st.mult())
		out.h = max(out.h, sup.h+u)
	case sub != nil && sup == nil:
		v = max(v, p.sub1, sub.h-p.xHeight*4/5)
		out.add(sub, subX, v)
		out.w = max(out.w, subX+sub.w+scriptSpace*st.mult())
		out.d = max(out.d, sub.d+v)
	case sub != nil && sup != nil:
		minU := p.sup2
		if st.style == styleD && !st.cramped {
			minU = p.sup1
		} else if st.cramped {
			minU = p.sup3
		}
		u = max(u, minU, sup.d+p.xHeight/4)
		v = max(v, p.sub2)
		theta := p.rule
		if gap := (u - sup.d) - (sub.h - v); gap < 4*theta {
			v = 4*theta - (u - sup.d) + sub.h
			if psi := p.xHeight*4/5 - (u - sup.d); psi > 0 {
				u += psi
				v -= psi
			}
		}
		out.add(sup, supX, -u)
		out.add(sub, subX, v)
		out.w = max(out.w, supX+sup.w+scriptSpace*st.mult(), subX+sub.w+scriptSpace*st.mult())
		out.h = max(out.h, sup.h+u)
		out.d = max(out.d, sub.d+v)
	}
	out.italic = 0
	return out
}

// limits sets scripts above and below an operator (TeX rule 13a).
func (t *typesetter) limits(base, sup, sub *box, st state) *box {
	m := st.mult()
	w := base.w
	if sup != nil {
		w = max(w, sup.w)
	}
	if sub != nil {
		w = max(w, sub.w)
	}
	delta := base.italic
	var items []vitem
	baseIdx := 0
	if sup != nil {
		k := max(bigOpSpacing*m, bigOpSpace3*m-sup.d)
		items = append(items, vitem{k: bigOpSpace5 * m}, vitem{b: sup, dx: (w-sup.w)/2 + delta/2}, vitem{k: k})
		baseIdx = 3
	}
	items = append(items, vitem{b: base, dx: (w - base.w) / 2})
	if sub != nil {
		k := max(bigOpSpace2*m, bigOpSpace4*m-sub.h)
		items = append(items, vitem{k: k}, vitem{b: sub, dx: (w-sub.w)/2 - delta/2}, vitem{k: bigOpSpace5 * m})
	}
	out := vstack(items, baseIdx)
	out.w = w
	out.class = op
	return out
}

// frac lays out a fraction or binomial (TeX rule 15).
func (t *typesetter) frac(n frac, st state) *box {
	if n.style >= 0 && st.style <= styleT {
		st.style = n.style
	} else if n.style == styleD {
		st.style = styleD
	}
	num := t.node(n.num, st.fracNum())
	den := t.node(n.den, st.fracNum().crampedState())
	p := st.p()
	theta := sqrtRule * st.mult()
	if n.binom {
		theta = 0
	}
	var u, v, phi float64
	if st.style == styleD {
		u, v = p.num1, p.denom1
		phi = 3 * theta
	} else {
		u, v = p.num2, p.denom2
		phi = theta
		if n.binom {
			u = p.num3
		}
	}
	axis := axisHeight * st.mult()
	if n.binom {
		phi = 3 * p.rule
		if st.style == styleD {
			phi = 7 * p.rule
		}
		if gap := (u - num.d) - (den.h - v); gap < phi {
			u += (phi - gap) / 2
			v += (phi - gap) / 2
		}
	} else {
		if c := (u - num.d) - (axis + theta/2); c < phi {
			u += phi - c
		}
		if c := (axis - theta/2) - (den.h - v); c < phi {
			v += phi - c
		}
	}
	w := max(num.w, den.w)
	out := &box{class: ord}
	pad := nullDelim * st.mult()
	if n.binom {
		pad = 0
	}
	out.add(num, pad+(w-num.w)/2, -u)
	out.add(den, pad+(w-den.w)/2, v)
	if !n.binom {
		out.prims = append(out.prims, prim{kind: pRule, x: pad, y: -(axis + theta/2), w: w, h: theta, color: st.color})
	}
	out.w = w + 2*pad
	out.h = num.h + u
	out.d = den.d + v
	if n.binom {
		size := p.delim2
		if st.style == styleD {
			size = p.delim1
		}
		l := t.delimiter('(', size, st)
		r := t.delimiter(')', size, st)
		return withClass(hpack([]*box{l, out, r}, nil), ord)
	}
	return out
}

func withClass(b *box, c class) *box { b.class = c; return b }

// radical lays out \sqrt (TeX rule 11).
func (t *typesetter) radical(n radical, st state) *box {
	body := t.node(n.body, st.crampedState())
	m := st.mult()
	theta := sqrtRule * m
	phi := theta
	if st.style == styleD {
		phi = st.p().xHeight
	}
	psi := theta + phi/4
	need := body.h + body.d + psi + theta
	surd, sy := t.sized('√', need, m)
	gh, gd := surd.h*sy, surd.d*sy
	if excess := (gh + gd - theta) - (body.h + body.d + psi); excess > 0 {
		psi += excess / 2
	}
	top := body.h + psi + theta // top of the rule above the baseline
	out := &box{class: ord}
	// The glyph's top meets the rule's top.
	out.prims = append(out.prims, prim{kind: pGlyph, g: surd, sx: m, sy: sy, x: 0, y: -top + gh, color: st.color})
	sw := surd.adv * m
	out.add(body, sw, 0)
	out.prims = append(out.prims, prim{kind: pRule, x: sw - 0.01*m, y: -top, w: body.w + 0.01*m, h: theta, color: st.color})
	out.w = sw + body.w
	out.h = top
	out.d = max(body.d, gh+gd-top)
	if n.index != nil {
		ist := st
		ist.style = styleSS
		idx := t.node(n.index, ist)
		raise := 0.6*(out.h-out.d) + idx.d
		left := 5.0 / 18 * m
		shift := left + idx.w - 10.0/18*m
		shift = max(shift, 0)
		moved := &box{class: ord}
		moved.add(idx, left, -raise)
		moved.add(out, shift, 0)
		moved.w = shift + out.w
		moved.h = max(out.h, idx.h+raise)
		moved.d = out.d
		return moved
	}
	return out
}

// sized picks a glyph of r whose height and depth reach need: from
// KaTeX_Main, then the Size fonts; past Size4 the largest is stretched
// vertically. It returns the glyph and its vertical scale.
func (t *typesetter) sized(r rune, need, m float64) (*glyph, float64) {
	var last *glyph
	for _, f := range []fontID{fMain, fSize1, fSize2, fSize3, fSize4} {
		g := t.m.glyph(f, r)
		if g == nil {
			continue
		}
		last = g
		if (g.h+g.d)*m >= need {
			return g, m
		}
	}
	if last == nil {
		return &glyph{}, m
	}
	return last, need / (last.h + last.d)
}

// delimiter builds delimiter r at least total high, centred on the axis.
func (t *typesetter) delimiter(r rune, total float64, st state) *box {
	m := st.mult()
	if r == 0 {
		return kern(nullDelim * m)
	}
	axis := axisHeight * m
	var g *glyph
	for _, f := range []fontID{fMain, fSize1, fSize2, fSize3, fSize4} {
		if c := t.m.glyph(f, r); c != nil {
			g = c
			if (c.h+c.d)*m >= total {
				b := t.glyphBox(c, m, st)
				t.centre(b, st)
				b.char = false
				return b
			}
		}
	}
	pieces := delimiters[r]
	if pieces[0] == 0 {
		// Bars and angles: the largest glyph, stretched.
		if g == nil {
			return kern(nullDelim * m)
		}
		sy := total / (g.h + g.d)
		b := &box{w: g.adv * m, h: g.h * sy, d: g.d * sy, prims: []prim{{kind: pGlyph, g: g, sx: m, sy: sy, color: st.color}}}
		t.centre(b, st)
		return b
	}
	top, ext, bot := t.m.glyph(fSize4, pieces[0]), t.m.glyph(fSize4, pieces[1]), t.m.glyph(fSize4, pieces[2])
	var mid *glyph
	if pieces[3] != 0 {
		mid = t.m.glyph(fSize4, pieces[3])
	}
	if top == nil || ext == nil || bot == nil {
		return kern(nullDelim * m)
	}
	minH := (top.h + top.d + bot.h + bot.d) * m
	if mid != nil {
		minH += (mid.h + mid.d) * m
	}
	total = max(total, minH)
	out := &box{w: max(top.adv, bot.adv) * m, h: total/2 + axis, d: total/2 - axis}
	yTop := -out.h // top edge of the delimiter
	yBot := out.d
	add := func(g *glyph, topEdge float64) {
		out.prims = append(out.prims, prim{kind: pGlyph, g: g, sx: m, sy: m, y: topEdge + g.h*m, color: st.color})
	}
	add(top, yTop)
	add(bot, yBot-(bot.h+bot.d)*m)
	fill := func(from, to float64) {
		if to-from <= 0 {
			return
		}
		eh := (ext.h + ext.d) * m
		// Overlap the pieces slightly so no seam shows.
		from -= 0.01 * m
		to += 0.01 * m
		sy := (to - from) / eh * m
		out.prims = append(out.prims, prim{kind: pGlyph, g: ext, sx: m, sy: sy, y: from + ext.h*sy, color: st.color})
	}
	topEnd := yTop + (top.h+top.d)*m
	botStart := yBot - (bot.h+bot.d)*m
	if mid != nil {
		mh := (mid.h + mid.d) * m
		centre := -axis
		add(mid, centre-mh/2)
		fill(topEnd, centre-mh/2)
		fill(centre+mh/2, botStart)
	} else {
		fill(topEnd, botStart)
	}
	return out
}

// delimit puts delimiters around b sized to it (\left … \right).
func (t *typesetter) delimit(b *box, l, r rune, st state) *box {
	m := st.mult()
	axis := axisHeight * m
	maxDist := max(b.h-axis, b.d+axis)
	total := max(maxDist/500*delimFactor, 2*maxDist-delimShort*m)
	lb := t.delimiter(l, total, st)
	rb := t.delimiter(r, total, st)
	return hpack([]*box{lb, b, rb}, nil)
}

// accent lays out an accent over its body, or a rule over or under it.
func (t *typesetter) accent(n accent, st state) *box {
	body := t.node(n.body, st.crampedState())
	m := st.mult()
	out := &box{class: ord}
	out.add(body, 0, 0)
	out.w, out.h, out.d = body.w, body.h, body.d
	theta := st.p().rule
	switch n.rule {
	case 1:
		out.prims = append(out.prims, prim{kind: pRule, x: 0, y: -(body.h + 3*theta + theta), w: body.w, h: theta, color: st.color})
		out.h = body.h + 5*theta
		return out
	case 2:
		out.prims = append(out.prims, prim{kind: pRule, x: 0, y: body.d + 3*theta, w: body.w, h: theta, color: st.color})
		out.d = body.d + 5*theta
		return out
	}
	g := t.m.glyph(fMain, n.r)
	if g == nil {
		return out
	}
	sx := m
	if n.wide && g.maxX > g.minX {
		sx = max(m, body.w*0.9/(g.maxX-g.minX))
	}
	shift := max(0, body.h-st.p().xHeight)
	skew := 0.0
	if body.char && body.italic > 0 {
		skew = slant * body.h * 0.4
	}
	x := body.w/2 + skew - (g.minX+g.maxX)/2*sx
	out.prims = append(out.prims, prim{kind: pGlyph, g: g, sx: sx, sy: m, x: x, y: -shift, color: st.color})
	out.h = max(body.h, g.h*m+shift)
	out.italic = body.italic
	out.char = body.char
	return out
}

// stack sets a note above or below a base (\overset, \stackrel, \underset).
func (t *typesetter) stack(n stack, st state) *box {
	base := t.node(n.base, st)
	note := t.node(n.note, st.script())
	w := max(base.w, note.w)
	k := 0.1 * st.mult()
	var out *box
	if n.under {
		out = vstack([]vitem{{b: base, dx: (w - base.w) / 2}, {k: k}, {b: note, dx: (w - note.w) / 2}}, 0)
	} else {
		out = vstack([]vitem{{b: note, dx: (w - note.w) / 2}, {k: k}, {b: base, dx: (w - base.w) / 2}}, 2)
	}
	out.class = base.class
	return out
}

// boxed draws a frame around its body.
func (t *typesetter) boxed(n boxed, st state) *box {
	body := t.node(n.body, st)
	m := st.mult()
	pad, th := 0.3*m, 0.04*m
	out := &box{class: ord, w: body.w + 2*pad + 2*th, h: body.h + pad + th, d: body.d + pad + th}
	out.add(body, pad+th, 0)
	out.prims = append(out.prims,
		prim{kind: pRule, x: 0, y: -out.h, w: out.w, h: th, color: st.color},
		prim{kind: pRule, x: 0, y: out.d - th, w: out.w, h: th, color: st.color},
		prim{kind: pRule, x: 0, y: -out.h, w: th, h: out.h + out.d, color: st.color},
		prim{kind: pRule, x: out.w - th, y: -out.h, w: th, h: out.h + out.d, color: st.color})
	return out
}

// logo sets \TeX and \LaTeX as KaTeX does.
func (t *typesetter) logo(latex bool, st state) *box {
	m := st.mult()
	g := func(r rune, s float64) *box { return t.glyphBox(t.m.glyph(fMain, r), s, st) }
	var bs []*box
	var shifts []float64
	if latex {
		bs = append(bs, g('L', m), kern(-0.36*m), g('A', 0.7*m), kern(-0.15*m))
		shifts = append(shifts, 0, 0, -0.21*m, 0)
	}
	bs = append(bs, g('T', m), kern(-0.1667*m), g('E', m), kern(-0.125*m), g('X', m))
	shifts = append(shifts, 0, 0, 0.2155*m, 0, 0)
	b := hpack(bs, shifts)
	b.class = ord
	return b
}

// array lays out a matrix, cases or aligned environment.
func (t *typesetter) array(a *array, st state) *box {
	m := st.mult()
	cst := st
	aligned := len(a.align) == 2 && a.align[0] == 'r' && a.align[1] == 'l'
	switch {
	case aligned || a.env == "gathered" || a.env == "gather" || a.env == "gather*" || a.env == "dcases" || strings.HasPrefix(a.env, "equation"):
		cst.style = styleD
	case a.env == "smallmatrix":
		cst.style = styleS
	default:
		if cst.style == styleD {
			cst.style = styleT
		}
	}
	ncol := 0
	for _, row := range a.rows {
		ncol = max(ncol, len(row))
	}
	cells := make([][]*box, len(a.rows))
	widths := make([]float64, ncol)
	for i, row := range a.rows {
		for j, c := range row {
			b := t.hlist(c.items, cst, aligned && j%2 == 1)
			cells[i] = append(cells[i], b)
			widths[j] = max(widths[j], b.w)
		}
	}
	alignOf := func(j int) byte {
		if aligned {
			return a.align[j%2]
		}
		if j < len(a.align) {
			return a.align[j]
		}
		return a.align[len(a.align)-1]
	}
	gapAfter := func(j int) float64 {
		switch {
		case aligned && j%2 == 0:
			return 0
		case aligned:
			return 2 * m
		case a.env == "smallmatrix":
			return 0.556 * m
		}
		return 1 * m
	}
	// Rows on struts of 1.2 em, plus a jot between aligned rows.
	strutH, strutD := 0.84*m, 0.36*m
	if a.env == "smallmatrix" {
		strutH, strutD = 0.6*m, 0.25*m
	}
	jot := 0.0
	if aligned || strings.HasPrefix(a.env, "gather") {
		jot = 0.3 * m
	}
	out := &box{class: ord}
	y := 0.0
	for i, row := range cells {
		h, d := strutH, strutD
		for _, c := range row {
			h, d = max(h, c.h), max(d, c.d)
		}
		y += h
		x := 0.0
		for j := 0; j < ncol; j++ {
			if j < len(row) {
				c := row[j]
				dx := 0.0
				switch alignOf(j) {
				case 'c':
					dx = (widths[j] - c.w) / 2
				case 'r':
					dx = widths[j] - c.w
				}
				out.add(c, x+dx, y)
			}
			x += widths[j]
			if j+1 < ncol {
				x += gapAfter(j)
			}
		}
		out.w = max(out.w, x)
		y += d
		if i+1 < len(cells) {
			y += jot
		}
	}
	// Centre the rows on the axis: the baseline is y = 0 of the result.
	axis := axisHeight * m
	shift := -(y/2 + axis)
	for i := range out.prims {
		out.prims[i].y += shift
	}
	out.h = y/2 + axis
	out.d = y/2 - axis
	var l, r rune
	switch a.env {
	case "pmatrix":
		l, r = '(', ')'
	case "bmatrix":
		l, r = '[', ']'
	case "Bmatrix":
		l, r = '{', '}'
	case "vmatrix":
		l, r = '|', '|'
	case "Vmatrix":
		l, r = '∥', '∥'
	case "cases", "dcases":
		l = '{'
	default:
		return out
	}
	b := t.delimit(out, l, r, st)
	b.class = inner
	if a.env == "cases" || a.env == "dcases" {
		b.class = ord
	}
	return b
}
