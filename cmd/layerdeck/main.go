// Command layerdeck turns a Markdown slide deck into a presentation PDF
// with embedded Japanese fonts and Graphviz-laid-out layer-flow diagrams.
// Run "layerdeck help" for its commands.
package main

import (
	"os"

	"github.com/layerdeck/layerdeck/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.OSEnv()))
}
