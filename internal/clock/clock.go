// Package clock holds the time the process started, as near as a Go
// program can tell: it imports only time, so it is initialised right
// after it, before the packages (Markdown, highlighting, Graphviz's
// runtime) whose initialisation takes most of layerdeck's start-up. The
// runtime's own start before any package (about 2 ms) is not counted.
package clock

import "time"

// Start is when this package was initialised.
var Start = time.Now()
