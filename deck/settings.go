package deck

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var deckKeys = []string{"title", "subtitle", "author", "date", "lang", "aspect", "theme", "fonts", "keywords", "stacks", "layout", "diagram", "compare"}

var slideKeys = []string{"layout", "diagram", "compare"}

var themeKeys = []string{"name", "xkanjiskip", "min-scale"}

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
}

func (s *slideSettings) isZero() bool {
	return s.layout == "" && s.diagram == "" && s.compare == nil
}

// decodeDeck reads the deck front matter into d; slide keys in it go to
// the first slide's settings.
func decodeDeck(n *ynode, d *Deck, first *slideSettings, errs *ErrorList) {
	if n == nil {
		return
	}
	for _, p := range n.asMap(errs, "the front matter") {
		v := p.val
		switch p.key {
		case "title":
			d.Title = v.asString(errs, "title")
		case "subtitle":
			d.Subtitle = v.asString(errs, "subtitle")
		case "author":
			d.Author = v.asString(errs, "author")
		case "date":
			d.Date = v.asString(errs, "date")
			if d.Date != "" && !dateRE.MatchString(d.Date) {
				errs.Add(v.pos, "date %q is not of the form YYYY-MM-DD", d.Date)
			}
		case "lang":
			d.Lang = v.asString(errs, "lang")
			if !langRE.MatchString(d.Lang) {
				errs.Add(v.pos, "lang %q is not a language tag such as ja or en-US", d.Lang)
			}
		case "aspect":
			d.Aspect = v.asString(errs, "aspect")
			if d.Aspect != "16:9" && d.Aspect != "4:3" {
				errs.Add(v.pos, "aspect %q is not 16:9 or 4:3 (quote it: aspect: \"16:9\")", d.Aspect)
			}
		case "theme":
			decodeTheme(v, &d.Theme, errs)
		case "fonts":
			for _, fp := range v.asMap(errs, "fonts") {
				switch fp.key {
				case "regular":
					d.Fonts.Regular, d.Fonts.RegularPos = fp.val.asString(errs, "fonts.regular"), fp.val.pos
				case "bold":
					d.Fonts.Bold, d.Fonts.BoldPos = fp.val.asString(errs, "fonts.bold"), fp.val.pos
				default:
					unknownKey(errs, fp, "fonts", []string{"regular", "bold"})
				}
			}
		case "keywords":
			d.Keywords, _ = v.asStrings(errs, "keywords")
		case "stacks":
			for _, sp := range v.asMap(errs, "stacks") {
				if !idRE.MatchString(sp.key) {
					errs.Add(sp.keyPos, "stack id %q may hold only letters, digits, '_', '-' and '.'", sp.key)
				}
				d.Stacks = append(d.Stacks, decodeStack(sp.key, sp.keyPos, sp.val, errs))
			}
		case "layout", "diagram", "compare":
			decodeSlideKey(p, first, errs)
		default:
			unknownKey(errs, p, "deck", deckKeys)
		}
	}
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
		case "min-scale":
			s := p.val.asString(errs, "theme.min-scale")
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || f <= 0 || f > 1 {
				errs.Add(p.val.pos, "theme.min-scale must be a number above 0 and at most 1, not %q", s)
				f = 0
			}
			t.MinScale = f
		default:
			unknownKey(errs, p, "theme", themeKeys)
		}
	}
}

// decodeSlideKey reads one slide key into s.
func decodeSlideKey(p ypair, s *slideSettings, errs *ErrorList) {
	switch p.key {
	case "layout":
		s.layout, s.layoutPos = Layout(p.val.asString(errs, "layout")), p.val.pos
		if !validLayout(s.layout) {
			names := make([]string, len(Layouts))
			for i, l := range Layouts {
				names[i] = string(l)
			}
			errs.Add(p.val.pos, "unknown layout %q (layouts: %s)", s.layout, strings.Join(names, ", "))
			s.layout = ""
		}
	case "diagram":
		s.diagram, s.diagramPos = p.val.asString(errs, "diagram"), p.val.pos
	case "compare":
		var pos []Pos
		s.compare, pos = p.val.asStrings(errs, "compare")
		s.comparePos = p.val.pos
		if len(s.compare) != 2 && len(pos) == len(s.compare) {
			errs.Add(p.val.pos, "compare needs two stacks, as in compare: [ai, crypto]; it has %d", len(s.compare))
		}
	default:
		unknownKey(errs, p, "slide", slideKeys)
	}
}

func decodeSlide(n *ynode, s *slideSettings, errs *ErrorList) {
	if n == nil {
		return
	}
	for _, p := range n.asMap(errs, "the slide's front matter") {
		decodeSlideKey(p, s, errs)
	}
}

func validLayout(l Layout) bool {
	for _, x := range Layouts {
		if x == l {
			return true
		}
	}
	return false
}

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
				for _, it := range v.items {
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
