// Package highlight splits source code into lines of tokens, each with a
// role (keyword, string, comment, …) that a theme colours, using
// github.com/alecthomas/chroma/v2's lexers for every language chroma
// knows; and it reads the fence info strings of Slidev and Shiki: line
// highlights ({2,3-5}, {*}, {all|2|3}), titles, line numbers.
package highlight

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// Role is what a token is, for its colour.
type Role uint8

// The roles a theme colours.
const (
	Plain Role = iota
	Keyword
	String
	Comment
	Number
	Function
	Type
	Builtin
	Attribute
	Tag
	Inserted
	Deleted
	Heading
	numRoles
)

// NumRoles is the count of roles.
const NumRoles = int(numRoles)

// String names the role.
func (r Role) String() string {
	return [...]string{"plain", "keyword", "string", "comment", "number", "function", "type", "builtin", "attribute", "tag", "inserted", "deleted", "heading"}[r]
}

// Token is a piece of a line in one role.
type Token struct {
	Text string
	Role Role
}

// Known reports whether chroma has a lexer for lang (a name, alias or
// file extension).
func Known(lang string) bool {
	return lang != "" && lexers.Get(lang) != nil
}

// Lines tokenises text in lang into lines (without their newlines). An
// unknown or empty language gives plain lines. Tabs are expanded to the
// next multiple of 4 columns, with cols giving a character's width in
// columns. The lines' text is exactly text's, tabs aside.
func Lines(lang, text string, cols func(rune) int) [][]Token {
	text = strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var toks []Token
	var lx chroma.Lexer
	if lang != "" {
		lx = lexers.Get(lang)
	}
	if lx != nil {
		if it, err := chroma.Coalesce(lx).Tokenise(nil, text+"\n"); err == nil {
			for t := it(); t != chroma.EOF; t = it() {
				toks = append(toks, Token{Text: t.Value, Role: roleOf(t.Type)})
			}
		}
	}
	if toks == nil || joined(toks) != text+"\n" && joined(toks) != text {
		// A lexer that lost or changed text is not trusted.
		toks = []Token{{Text: text}}
	}
	var lines [][]Token
	var cur []Token
	for _, t := range toks {
		for {
			i := strings.IndexByte(t.Text, '\n')
			if i < 0 {
				break
			}
			if i > 0 {
				cur = append(cur, Token{Text: t.Text[:i], Role: t.Role})
			}
			lines = append(lines, cur)
			cur = nil
			t.Text = t.Text[i+1:]
		}
		if t.Text != "" {
			cur = append(cur, t)
		}
	}
	if cur != nil {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		lines[i] = expandTabs(l, cols)
	}
	return lines
}

func joined(ts []Token) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.Text)
	}
	return b.String()
}

// expandTabs replaces tabs with spaces up to the next multiple of 4
// columns and merges neighbouring tokens of one role.
func expandTabs(l []Token, cols func(rune) int) []Token {
	col := 0
	var out []Token
	for _, t := range l {
		var b strings.Builder
		for _, r := range t.Text {
			if r == '\t' {
				n := 4 - col%4
				b.WriteString(strings.Repeat(" ", n))
				col += n
				continue
			}
			b.WriteRune(r)
			col += cols(r)
		}
		if n := len(out); n > 0 && out[n-1].Role == t.Role {
			out[n-1].Text += b.String()
		} else {
			out = append(out, Token{Text: b.String(), Role: t.Role})
		}
	}
	return out
}

// roleOf maps a chroma token type to a role.
func roleOf(t chroma.TokenType) Role {
	switch t {
	case chroma.NameFunction, chroma.NameFunctionMagic:
		return Function
	case chroma.NameClass, chroma.KeywordType, chroma.NameNamespace:
		return Type
	case chroma.NameBuiltin, chroma.NameBuiltinPseudo, chroma.KeywordConstant, chroma.NameConstant:
		return Builtin
	case chroma.NameAttribute, chroma.NameProperty:
		return Attribute
	case chroma.NameTag:
		return Tag
	case chroma.NameDecorator:
		return Function
	case chroma.GenericInserted:
		return Inserted
	case chroma.GenericDeleted:
		return Deleted
	case chroma.GenericHeading, chroma.GenericSubheading:
		return Heading
	}
	switch t.Category() {
	case chroma.Keyword:
		return Keyword
	case chroma.Comment:
		return Comment
	case chroma.Literal:
		switch t.SubCategory() {
		case chroma.LiteralString:
			return String
		case chroma.LiteralNumber:
			return Number
		}
	}
	return Plain
}
