package lsp

import (
	"context"
	"encoding/json"

	"github.com/dbspec/dbspec/lang/model"
)

type documentHighlight struct {
	Range lspRange `json:"range"`
	Kind  int      `json:"kind"` // 2: read, 3: write
}

// documentHighlight marks, in the document, the declaration (as a write)
// and every use (as a read) of the symbol at the position.
func (s *Server) documentHighlight(_ context.Context, raw json.RawMessage) (any, error) {
	out := []documentHighlight{}
	pl, ok, err := s.placeOf(raw, nil)
	if !ok {
		return out, err
	}
	sch := pl.snap.Schema
	occ, found := sch.SymbolAt(pl.file, pl.off)
	if !found {
		return out, nil
	}
	add := func(l model.Loc, kind int) {
		if l.File == pl.file {
			out = append(out, documentHighlight{Range: rangeOf(l, pl.utf8), Kind: kind})
		}
	}
	add(sch.Definition(occ.Symbol), 3)
	for _, r := range sch.References(occ.Symbol) {
		add(r, 2)
	}
	return out, nil
}
