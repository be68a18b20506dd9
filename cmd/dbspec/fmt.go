package main

import (
	"fmt"
	"io"
	"os"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/dbspec/dbspec/codegen/files"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

func runFmt(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fmt", "dbspec fmt [-w] [-l] [-d] [dir | file.dbspec | dir/...]...",
		"Format schema files in the canonical layout. Without flags, print the\n"+
			"formatted text. Declarations with syntax errors are left as they are,\n"+
			"and the errors are reported (exit code 2).", stderr)
	write := fs.Bool("w", false, "write the result to the file instead of printing it")
	list := fs.Bool("l", false, "list the files whose formatting differs")
	diff := fs.Bool("d", false, "print a unified diff instead of the formatted text")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	targets, err := model.Targets(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 2
	}
	code := 0
	for _, t := range targets {
		paths := t.Files
		if paths == nil {
			if paths, err = model.SchemaFiles(t.Dir); err != nil {
				fmt.Fprintf(stderr, "dbspec: %v\n", err)
				return 2
			}
		}
		for _, path := range paths {
			code = max(code, fmtFile(path, *write, *list, *diff, stdout, stderr))
		}
	}
	return code
}

func fmtFile(path string, write, list, diff bool, stdout, stderr io.Writer) int {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 2
	}
	f := lang.Parse(path, string(src))
	code := 0
	for _, e := range f.Errors {
		p := f.Lines.Position(e.Span.Start)
		fmt.Fprintf(stderr, "%s:%d:%d: %s\n", path, p.Line+1, p.Col+1, e.Msg)
		code = 2
	}
	out := lang.Format(f)
	changed := out != string(src)
	if list && changed {
		fmt.Fprintln(stdout, path)
	}
	if diff && changed {
		text, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
			A: difflib.SplitLines(string(src)), B: difflib.SplitLines(out),
			FromFile: path + ".orig", ToFile: path, Context: 3,
		})
		fmt.Fprint(stdout, text)
	}
	if write && changed {
		if err := files.WriteAtomic(path, []byte(out)); err != nil {
			fmt.Fprintf(stderr, "dbspec: %v\n", err)
			return 2
		}
	}
	if !write && !list && !diff {
		fmt.Fprint(stdout, out)
	}
	return code
}
