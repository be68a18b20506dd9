package main

import (
	"fmt"
	"io"

	"github.com/dbspec/dbspec/analysis"
)

func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("explain", "dbspec explain RULE", "Print the documentation of a rule: why it matters, a bad and a good\nexample, and how to suppress it.", stderr)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	r := analysis.Lookup(fs.Arg(0))
	if r == nil {
		fmt.Fprintf(stderr, "dbspec: no rule %q (dbspec rules lists them)\n", fs.Arg(0))
		return 2
	}
	fmt.Fprint(stdout, analysis.Explain(r))
	return 0
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("rules", "dbspec rules", "List every rule with its default severity and summary.", stderr)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	for _, r := range analysis.All() {
		fmt.Fprintf(stdout, "%-42s %-8s %s\n", r.Name, r.Severity, r.Summary)
	}
	return 0
}
