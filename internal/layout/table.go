package layout

import (
	"math"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/internal/display"
)

// table lays out a GFM table: columns sized to their content, shared
// fairly when the table is wider than the box; a tinted header row and
// rules between rows.
func (e *engine) table(t *deck.Table, width, sc float64) box {
	st := textStyle{size: e.th.TableSize * sc, color: e.th.Text}
	hst := st
	hst.bold = true
	padX, padY := st.size*0.6, st.size*0.3
	ncol := len(t.Header)
	for _, r := range t.Rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return box{}
	}
	cell := func(row [][]deck.Span, i int, s textStyle) para {
		if i < len(row) {
			return spansToPara(row[i], s)
		}
		return para{color: s.color}
	}
	natural := make([]float64, ncol)
	for i := 0; i < ncol; i++ {
		natural[i] = e.br.Measure(cell(t.Header, i, hst).runs) + 2*padX
		for _, r := range t.Rows {
			natural[i] = math.Max(natural[i], e.br.Measure(cell(r, i, st).runs)+2*padX)
		}
	}
	cols := shareWidths(natural, width)
	// A slide table spans the text width: spare room goes to every
	// column in proportion to its content.
	total := 0.0
	for _, c := range cols {
		total += c
	}
	if total < width && total > 0 {
		for i := range cols {
			cols[i] *= width / total
		}
	}
	aligns := make([]align, ncol)
	for i := range aligns {
		if i < len(t.Align) {
			aligns[i] = map[deck.Align]align{deck.AlignCenter: alignCenter, deck.AlignRight: alignRight}[t.Align[i]]
		}
	}
	var out box
	for i := range cols {
		out.w += cols[i]
	}
	rows := append([][][]deck.Span{t.Header}, t.Rows...)
	var items []display.Item
	table := &display.Tag{Role: "Table"}
	for ri, r := range rows {
		row := &display.Tag{Role: "TR", Parent: table}
		cellRole := "TD"
		if ri == 0 {
			cellRole = "TH"
		}
		s := st
		if ri == 0 {
			s = hst
		}
		var tbs []*textBlock
		rowH := 0.0
		for i := 0; i < ncol; i++ {
			tb := e.breakText(cell(r, i, s), cols[i]-2*padX, false, aligns[i])
			tbs = append(tbs, tb)
			rowH = math.Max(rowH, tb.height)
		}
		rowH += 2 * padY
		if ri == 0 {
			items = append(items, display.Item{Rect: &display.Rect{Y: out.h, W: out.w, H: rowH, Fill: display.Paint{Color: e.th.Surface}, Stroke: display.NoPaint}})
		}
		x := 0.0
		for i, tb := range tbs {
			n := len(items)
			e.drawText(tb, x+padX, out.h+padY, &items)
			display.SetTag(items[n:], &display.Tag{Role: cellRole, Parent: row})
			x += cols[i]
		}
		out.h += rowH
		items = append(items, rule(0, out.h, out.w, e.th.Border, 0.75))
	}
	out.items = items
	return out
}

// shareWidths fits natural column widths into width: columns narrower
// than a fair share keep their width, the rest share what is left.
func shareWidths(natural []float64, width float64) []float64 {
	total := 0.0
	for _, w := range natural {
		total += w
	}
	out := append([]float64(nil), natural...)
	if total <= width {
		return out
	}
	fixed := make([]bool, len(out))
	for {
		left, n := width, 0
		for i := range out {
			if fixed[i] {
				left -= out[i]
			} else {
				n++
			}
		}
		if n == 0 {
			return out
		}
		share := left / float64(n)
		changed := false
		for i := range out {
			if !fixed[i] && natural[i] <= share {
				fixed[i], out[i], changed = true, natural[i], true
			}
		}
		if !changed {
			for i := range out {
				if !fixed[i] {
					out[i] = share
				}
			}
			return out
		}
	}
}

// rule is a horizontal line.
func rule(x, y, w float64, c display.Color, width float64) display.Item {
	return display.Item{Path: &display.Path{
		Segments: []display.Segment{
			{Op: display.MoveTo, Points: []display.Point{{X: x, Y: y}}},
			{Op: display.LineTo, Points: []display.Point{{X: x + w, Y: y}}},
		},
		Fill: display.NoPaint, Stroke: display.Paint{Color: c, Width: width},
	}}
}
