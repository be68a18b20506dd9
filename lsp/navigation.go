package lsp

import (
	"context"
	"encoding/json"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// place is a position in a document of the newest current snapshot.
type place struct {
	snap *Snapshot
	file *lang.File
	off  int
	utf8 bool
}

// placeOf decodes {textDocument, position} and finds the position in the
// newest snapshot; ok is false when there is none yet, or when it lags
// behind the document (its positions would be wrong).
func (s *Server) placeOf(raw json.RawMessage, extra any) (pl place, ok bool, err error) {
	var p struct {
		TextDocument documentID `json:"textDocument"`
		Position     position   `json:"position"`
	}
	if err := decode(raw, &p); err != nil {
		return pl, false, err
	}
	if extra != nil {
		if err := decode(raw, extra); err != nil {
			return pl, false, err
		}
	}
	path := pathOf(p.TextDocument.URI)
	if path == "" {
		return pl, false, nil
	}
	s.mu.Lock()
	pl.utf8 = s.utf8
	s.mu.Unlock()
	if pl.snap, pl.file, ok = s.snapshotOf(path); !ok {
		return pl, false, nil
	}
	pl.off = pl.file.Lines.Offset(p.Position.Line, p.Position.Character, !pl.utf8)
	return pl, true, nil
}

func locationOf(l model.Loc, utf8 bool) lspLocation {
	return lspLocation{URI: uriOf(l.File.Path), Range: rangeOf(l, utf8)}
}

// definition jumps from any occurrence of a table, column, enum or enum
// value (an FK target, a type, a column in a key, index or expression) to
// its declaration.
func (s *Server) definition(_ context.Context, raw json.RawMessage) (any, error) {
	pl, ok, err := s.placeOf(raw, nil)
	if !ok {
		return []lspLocation{}, err
	}
	sch := pl.snap.Schema
	occ, found := sch.SymbolAt(pl.file, pl.off)
	if !found {
		return []lspLocation{}, nil
	}
	return []lspLocation{locationOf(sch.Definition(occ.Symbol), pl.utf8)}, nil
}

// references lists every occurrence of the symbol at the position, across
// the files of the schema, with its declaration when asked.
func (s *Server) references(_ context.Context, raw json.RawMessage) (any, error) {
	var ctx struct {
		Context struct {
			IncludeDeclaration bool `json:"includeDeclaration"`
		} `json:"context"`
	}
	pl, ok, err := s.placeOf(raw, &ctx)
	if !ok {
		return []lspLocation{}, err
	}
	sch := pl.snap.Schema
	occ, found := sch.SymbolAt(pl.file, pl.off)
	if !found {
		return []lspLocation{}, nil
	}
	var out []lspLocation
	if ctx.Context.IncludeDeclaration {
		out = append(out, locationOf(sch.Definition(occ.Symbol), pl.utf8))
	}
	for _, r := range sch.References(occ.Symbol) {
		out = append(out, locationOf(r, pl.utf8))
	}
	if out == nil {
		out = []lspLocation{}
	}
	return out, nil
}
