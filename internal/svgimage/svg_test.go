package svgimage

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/layerdeck/layerdeck/internal/display"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, svg string
		w, h      float64
		check     func(t *testing.T, d *Drawing)
	}{
		{"viewBox only", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><circle cx="18" cy="18" r="18" fill="#FFCC4D"/></svg>`, 36, 36,
			func(t *testing.T, d *Drawing) {
				p := d.Items[0].Path
				if p == nil || p.Fill.Color != (display.Color{R: 0xff, G: 0xcc, B: 0x4d}) || !p.Stroke.None {
					t.Fatalf("circle: %+v", d.Items[0])
				}
				if got := p.Segments[0].Points[0]; got != (display.Point{X: 36, Y: 18}) {
					t.Errorf("circle starts at %v", got)
				}
			}},
		{"width scales the viewBox", `<svg width="72" viewBox="0 0 36 18"><rect x="1" y="1" width="10" height="5" fill="red" stroke="blue" stroke-width="2"/></svg>`, 72, 36,
			func(t *testing.T, d *Drawing) {
				p := d.Items[0].Path
				if got := p.Segments[0].Points[0]; got != (display.Point{X: 2, Y: 2}) {
					t.Errorf("rect starts at %v", got)
				}
				if p.Stroke.Width != 4 || p.Stroke.Color != (display.Color{B: 255}) {
					t.Errorf("stroke %+v", p.Stroke)
				}
			}},
		{"transforms, groups, opacity, even-odd", `<svg width="100" height="100"><g transform="translate(10 20)" fill="#0f0" opacity=".5"><path fill-rule="evenodd" transform="scale(2)" d="M0 0h10v10H0z"/></g></svg>`, 100, 100,
			func(t *testing.T, d *Drawing) {
				p := d.Items[0].Path
				if !p.EvenOdd || p.Fill.Opacity != 0.5 || p.Fill.Color != (display.Color{G: 255}) {
					t.Errorf("path %+v", p)
				}
				if got := p.Segments[2].Points[0]; got != (display.Point{X: 30, Y: 40}) {
					t.Errorf("corner at %v", got)
				}
			}},
		{"style sheet and style attribute", `<svg width="10" height="10"><style>.a{fill:#123456} rect{stroke:none}</style><rect class="a" width="5" height="5" style="fill-opacity:0.25"/></svg>`, 10, 10,
			func(t *testing.T, d *Drawing) {
				p := d.Items[0].Path
				if p.Fill.Color != (display.Color{R: 0x12, G: 0x34, B: 0x56}) || p.Fill.Opacity != 0.25 {
					t.Errorf("fill %+v", p.Fill)
				}
			}},
		{"text and use", `<svg width="200" height="100"><defs><rect id="r" width="4" height="4"/></defs><use href="#r" x="50"/><text x="100" y="50" font-size="20" text-anchor="middle" font-weight="bold">Hi <tspan fill="red">there</tspan></text></svg>`, 200, 100,
			func(t *testing.T, d *Drawing) {
				if len(d.Items) != 3 || d.Items[0].Path.Segments[0].Points[0].X != 50 {
					t.Fatalf("items %s", js(d.Items))
				}
				out := d.Place(display.Identity, func(s string, size float64, bold bool) float64 { return float64(len(s)) * size / 2 })
				tx := out[1].Text
				if tx.Text != "Hi" || !tx.Bold || tx.Size != 20 || tx.Width != 20 || tx.X != 90 {
					t.Errorf("text %+v", tx)
				}
				if out[2].Text.Text != "there" || out[2].Text.Color != (display.Color{R: 255}) {
					t.Errorf("tspan %+v", out[2].Text)
				}
			}},
		{"gradient and clip path", `<svg viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></linearGradient><clipPath id="c"><rect width="5" height="5"/></clipPath></defs><rect width="10" height="10" fill="url(#g)" clip-path="url(#c)"/></svg>`, 10, 10,
			func(t *testing.T, d *Drawing) {
				g := d.Items[0].Group
				if g == nil || *g.Clip != (display.Box{W: 5, H: 5}) || g.Items[0].Path.Fill.Color != (display.Color{R: 128, G: 128, B: 128}) {
					t.Errorf("items %s", js(d.Items))
				}
				if len(d.Skipped) != 1 {
					t.Errorf("skipped %v", d.Skipped)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.svg))
			if err != nil {
				t.Fatal(err)
			}
			if d.Width != tt.w || d.Height != tt.h {
				t.Errorf("size %g × %g, want %g × %g", d.Width, d.Height, tt.w, tt.h)
			}
			tt.check(t, d)
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{"", "<html></html>", "<svg><path d='M0 0", "not xml"} {
		if _, err := Parse([]byte(s)); err == nil && s != "<svg><path d='M0 0" {
			t.Errorf("Parse(%q): no error", s)
		}
	}
}

func TestPathData(t *testing.T) {
	tests := []struct {
		d    string
		ops  string
		last display.Point
	}{
		{"M10 10L20 20", "ML", display.Point{X: 20, Y: 20}},
		{"m10 10 5 5h5v-5z", "MLLLZ", display.Point{}},
		{"M0 0c1 1 2 2 3 3s4 4 5 5", "MCC", display.Point{X: 8, Y: 8}},
		{"M0 0q5 5 10 0t10 0", "MCC", display.Point{X: 20, Y: 0}},
		{"M0 0a5 5 0 1 0 10 0", "MCC", display.Point{X: 10, Y: 0}},
		{"M0,0A5,5,0,0,1,10,0", "MCC", display.Point{X: 10, Y: 0}},
		{"M.5.5L1e1-1", "ML", display.Point{X: 10, Y: -1}},
		{"M0 0a1 1 0 0010 0", "MCC", display.Point{X: 10, Y: 0}},
		{"L5 5", "", display.Point{}},
	}
	for _, tt := range tests {
		segs := parsePath(tt.d)
		ops := ""
		for _, s := range segs {
			ops += string(s.Op)
		}
		if ops != tt.ops {
			t.Errorf("%q: ops %q, want %q", tt.d, ops, tt.ops)
			continue
		}
		if len(segs) == 0 || segs[len(segs)-1].Op == display.Close {
			continue
		}
		pts := segs[len(segs)-1].Points
		got := pts[len(pts)-1]
		if math.Abs(got.X-tt.last.X) > 1e-9 || math.Abs(got.Y-tt.last.Y) > 1e-9 {
			t.Errorf("%q ends at %v, want %v", tt.d, got, tt.last)
		}
	}
}

func js(v any) string { b, _ := json.Marshal(v); return string(b) }
