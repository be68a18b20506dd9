package lsp

import (
	"context"
	"encoding/json"

	"github.com/dbspec/dbspec/lang/model"
)

// documentSymbol is an outline entry (LSP SymbolKind numbers).
type documentSymbol struct {
	Name           string           `json:"name"`
	Detail         string           `json:"detail,omitempty"`
	Kind           int              `json:"kind"`
	Range          lspRange         `json:"range"`
	SelectionRange lspRange         `json:"selectionRange"`
	Children       []documentSymbol `json:"children,omitempty"`
}

// LSP symbol kinds.
const (
	kindField      = 8
	kindEnum       = 10
	kindStruct     = 23
	kindEnumMember = 22
)

// documentSymbol outlines a document: tables with their columns, enums with
// their values.
func (s *Server) documentSymbol(_ context.Context, raw json.RawMessage) (any, error) {
	out := []documentSymbol{}
	pl, ok, err := s.placeOf(raw, nil)
	if !ok {
		return out, err
	}
	sch := pl.snap.Schema
	sym := func(name, detail string, kind int, whole, sel model.Site) documentSymbol {
		return documentSymbol{Name: name, Detail: detail, Kind: kind, Range: rangeOf(sch.Loc(whole), pl.utf8), SelectionRange: rangeOf(sch.Loc(sel), pl.utf8)}
	}
	for _, t := range sch.Tables {
		if sch.Loc(t.Site).File != pl.file {
			continue
		}
		ts := sym(t.Name, "table", kindStruct, t.DeclSite(), t.Site)
		for _, c := range t.Columns {
			ts.Children = append(ts.Children, sym(c.Name, c.Type.String(), kindField, c.LineSite, c.Site))
		}
		out = append(out, ts)
	}
	for _, e := range sch.Enums {
		if sch.Loc(e.Site).File != pl.file {
			continue
		}
		es := sym(e.Name, "enum", kindEnum, e.DeclSite(), e.Site)
		for _, v := range e.Values {
			es.Children = append(es.Children, sym(v.Name, "", kindEnumMember, v.Site, v.Site))
		}
		out = append(out, es)
	}
	return out, nil
}
