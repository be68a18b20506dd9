package main

import (
	"fmt"
	"io"
	"os"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/analysis/report"
	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/lang/model"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "dbspec build [--check] [--schema FILE] [--go DIR] [--erd FILE] [dir]",
		"Generate schema.sql, the Go types and the ER diagram at the paths of the\n"+
			"project's generate block (the flags override them; paths are relative to\n"+
			"the schema directory and must stay inside it), and the pending migration\n"+
			"when the block names a migrations directory. Refuses to build a schema\n"+
			"with errors, and never overwrites a file that dbspec did not generate.\n"+
			"With --check, writes nothing and exits 1 listing the stale files.", stderr)
	check := fs.Bool("check", false, "write nothing; list the stale files and exit 1 if there are any")
	var p build.Paths
	fs.StringVar(&p.Schema, "schema", "", "write the SQL schema to `FILE`")
	fs.StringVar(&p.GoDir, "go", "", "write the Go types to `DIR`/"+build.GoFile)
	fs.StringVar(&p.ERD, "erd", "", "write the Mermaid ER diagram to `FILE`")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	dir := "."
	switch fs.NArg() {
	case 0:
	case 1:
		dir = fs.Arg(0)
	default:
		fs.Usage()
		return 2
	}
	s, err := model.Load(dir, nil, nil)
	if err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 2
	}
	d, h, err := build.History(s)
	if err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 2
	}
	if refuse(stderr, analysis.RunWith(s, analysis.Options{History: h}), "not building "+dir) {
		return 1
	}
	paths := build.ProjectPaths(s)
	for _, o := range []struct{ flag, val *string }{{&p.Schema, &paths.Schema}, {&p.GoDir, &paths.GoDir}, {&p.ERD, &paths.ERD}} {
		if *o.flag != "" {
			*o.val = *o.flag
		}
	}
	outs, err := build.Outputs(s, paths)
	if err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 2
	}
	if *check {
		stale, err := build.Stale(dir, outs)
		if err == nil {
			var pending []string
			pending, err = build.StalePending(s, d, h)
			stale = append(stale, pending...)
		}
		if err != nil {
			fmt.Fprintf(stderr, "dbspec: %v\n", err)
			return 2
		}
		for _, path := range stale {
			fmt.Fprintf(stdout, "stale: %s\n", path)
		}
		if len(stale) > 0 {
			return 1
		}
		return 0
	}
	written, err := build.WriteAll(dir, outs, s, d, h)
	return reportWritten(stdout, stderr, written, err)
}

// reportWritten lists the files a command wrote (or removed) and its
// error, and returns its exit code.
func reportWritten(stdout, stderr io.Writer, written []string, err error) int {
	for _, path := range written {
		if _, statErr := os.Stat(path); statErr != nil {
			fmt.Fprintf(stdout, "removed %s\n", path)
		} else {
			fmt.Fprintf(stdout, "wrote %s\n", path)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 1
	}
	return 0
}

// refuse reports the errors among diags and why the command does nothing,
// and tells whether there were any.
func refuse(stderr io.Writer, diags []analysis.Diagnostic, why string) bool {
	errs := analysis.Errors(diags)
	if len(errs) == 0 {
		return false
	}
	_ = report.Write(stderr, "text", errs, "")
	fmt.Fprintf(stderr, "dbspec: %s: fix the errors first (dbspec check)\n", why)
	return true
}
