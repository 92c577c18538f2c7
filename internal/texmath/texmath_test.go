package texmath

import (
	"errors"
	"testing"

	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
)

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		src string
		off int
		msg string
	}{
		{`x + \foo y`, 4, `unknown math command \foo`},
		{`\frac{a}`, 8, `\frac needs an argument`},
		{`{a`, 0, `unclosed {`},
		{`a}`, 1, `unexpected '}'`},
		{`x^2^3`, 3, `double superscript`},
		{`\left( x`, 0, `\left without \right`},
		{`\right)`, 0, `\right without \left`},
		{`\begin{foo} x \end{foo}`, 6, `unknown environment foo`},
		{`\begin{matrix} a & b \end{pmatrix}`, 21, `\begin{matrix} ended by \end{pmatrix}`},
		{`\begin{matrix} a & b`, 0, `\begin{matrix} without \end{matrix}`},
		{`\text{a \alpha}`, 8, `unknown text command \alpha inside \text`},
		{`\color{nocolour} x`, 6, `unknown colour "nocolour"`},
		{`\left\foo x \right)`, 5, `unknown math command \foo`},
		{`\left x \right)`, 6, `\left takes a delimiter such as ( [ \{ | \langle or ., not this`},
	} {
		err := Check(c.src)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: error %v, want %q", c.src, err, c.msg)
			continue
		}
		if e.Offset != c.off || e.Msg != c.msg {
			t.Errorf("%s: error at %d %q, want at %d %q", c.src, e.Offset, e.Msg, c.off, c.msg)
		}
	}
}

func TestAccepted(t *testing.T) {
	for _, src := range []string{
		`E = mc^2`, `\frac1c \frac{\partial^2 \mathbf{\psi}}{\partial t^2}`, `I_{xx}=\int\int_Ry^2f(x,y)\cdot{}dydx`,
		"X_k % comment with $k$\n= \\sum_{n=0}^{N-1} x_n \\exp\\!\\left( -2\\pi i \\frac{kn}{N} \\right)",
		`\LaTeX`, `[1]`, `inline\ math`, `\textbf{E} \circ \epsilon`, `\not= \not\in`, `\sqrt[n]{x}`,
		`\begin{array}{cc|c} a & b & c \end{array}`, `\operatorname{argmax}_x f`, `\sum\limits_i \int\nolimits_0^1`,
		`\text{\{日本語\} 100\%}`, `\overset{!}{=} \underset{x}{\arg\min}`, `\boxed{x} \phantom{y} \color{red} z`,
	} {
		if err := Check(src); err != nil {
			t.Errorf("%s: %v", src, err)
		}
		if _, err := Layout(src, Options{Size: 10}); err != nil {
			t.Errorf("%s: layout: %v", src, err)
		}
	}
}

// TestSymbolsHaveGlyphs checks that every symbol of the tables is in a
// math font, so none is drawn as nothing.
func TestSymbolsHaveGlyphs(t *testing.T) {
	m, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	ts := &typesetter{m: m}
	for name, s := range symbols {
		if ts.lookup(s.font, s.r) == nil {
			t.Errorf(`\%s (%c U+%04X) is in no math font`, name, s.r, s.r)
		}
	}
	for name, a := range accents {
		if m.glyph(fMain, a.r) == nil {
			t.Errorf(`accent \%s (%c U+%04X) is not in KaTeX_Main`, name, a.r, a.r)
		}
	}
	if m.glyph(fMain, notSlash) == nil {
		t.Error("KaTeX_Main has no \\not slash")
	}
}

func TestMetrics(t *testing.T) {
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, _ := Layout(`x`, Options{Size: 10})
	if x.Width < 5 || x.Width > 6.5 || x.Height < 4 || x.Height > 4.6 || x.Depth > 0.2 {
		t.Errorf("x: %.2f × (%.2f + %.2f), want about 5.7 × (4.3 + 0)", x.Width, x.Height, x.Depth)
	}
	inline, _ := Layout(`\sum_{i=1}^n \frac{a}{b}`, Options{Size: 10})
	disp, _ := Layout(`\sum_{i=1}^n \frac{a}{b}`, Options{Size: 10, Display: true})
	if disp.Height <= inline.Height*1.5 {
		t.Errorf("display %.1f×%.1f is not larger than inline %.1f×%.1f", disp.Width, disp.Height, inline.Width, inline.Height)
	}
	// Centred on the axis: a fraction of equal parts is as high as deep,
	// plus twice the axis height.
	f, _ := Layout(`\frac{x}{x}`, Options{Size: 10, Display: true})
	if d := f.Height - f.Depth; d < 4 || d > 6 {
		t.Errorf("fraction height − depth %.2f, want about 2 × 2.5", d)
	}
	jp, _ := Layout(`\text{日本}`, Options{Size: 12.1, Text: fs, TextScale: 1 / 1.21})
	if jp.Width < 19.5 || jp.Width > 20.5 {
		t.Errorf(`\text{日本} is %.2f wide, want 20 (two ems of the 10 pt text)`, jp.Width)
	}
	items := jp.Draw(0, 0, display.Color{})
	if len(items) != 1 || items[0].Text == nil || items[0].Text.Text != "日本" || items[0].Text.Size < 9.99 || items[0].Text.Size > 10.01 {
		t.Errorf(`\text{日本} draws %+v, want one 10 pt text item`, items)
	}
}

func BenchmarkLayout(b *testing.B) {
	fs, err := fonts.Default()
	if err != nil {
		b.Fatal(err)
	}
	src := `\begin{aligned} f(x) &= \sum_{i=1}^{n} \frac{\sqrt{x_i^2+1}}{\left( 1 + \alpha_i \right)^2} \\ &= \int_0^\infty e^{-x^2}\,dx + \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} \text{（定義）} \end{aligned}`
	for b.Loop() {
		f, err := Layout(src, Options{Size: 28, Display: true, Text: fs})
		if err != nil {
			b.Fatal(err)
		}
		f.Draw(100, 100, display.Color{})
	}
}
