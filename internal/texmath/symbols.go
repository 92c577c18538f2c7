package texmath

// class is a TeX atom class: it decides the space between atoms.
type class uint8

const (
	ord class = iota
	op
	bin
	rel
	open
	closing
	punct
	inner
)

// fontID names an embedded KaTeX font.
type fontID uint8

const (
	fMain fontID = iota
	fMainBold
	fMainItalic
	fMathItalic
	fAMS
	fCal
	fSize1
	fSize2
	fSize3
	fSize4
	nFonts
)

// fontNames are the fonts' names in fonts.MathFont, by fontID.
var fontNames = [nFonts]string{
	"Main-Regular", "Main-Bold", "Main-Italic", "Math-Italic", "AMS-Regular",
	"Caligraphic-Regular", "Size1-Regular", "Size2-Regular", "Size3-Regular", "Size4-Regular",
}

// alphabet is the style \mathbb, \mathrm, … give letters.
type alphabet uint8

const (
	alphaDefault alphabet = iota
	alphaRoman
	alphaBold
	alphaItalic
	alphaBB
	alphaCal
)

// alphabets are the commands that set letters in another alphabet.
var alphabets = map[string]alphabet{
	"mathrm": alphaRoman, "rm": alphaRoman, "mathsf": alphaRoman, "mathtt": alphaRoman, "mathnormal": alphaDefault,
	"mathbf": alphaBold, "bf": alphaBold, "boldsymbol": alphaBold, "bm": alphaBold, "pmb": alphaBold,
	"mathit": alphaItalic, "it": alphaItalic,
	"mathbb": alphaBB, "Bbb": alphaBB,
	"mathcal": alphaCal, "cal": alphaCal, "mathscr": alphaCal,
}

// asciiSym is the symbol of an ASCII character typed in a formula.
func asciiSym(r rune, a alphabet) (sym, bool) {
	switch {
	case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		f := fMathItalic
		switch a {
		case alphaRoman:
			f = fMain
		case alphaBold:
			f = fMainBold
		case alphaItalic:
			f = fMainItalic
		case alphaBB:
			f = fAMS
			if r >= 'a' && r <= 'z' && r != 'k' {
				f = fMain
			}
		case alphaCal:
			f = fCal
			if r >= 'a' && r <= 'z' {
				f = fMathItalic
			}
		}
		return sym{r: r, font: f, class: ord}, true
	case r >= '0' && r <= '9':
		f := fMain
		if a == alphaBold {
			f = fMainBold
		}
		return sym{r: r, font: f, class: ord}, true
	}
	f := fMain
	if a == alphaBold {
		f = fMainBold
	}
	switch r {
	case '+':
		return sym{r: r, font: f, class: bin}, true
	case '-':
		return sym{r: '−', font: f, class: bin}, true
	case '*':
		return sym{r: '∗', font: f, class: bin}, true
	case '=', '<', '>', ':':
		return sym{r: r, font: f, class: rel}, true
	case ',', ';':
		return sym{r: r, font: f, class: punct}, true
	case '(', '[':
		return sym{r: r, font: f, class: open}, true
	case ')', ']':
		return sym{r: r, font: f, class: closing}, true
	case '!', '?':
		return sym{r: r, font: f, class: closing}, true
	case '.', '/', '|', '@', '"', '`':
		return sym{r: r, font: f, class: ord}, true
	}
	return sym{}, false
}

// symbols maps commands to symbols.
var symbols = map[string]sym{}

// unicodeSym maps characters typed directly (α, ≤, →) to symbols.
var unicodeSym = map[rune]sym{}

func def(f fontID, c class, pairs ...any) {
	for i := 0; i+1 < len(pairs); i += 2 {
		name, r := pairs[i].(string), pairs[i+1].(rune)
		s := sym{r: r, font: f, class: c}
		symbols[name] = s
		if _, ok := unicodeSym[r]; !ok && r > 0x7f {
			unicodeSym[r] = s
		}
	}
}

func init() {
	// Greek: lower case italic, upper case upright, as TeX sets them.
	def(fMathItalic, ord,
		"alpha", 'α', "beta", 'β', "gamma", 'γ', "delta", 'δ', "epsilon", 'ϵ', "varepsilon", 'ε',
		"zeta", 'ζ', "eta", 'η', "theta", 'θ', "vartheta", 'ϑ', "iota", 'ι', "kappa", 'κ',
		"lambda", 'λ', "mu", 'μ', "nu", 'ν', "xi", 'ξ', "omicron", 'ο', "pi", 'π', "varpi", 'ϖ',
		"rho", 'ρ', "varrho", 'ϱ', "sigma", 'σ', "varsigma", 'ς', "tau", 'τ', "upsilon", 'υ',
		"phi", 'ϕ', "varphi", 'φ', "chi", 'χ', "psi", 'ψ', "omega", 'ω')
	def(fMain, ord,
		"Gamma", 'Γ', "Delta", 'Δ', "Theta", 'Θ', "Lambda", 'Λ', "Xi", 'Ξ', "Pi", 'Π',
		"Sigma", 'Σ', "Upsilon", 'Υ', "Phi", 'Φ', "Psi", 'Ψ', "Omega", 'Ω',
		"infty", '∞', "partial", '∂', "nabla", '∇', "forall", '∀', "exists", '∃', "emptyset", '∅',
		"hbar", 'ℏ', "ell", 'ℓ', "Re", 'ℜ', "Im", 'ℑ', "aleph", 'ℵ', "prime", '′', "angle", '∠',
		"triangle", '△', "neg", '¬', "lnot", '¬', "top", '⊤', "bot", '⊥', "wp", '℘',
		"vdots", '⋮', "ddots", '⋱', "|", '∥', "Vert", '∥', "vert", '∣', "backslash", '∖',
		"%", '%', "$", '$', "#", '#', "&", '&', "_", '_', "flat", '♭', "natural", '♮', "sharp", '♯',
		"clubsuit", '♣', "diamondsuit", '♢', "heartsuit", '♡', "spadesuit", '♠', "surd", '√',
		"imath", 'ı', "jmath", 'ȷ', "dagger", '†', "ddagger", '‡', "S", '§', "P", '¶',
		"degree", '°', "lbrack", '[', "rbrack", ']')
	def(fAMS, ord, "varnothing", '∅', "checkmark", '✓', "square", '□', "Box", '□', "blacksquare", '■',
		"complement", '∁', "nexists", '∄', "mho", '℧', "eth", 'ð', "beth", 'ℶ', "gimel", 'ℷ')
	def(fAMS, rel, "therefore", '∴', "because", '∵', "leqslant", '⩽', "geqslant", '⩾',
		"lesssim", '≲', "gtrsim", '≳', "subsetneq", '⊊', "supsetneq", '⊋')
	def(fMain, inner, "ldots", '…', "dots", '…', "cdots", '⋯', "dotsc", '…', "dotsb", '⋯', "dotsm", '⋯', "mathellipsis", '…')
	def(fMain, punct, "colon", ':', "cdotp", '⋅', "ldotp", '.')
	def(fMain, bin,
		"pm", '±', "mp", '∓', "times", '×', "div", '÷', "cdot", '⋅', "circ", '∘', "bullet", '∙',
		"ast", '∗', "star", '⋆', "cup", '∪', "cap", '∩', "wedge", '∧', "land", '∧', "vee", '∨', "lor", '∨',
		"setminus", '∖', "oplus", '⊕', "ominus", '⊖', "otimes", '⊗', "oslash", '⊘', "odot", '⊙',
		"sqcup", '⊔', "sqcap", '⊓', "uplus", '⊎', "amalg", '⨿', "diamond", '⋄', "bigcirc", '◯',
		"wr", '≀', "triangleleft", '◃', "triangleright", '▹', "mid", '∣')
	symbols["mid"] = sym{r: '∣', font: fMain, class: rel}
	def(fMain, rel,
		"leq", '≤', "le", '≤', "geq", '≥', "ge", '≥', "approx", '≈',
		"equiv", '≡', "sim", '∼', "simeq", '≃', "cong", '≅', "propto", '∝', "in", '∈',
		"ni", '∋', "owns", '∋', "subset", '⊂', "supset", '⊃', "subseteq", '⊆', "supseteq", '⊇',
		"sqsubseteq", '⊑', "sqsupseteq", '⊒', "perp", '⊥', "parallel", '∥', "ll", '≪', "gg", '≫',
		"prec", '≺', "succ", '≻', "preceq", '⪯', "succeq", '⪰', "models", '⊨', "vdash", '⊢',
		"dashv", '⊣', "asymp", '≍', "doteq", '≐', "bowtie", '⋈', "smile", '⌣', "frown", '⌢',
		"to", '→', "rightarrow", '→', "leftarrow", '←', "gets", '←', "leftrightarrow", '↔',
		"Rightarrow", '⇒', "Leftarrow", '⇐', "Leftrightarrow", '⇔', "implies", '⟹', "impliedby", '⟸',
		"iff", '⟺', "longrightarrow", '⟶', "longleftarrow", '⟵', "longleftrightarrow", '⟷',
		"Longrightarrow", '⟹', "Longleftarrow", '⟸', "Longleftrightarrow", '⟺', "mapsto", '↦',
		"longmapsto", '⟼', "uparrow", '↑', "downarrow", '↓', "updownarrow", '↕', "Uparrow", '⇑',
		"Downarrow", '⇓', "nearrow", '↗', "searrow", '↘', "swarrow", '↙', "nwarrow", '↖',
		"hookrightarrow", '↪', "hookleftarrow", '↩', "rightleftharpoons", '⇌')
	def(fMain, open, "lparen", '(', "{", '{', "lbrace", '{', "langle", '⟨', "lfloor", '⌊', "lceil", '⌈', "lvert", '∣', "lVert", '∥')
	def(fMain, closing, "rparen", ')', "}", '}', "rbrace", '}', "rangle", '⟩', "rfloor", '⌋', "rceil", '⌉', "rvert", '∣', "rVert", '∥')
	// Large operators: drawn from the Size fonts at their size.
	def(fSize1, op, "sum", '∑', "prod", '∏', "coprod", '∐', "int", '∫', "iint", '∬', "iiint", '∭', "oint", '∮',
		"bigcup", '⋃', "bigcap", '⋂', "bigoplus", '⨁', "bigotimes", '⨂', "bigodot", '⨀', "bigvee", '⋁',
		"bigwedge", '⋀', "biguplus", '⨄', "bigsqcup", '⨆', "intop", '∫', "smallint", '∫')
	// Negated relations: the relation with KaTeX's \not slash over it.
	for name, r := range map[string]rune{"neq": '=', "ne": '=', "notin": '∈', "nleq": '≤', "ngeq": '≥'} {
		symbols[name] = sym{r: r, font: fMain, class: rel, neg: true}
	}
	for neg, r := range map[rune]rune{'≠': '=', '∉': '∈', '≢': '≡', '≰': '≤', '≱': '≥', '≉': '≈', '⊄': '⊂', '⊅': '⊃'} {
		unicodeSym[neg] = sym{r: r, font: fMain, class: rel, neg: true}
	}
	// Characters typed directly that name the same symbols.
	unicodeSym['−'] = sym{r: '−', font: fMain, class: bin}
	unicodeSym['·'] = sym{r: '⋅', font: fMain, class: bin}
	unicodeSym['∣'] = sym{r: '∣', font: fMain, class: ord}
	for _, r := range "ℝℕℤℚℂ" {
		unicodeSym[r] = sym{r: map[rune]rune{'ℝ': 'R', 'ℕ': 'N', 'ℤ': 'Z', 'ℚ': 'Q', 'ℂ': 'C'}[r], font: fAMS, class: ord}
	}
}

// bigOpLimits are the large operators that take limits above and below
// in display style (the integrals take them beside).
var bigOpNoLimits = map[rune]bool{'∫': true, '∬': true, '∭': true, '∮': true}

// operatorNames are the roman operators; true takes limits in display style.
var operatorNames = map[string]bool{
	"sin": false, "cos": false, "tan": false, "cot": false, "sec": false, "csc": false,
	"arcsin": false, "arccos": false, "arctan": false, "sinh": false, "cosh": false, "tanh": false, "coth": false,
	"log": false, "ln": false, "lg": false, "exp": false, "arg": false, "deg": false, "dim": false,
	"hom": false, "ker": false,
	"lim": true, "liminf": true, "limsup": true, "max": true, "min": true, "sup": true, "inf": true,
	"det": true, "gcd": true, "Pr": true, "argmax": true, "argmin": true,
}

// spaces are the spacing commands, in ems.
var spaces = map[string]float64{
	",": 3.0 / 18, "thinspace": 3.0 / 18, ":": 4.0 / 18, ">": 4.0 / 18, "medspace": 4.0 / 18,
	";": 5.0 / 18, "thickspace": 5.0 / 18, "!": -3.0 / 18, "negthinspace": -3.0 / 18,
	"quad": 1, "qquad": 2, " ": 0.25, "enspace": 0.5, "space": 0.25, "nobreakspace": 0.25,
}

// accentDef is an accent's glyph; wide accents stretch over the body.
type accentDef struct {
	r    rune
	wide bool
}

var accents = map[string]accentDef{
	"hat": {'ˆ', false}, "widehat": {'ˆ', true}, "check": {'ˇ', false}, "tilde": {'˜', false},
	"widetilde": {'˜', true}, "acute": {'ˊ', false}, "grave": {'ˋ', false}, "dot": {'˙', false},
	"ddot": {'¨', false}, "breve": {'˘', false}, "bar": {'ˉ', false}, "vec": {'⃗', false},
	"mathring": {'˚', false},
}

// bigSizes are \big and its kin: the Size font they draw from.
var bigSizes = map[string]int{
	"big": 1, "bigl": 1, "bigr": 1, "bigm": 1, "Big": 2, "Bigl": 2, "Bigr": 2, "Bigm": 2,
	"bigg": 3, "biggl": 3, "biggr": 3, "biggm": 3, "Bigg": 4, "Biggl": 4, "Biggr": 4, "Biggm": 4,
}

// delimiters are the characters \left, \right and \big take, with the
// pieces a tall one is built of in KaTeX_Size4 (top, extender, bottom,
// middle); zero pieces: drawn as a scaled glyph (rules: | and ‖).
var delimiters = map[rune][4]rune{
	'(': {'⎛', '⎜', '⎝', 0}, ')': {'⎞', '⎟', '⎠', 0},
	'[': {'⎡', '⎢', '⎣', 0}, ']': {'⎤', '⎥', '⎦', 0},
	'{': {'⎧', '⎪', '⎩', '⎨'}, '}': {'⎫', '⎪', '⎭', '⎬'},
	'⌊': {'⎢', '⎢', '⎣', 0}, '⌋': {'⎥', '⎥', '⎦', 0},
	'⌈': {'⎡', '⎢', '⎢', 0}, '⌉': {'⎤', '⎥', '⎥', 0},
	'|': {}, '∣': {}, '∥': {}, '⟨': {}, '⟩': {}, '/': {}, '∖': {},
	'↑': {}, '↓': {}, '⇑': {}, '⇓': {},
}

// notSlash is KaTeX_Main's slash for \not, drawn over a relation.
const notSlash = '\uE020'

// colorNames are the colours \color and \textcolor know by name.
var colorNames = map[string]rgb{
	"black": {0, 0, 0}, "white": {255, 255, 255}, "red": {255, 0, 0}, "green": {0, 128, 0},
	"blue": {0, 0, 255}, "cyan": {0, 255, 255}, "magenta": {255, 0, 255}, "yellow": {255, 255, 0},
	"orange": {255, 165, 0}, "purple": {128, 0, 128}, "gray": {128, 128, 128}, "grey": {128, 128, 128},
	"brown": {165, 42, 42}, "teal": {0, 128, 128}, "olive": {128, 128, 0}, "violet": {238, 130, 238},
	"pink": {255, 192, 203}, "lime": {0, 255, 0}, "navy": {0, 0, 128}, "darkgray": {64, 64, 64},
	"lightgray": {191, 191, 191},
}
