package lexers

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// TestLazyLoad (layerdeck patch): importing the package registers only
// the Go-defined lexers; the XML ones come with the first look-up, and a
// Go-defined lexer still wins over an XML one of the same name.
func TestLazyLoad(t *testing.T) {
	if loaded {
		t.Fatal("XML lexers loaded at initialisation")
	}
	before := len(GlobalLexerRegistry.Lexers)
	if Get("python") == nil || !loaded || len(GlobalLexerRegistry.Lexers) <= before+100 {
		t.Fatalf("after a look-up: loaded %v, %d lexers (%d before)", loaded, len(GlobalLexerRegistry.Lexers), before)
	}
	if Get("go") != Go {
		t.Error("the Go-defined Go lexer lost to an XML one")
	}
}

// TestRemappedWords (layerdeck patch 2): the Common Lisp lexer's word
// table, now made on its first token, still remaps its words: defun a
// macro, car a built-in function, an unknown word left a variable.
func TestRemappedWords(t *testing.T) {
	it, err := CommonLisp.Tokenise(nil, "(defun twice (x) (car x) (frobnicate x))")
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]chroma.TokenType{}
	for tok := it(); tok != chroma.EOF; tok = it() {
		types[tok.Value] = tok.Type
	}
	for word, want := range map[string]chroma.TokenType{"defun": chroma.NameBuiltin, "car": chroma.NameFunction, "frobnicate": chroma.NameVariable} {
		if types[word] != want {
			t.Errorf("%s: %v, want %v", word, types[word], want)
		}
	}
}
