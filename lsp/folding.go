package lsp

import (
	"context"
	"encoding/json"

	"github.com/dbspec/dbspec/lang/model"
)

type foldingRange struct {
	StartLine int `json:"startLine"`
	EndLine   int `json:"endLine"`
}

// foldingRange folds each table, enum and project block of the document,
// from its header line to its closing brace.
func (s *Server) foldingRange(_ context.Context, raw json.RawMessage) (any, error) {
	out := []foldingRange{}
	pl, ok, err := s.placeOf(raw, nil) // params without a position read as 0:0
	if !ok {
		return out, err
	}
	fold := func(name, whole model.Loc) {
		start, end := pl.file.Lines.Position(name.Span.Start).Line, pl.file.Lines.Position(whole.Span.End).Line
		if name.File == pl.file && end > start {
			out = append(out, foldingRange{StartLine: start, EndLine: end})
		}
	}
	sch := pl.snap.Schema
	if p := sch.Project; p != nil {
		fold(p.Loc, p.DeclLoc)
	}
	for _, e := range sch.Enums {
		fold(sch.Loc(e.Site), sch.Loc(e.DeclSite()))
	}
	for _, t := range sch.Tables {
		fold(sch.Loc(t.Site), sch.Loc(t.DeclSite()))
	}
	return out, nil
}
