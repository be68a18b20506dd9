package lsp

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf16"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// The semantic token legend, declared in the server's capabilities.
var (
	tokenTypes     = []string{"keyword", "type", "class", "property", "enum", "enumMember", "function", "string", "number", "comment", "operator"}
	tokenModifiers = []string{"declaration", "documentation"}
)

// Indexes into tokenTypes, and bits of tokenModifiers.
const (
	tokKeyword = iota
	tokType
	tokTable // "class"
	tokColumn
	tokEnum
	tokEnumValue
	tokFunction
	tokString
	tokNumber
	tokComment
	tokOperator

	modDeclaration   = 1 << 0
	modDocumentation = 1 << 1
)

// semanticTokensFull classifies every token of a document: tables,
// columns, enums and enum values from the resolved model (declarations
// marked), built-in types, keywords, functions called in expressions,
// strings, numbers, comments (doc comments marked) and operators.
func (s *Server) semanticTokensFull(_ context.Context, raw json.RawMessage) (any, error) {
	path, err := documentPath(raw)
	if err != nil {
		return nil, err
	}
	snap, file, ok := s.snapshotOf(path)
	if !ok {
		return nil, nil // the client asks again after the next change
	}
	s.mu.Lock()
	utf8 := s.utf8
	s.mu.Unlock()
	return map[string]any{"data": encodeTokens(file, classify(snap.Schema, file), utf8)}, nil
}

// semanticToken is a classified span of a file.
type semanticToken struct {
	span      lang.Span
	typ, mods int
}

// classify lists the classified tokens of file in order.
func classify(s *model.Schema, file *lang.File) []semanticToken {
	symbols := map[int]model.Occurrence{}
	for _, o := range s.Occurrences(file) {
		symbols[o.Span.Start] = o
	}
	types := map[int]bool{}
	for _, t := range s.Tables {
		if s.Loc(t.Site).File != file {
			continue
		}
		for _, c := range t.Columns {
			if c.Incomplete || s.EnumOf(c) != nil {
				continue
			}
			if l := s.Loc(c.Type.Site); l.File == file {
				types[l.Span.Start] = true
			}
		}
	}
	toks := lang.Lex(file.Src)
	out := make([]semanticToken, 0, len(toks))
	for i, t := range toks {
		span := lang.Span{Start: t.Pos.Offset, End: t.Pos.Offset + len(t.Value)}
		typ, mods := -1, 0
		switch t.Type {
		case lang.TokComment:
			typ = tokComment
		case lang.TokDocComment:
			typ, mods = tokComment, modDocumentation
		case lang.TokString, lang.TokDString, lang.TokRaw:
			typ = tokString
		case lang.TokNumber:
			typ = tokNumber
		case lang.TokPunct:
			if strings.ContainsAny(t.Value, "-<>=!?:+*/%|") {
				typ = tokOperator
			}
		case lang.TokIdent:
			typ, mods = classifyIdent(toks, i, symbols, types)
		}
		if typ >= 0 {
			out = append(out, semanticToken{span, typ, mods})
		}
	}
	return out
}

// classifyIdent classifies the identifier toks[i]: a symbol of the model,
// a column's type, a keyword, a cast's type or a function; -1 for none.
func classifyIdent(toks []lang.Token, i int, symbols map[int]model.Occurrence, types map[int]bool) (typ, mods int) {
	t := toks[i]
	if o, ok := symbols[t.Pos.Offset]; ok {
		if o.Def {
			mods = modDeclaration
		}
		switch o.Symbol.(type) {
		case *model.Table:
			return tokTable, mods
		case *model.Column:
			return tokColumn, mods
		case *model.Enum:
			return tokEnum, mods
		case *model.EnumValue:
			return tokEnumValue, mods
		}
	}
	afterCast := i > 0 && toks[i-1].Value == "::"
	beforeParen := i+1 < len(toks) && toks[i+1].Value == "("
	switch {
	case types[t.Pos.Offset] || afterCast && model.IsBuiltin(t.Value):
		return tokType, 0
	case words[t.Value] != "" && !model.IsBuiltin(t.Value):
		return tokKeyword, 0
	case beforeParen:
		return tokFunction, 0
	}
	return -1, 0
}

// encodeTokens encodes tokens as LSP's relative five-integer groups, one
// token per line (a raw string over several lines is split), with columns
// and lengths in the negotiated encoding.
func encodeTokens(file *lang.File, toks []semanticToken, utf8 bool) []uint32 {
	data := make([]uint32, 0, 5*len(toks))
	prevLine, prevCol := 0, 0
	for _, t := range toks {
		for start := t.span.Start; start < t.span.End; {
			end := start + strings.IndexByte(file.Src[start:t.span.End], '\n')
			if end < start {
				end = t.span.End
			}
			pos := file.Lines.Position(start)
			col, length := pos.Col, end-start
			if !utf8 {
				col, length = pos.Col16, len(utf16.Encode([]rune(file.Src[start:end])))
			}
			if length > 0 {
				if pos.Line != prevLine {
					prevCol = 0
				}
				data = append(data, uint32(pos.Line-prevLine), uint32(col-prevCol), uint32(length), uint32(t.typ), uint32(t.mods))
				prevLine, prevCol = pos.Line, col
			}
			start = end + 1
		}
	}
	return data
}
