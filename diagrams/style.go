package diagrams

import (
	"strconv"
	"strings"

	"github.com/layerdeck/layerdeck/internal/display"
)

// style reads how Graphviz paints an object from its drawing operations,
// where colours are resolved (named, scheme and list colours alike), and
// from its style attribute. With no drawing operations an object has no
// outline (style=invis, or peripheries=0): Width is 0. A line (an edge)
// is never filled or rounded.
func (c *converter) style(attr string, ops []xdotOp, stroke display.Color, line bool) Style {
	st := Style{Stroke: stroke, Fill: c.th.Surface}
	for _, s := range strings.Split(attr, ",") {
		switch strings.TrimSpace(s) {
		case "invis":
			st.Hidden = true
		case "rounded":
			st.Rounded = true
		}
	}
	if len(ops) == 0 {
		return st
	}
	st.Width = 1
	pen, fill := false, false
	for _, op := range ops {
		switch op.Op {
		case "c":
			if !pen {
				pen = true
				if col, ok := parseColor(op.Color); ok {
					st.Stroke = col
				} else if transparent(op.Color) {
					st.Width = 0
				}
			}
		case "C":
			if !fill {
				fill = true
				if col, ok := parseColor(op.Color); ok {
					st.Fill = col
				}
			}
		case "S":
			switch s := op.Style; {
			case s == "dashed":
				st.Dashed = true
			case s == "dotted":
				st.Dotted = true
			case strings.HasPrefix(s, "setlinewidth("):
				if w, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(s, "setlinewidth("), ")"), 64); err == nil && w >= 0 && w < 50 {
					st.Width = w
				}
			}
		case "P", "E", "B":
			st.Filled = st.Filled || fill
		}
		// Graphviz draws rounded boxes as Béziers; edges are Béziers too.
		if (op.Op == "b" || op.Op == "B") && !line {
			st.Rounded = true
		}
	}
	if line {
		st.Filled, st.Rounded = false, false
	}
	if st.Rounded {
		st.Radius = c.th.CornerRadius
	}
	return st
}

// drawnShape maps the shape Graphviz was given to the one drawn.
func drawnShape(s string) string {
	switch s {
	case "ellipse", "oval", "circle", "doublecircle", "Mcircle", "point":
		return ShapeEllipse
	case "diamond", "Mdiamond":
		return ShapeDiamond
	case "plaintext", "plain", "none":
		return ShapeNone
	}
	return ShapeBox
}

// transparent reports a colour with zero alpha, or "transparent".
func transparent(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "transparent" || s == "none" || (len(s) == 9 && strings.HasPrefix(s, "#") && strings.HasSuffix(s, "00"))
}

// parseColor reads "#rrggbb", "#rrggbbaa" (not fully transparent) or one
// of the few colour names most DOT files use.
func parseColor(s string) (display.Color, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if transparent(s) {
		return display.Color{}, false
	}
	if strings.HasPrefix(s, "#") && (len(s) == 7 || len(s) == 9) {
		v, err := strconv.ParseUint(s[1:7], 16, 32)
		if err != nil {
			return display.Color{}, false
		}
		return rgb(uint32(v)), true
	}
	if v, ok := namedColor(s); ok {
		return rgb(v), true
	}
	return display.Color{}, false
}

func rgb(v uint32) display.Color {
	return display.Color{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}
}

// namedColor knows the X11 colour names most DOT files use; Graphviz
// resolves every name in its drawing operations, so these only serve
// font colours, which layerdeck needs before the layout.
func namedColor(s string) (uint32, bool) {
	switch s {
	case "black":
		return 0x000000, true
	case "white":
		return 0xffffff, true
	case "red":
		return 0xff0000, true
	case "green":
		return 0x00ff00, true
	case "blue":
		return 0x0000ff, true
	case "gray", "grey":
		return 0xc0c0c0, true
	case "darkgray", "darkgrey":
		return 0xa9a9a9, true
	case "dimgray", "dimgrey":
		return 0x696969, true
	case "navy", "navyblue":
		return 0x000080, true
	case "darkgreen":
		return 0x006400, true
	case "darkred":
		return 0x8b0000, true
	case "orange":
		return 0xffa500, true
	case "purple":
		return 0xa020f0, true
	case "brown":
		return 0xa52a2a, true
	}
	return 0, false
}
