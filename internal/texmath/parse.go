package texmath

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a problem in a formula at byte Offset of its source.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// node is a parsed element of a formula.
type node interface{}

// Node kinds. Every node records the offset of its source.

// sym is one symbol: a character of a font, with its TeX class.
type sym struct {
	r     rune
	font  fontID
	class class
	// neg draws KaTeX's \not slash over the symbol (≠, ∉).
	neg bool
	// text: a character no math font has (Japanese typed in math), set
	// in the deck's font.
	text bool
}

// list is a braced group or a whole formula: a sub-list set as one ord.
type list struct {
	items []node
	// group marks {…}: an ord atom (spacing), unlike the formula itself.
	group bool
}

// scripts is a base with superscript and/or subscript.
type scripts struct {
	base     node
	sup, sub node
	// limits: 0 decides by the operator and style, 1 \limits, 2 \nolimits.
	limits int
}

// frac is \frac, \dfrac, \tfrac, \binom (no rule, in parentheses).
type frac struct {
	num, den node
	style    int // -1 auto, else a style (\dfrac: D, \tfrac: T)
	binom    bool
}

// radical is \sqrt[index]{body}.
type radical struct {
	body, index node
}

// accent is \hat{x} and the like; over is a rule accent (\overline).
type accent struct {
	body  node
	r     rune
	wide  bool // stretched to the body's width (\widehat)
	rule  int  // 1 \overline, 2 \underline
	under bool
}

// leftRight is \left( … \right), delimiters scaled to the body.
type leftRight struct {
	left, right rune // 0 for "."
	body        *list
}

// bigDelim is \big( and its kin: a delimiter of a fixed size.
type bigDelim struct {
	r     rune
	size  int // 1–4
	class class
}

// textNode is \text{…} and the like: text in the roman font, Japanese
// and other characters the math fonts lack in the deck's font.
type textNode struct {
	s    string
	bold bool
	ital bool
}

// opName is an operator set in roman: \sin, \lim, \operatorname{…}.
type opName struct {
	name   string
	limits bool // takes limits above and below in display style
}

// space is a fixed horizontal space in ems (negative: a kern).
type space struct{ em float64 }

// styleSwitch is \displaystyle and its kin: the rest of the group is set
// in that style.
type styleSwitch struct{ style int }

// colorSwitch is \color{…}: the rest of the group is drawn in that colour.
type colorSwitch struct{ c rgb }

// colored is \textcolor{c}{body}.
type colored struct {
	c    rgb
	body node
}

// stack is \overset, \underset, \stackrel: a small note above or below.
type stack struct {
	base, note node
	under      bool
}

// boxed is \boxed{…}: a frame around the body.
type boxed struct{ body node }

// opGroup is \mathop{…}: its body as a large operator.
type opGroup struct{ body node }

// phantom takes the room of its body and draws nothing.
type phantom struct{ body node }

// logo is \TeX or \LaTeX.
type logo struct{ latex bool }

// array is a matrix or an aligned environment.
type array struct {
	env   string
	rows  [][]*list
	align []byte // column alignments: 'l', 'c', 'r'; repeated for aligned
}

// rgb is a colour.
type rgb struct{ r, g, b uint8 }

// parser reads TeX math.
type parser struct {
	src string
	pos int
	// font is the alphabet set by \mathbb, \mathrm, … for letters.
	font alphabet
	// depth bounds nesting, so a hostile formula cannot exhaust the stack.
	depth int
}

// maxDepth bounds the nesting of groups.
const maxDepth = 64

// parse reads a formula.
func parse(src string) (l *list, err error) {
	p := &parser{src: src}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			l, err = nil, e
		}
	}()
	l = p.list("")
	var rows [][]*list
	for p.pos < len(p.src) {
		switch name, n := p.peekCommand(); {
		case name == "\\" || name == "cr":
			// Lines of a display formula: set as gathered.
			p.pos += n
			rows = append(rows, []*list{l})
			l = p.list("")
			continue
		case name == "right":
			p.failf(p.pos, "\\right without \\left")
		case name == "end":
			p.failf(p.pos, "\\end without \\begin")
		case name == "middle":
			p.failf(p.pos, "\\middle outside \\left … \\right")
		case p.src[p.pos] == '&':
			p.failf(p.pos, "& outside an environment such as aligned or matrix")
		}
		p.failf(p.pos, "unexpected %s", p.describe())
	}
	if rows != nil {
		rows = append(rows, []*list{l})
		l = &list{items: []node{&array{env: "gathered", rows: rows, align: []byte{'c'}}}}
	}
	return l, nil
}

// failf stops the parse with an error at off.
func (p *parser) failf(off int, format string, a ...any) {
	panic(&Error{Offset: off, Msg: fmt.Sprintf(format, a...)})
}

// skip passes over white space and % comments.
func (p *parser) skip() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.pos++
		case c == '%':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

// peekCommand returns the command at pos (without the backslash) and its
// length, or "" if none is there.
func (p *parser) peekCommand() (string, int) {
	if p.pos >= len(p.src) || p.src[p.pos] != '\\' {
		return "", 0
	}
	i := p.pos + 1
	for i < len(p.src) && isLetter(p.src[i]) {
		i++
	}
	if i == p.pos+1 {
		if i >= len(p.src) {
			return "\\", 1
		}
		_, n := utf8.DecodeRuneInString(p.src[i:])
		return p.src[i : i+n], 1 + n
	}
	return p.src[p.pos+1 : i], i - p.pos
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// describe names what stands at pos, for messages.
func (p *parser) describe() string {
	if p.pos >= len(p.src) {
		return "end of formula"
	}
	if name, _ := p.peekCommand(); name != "" {
		return "\\" + name
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return fmt.Sprintf("%q", r)
}

// list reads items up to a closing brace, & or \\ (in an environment),
// \right or \end, or the end. stop names the context for messages.
func (p *parser) list(stop string) *list {
	p.depth++
	if p.depth > maxDepth {
		p.failf(p.pos, "formula nested too deeply")
	}
	defer func() { p.depth-- }()
	l := &list{}
	for {
		p.skip()
		if p.pos >= len(p.src) {
			return l
		}
		c := p.src[p.pos]
		if c == '}' || c == '&' {
			return l
		}
		if name, _ := p.peekCommand(); name == "right" || name == "end" || name == "\\" || name == "middle" || name == "cr" {
			return l
		}
		if c == '^' || c == '_' || c == '\'' {
			p.scripts(l, nil)
			continue
		}
		start := p.pos
		n := p.atom()
		if n == nil {
			continue
		}
		if sw, ok := n.(styleSwitch); ok {
			rest := p.list(stop)
			l.items = append(l.items, sw, rest)
			return l
		}
		if cs, ok := n.(colorSwitch); ok {
			rest := p.list(stop)
			l.items = append(l.items, colored{c: cs.c, body: rest})
			return l
		}
		_ = start
		p.scripts(l, n)
	}
}

// scripts reads the ^, _, ' and \limits that follow base and appends the result.
func (p *parser) scripts(l *list, base node) {
	var s *scripts
	for {
		p.skip()
		if p.pos >= len(p.src) {
			break
		}
		c := p.src[p.pos]
		name, n := p.peekCommand()
		if name == "limits" || name == "nolimits" {
			if s == nil {
				s = &scripts{base: base}
			}
			s.limits = 1
			if name == "nolimits" {
				s.limits = 2
			}
			p.pos += n
			continue
		}
		if c != '^' && c != '_' && c != '\'' {
			break
		}
		if s == nil {
			s = &scripts{base: base}
		}
		at := p.pos
		p.pos++
		switch c {
		case '\'':
			primes := []node{sym{r: '′', font: fMain, class: ord}}
			for p.pos < len(p.src) && p.src[p.pos] == '\'' {
				p.pos++
				primes = append(primes, sym{r: '′', font: fMain, class: ord})
			}
			if s.sup != nil {
				p.failf(at, "double superscript")
			}
			s.sup = &list{items: primes}
			p.skip()
			if p.pos < len(p.src) && p.src[p.pos] == '^' {
				p.pos++
				arg := p.arg("^")
				s.sup.(*list).items = append(s.sup.(*list).items, arg)
			}
		case '^':
			if s.sup != nil {
				p.failf(at, "double superscript")
			}
			s.sup = p.arg("^")
		case '_':
			if s.sub != nil {
				p.failf(at, "double subscript")
			}
			s.sub = p.arg("_")
		}
	}
	if s != nil {
		l.items = append(l.items, *s)
	} else if base != nil {
		l.items = append(l.items, base)
	}
}

// arg reads a macro argument: a braced group or a single token.
func (p *parser) arg(of string) node {
	p.skip()
	if p.pos >= len(p.src) {
		p.failf(p.pos, "%s needs an argument", of)
	}
	switch p.src[p.pos] {
	case '{':
		return p.group()
	case '}', '&', '^', '_':
		p.failf(p.pos, "%s needs an argument", of)
	}
	if name, _ := p.peekCommand(); name == "right" || name == "end" || name == "\\" {
		p.failf(p.pos, "%s needs an argument", of)
	}
	n := p.atom()
	if n == nil {
		return &list{}
	}
	return n
}

// group reads {…}.
func (p *parser) group() *list {
	open := p.pos
	p.pos++
	l := p.list("}")
	if p.pos >= len(p.src) || p.src[p.pos] != '}' {
		p.failf(open, "unclosed {")
	}
	p.pos++
	l.group = true
	return l
}

// rawArg reads a braced argument as text (\text, \operatorname, colour
// names, environment names), keeping nested braces.
func (p *parser) rawArg(of string) string {
	p.skip()
	if p.pos >= len(p.src) || p.src[p.pos] != '{' {
		p.failf(p.pos, "%s needs a {…} argument", of)
	}
	open := p.pos
	depth := 0
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src):
			b.WriteString(p.src[p.pos : p.pos+2])
			p.pos += 2
			continue
		case c == '{':
			depth++
			if depth == 1 {
				p.pos++
				continue
			}
		case c == '}':
			depth--
			if depth == 0 {
				p.pos++
				return b.String()
			}
		}
		b.WriteByte(c)
		p.pos++
	}
	p.failf(open, "unclosed {")
	return ""
}

// atom reads one item: a character, a group or a command with its arguments.
func (p *parser) atom() node {
	c := p.src[p.pos]
	switch c {
	case '{':
		return p.group()
	case '\\':
		return p.command()
	case '~':
		p.pos++
		return space{em: 0.25}
	case '$':
		p.failf(p.pos, "a $ inside a formula (write \\$ for a dollar sign)")
	case '#':
		p.failf(p.pos, "# is not allowed in a formula (write \\# for the sign)")
	}
	r, n := utf8.DecodeRuneInString(p.src[p.pos:])
	at := p.pos
	p.pos += n
	return p.char(r, at)
}

// char is the symbol for a character typed in a formula.
func (p *parser) char(r rune, at int) node {
	if r == utf8.RuneError {
		p.failf(at, "invalid UTF-8 in formula")
	}
	if s, ok := asciiSym(r, p.font); ok {
		return s
	}
	if s, ok := unicodeSym[r]; ok {
		return p.styled(s)
	}
	if unicode.IsControl(r) {
		p.failf(at, "control character %U in formula", r)
	}
	// Japanese and other text typed in a formula: the deck's font.
	return sym{r: r, class: ord, text: true}
}

// styled applies the current alphabet to a symbol from the table.
func (p *parser) styled(s sym) sym {
	if p.font == alphaBold && s.font == fMain {
		s.font = fMainBold
	}
	return s
}

// command reads a control sequence and its arguments.
func (p *parser) command() node {
	at := p.pos
	name, n := p.peekCommand()
	p.pos += n
	cmd := "\\" + name
	if s, ok := symbols[name]; ok {
		return p.styled(s)
	}
	if w, ok := spaces[name]; ok {
		return space{em: w}
	}
	if op, ok := operatorNames[name]; ok {
		return opName{name: name, limits: op}
	}
	if r, ok := accents[name]; ok {
		return accent{body: p.arg(cmd), r: r.r, wide: r.wide}
	}
	if a, ok := alphabets[name]; ok {
		saved := p.font
		p.font = a
		body := p.arg(cmd)
		p.font = saved
		return body
	}
	if size, ok := bigSizes[name]; ok {
		p.skip()
		r, cl := p.delimiter(cmd, at)
		if r == 0 {
			return space{em: 0.12}
		}
		switch name[len(name)-1] {
		case 'l':
			cl = open
		case 'r':
			cl = closing
		case 'm':
			cl = rel
		default:
			cl = ord
		}
		return bigDelim{r: r, size: size, class: cl}
	}
	switch name {
	case "frac", "dfrac", "tfrac", "cfrac":
		num := p.arg(cmd)
		den := p.arg(cmd)
		st := -1
		switch name {
		case "dfrac", "cfrac":
			st = styleD
		case "tfrac":
			st = styleT
		}
		return frac{num: num, den: den, style: st}
	case "binom", "dbinom", "tbinom":
		num := p.arg(cmd)
		den := p.arg(cmd)
		st := -1
		if name == "dbinom" {
			st = styleD
		} else if name == "tbinom" {
			st = styleT
		}
		return frac{num: num, den: den, style: st, binom: true}
	case "sqrt":
		var index node
		p.skip()
		if p.pos < len(p.src) && p.src[p.pos] == '[' {
			open := p.pos
			p.pos++
			l := &list{}
			for {
				p.skip()
				if p.pos >= len(p.src) {
					p.failf(open, "unclosed [ of \\sqrt")
				}
				if p.src[p.pos] == ']' {
					p.pos++
					break
				}
				if p.src[p.pos] == '}' {
					p.failf(open, "unclosed [ of \\sqrt")
				}
				p.scripts(l, p.atom())
			}
			index = l
		}
		return radical{body: p.arg(cmd), index: index}
	case "overline", "underline":
		rule := 1
		if name == "underline" {
			rule = 2
		}
		return accent{body: p.arg(cmd), rule: rule}
	case "left":
		return p.leftRight(at)
	case "right":
		p.failf(at, "\\right without \\left")
	case "middle":
		p.failf(at, "\\middle outside \\left … \\right")
	case "text", "textrm", "textnormal", "mbox", "textup", "textsf", "texttt", "textmd":
		return textNode{s: p.textArg(cmd)}
	case "textbf":
		return textNode{s: p.textArg(cmd), bold: true}
	case "textit", "emph":
		return textNode{s: p.textArg(cmd), ital: true}
	case "operatorname", "operatornamewithlimits":
		star := false
		if p.pos < len(p.src) && p.src[p.pos] == '*' {
			star = true
			p.pos++
		}
		return opName{name: p.textArg(cmd), limits: star || name == "operatornamewithlimits"}
	case "displaystyle":
		return styleSwitch{style: styleD}
	case "textstyle":
		return styleSwitch{style: styleT}
	case "scriptstyle":
		return styleSwitch{style: styleS}
	case "scriptscriptstyle":
		return styleSwitch{style: styleSS}
	case "color":
		return colorSwitch{c: p.color(cmd)}
	case "textcolor":
		c := p.color(cmd)
		return colored{c: c, body: p.arg(cmd)}
	case "overset", "stackrel":
		note := p.arg(cmd)
		return stack{note: note, base: p.arg(cmd)}
	case "underset":
		note := p.arg(cmd)
		return stack{note: note, base: p.arg(cmd), under: true}
	case "boxed", "fbox":
		if name == "fbox" {
			return boxed{body: textNode{s: p.textArg(cmd)}}
		}
		return boxed{body: p.arg(cmd)}
	case "TeX":
		return logo{}
	case "LaTeX":
		return logo{latex: true}
	case "not":
		p.skip()
		if p.pos < len(p.src) {
			save := p.pos
			next := p.atom()
			if s, ok := next.(sym); ok && !s.text && !s.neg {
				s.neg = true
				return s
			}
			p.pos = save
		}
		p.failf(at, "\\not needs a symbol after it, as in \\not\\in")
	case "begin":
		return p.environment(at)
	case "end":
		p.failf(at, "\\end without \\begin")
	case "mathop":
		return opGroup{body: p.arg(cmd)}
	case "mathrel", "mathbin", "mathord", "mathopen", "mathclose", "mathpunct", "mathinner":
		return p.arg(cmd)
	case "hline", "nonumber", "notag":
		return nil
	case "phantom":
		return phantom{body: p.arg(cmd)}
	}
	if name == "" {
		p.failf(at, "a lone \\ at the end of the formula")
	}
	p.failf(at, "unknown math command %s", cmd)
	return nil
}

// delimiter reads the delimiter after \left, \right, \big: a character
// or a command; 0 for ".".
func (p *parser) delimiter(of string, at int) (rune, class) {
	p.skip()
	if p.pos >= len(p.src) {
		p.failf(at, "%s needs a delimiter", of)
	}
	if p.src[p.pos] == '.' {
		p.pos++
		return 0, ord
	}
	start := p.pos
	n := p.atom()
	if s, ok := n.(sym); ok {
		if _, ok := delimiters[s.r]; ok {
			return s.r, s.class
		}
	}
	p.failf(start, "%s takes a delimiter such as ( [ \\{ | \\langle or ., not this", of)
	return 0, ord
}

// leftRight reads \left X … \right Y; \middle is not supported.
func (p *parser) leftRight(at int) node {
	l, _ := p.delimiter("\\left", at)
	body := p.list("\\right")
	name, n := p.peekCommand()
	if name == "middle" {
		p.failf(p.pos, "unknown math command \\middle")
	}
	if name != "right" {
		p.failf(at, "\\left without \\right")
	}
	rat := p.pos
	p.pos += n
	r, _ := p.delimiter("\\right", rat)
	return leftRight{left: l, right: r, body: body}
}

// color reads a colour argument: a name or #rrggbb.
func (p *parser) color(of string) rgb {
	at := p.pos
	s := strings.TrimSpace(p.rawArg(of))
	if c, ok := colorNames[strings.ToLower(s)]; ok {
		return c
	}
	h := strings.TrimPrefix(s, "#")
	if len(h) == 6 {
		var v [3]uint8
		ok := true
		for i := range 3 {
			var x uint8
			if _, err := fmt.Sscanf(h[2*i:2*i+2], "%02x", &x); err != nil {
				ok = false
			}
			v[i] = x
		}
		if ok {
			return rgb{v[0], v[1], v[2]}
		}
	}
	p.failf(at, "unknown colour %q", s)
	return rgb{}
}

// environment reads \begin{env} … \end{env}.
func (p *parser) environment(at int) node {
	nameAt := p.pos
	env := p.rawArg("\\begin")
	a := &array{env: env}
	switch env {
	case "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "gathered", "gather", "gather*", "equation", "equation*":
		a.align = []byte{'c'}
	case "cases", "dcases":
		a.align = []byte{'l', 'l'}
	case "aligned", "align", "align*", "split", "alignat", "alignat*", "alignedat":
		if strings.HasPrefix(env, "alignat") {
			p.rawArg("\\begin{" + env + "}")
		}
		a.align = []byte{'r', 'l'}
	case "array", "darray":
		spec := p.rawArg("\\begin{" + env + "}")
		for i := 0; i < len(spec); i++ {
			switch spec[i] {
			case 'l', 'c', 'r':
				a.align = append(a.align, spec[i])
			case '|', ' ':
			default:
				p.failf(nameAt, "array column %q is not supported (use l, c or r)", spec[i])
			}
		}
		if len(a.align) == 0 {
			a.align = []byte{'c'}
		}
	default:
		p.failf(nameAt, "unknown environment %s", env)
	}
	row := []*list{}
	for {
		cell := p.list("&")
		row = append(row, cell)
		p.skip()
		if p.pos >= len(p.src) {
			p.failf(at, "\\begin{%s} without \\end{%s}", env, env)
		}
		if p.src[p.pos] == '&' {
			p.pos++
			continue
		}
		if p.src[p.pos] == '}' {
			p.failf(p.pos, "unexpected } inside \\begin{%s}", env)
		}
		name, n := p.peekCommand()
		switch name {
		case "\\", "cr":
			p.pos += n
			// \\[2pt]: an extra row gap, ignored.
			p.skip()
			if p.pos < len(p.src) && p.src[p.pos] == '[' {
				if j := strings.IndexByte(p.src[p.pos:], ']'); j > 0 {
					p.pos += j + 1
				}
			}
			a.rows = append(a.rows, row)
			row = []*list{}
		case "end":
			endAt := p.pos
			p.pos += n
			if got := p.rawArg("\\end"); got != env {
				p.failf(endAt, "\\begin{%s} ended by \\end{%s}", env, got)
			}
			if len(row) > 1 || len(row[0].items) > 0 {
				a.rows = append(a.rows, row)
			}
			return a
		case "right":
			p.failf(p.pos, "\\right inside \\begin{%s} without its \\left", env)
		default:
			p.failf(p.pos, "unexpected %s", p.describe())
		}
	}
}

// textArg reads the argument of \text and its kin: its escapes are
// resolved, and any other command in it is an error (it would otherwise
// be drawn as TeX source).
func (p *parser) textArg(of string) string {
	p.skip()
	start := p.pos + 1
	raw := p.rawArg(of)
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			continue
		}
		if strings.IndexByte("{}$%&_# ", raw[i+1]) >= 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(raw) && isLetter(raw[j]) {
			j++
		}
		if j == i+1 {
			j++
		}
		p.failf(start+i, "unknown text command %s inside %s", raw[i:j], of)
	}
	return unescapeText(raw)
}

// unescapeText resolves the escapes of \text{…}: \{ \} \$ \% \& \_ \#
// and \  (a space); other commands are kept as written.
func unescapeText(s string) string {
	if !strings.ContainsAny(s, "\\{}") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("{}$%&_# ", s[i+1]) >= 0 {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if s[i] == '{' || s[i] == '}' {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
