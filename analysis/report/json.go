package report

import (
	"encoding/json"
	"io"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

type jsonRange struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
}

type jsonEdit struct {
	jsonRange
	NewText string `json:"newText"`
}

type jsonFix struct {
	Title string     `json:"title"`
	Edits []jsonEdit `json:"edits"`
}

type jsonRelated struct {
	jsonRange
	Message string `json:"message"`
}

type jsonDiagnostic struct {
	jsonRange
	Severity string        `json:"severity"`
	Rule     string        `json:"rule"`
	Message  string        `json:"message"`
	Related  []jsonRelated `json:"related,omitempty"`
	Fixes    []jsonFix     `json:"fixes,omitempty"`
}

func toRange(l model.Loc) jsonRange {
	s, e := start(l), end(l)
	return jsonRange{File: slash(l.File.Path), Line: s.Line, Column: s.Column, EndLine: e.Line, EndColumn: e.Column}
}

// writeJSON writes a JSON array of diagnostics; lines and columns are
// 1-based, columns in UTF-16 code units.
func writeJSON(w io.Writer, diags []analysis.Diagnostic) error {
	out := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		jd := jsonDiagnostic{jsonRange: toRange(d.Loc), Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, jsonRelated{toRange(r.Loc), r.Message})
		}
		for _, f := range d.Fixes {
			jf := jsonFix{Title: f.Title}
			for _, e := range f.Edits {
				jf.Edits = append(jf.Edits, jsonEdit{toRange(e.Loc), e.NewText})
			}
			jd.Fixes = append(jd.Fixes, jf)
		}
		out = append(out, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
