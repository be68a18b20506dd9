// Package report writes diagnostics for people and machines: the text
// format of compilers, JSON, SARIF 2.1.0 for code scanning, and GitHub
// Actions workflow commands.
package report

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

// Formats lists the output formats Write accepts.
var Formats = []string{"text", "json", "sarif", "github"}

// Write renders diagnostics in format to w. Paths are written as the
// diagnostics carry them, with forward slashes in the machine formats.
func Write(w io.Writer, format string, diags []analysis.Diagnostic, version string) error {
	switch format {
	case "text":
		for _, d := range diags {
			if _, err := fmt.Fprintln(w, d.Diagnostic); err != nil {
				return err
			}
		}
		return nil
	case "json":
		return writeJSON(w, diags)
	case "sarif":
		return writeSARIF(w, diags, version)
	case "github":
		return writeGitHub(w, diags)
	}
	return fmt.Errorf("unknown format %q (expected text, json, sarif or github)", format)
}

// position is a 1-based line and column; columns count UTF-16 code units,
// as SARIF and editors expect.
type position struct {
	Line, Column int
}

func pos(l model.Loc, off int) position {
	p := l.File.Lines.Position(off)
	return position{p.Line + 1, p.Col16 + 1}
}

func start(l model.Loc) position { return pos(l, l.Span.Start) }
func end(l model.Loc) position   { return pos(l, l.Span.End) }

func slash(path string) string { return filepath.ToSlash(path) }
