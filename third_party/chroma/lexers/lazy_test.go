package lexers

import "testing"

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
