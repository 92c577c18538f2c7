package svgimage

import (
	"math"
	"strconv"

	"github.com/layerdeck/layerdeck/internal/display"
)

// maxSegments bounds the segments of one path.
const maxSegments = 1 << 20

// shape is the outline of a basic shape or path element, in its user
// space; nil for other elements.
func (r *reader) shape(n *node) []display.Segment {
	a := n.attrs
	num := func(k string, ref float64) float64 { return length(a[k], ref, 16) }
	var b pathBuilder
	switch n.name {
	case "path":
		return parsePath(a["d"])
	case "rect":
		x, y, w, h := num("x", r.vw), num("y", r.vh), num("width", r.vw), num("height", r.vh)
		if w <= 0 || h <= 0 {
			return nil
		}
		rx, ry := num("rx", r.vw), num("ry", r.vh)
		if _, ok := a["ry"]; !ok {
			ry = rx
		}
		if _, ok := a["rx"]; !ok {
			rx = ry
		}
		rx, ry = math.Min(math.Max(rx, 0), w/2), math.Min(math.Max(ry, 0), h/2)
		if rx == 0 || ry == 0 {
			b.move(x, y)
			b.line(x+w, y)
			b.line(x+w, y+h)
			b.line(x, y+h)
			b.close()
			return b.segs
		}
		b.move(x+rx, y)
		b.line(x+w-rx, y)
		b.arc(rx, ry, 0, false, true, x+w, y+ry)
		b.line(x+w, y+h-ry)
		b.arc(rx, ry, 0, false, true, x+w-rx, y+h)
		b.line(x+rx, y+h)
		b.arc(rx, ry, 0, false, true, x, y+h-ry)
		b.line(x, y+ry)
		b.arc(rx, ry, 0, false, true, x+rx, y)
		b.close()
		return b.segs
	case "circle", "ellipse":
		cx, cy := num("cx", r.vw), num("cy", r.vh)
		rx, ry := num("rx", r.vw), num("ry", r.vh)
		if n.name == "circle" {
			rx = num("r", math.Hypot(r.vw, r.vh)/math.Sqrt2)
			ry = rx
		}
		if rx <= 0 || ry <= 0 {
			return nil
		}
		b.move(cx+rx, cy)
		b.arc(rx, ry, 0, false, true, cx, cy+ry)
		b.arc(rx, ry, 0, false, true, cx-rx, cy)
		b.arc(rx, ry, 0, false, true, cx, cy-ry)
		b.arc(rx, ry, 0, false, true, cx+rx, cy)
		b.close()
		return b.segs
	case "line":
		b.move(num("x1", r.vw), num("y1", r.vh))
		b.line(num("x2", r.vw), num("y2", r.vh))
		return b.segs
	case "polyline", "polygon":
		pts := numbers(a["points"])
		for i := 0; i+1 < len(pts); i += 2 {
			if i == 0 {
				b.move(pts[0], pts[1])
			} else {
				b.line(pts[i], pts[i+1])
			}
		}
		if n.name == "polygon" && len(b.segs) > 0 {
			b.close()
		}
		return b.segs
	}
	return nil
}

// pathBuilder collects segments and tracks the current point.
type pathBuilder struct {
	segs         []display.Segment
	cx, cy       float64 // current point
	sx, sy       float64 // start of the subpath
	lastCtrl     display.Point
	lastCubic    bool
	lastQuadCtrl display.Point
	lastQuad     bool
}

func (b *pathBuilder) add(op display.Op, pts ...display.Point) {
	if len(b.segs) < maxSegments {
		b.segs = append(b.segs, display.Segment{Op: op, Points: pts})
	}
}

func (b *pathBuilder) move(x, y float64) {
	b.add(display.MoveTo, display.Point{X: x, Y: y})
	b.cx, b.cy, b.sx, b.sy = x, y, x, y
	b.lastCubic, b.lastQuad = false, false
}

func (b *pathBuilder) line(x, y float64) {
	b.add(display.LineTo, display.Point{X: x, Y: y})
	b.cx, b.cy = x, y
	b.lastCubic, b.lastQuad = false, false
}

func (b *pathBuilder) cubic(x1, y1, x2, y2, x, y float64) {
	b.add(display.CurveTo, display.Point{X: x1, Y: y1}, display.Point{X: x2, Y: y2}, display.Point{X: x, Y: y})
	b.cx, b.cy = x, y
	b.lastCtrl, b.lastCubic, b.lastQuad = display.Point{X: x2, Y: y2}, true, false
}

func (b *pathBuilder) quad(qx, qy, x, y float64) {
	x0, y0 := b.cx, b.cy
	b.cubic(x0+2.0/3*(qx-x0), y0+2.0/3*(qy-y0), x+2.0/3*(qx-x), y+2.0/3*(qy-y), x, y)
	b.lastCubic = false
	b.lastQuadCtrl, b.lastQuad = display.Point{X: qx, Y: qy}, true
}

func (b *pathBuilder) close() {
	b.add(display.Close)
	b.cx, b.cy = b.sx, b.sy
	b.lastCubic, b.lastQuad = false, false
}

// arc appends an elliptical arc to (x, y) as cubic Béziers (SVG 1.1
// appendix F.6).
func (b *pathBuilder) arc(rx, ry, rot float64, large, sweep bool, x, y float64) {
	x1, y1 := b.cx, b.cy
	if x1 == x && y1 == y {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		b.line(x, y)
		return
	}
	phi := rot * math.Pi / 180
	cos, sin := math.Cos(phi), math.Sin(phi)
	dx, dy := (x1-x)/2, (y1-y)/2
	x1p, y1p := cos*dx+sin*dy, -sin*dx+cos*dy
	if l := x1p*x1p/(rx*rx) + y1p*y1p/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1p*y1p - ry*ry*x1p*x1p
	den := rx*rx*y1p*y1p + ry*ry*x1p*x1p
	co := 0.0
	if den > 0 && num > 0 {
		co = math.Sqrt(num / den)
	}
	if large == sweep {
		co = -co
	}
	cxp, cyp := co*rx*y1p/ry, -co*ry*x1p/rx
	cx, cy := cos*cxp-sin*cyp+(x1+x)/2, sin*cxp+cos*cyp+(y1+y)/2
	angle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	t1 := angle(1, 0, (x1p-cxp)/rx, (y1p-cyp)/ry)
	dt := angle((x1p-cxp)/rx, (y1p-cyp)/ry, (-x1p-cxp)/rx, (-y1p-cyp)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(dt) / (math.Pi / 2)))
	if n < 1 {
		n = 1
	}
	step := dt / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	pt := func(t float64) (float64, float64) {
		ex, ey := rx*math.Cos(t), ry*math.Sin(t)
		return cos*ex - sin*ey + cx, sin*ex + cos*ey + cy
	}
	der := func(t float64) (float64, float64) {
		ex, ey := -rx*math.Sin(t), ry*math.Cos(t)
		return cos*ex - sin*ey, sin*ex + cos*ey
	}
	t := t1
	for i := 0; i < n; i++ {
		ax, ay := pt(t)
		adx, ady := der(t)
		bx, by := pt(t + step)
		bdx, bdy := der(t + step)
		if i == n-1 {
			bx, by = x, y
		}
		b.cubic(ax+k*adx, ay+k*ady, bx-k*bdx, by-k*bdy, bx, by)
		t += step
	}
	b.lastCubic = false
}

// parsePath reads SVG path data. An error stops it, keeping what was
// read, as SVG asks.
func parsePath(d string) []display.Segment {
	var b pathBuilder
	sc := scanner{s: d}
	var cmd byte
	for {
		sc.space()
		if sc.done() {
			break
		}
		if c := sc.s[sc.i]; isCommand(c) {
			cmd = c
			sc.i++
		} else if cmd == 0 {
			break
		}
		rel := cmd >= 'a'
		ox, oy := 0.0, 0.0
		if rel {
			ox, oy = b.cx, b.cy
		}
		nums := func(n int) ([]float64, bool) {
			out := make([]float64, n)
			for i := range out {
				f, ok := sc.number()
				if !ok {
					return nil, false
				}
				out[i] = f
			}
			return out, true
		}
		switch cmd | 0x20 {
		case 'z':
			b.close()
			cmd = 0
			continue
		case 'm':
			a, ok := nums(2)
			if !ok {
				return b.segs
			}
			b.move(ox+a[0], oy+a[1])
			// Further pairs are lines.
			if rel {
				cmd = 'l'
			} else {
				cmd = 'L'
			}
		case 'l':
			a, ok := nums(2)
			if !ok {
				return b.segs
			}
			b.line(ox+a[0], oy+a[1])
		case 'h':
			a, ok := nums(1)
			if !ok {
				return b.segs
			}
			b.line(ox+a[0], b.cy)
		case 'v':
			a, ok := nums(1)
			if !ok {
				return b.segs
			}
			b.line(b.cx, oy+a[0])
		case 'c':
			a, ok := nums(6)
			if !ok {
				return b.segs
			}
			b.cubic(ox+a[0], oy+a[1], ox+a[2], oy+a[3], ox+a[4], oy+a[5])
		case 's':
			a, ok := nums(4)
			if !ok {
				return b.segs
			}
			x1, y1 := b.cx, b.cy
			if b.lastCubic {
				x1, y1 = 2*b.cx-b.lastCtrl.X, 2*b.cy-b.lastCtrl.Y
			}
			b.cubic(x1, y1, ox+a[0], oy+a[1], ox+a[2], oy+a[3])
		case 'q':
			a, ok := nums(4)
			if !ok {
				return b.segs
			}
			b.quad(ox+a[0], oy+a[1], ox+a[2], oy+a[3])
		case 't':
			a, ok := nums(2)
			if !ok {
				return b.segs
			}
			qx, qy := b.cx, b.cy
			if b.lastQuad {
				qx, qy = 2*b.cx-b.lastQuadCtrl.X, 2*b.cy-b.lastQuadCtrl.Y
			}
			b.quad(qx, qy, ox+a[0], oy+a[1])
		case 'a':
			a, ok := nums(3)
			if !ok {
				return b.segs
			}
			large, ok1 := sc.flag()
			sweep, ok2 := sc.flag()
			end, ok3 := nums(2)
			if !ok1 || !ok2 || !ok3 {
				return b.segs
			}
			b.arc(a[0], a[1], a[2], large, sweep, ox+end[0], oy+end[1])
		default:
			return b.segs
		}
		if len(b.segs) > 0 && b.segs[0].Op != display.MoveTo {
			return nil
		}
	}
	return b.segs
}

func isCommand(c byte) bool {
	switch c | 0x20 {
	case 'm', 'l', 'h', 'v', 'c', 's', 'q', 't', 'a', 'z':
		return true
	}
	return false
}

// scanner reads numbers and flags from path data and number lists.
type scanner struct {
	s string
	i int
}

func (sc *scanner) done() bool { return sc.i >= len(sc.s) }

// space skips white space and one comma.
func (sc *scanner) space() {
	comma := false
	for sc.i < len(sc.s) {
		switch c := sc.s[sc.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
		case c == ',' && !comma:
			comma = true
		default:
			return
		}
		sc.i++
	}
}

// number reads a number such as -1.5e3 or .5 (".5.5" is two numbers).
func (sc *scanner) number() (float64, bool) {
	sc.space()
	start := sc.i
	if sc.i < len(sc.s) && (sc.s[sc.i] == '-' || sc.s[sc.i] == '+') {
		sc.i++
	}
	digits, dot := 0, false
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		if c >= '0' && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
		sc.i++
	}
	if digits == 0 {
		sc.i = start
		return 0, false
	}
	if sc.i < len(sc.s) && (sc.s[sc.i] == 'e' || sc.s[sc.i] == 'E') {
		j := sc.i + 1
		if j < len(sc.s) && (sc.s[j] == '-' || sc.s[j] == '+') {
			j++
		}
		k := j
		for k < len(sc.s) && sc.s[k] >= '0' && sc.s[k] <= '9' {
			k++
		}
		if k > j {
			sc.i = k
		}
	}
	f, err := strconv.ParseFloat(sc.s[start:sc.i], 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// flag reads an arc flag: a single 0 or 1, which may touch the next number.
func (sc *scanner) flag() (bool, bool) {
	sc.space()
	if sc.i >= len(sc.s) || sc.s[sc.i] != '0' && sc.s[sc.i] != '1' {
		return false, false
	}
	sc.i++
	return sc.s[sc.i-1] == '1', true
}
