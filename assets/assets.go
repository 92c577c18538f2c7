// Package assets holds the files built into the layerdeck binary: the
// built-in deck, a talk on the layered evolution of AI and crypto.
package assets

import _ "embed"

// Essay is the source of the built-in deck 「AIと暗号資産の階層的発展の違い」.
//
//go:embed essay.md
var Essay []byte
