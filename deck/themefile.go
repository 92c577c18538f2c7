package deck

import (
	"path/filepath"
	"strings"
)

// readTheme reads the theme file t names into t: its extends key and its
// settings as dotted keys with their positions, in the order written.
// Which keys and values are valid is the theme's to say (layout checks
// them at these positions).
func (p *parser) readTheme(t *ThemeSettings) {
	if p.read == nil {
		p.errs.Add(t.Pos, "theme file %s cannot be read here (only a deck read from a file can use one)", t.Name)
		return
	}
	path := filepath.FromSlash(t.Name)
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(p.d.File), path)
	}
	t.File = path
	text, err := p.read(path)
	if err != nil {
		p.errs.Add(t.Pos, "theme file %s: %s", t.Name, unwrapPathError(err))
		return
	}
	if e := checkText(path, text); e != nil {
		p.errs = append(p.errs, e)
		return
	}
	text = normalizeNewlines(text)
	p.d.sources[path] = newSource(path, text)
	n := yamlDoc(path, text, 1, &p.errs)
	if n == nil {
		return
	}
	for _, pr := range n.asMap(&p.errs, "a theme file") {
		if pr.key == "extends" {
			t.Extends, t.ExtendsPos = pr.val.asString(&p.errs, "extends"), pr.val.pos
			continue
		}
		p.themeValues(pr.key, pr.keyPos, pr.val, t)
	}
}

// themeValues flattens a theme file's mapping into dotted keys.
func (p *parser) themeValues(key string, keyPos Pos, v *ynode, t *ThemeSettings) {
	switch v.kind {
	case yMap:
		for _, pr := range v.pairs {
			p.themeValues(key+"."+pr.key, pr.keyPos, pr.val, t)
		}
	case ySeq:
		p.errs.Add(v.pos, "%s: a theme setting is one value, not a list", key)
	case yNull:
		p.errs.Add(keyPos, "%s has no value", key)
	default:
		t.Values = append(t.Values, ThemeValue{Key: key, Value: strings.TrimSpace(v.str), KeyPos: keyPos, Pos: v.pos})
	}
}
