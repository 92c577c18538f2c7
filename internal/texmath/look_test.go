package texmath

import (
	"os"
	"testing"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/render/png"
)

// TestLook writes a sheet of formulas to $TEXMATH_LOOK (a PNG file) to
// be looked at; without the variable it only lays them out.
func TestLook(t *testing.T) {
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	formulas := []struct {
		src     string
		display bool
	}{
		{`E = mc^2, \quad x_i^2 + y_{ij}' \leq \alpha\beta\gamma, f(x) \to \infty`, false},
		{`\frac{a+b}{2} + \sqrt{x^2+1} + \sqrt[3]{y} \cdot \binom{n}{k}`, false},
		{`\sum_{i=1}^{n} i = \frac{n(n+1)}{2}`, true},
		{`\int_{0}^{\infty} e^{-x^2} dx = \frac{\sqrt{\pi}}{2}, \quad \lim_{x \to 0} \frac{\sin x}{x} = 1`, true},
		{`\hat{x} \bar{y} \vec{v} \dot{a} \tilde{n} \left( \frac{1}{2} \right) \mathbb{R}^n \mathrm{d}x \mathbf{A}`, true},
		{`A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}, B = \begin{bmatrix} a & b & c \\ d & e & f \\ g & h & i \end{bmatrix}`, true},
		{`\begin{aligned} f(x) &= (x+1)^2 \\ &= x^2 + 2x + 1 \end{aligned}`, true},
		{`\text{速度} v = \frac{\text{距離}}{\text{時間}}, \; |x| = \begin{cases} x & x \geq 0 \\ -x & x < 0 \end{cases}`, true},
		{`\nabla \times \vec{\mathbf{B}} -\, \frac1c\, \frac{\partial\vec{\mathbf{E}}}{\partial t} \neq \prod_{k} \log \sin \theta \approx \LaTeX`, true},
		{`\left\{ \begin{matrix} a \\ b \\ c \\ d \end{matrix} \right\} \left[ \frac{\frac{a}{b}}{\frac{c}{d}} \right] \Rightarrow \sqrt{\frac{\frac{a}{b}}{\frac{c}{d}}}`, true},
	}
	page := &display.Page{Width: 900, Height: 60 * float64(len(formulas)+1)}
	page.Items = append(page.Items, display.Item{Rect: &display.Rect{W: page.Width, H: page.Height, Fill: display.Paint{Color: display.White}, Stroke: display.NoPaint}})
	y := 50.0
	for _, f := range formulas {
		fm, err := Layout(f.src, Options{Size: 24, Display: f.display, Text: fs, TextScale: 1 / 1.21})
		if err != nil {
			t.Fatalf("%s: %v", f.src, err)
		}
		page.Items = append(page.Items, display.Item{Rect: &display.Rect{X: 20, Y: y - fm.Height, W: fm.Width, H: fm.Height + fm.Depth, Fill: display.NoPaint, Stroke: display.Paint{Color: display.Color{R: 200, G: 220, B: 255}, Width: 0.5}}})
		page.Items = append(page.Items, fm.Draw(20, y, display.Color{})...)
		y += 60
	}
	out := os.Getenv("TEXMATH_LOOK")
	if out == "" {
		return
	}
	b, err := png.Render(page, png.Options{Fonts: fs})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
