package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
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
	if !lang.IsIdent(p.NewName) {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%q is not a name: use letters, digits and underscores", p.NewName)
	}
	occ, found := pl.snap.Schema.SymbolAt(pl.file, pl.off)
	if !found {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "there is nothing to rename here")
	}
	s.mu.Lock()
	versions := s.versionsLocked()
	s.mu.Unlock()
	edits := pl.snap.Schema.Rename(occ.Symbol, p.NewName)
	if e, ok := keepHistory(pl.snap, occ.Symbol); ok {
		edits = append(edits, e)
	}
	return workspaceEditOf(analysis.Fix{Title: "Rename", Edits: edits}, versions, pl.utf8), nil
}

// keepHistory returns the edit that adds `renamed_from OLD` to a table or
// column that the last sealed migration knows under its present name, so
// that the next migration renames it instead of dropping and adding it.
func keepHistory(snap *Snapshot, sym model.Symbol) (model.Edit, bool) {
	if snap.History == nil || snap.History.Baseline == nil {
		return model.Edit{}, false
	}
	base := snap.History.Baseline
	at := func(site model.Site) model.Loc {
		l := snap.Schema.Loc(site)
		return model.Loc{File: l.File, Span: lang.Span{Start: l.Span.End, End: l.Span.End}}
	}
	switch x := sym.(type) {
	case *model.Table:
		if x.RenamedFrom == "" && base.Table(x.Name) != nil {
			return model.Edit{Loc: at(x.Site), NewText: " renamed_from " + x.Name}, true
		}
	case *model.Column:
		if bt := base.Table(x.Table.Name); !x.Incomplete && x.RenamedFrom == "" && bt != nil && bt.Column(x.Name) != nil {
			return model.Edit{Loc: at(x.LineSite), NewText: " renamed_from " + x.Name}, true
		}
	}
	return model.Edit{}, false
}
