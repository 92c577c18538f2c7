package deck

import (
	"regexp"
	"slices"
	"strings"
)

// slidevLayout maps a Slidev layout onto a layerdeck layout: how the
// layout's slide is drawn, and whether it centres its content.
var slidevLayout = map[string]struct {
	layout Layout
	center bool
}{
	"cover":           {LayoutTitle, false},
	"intro":           {LayoutTitle, false},
	"default":         {LayoutBullets, false},
	"center":          {LayoutBullets, true},
	"section":         {LayoutSection, false},
	"statement":       {LayoutEnd, false},
	"fact":            {LayoutEnd, false},
	"quote":           {LayoutQuote, false},
	"end":             {LayoutEnd, false},
	"full":            {LayoutBullets, false},
	"two-cols":        {LayoutTwoColumn, false},
	"two-cols-header": {LayoutTwoColumn, false},
	"image":           {LayoutBullets, false},
	"image-left":      {LayoutBullets, false},
	"image-right":     {LayoutBullets, false},
	"iframe":          {LayoutBullets, false},
	"iframe-left":     {LayoutBullets, false},
	"iframe-right":    {LayoutBullets, false},
	"none":            {LayoutBullets, false},
	"error":           {LayoutBullets, false},
}

// decodeSlideKey reads one slide key into s.
func (p *parser) decodeSlideKey(pr ypair, s *slideSettings) {
	errs := &p.errs
	v := pr.val
	switch pr.key {
	case "layout":
		name := v.asString(errs, "layout")
		s.layout, s.layoutPos, s.foreign, s.center, s.header = Layout(name), v.pos, false, false, false
		if validLayout(s.layout) {
			return
		}
		if m, ok := slidevLayout[name]; ok {
			s.layout, s.foreign, s.center, s.header = m.layout, true, m.center, name == "two-cols-header"
			switch name {
			case "image", "image-left", "image-right":
				if len(s.backgrounds) == 0 {
					s.backgrounds = []*Image{{Pos: v.pos}}
				}
				s.backgrounds[0].Split = strings.TrimPrefix(strings.TrimPrefix(name, "image"), "-")
			}
			return
		}
		names := make([]string, len(Layouts))
		for i, l := range Layouts {
			names[i] = string(l)
		}
		if p.d.Dialect == DialectSlidev && name != "" {
			p.warn.once("layout "+name, v.pos, "layout %q is a theme's layout that layerdeck does not know; the slide is drawn as bullets", name)
			s.layout = LayoutBullets
			return
		}
		if sg := suggest(name, names, slidevLayoutNames()); sg != "" {
			errs.Add(v.pos, "unknown layout %q (did you mean %q?)", name, sg)
		} else {
			errs.Add(v.pos, "unknown layout %q (layouts: %s)", name, strings.Join(names, ", "))
		}
		s.layout = ""
	case "diagram":
		s.diagram, s.diagramPos = v.asString(errs, "diagram"), v.pos
	case "alt":
		s.alt = v.asString(errs, "alt")
	case "compare":
		var pos []Pos
		s.compare, pos = v.asStrings(errs, "compare")
		s.comparePos = v.pos
		if len(s.compare) != 2 && len(pos) == len(s.compare) {
			errs.Add(v.pos, "compare needs two stacks, as in compare: [ai, crypto]; it has %d", len(s.compare))
		}
	case "class":
		s.class = classList(v)
		if slices.Contains(s.class, "text-center") {
			s.center = true
		}
	case "background", "image":
		src := v.asString(errs, pr.key)
		if src == "" {
			return
		}
		if len(s.backgrounds) == 0 {
			s.backgrounds = []*Image{{}}
		}
		s.backgrounds[0].Src, s.backgrounds[0].Pos = src, v.pos
	case "backgroundSize":
		if len(s.backgrounds) == 0 {
			s.backgrounds = []*Image{{Pos: v.pos}}
		}
		s.backgrounds[0].Fit = cssFit(v.asString(errs, pr.key))
	case "hide", "disabled":
		s.hide = v.kind == yScalar && v.str == "true"
	case "src":
		s.src, s.srcPos = v.asString(errs, "src"), v.pos
	case "url":
		p.warn.once("iframe", v.pos, "iframe ignored: a PDF cannot embed a web page; its address is shown as a link")
		s.iframe = v.asString(errs, "url")
	case "transition":
		p.warn.once("transition", pr.keyPos, "transition ignored: a PDF has no transitions")
	case "zoom":
		p.warn.once("zoom", pr.keyPos, "zoom ignored: content is fitted to the slide")
	case "theme":
		p.warn.once("slide theme", pr.keyPos, "a slide's own theme is ignored: the deck's theme is used")
	case "clicks", "clicksStart", "preload", "level", "hideInToc", "hideInTOC", "routeAlias", "title", "dragPos", "name", "draggable", "lang", "layoutClass", "transitionDuration", "monacoRunAutorun", "autoPlay", "drawings", "overviewSnapshots", "info":
		// Animation steps, navigation and outline settings: a PDF shows
		// each slide in its final state, as Slidev's export does.
	default:
		p.unknownKey(pr, "slide", slideKeys)
	}
}

func slidevLayoutNames() []string {
	out := make([]string, 0, len(slidevLayout))
	for k := range slidevLayout {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// classList reads a class value: "a b" or [a, b].
func classList(v *ynode) []string {
	switch v.kind {
	case yScalar:
		return strings.Fields(v.str)
	case ySeq:
		var out []string
		for _, it := range v.items {
			out = append(out, strings.Fields(it.str)...)
		}
		return out
	}
	return nil
}

// cssFit reads a CSS background-size as a background fit.
func cssFit(s string) string {
	switch s = strings.TrimSpace(s); s {
	case "", "cover":
		return ""
	case "contain", "auto":
		return s
	}
	if strings.HasSuffix(s, "%") {
		return s
	}
	return "contain"
}

// mdcAttrRE matches the attribute groups of Slidev's MDC syntax and click
// markers, {v-click}, {.class}, {#id}: they style or animate, and a PDF
// shows the final state.
var mdcAttrRE = regexp.MustCompile(`\{(?:v-[a-z-]+(?:=[^}\s]*)?|[.#][\w-]+|[a-z-]+="[^"]*")(?:\s+(?:v-[a-z-]+(?:=[^}\s]*)?|[.#][\w-]+|[a-z-]+="[^"]*"))*\}`)

// iconRE matches an icon component written inline (<carbon:arrow-right/>),
// which Markdown does not read as HTML because of its colon.
var iconRE = regexp.MustCompile(`</?[a-z][\w]*:[\w:-]+(?:\s[^<>]*)?/?>`)

// resolveToc fills each <Toc/> with the outline: the slides' titles.
func resolveToc(d *Deck) {
	for _, s := range d.Slides {
		for _, bs := range [][]Block{s.Top, s.Blocks, s.Right} {
			for _, b := range bs {
				if l, ok := b.(*List); ok && l.toc {
					for _, o := range d.Slides {
						if t := o.TitleText(); t != "" && o != s && o.Layout != LayoutTitle {
							l.Items = append(l.Items, &ListItem{Spans: []Span{{Text: t}}, Pos: l.Pos})
						}
					}
				}
			}
		}
	}
}
