package deck

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse: the parser never panics, and every error it reports is an
// ErrorList of positions inside the file.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"",
		"# a\n",
		"---\ntitle: t\n" + aiStack + "---\n# a\n---\ndiagram: ai\n---\n# b\n",
		"---\nlayout: two-column\n---\n# a\n\nl\n\n::right::\n\nr\n",
		"# a\n\n```layerflow x\ntitle: t\npattern: transfer\nlayers:\n  - {id: L1, name: n, problems: [p]}\n  - {id: L2, name: m, fixes: [p]}\n```\n",
		"# a\n\n| a | b |\n|---|:-:|\n| 1 | **2** |\n\n> quote\n\n1. one\n2. two\n",
		"---\n---\n---\n",
		"```\n---\n",
		"<!--\n---\n",
		"---\nk: &a [*a]\n---\n",
		"# a\n\n![x](y.png)\n\n<br>\n\n<!-- n -->\n",
		"---\nmarp: true\nheadingDivider: 2\npaginate: true\nfooter: '**f**'\n---\n<!-- _class: lead -->\n# <!-- fit --> a\n\n![bg right:40% contain](x.png)\n![w:300](y.png)\nline\nbreak\n***\n## b\n\n<!--\ncolor: red\n-->\npara\n---\n",
		"---\ntheme: seriph\nlayout: cover\ndefaults:\n  layout: center\n---\n# a\n\n---\nlayout: two-cols-header\n---\n# b\n\ntop\n\n::left::\n\n- x {v-click}\n\n::right::\n\n<v-clicks>\n\n- y\n\n</v-clicks>\n\n<Toc/> <carbon:logo/> {{ x }}\n\n<div><b>t</b><br><img src=\"i.png\" width=\"3\"></div>\n<style>\nh1{}\n</style>\n\n---\nsrc: ./p.md\nhide: true\n---\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("f.md", src)
		if err == nil {
			if len(d.Slides) == 0 {
				t.Fatal("a deck without slides parsed without error")
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a non-empty ErrorList: %v", err)
		}
		lines := strings.Count(string(src), "\n") + 1
		if d != nil {
			list = append(list, d.Warnings...)
		}
		for _, e := range list {
			if e.Pos.File != "f.md" || e.Pos.Line > lines || e.Pos.Line < 0 || e.Pos.IsValid() && e.Pos.Col < 1 {
				t.Fatalf("error position %v outside the file (%d lines): %s", e.Pos, lines, e.Msg)
			}
		}
	})
}
