package svgimage

import (
	"math"
	"testing"
)

// FuzzSVG: the SVG reader never panics or runs away on any document, and
// a drawing it returns has a finite size.
func FuzzSVG(f *testing.F) {
	for _, s := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><circle cx="18" cy="18" r="18" fill="#FFCC4D"/></svg>`,
		`<svg width="100" height="100"><g transform="translate(10 20) rotate(30) skewX(5)" fill="#0f0" opacity=".5"><path fill-rule="evenodd" d="M0 0h10v10H0zm2 2a3 3 0 1 0 4 0q1 1 2 2t3 3s1 1 2 2c1 1 2 2 3 3"/></g></svg>`,
		`<svg width="10" height="10"><style>.a{fill:#123456} rect{stroke:none} #b{stroke-dasharray:1 2}</style><rect class="a" id="b" width="5" height="5" rx="1" style="fill-opacity:0.25"/></svg>`,
		`<svg><defs><g id="a"><rect width="1" height="1"/></g><linearGradient id="g"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/></linearGradient></defs><use href="#a" x="2"/><use xlink:href="#a"/><rect fill="url(#g)" width="3" height="3"/></svg>`,
		`<svg><defs><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></defs><use href="#a"/></svg>`,
		`<svg viewBox="0 0 10 10"><text x="1" y="5" font-size="3" text-anchor="middle">a<tspan font-weight="bold">b</tspan></text><polyline points="0,0 1,1 2,0"/><polygon points="0 0 5 5 0 5"/><line x1="0" y1="0" x2="5" y2="5" stroke="black"/><ellipse cx="5" cy="5" rx="2" ry="1"/></svg>`,
		`<svg width="1e308" height="-5" viewBox="0 0 0 0"><path d="M1e308 1e308L-1e308 0"/></svg>`,
		`<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>`,
		`<svg><image href="file:///etc/passwd"/><image href="http://example.com/x.png"/><clipPath id="c"><rect/></clipPath><g clip-path="url(#c)" filter="url(#f)" mask="url(#m)"/></svg>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			return
		}
		if math.IsNaN(d.Width) || math.IsInf(d.Width, 0) || math.IsNaN(d.Height) || math.IsInf(d.Height, 0) || d.Width < 0 || d.Height < 0 {
			t.Fatalf("drawing of size %g × %g", d.Width, d.Height)
		}
	})
}
