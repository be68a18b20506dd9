package lsp

import (
	"context"
	"encoding/json"
	"regexp"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

// prepareRename answers with the range of the name at the position, or
// null when nothing there can be renamed.
func (s *Server) prepareRename(_ context.Context, raw json.RawMessage) (any, error) {
	pl, ok, err := s.placeOf(raw, nil)
	if !ok {
		return nil, err
	}
	occ, found := pl.snap.Schema.SymbolAt(pl.file, pl.off)
	if !found {
		return nil, nil
	}
	return rangeOf(model.Loc{File: pl.file, Span: occ.Span}, pl.utf8), nil
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// rename renames the table, column, enum or enum value at the position in
// every file of the schema: its declaration and every reference.
func (s *Server) rename(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		NewName string `json:"newName"`
	}
	pl, ok, err := s.placeOf(raw, &p)
	if !ok {
		if err == nil {
			err = jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "the document is being analyzed; try again")
		}
		return nil, err
	}
	if !identRE.MatchString(p.NewName) {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%q is not a name: use letters, digits and underscores", p.NewName)
	}
	occ, found := pl.snap.Schema.SymbolAt(pl.file, pl.off)
	if !found {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "there is nothing to rename here")
	}
	s.mu.Lock()
	versions := map[string]int32{}
	for path, d := range s.docs {
		versions[path] = d.version
	}
	s.mu.Unlock()
	fix := analysis.Fix{Title: "Rename", Edits: model.Rename(occ.Symbol, p.NewName)}
	return workspaceEditOf(fix, versions, pl.utf8), nil
}
