package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/analysis/report"
	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/codegen/files"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "dbspec check [--format F] [--fix] [dir | file.dbspec | dir/...]...",
		"Check schemas: print every syntax error and rule finding. Exits 1 when\n"+
			"there are errors. With --fix, first apply every fix that is the only\n"+
			"fix of its finding, then report what is left.", stderr)
	format := fs.String("format", "text", "output format: "+strings.Join(report.Formats, ", "))
	fix := fs.Bool("fix", false, "apply the safe fixes to the files")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if !slices.Contains(report.Formats, *format) {
		fmt.Fprintf(stderr, "dbspec: unknown format %q (expected %s)\n", *format, strings.Join(report.Formats, ", "))
		return 2
	}
	targets, err := model.Targets(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 2
	}
	loader := model.NewLoader()
	var all []analysis.Diagnostic
	for _, t := range targets {
		s, err := model.Load(t.Dir, loader, nil)
		if err != nil {
			fmt.Fprintf(stderr, "dbspec: %v\n", err)
			return 2
		}
		_, h, err := build.History(s)
		if err != nil {
			fmt.Fprintf(stderr, "dbspec: %v\n", err)
			return 2
		}
		diags := analysis.RunWith(s, analysis.Options{History: h})
		if *fix {
			if s, diags, err = applyFixes(t.Dir, loader, s, h, diags, stderr); err != nil {
				fmt.Fprintf(stderr, "dbspec: %v\n", err)
				return 2
			}
		}
		all = append(all, filterFiles(diags, t.Files)...)
	}
	if err := report.Write(stdout, *format, all, versionString()); err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 2
	}
	if len(analysis.Errors(all)) > 0 {
		return 1
	}
	return 0
}

// applyFixes writes the safe fixes of diags to disk, keeping files that were
// canonically formatted formatted, and checks the schema again against the
// migration history h.
func applyFixes(dir string, loader *model.Loader, s *model.Schema, h *analysis.History, diags []analysis.Diagnostic, stderr io.Writer) (*model.Schema, []analysis.Diagnostic, error) {
	changed, err := analysis.ApplyEdits(s.Files, analysis.SafeEdits(diags))
	if err != nil || len(changed) == 0 {
		return s, diags, err
	}
	for _, f := range s.Files {
		text, ok := changed[f.Path]
		if !ok {
			continue
		}
		if lang.Format(f) == f.Src {
			text = lang.Format(lang.Parse(f.Path, text))
		}
		if err := files.WriteAtomic(f.Path, []byte(text)); err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(stderr, "fixed %s\n", f.Path)
	}
	s, err = model.Load(dir, loader, nil)
	if err != nil {
		return nil, nil, err
	}
	return s, analysis.RunWith(s, analysis.Options{History: h}), nil
}

// filterFiles keeps the diagnostics in the named files, or all when none are named.
func filterFiles(ds []analysis.Diagnostic, names []string) []analysis.Diagnostic {
	if names == nil {
		return ds
	}
	var out []analysis.Diagnostic
	for _, d := range ds {
		if d.Loc.File != nil && slices.Contains(names, d.Loc.File.Path) {
			out = append(out, d)
		}
	}
	return out
}
