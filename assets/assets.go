// Package assets holds the files built into the layerdeck binary: the
// built-in deck, a talk on the layered evolution of AI and crypto.
package assets

import "embed"

// Essay is the source of the built-in deck 「AIと暗号資産の階層的発展の違い」.
//
//go:embed essay.md
var Essay []byte

// Layouts holds the diagram layout cache entries of the built-in deck
// (diagrams.Options.Seed), so that building it does not start Graphviz.
// go test ./internal/build -update rewrites them from Graphviz's output,
// and the test checks them against it.
//
//go:embed layouts/*.json
var Layouts embed.FS
