package deck

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

var deckKeys = []string{"title", "subtitle", "author", "date", "lang", "aspect", "theme", "fonts", "keywords", "stacks", "layout", "diagram", "compare"}

var slideKeys = []string{"layout", "diagram", "compare", "alt", "class"}

var themeKeys = []string{"name", "xkanjiskip", "min-scale", "justify"}

var stackKeys = []string{"title", "pattern", "layers"}

var layerKeys = []string{"id", "name", "role", "example", "problems", "fixes", "integrates"}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

var langRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

var idRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`)

// slideSettings are the keys a slide's front matter may hold.
type slideSettings struct {
	layout     Layout
	layoutPos  Pos
	diagram    string
	diagramPos Pos
	compare    []string
	comparePos Pos
	// foreign is set when the layout is another tool's (Slidev's).
	foreign bool
	// center and header come from Slidev's center and two-cols-header.
	center, header bool
	class          []string
	backgrounds    []*Image
	hide           bool
	src            string
	srcPos         Pos
	// iframe is the page of Slidev's iframe layouts, shown as a link.
	iframe string
	// alt describes the slide's diagram (key "alt").
	alt string
}

func (s *slideSettings) isZero() bool {
	return s.layout == "" && s.diagram == "" && s.compare == nil
}

// merge sets in s what o sets.
func (s *slideSettings) merge(o slideSettings) {
	if o.layout != "" {
		s.layout, s.layoutPos, s.foreign, s.center, s.header = o.layout, o.layoutPos, o.foreign, o.center, o.header
	}
	if o.diagram != "" {
		s.diagram, s.diagramPos = o.diagram, o.diagramPos
	}
	if o.compare != nil {
		s.compare, s.comparePos = o.compare, o.comparePos
	}
	if o.class != nil {
		s.class = o.class
	}
	if o.backgrounds != nil {
		s.backgrounds = o.backgrounds
	}
	s.hide = s.hide || o.hide
	if o.src != "" {
		s.src, s.srcPos = o.src, o.srcPos
	}
	if o.iframe != "" {
		s.iframe = o.iframe
	}
	if o.alt != "" {
		s.alt = o.alt
	}
}

// decodeDeck reads the deck front matter (layerdeck's keys, Marp's
// directives, a Slidev headmatter) into the deck; slide keys in it go to
// the first slide's settings.
func (p *parser) decodeDeck(n *ynode, src *source, first *slideSettings) {
	if n == nil {
		return
	}
	d, errs := p.d, &p.errs
	for _, pr := range n.asMap(errs, "the front matter") {
		v := pr.val
		switch pr.key {
		case "title":
			d.Title = v.asString(errs, "title")
		case "subtitle":
			d.Subtitle = v.asString(errs, "subtitle")
		case "description":
			d.Description = looseString(src, pr)
		case "author":
			d.Author = v.asString(errs, "author")
		case "date":
			d.Date = v.asString(errs, "date")
			if d.Date != "" && !dateRE.MatchString(d.Date) {
				errs.Add(v.pos, "date %q is not of the form YYYY-MM-DD", d.Date)
			} else if _, err := time.Parse("2006-01-02", d.Date); d.Date != "" && err != nil {
				errs.Add(v.pos, "date %q is not a day of the calendar", d.Date)
			}
		case "lang":
			d.Lang = v.asString(errs, "lang")
			if !langRE.MatchString(d.Lang) {
				errs.Add(v.pos, "lang %q is not a language tag such as ja or en-US", d.Lang)
			}
		case "aspect", "size", "aspectRatio":
			p.aspect(pr)
		case "theme":
			decodeTheme(v, &d.Theme, errs)
			if IsThemeFile(d.Theme.Name) {
				p.readTheme(&d.Theme)
			}
		case "fonts":
			p.decodeFonts(pr)
		case "keywords":
			d.Keywords, _ = v.asStrings(errs, "keywords")
			if v.kind == yScalar && p.d.Dialect != DialectLayerdeck {
				d.Keywords = splitList(v.str)
			}
		case "stacks":
			for i, sp := range v.asMap(errs, "stacks") {
				if i == MaxStacks {
					errs.Add(sp.keyPos, "more than %d stacks: a deck may define at most %d", MaxStacks, MaxStacks)
					break
				}
				if !idRE.MatchString(sp.key) {
					errs.Add(sp.keyPos, "stack id %q may hold only letters, digits, '_', '-' and '.'", sp.key)
				}
				d.Stacks = append(d.Stacks, decodeStack(sp.key, sp.keyPos, sp.val, errs))
			}
		case "defaults":
			p.defaults = v
		default:
			k := strings.TrimPrefix(pr.key, "_")
			marp := slices.Contains(marpLocal, k) || slices.Contains(marpGlobal, k) || slices.Contains(marpCLI, k)
			switch {
			case marp && p.d.Dialect == DialectMarp:
				// A Marp deck's class (and other local directives) in
				// front matter sets every slide, not the first.
				p.directive(directive{key: pr.key, val: looseString(src, pr), node: v, pos: pr.keyPos}, true)
			case slices.Contains(slideKeys, pr.key) || slices.Contains(slidevSlide, pr.key):
				p.decodeSlideKey(pr, first)
			case marp:
				p.directive(directive{key: pr.key, val: looseString(src, pr), node: v, pos: pr.keyPos}, true)
			case slices.Contains(slidevHead, pr.key):
				p.slidevHead(pr)
			default:
				p.unknownKey(pr, "deck", deckKeys)
			}
		}
	}
}

// aspect reads aspect (layerdeck), size (Marp) or aspectRatio (Slidev).
func (p *parser) aspect(pr ypair) {
	s := strings.ReplaceAll(strings.TrimSpace(pr.val.asString(&p.errs, pr.key)), "/", ":")
	switch s {
	case "16:9", "4:3":
		p.d.Aspect = s
	case "":
	default:
		if pr.key == "aspect" {
			p.errs.Add(pr.val.pos, "aspect %q is not 16:9 or 4:3 (quote it: aspect: \"16:9\")", s)
			return
		}
		p.warn.once(pr.key, pr.val.pos, "%s %q ignored: slides are 16:9 or 4:3; 16:9 is used", pr.key, pr.val.str)
	}
}

// decodeFonts reads layerdeck's fonts: {regular, bold}; Slidev's web-font
// settings are warned about.
func (p *parser) decodeFonts(pr ypair) {
	for _, fp := range pr.val.asMap(&p.errs, "fonts") {
		switch fp.key {
		case "regular":
			p.d.Fonts.Regular, p.d.Fonts.RegularPos = fp.val.asString(&p.errs, "fonts.regular"), fp.val.pos
		case "bold":
			p.d.Fonts.Bold, p.d.Fonts.BoldPos = fp.val.asString(&p.errs, "fonts.bold"), fp.val.pos
		case "fallback":
			p.d.Fonts.Fallback, p.d.Fonts.FallbackPos = fp.val.asStrings(&p.errs, "fonts.fallback")
		case slidevFontKeys[0], slidevFontKeys[1], slidevFontKeys[2], slidevFontKeys[3], slidevFontKeys[4], slidevFontKeys[5], slidevFontKeys[6], slidevFontKeys[7]:
			p.warn.once("fonts", fp.keyPos, "fonts.%s ignored: web fonts are not loaded; the embedded fonts are used (set fonts.regular and fonts.bold to TrueType files)", fp.key)
		default:
			unknownKey(&p.errs, fp, "fonts", []string{"regular", "bold", "fallback"}, slidevFontKeys)
		}
	}
}

// slidevFontKeys are the keys of Slidev's fonts setting (web fonts).
var slidevFontKeys = []string{"sans", "serif", "mono", "provider", "local", "weights", "italic", "fallbacks"}

// slidevHead reads a Slidev headmatter key that is not a slide key.
func (p *parser) slidevHead(pr ypair) {
	switch pr.key {
	case "transition":
		p.warn.once("transition", pr.keyPos, "transition ignored: a PDF has no transitions")
	case "highlighter":
		// Shiki or Prism: layerdeck colours code with its own highlighter.
	case "twoslash", "monaco":
		p.warn.once(pr.key, pr.keyPos, "%s ignored: code is drawn as highlighted text, without an editor or type popups", pr.key)
	case "lineNumbers":
		switch s := strings.TrimSpace(pr.val.asString(&p.errs, "lineNumbers")); s {
		case "true", "false":
			p.d.LineNumbers = s == "true"
		default:
			p.errs.Add(pr.val.pos, "lineNumbers must be true or false, not %q", s)
		}
	case "colorSchema", "themeConfig", "css":
		p.warn.once(pr.key, pr.keyPos, "%s ignored: the colours come from the layerdeck theme", pr.key)
	case "info":
		if p.d.Description == "" {
			p.d.Description = strings.TrimSpace(pr.val.str)
		}
	default:
		// Settings of Slidev's web app (download, routerMode, drawings,
		// record, …) that change nothing in an exported PDF.
	}
}

// unknownKey reports a key no dialect knows, with the nearest known key.
// In a Marp or Slidev deck a key far from every known one is a theme's or
// a plugin's own setting (Marp themes and Slidev addons define keys of
// their own): a warning, not an error; a near miss is still a typo.
func (p *parser) unknownKey(pr ypair, where string, known []string) {
	lists := [][]string{known, slideKeys, slidevSlide, slidevHead, marpLocal, marpGlobal}
	if p.d.Dialect != DialectLayerdeck && suggest(pr.key, lists...) == "" {
		p.warn.once("key "+pr.key, pr.keyPos, "%s key %q ignored: no tool layerdeck reads knows it (a theme's or plugin's setting?)", where, pr.key)
		return
	}
	unknownKey(&p.errs, pr, where, known, lists[1:]...)
}

// unknownKey reports a key that is not one of known, suggesting the
// nearest of known and more, or else listing known.
func unknownKey(errs *ErrorList, pr ypair, where string, known []string, more ...[]string) {
	if s := suggest(pr.key, append([][]string{known}, more...)...); s != "" {
		errs.Add(pr.keyPos, "unknown %s key %q (did you mean %q?)", where, pr.key, s)
		return
	}
	errs.Add(pr.keyPos, "unknown %s key %q (known keys: %s)", where, pr.key, strings.Join(known, ", "))
}

// looseString is a directive's value as Marp reads it: the text after the
// colon, so that backgroundColor: #fff is a colour, not a YAML comment.
func looseString(src *source, pr ypair) string {
	if pr.val.kind == yScalar && pr.val.quote {
		return pr.val.str
	}
	if pr.val.kind != yScalar && pr.val.kind != yNull {
		return ""
	}
	line := string(src.line(pr.keyPos.Line))
	if pr.keyPos.Col-1 > len(line) {
		return pr.val.str
	}
	_, after, ok := strings.Cut(line[pr.keyPos.Col-1:], ":")
	if !ok {
		return pr.val.str
	}
	return unquote(strings.TrimSpace(after))
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// splitList splits "a, b, c" into its items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// decodeTheme reads `theme: NAME` or `theme: {name: …, xkanjiskip: …, min-scale: …}`.
func decodeTheme(v *ynode, t *ThemeSettings, errs *ErrorList) {
	t.Pos = v.pos
	if v.kind == yScalar {
		t.Name = v.str
		return
	}
	for _, p := range v.asMap(errs, "theme") {
		switch p.key {
		case "name":
			t.Name = p.val.asString(errs, "theme.name")
		case "xkanjiskip":
			s := p.val.asString(errs, "theme.xkanjiskip")
			b, err := strconv.ParseBool(s)
			if err != nil {
				errs.Add(p.val.pos, "theme.xkanjiskip must be true or false, not %q", s)
			}
			t.XKanjiSkip = &b
		case "justify":
			v := p.val.asString(errs, "theme.justify")
			b, err := strconv.ParseBool(v)
			if err != nil {
				errs.Add(p.val.pos, "theme.justify must be true or false, not %q", v)
			}
			t.Justify = &b
		case "min-scale":
			s := p.val.asString(errs, "theme.min-scale")
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || f <= 0 || f > 1 {
				errs.Add(p.val.pos, "theme.min-scale must be a number above 0 and at most 1, not %q", s)
				f = 0
			}
			t.MinScale = f
		default:
			errs.Add(p.keyPos, "unknown theme key %q (known keys: %s)", p.key, strings.Join(themeKeys, ", "))
		}
	}
}

// decodeSlide reads a slide's front matter (or Slidev's defaults).
func (p *parser) decodeSlide(n *ynode, s *slideSettings, defaults bool) {
	if n == nil {
		return
	}
	what := "the slide's front matter"
	if defaults {
		what = "defaults"
	}
	for _, pr := range n.asMap(&p.errs, what) {
		p.decodeSlideKey(pr, s)
	}
}

func validLayout(l Layout) bool {
	return slices.Contains(Layouts, l)
}

// Limits on the argument model, so that no deck makes Graphviz or the
// checks work without bound; reaching one is a positioned error.
const (
	// MaxStacks is the most stacks a deck may define.
	MaxStacks = 100
	// MaxLayers is the most layers a stack may have.
	MaxLayers = 50
)

// decodeStack reads one stack: from the deck's stacks or a layerflow block.
func decodeStack(id string, pos Pos, n *ynode, errs *ErrorList) *Stack {
	s := &Stack{ID: id, Pos: pos}
	var have struct{ title, pattern, layers bool }
	for _, p := range n.asMap(errs, "stack "+id) {
		v := p.val
		switch p.key {
		case "title":
			s.Title, have.title = v.asString(errs, "title"), true
		case "pattern":
			s.Pattern, have.pattern = Pattern(v.asString(errs, "pattern")), true
			if s.Pattern != Progression && s.Pattern != Transfer {
				errs.Add(v.pos, "unknown pattern %q (patterns: progression, transfer)", s.Pattern)
			}
		case "layers":
			have.layers = true
			switch v.kind {
			case ySeq:
				for i, it := range v.items {
					if i == MaxLayers {
						errs.Add(it.pos, "more than %d layers: a stack may have at most %d", MaxLayers, MaxLayers)
						break
					}
					s.Layers = append(s.Layers, decodeLayer(it, errs))
				}
			case yNull:
			default:
				errs.Add(v.pos, "layers must be a list of layers (- id: L1 …), not %s", v.kind)
			}
		default:
			unknownKey(errs, p, "stack", stackKeys)
		}
	}
	if !have.title {
		errs.Add(pos, "stack %s has no title", id)
	}
	if !have.pattern {
		errs.Add(pos, "stack %s has no pattern (progression or transfer)", id)
	}
	if len(s.Layers) == 0 {
		errs.Add(pos, "stack %s has no layers: a stack needs at least one", id)
	}
	checkLayers(s, errs)
	return s
}

func decodeLayer(n *ynode, errs *ErrorList) *Layer {
	l := &Layer{Pos: n.pos}
	var fixesPos, intPos []Pos
	for _, p := range n.asMap(errs, "a layer") {
		v := p.val
		switch p.key {
		case "id":
			l.ID = v.asString(errs, "id")
		case "name":
			l.Name = v.asString(errs, "name")
		case "role":
			l.Role = v.asString(errs, "role")
		case "example":
			l.Example = v.asString(errs, "example")
		case "problems":
			l.Problems, _ = v.asStrings(errs, "problems")
		case "fixes":
			l.Fixes, fixesPos = v.asStrings(errs, "fixes")
		case "integrates":
			l.Integrates, intPos = v.asStrings(errs, "integrates")
		default:
			unknownKey(errs, p, "layer", layerKeys)
		}
	}
	l.fixesPos, l.integratesPos = fixesPos, intPos
	if n.kind == yMap {
		if l.ID == "" {
			errs.Add(n.pos, "layer has no id (e.g. id: L1)")
		}
		if l.Name == "" {
			errs.Add(n.pos, "layer %s has no name", l.ID)
		}
	}
	return l
}

// checkLayers validates ids, fixes and integrates within a stack.
func checkLayers(s *Stack, errs *ErrorList) {
	seen := map[string]int{}
	for i, l := range s.Layers {
		if l.ID == "" {
			continue
		}
		if j, dup := seen[l.ID]; dup {
			errs.Add(l.Pos, "duplicate layer id %s in stack %s (first at %s)", l.ID, s.ID, s.Layers[j].Pos)
			continue
		}
		seen[l.ID] = i
	}
	for i, l := range s.Layers {
		for k, f := range l.Fixes {
			pos := posAt(l.fixesPos, k, l.Pos)
			if i == 0 {
				errs.Add(pos, "layer %s fixes %q, but it is the bottom layer of stack %s: there is no layer below", l.ID, f, s.ID)
				continue
			}
			below := s.Layers[i-1]
			if !slices.Contains(below.Problems, f) {
				errs.Add(pos, "layer %s fixes %q, which is not a problem of layer %s below it (its problems: %s)", l.ID, f, below.ID, listOrNone(below.Problems))
			}
		}
		for k, id := range l.Integrates {
			pos := posAt(l.integratesPos, k, l.Pos)
			j, ok := seen[id]
			switch {
			case !ok:
				errs.Add(pos, "layer %s integrates unknown layer %q of stack %s", l.ID, id, s.ID)
			case j >= i:
				errs.Add(pos, "layer %s integrates %s, which is not below it", l.ID, id)
			}
		}
	}
}

func posAt(ps []Pos, i int, def Pos) Pos {
	if i < len(ps) {
		return ps[i]
	}
	return def
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
