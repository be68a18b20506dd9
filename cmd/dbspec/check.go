package main

import (
	"fmt"
	"io"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "dbspec check [dir | file.dbspec | dir/...]...",
		"Check schemas: print every syntax error and finding as\n"+
			"path:line:col: severity: message [rule]. Exits 1 when there are errors.", stderr)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	targets, err := model.Targets(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 2
	}
	parser := lang.NewParser()
	failed := false
	for _, t := range targets {
		s, err := model.Load(t.Dir, parser, nil)
		if err != nil {
			fmt.Fprintf(stderr, "dbspec: %v\n", err)
			return 2
		}
		diags := filterFiles(s.Diagnostics, t.Files)
		model.SortDiagnostics(diags)
		for _, d := range diags {
			fmt.Fprintln(stdout, d)
			failed = failed || d.Severity == model.Error
		}
	}
	if failed {
		return 1
	}
	return 0
}

// filterFiles keeps the diagnostics in the named files, or all when none are named.
func filterFiles(ds []model.Diagnostic, files []string) []model.Diagnostic {
	if files == nil {
		return ds
	}
	var out []model.Diagnostic
	for _, d := range ds {
		for _, f := range files {
			if d.Loc.File.Path == f {
				out = append(out, d)
			}
		}
	}
	return out
}
