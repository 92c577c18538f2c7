package cli

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

func versionCmd() *command {
	return &command{
		name:    "version",
		summary: "print the version of layerdeck",
		usage:   "",
		help:    "Prints the layerdeck version and the Go version it was built with.",
		define: func(fs *flag.FlagSet) func(Env, []string) int {
			return func(env Env, args []string) int {
				fmt.Fprintf(env.Stdout, "layerdeck %s (%s)\n", version(), runtime.Version())
				return ExitOK
			}
		},
	}
}

// version is the module version the binary was built from, or "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
