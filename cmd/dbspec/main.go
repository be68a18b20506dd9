// Command dbspec checks, formats and compiles dbspec schemas.
//
// Usage:
//
//	dbspec <command> [flags] [paths]
//
// Run "dbspec help" for the list of commands and "dbspec <command> --help"
// for the flags of one.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// command is one subcommand: its name, a one-line summary, and its entry
// point, which returns the process exit code.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"check", "report syntax errors and findings", runCheck},
		{"fmt", "format schema files", runFmt},
		{"build", "generate schema.sql, Go types and the ER diagram", runBuild},
		{"migrate", "seal, list, apply and revert migrations", runMigrate},
		{"lsp", "run the language server on standard input and output", runLSP},
		{"explain", "print the documentation of a rule", runExplain},
		{"rules", "list the rules", runRules},
		{"version", "print the dbspec version", runVersion},
	}
}

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// gcPercent is the garbage collector's target unless GOGC says otherwise.
// dbspec allocates in bursts (a load builds a whole model) over a small
// live heap: a 1,000-table schema keeps about 30 MB. Letting the heap grow
// to three times the live data before a collection, instead of two, takes
// a quarter off a cold load and a tenth off a re-analysis
// (docs/performance.md).
const gcPercent = 200

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	return dispatch(commands(), args, stdout, stderr, "command", usage)
}

// dispatch runs the command of cmds that args[0] names with the rest of
// args; an unknown name is reported with the usage, as exit code 2.
func dispatch(cmds []command, args []string, stdout, stderr io.Writer, what string, usage func(io.Writer)) int {
	for _, c := range cmds {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "dbspec: unknown %s %q\n", what, args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dbspec is a schema language for PostgreSQL with a linter, a formatter and a compiler.")
	fmt.Fprintln(w, "\nUsage:\n\n  dbspec <command> [flags] [paths]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"dbspec <command> --help\" for a command's flags.")
}

// newFlags returns a flag set whose --help prints the usage line, the
// description and the flags.
func newFlags(name, usageLine, description string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s\n", usageLine, description)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args; done is set when the command should exit with code.
func parseFlags(fs *flag.FlagSet, args []string) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0, true
	case err != nil:
		return 2, true
	}
	return 0, false
}
