package fsnotify

// layerdeck patch 1: this release reports a file opened for writing being
// closed (inotify's IN_CLOSE_WRITE, on Linux and FreeBSD) but keeps the
// operation and the option that asks for it unexported (as
// xUnportableCloseWrite and withOps). layerdeck's watch rebuilds as soon
// as a save is complete, so it needs both; the names are those upstream
// documents for them.

// UnportableCloseWrite is a file opened for writing being closed. Only
// on Linux and FreeBSD; ask for it with WithOps.
const UnportableCloseWrite = xUnportableCloseWrite

// WithOps sets which operations AddWith listens for (the default is
// Create, Write, Remove, Rename and Chmod). AddWith fails with an
// unportable operation the platform does not support.
func WithOps(op Op) addOpt { return withOps(op) }
