package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbspec/dbspec/lang"
)

type textEdit struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}

// formatting formats the whole document with the language's formatter: one
// edit replacing the text when it changes, none otherwise. Declarations with
// syntax errors are kept as they are.
func (s *Server) formatting(_ context.Context, raw json.RawMessage) (any, error) {
	path, err := documentPath(raw)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	doc := s.docs[path]
	var text string
	if doc != nil {
		text = doc.text
	}
	utf8 := s.utf8
	s.mu.Unlock()
	if doc == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "the document is not open")
	}
	f := lang.Parse(path, text)
	formatted := lang.Format(f)
	if formatted == text {
		return []textEdit{}, nil
	}
	end := positionOf(f.Lines.Position(len(text)), utf8)
	return []textEdit{{Range: lspRange{End: end}, NewText: formatted}}, nil
}
