package texmath

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/layerdeck/layerdeck/internal/display"
)

// FuzzMath: parsing and laying out any TeX source never panics, an error
// points inside the source, and a laid-out formula has a finite size.
func FuzzMath(f *testing.F) {
	for _, s := range []string{
		`E = mc^2`, `\frac1c \frac{\partial^2 \mathbf{\psi}}{\partial t^2}`,
		"X_k % comment\n= \\sum_{n=0}^{N-1} x_n \\exp\\!\\left( -2\\pi i \\frac{kn}{N} \\right)",
		`\sqrt[n]{x} \begin{array}{cc|c} a & b & c \\ d & e & f \end{array}`,
		`\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix} \begin{aligned} a &= b \\ c &= d \end{aligned}`,
		`\text{\{日本語\} 100\%} \overset{!}{=} \underset{x}{\arg\min} \boxed{x} \color{red} z`,
		`\left( \frac{a}{b} \middle| c \right] \not= \LaTeX`, `{a`, `a}`, `x^2^3`, `\left( x`, `\foo`,
		`\frac{\frac{\frac{1}{2}}{3}}{4}`, `a_{b_{c_{d_{e}}}}^{f^{g^{h}}}`, `\sum\limits_i \int\nolimits_0^1 \operatorname{argmax}_x`,
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, src string, display_ bool) {
		// A formula that runs away is a failure too, found as one.
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				panic(fmt.Sprintf("formula %q took more than 5 s", src))
			}
		}()
		if err := Check(src); err != nil {
			if e, ok := err.(*Error); !ok || e.Offset < 0 || e.Offset > len(src) {
				t.Fatalf("error %v is not an *Error inside the source", err)
			}
			return
		}
		fo, err := Layout(src, Options{Size: 20, Display: display_})
		if err != nil {
			t.Fatalf("Check accepted what Layout refused: %v", err)
		}
		for _, v := range []float64{fo.Width, fo.Height, fo.Depth} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("formula of size %g, %g, %g", fo.Width, fo.Height, fo.Depth)
			}
		}
		fo.Draw(0, 0, display.Color{})
	})
}
