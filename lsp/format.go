package lsp

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
	"go.lsp.dev/jsonrpc2"

	"github.com/dbspec/dbspec/lang"
)

type textEdit struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}

// formatting formats the whole document with the language's formatter, as
// the few line edits that turn the text into the formatted text (so the
// editor keeps the cursor and the undo history small). Declarations with
// syntax errors are kept as they are.
func (s *Server) formatting(_ context.Context, raw json.RawMessage) (any, error) {
	return s.formatEdits(raw, nil)
}

// rangeFormatting formats the lines of the requested range: the edits of
// whole-document formatting that touch them. Alignment is per table, so
// formatting one line of a table may realign its neighbours.
func (s *Server) rangeFormatting(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		Range lspRange `json:"range"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	return s.formatEdits(raw, &p.Range)
}

func (s *Server) formatEdits(raw json.RawMessage, within *lspRange) ([]textEdit, error) {
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
	s.mu.Unlock()
	if doc == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "the document is not open")
	}
	formatted := lang.Format(s.loader.Parser.Parse(path, text))
	edits := []textEdit{}
	for _, e := range lineEdits(text, formatted) { // whole lines: column 0 in any encoding
		if within == nil || e.startLine <= within.End.Line && e.endLine >= within.Start.Line {
			edits = append(edits, textEdit{
				Range:   lspRange{Start: position{Line: e.startLine}, End: position{Line: e.endLine}},
				NewText: e.text,
			})
		}
	}
	return edits, nil
}

// lineEdit replaces the lines [startLine, endLine) with text.
type lineEdit struct {
	startLine, endLine int
	text               string
}

// lineEdits are the line replacements that turn a into b.
func lineEdits(a, b string) []lineEdit {
	if a == b {
		return nil
	}
	al, bl := difflib.SplitLines(a), difflib.SplitLines(b)
	// SplitLines ends every line with "\n" and adds one to the last: undo that.
	al[len(al)-1] = strings.TrimSuffix(al[len(al)-1], "\n")
	bl[len(bl)-1] = strings.TrimSuffix(bl[len(bl)-1], "\n")
	var edits []lineEdit
	for _, op := range difflib.NewMatcher(al, bl).GetOpCodes() {
		if op.Tag == 'e' {
			continue
		}
		edits = append(edits, lineEdit{startLine: op.I1, endLine: op.I2, text: strings.Join(bl[op.J1:op.J2], "")})
	}
	return edits
}
