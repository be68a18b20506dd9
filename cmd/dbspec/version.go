package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3".
var version = ""

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "dbspec version", "Print the dbspec version.", stderr)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	fmt.Fprintf(stdout, "dbspec %s\n", versionString())
	return 0
}

// versionString is the version set at link time, else the module version.
func versionString() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && v == "" {
		v = info.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}
