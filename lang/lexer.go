package lang

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types produced by Lex.
const (
	TokEOF        lexer.TokenType = lexer.EOF
	TokIdent      lexer.TokenType = -2 - iota // name or keyword: keywords are contextual
	TokNumber                                 // 42, 3.14
	TokString                                 // 'sql string'
	TokDString                                // "double-quoted string" (project settings)
	TokRaw                                    // `raw sql`
	TokPunct                                  // ( ) { } [ ] , . ? -> :: and operators
	TokComment                                // // line comment
	TokDocComment                             // /// doc comment
	TokNewline                                // one or more line breaks
	TokInvalid                                // a character or literal the lexer cannot read
)

var symbols = map[string]lexer.TokenType{
	"EOF": TokEOF, "Ident": TokIdent, "Number": TokNumber, "String": TokString, "DString": TokDString,
	"Raw": TokRaw, "Punct": TokPunct, "Comment": TokComment, "DocComment": TokDocComment,
	"Newline": TokNewline, "Invalid": TokInvalid,
}

// Token is a lexed token with its byte offset in the lexed text.
type Token = lexer.Token

// Lex splits src into tokens. It never fails: characters it cannot read
// become TokInvalid tokens, and an unterminated string runs to the end of its line
// as an TokInvalid token. Offsets are relative to src; lines and columns are not
// filled in (Lines derives them from offsets).
func Lex(src string) []Token {
	toks := make([]Token, 0, len(src)/4+1)
	emit := func(t lexer.TokenType, start, end int) {
		toks = append(toks, Token{Type: t, Value: src[start:end], Pos: lexer.Position{Offset: start}})
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\n':
			start := i
			for i < len(src) && (src[i] == '\n' || src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
				i++
			}
			emit(TokNewline, start, i)
		case isIdentStart(c):
			start := i
			for i < len(src) && IsIdentPart(src[i]) {
				i++
			}
			emit(TokIdent, start, i)
		case c >= '0' && c <= '9':
			start := i
			for i < len(src) && src[i] >= '0' && src[i] <= '9' {
				i++
			}
			if i+1 < len(src) && src[i] == '.' && src[i+1] >= '0' && src[i+1] <= '9' {
				i++
				for i < len(src) && src[i] >= '0' && src[i] <= '9' {
					i++
				}
			}
			emit(TokNumber, start, i)
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			start := i
			for i < len(src) && src[i] != '\n' {
				i++
			}
			end := i
			if end > start && src[end-1] == '\r' {
				end--
			}
			if end-start >= 3 && src[start+2] == '/' {
				emit(TokDocComment, start, end)
			} else {
				emit(TokComment, start, end)
			}
		case c == '\'' || c == '"' || c == '`':
			start := i
			i = scanQuoted(src, i)
			if i < 0 {
				i = lineEnd(src, start)
				emit(TokInvalid, start, i)
				continue
			}
			emit(quotedType(c), start, i)
		default:
			if n := punctLen(src[i:]); n > 0 {
				emit(TokPunct, i, i+n)
				i += n
				continue
			}
			_, size := utf8.DecodeRuneInString(src[i:])
			emit(TokInvalid, i, i+size)
			i += size
		}
	}
	toks = append(toks, Token{Type: TokEOF, Pos: lexer.Position{Offset: len(src)}})
	return toks
}

// scanQuoted returns the offset just after the quoted literal that starts at
// src[i], or -1 when it is not closed on its line. SQL strings escape a
// quote by doubling it; double-quoted strings use a backslash.
func scanQuoted(src string, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\n':
			return -1
		case c == '\\' && q == '"':
			j++
		case c == q:
			if q == '\'' && j+1 < len(src) && src[j+1] == '\'' {
				j++
				continue
			}
			return j + 1
		}
	}
	return -1
}

func quotedType(q byte) lexer.TokenType {
	switch q {
	case '\'':
		return TokString
	case '"':
		return TokDString
	}
	return TokRaw
}

func punctLen(s string) int {
	if len(s) >= 2 {
		switch s[:2] {
		case "->", "::", "<=", ">=", "<>", "!=", "||":
			return 2
		}
	}
	switch s[0] {
	case '(', ')', '{', '}', '[', ']', ',', '.', '?', '=', '<', '>', '+', '-', '*', '/', '%':
		return 1
	}
	return 0
}

func isIdentStart(c byte) bool {
	return c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

// IsIdentPart reports whether c may continue an identifier.
func IsIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// IsIdent reports whether s lexes as one identifier: [A-Za-z_][A-Za-z0-9_]*.
func IsIdent(s string) bool {
	if s == "" || !isIdentStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !IsIdentPart(s[i]) {
			return false
		}
	}
	return true
}

// describe names a token for an error message.
func describe(t Token) string {
	switch t.Type {
	case TokEOF:
		return "end of file"
	case TokNewline:
		return "end of line"
	}
	v := t.Value
	if len(v) > 24 {
		v = v[:21] + "..."
	}
	return fmt.Sprintf("%q", v)
}

// sliceLexer replays already lexed tokens to participle.
type sliceLexer struct {
	toks []Token
	i    int
}

func (l *sliceLexer) Next() (Token, error) {
	if l.i >= len(l.toks) {
		return Token{Type: TokEOF}, nil
	}
	l.i++
	return l.toks[l.i-1], nil
}

// definition makes the lexer usable as a participle lexer.Definition.
type definition struct{}

func (definition) Symbols() map[string]lexer.TokenType { return symbols }

func (definition) Lex(_ string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return &sliceLexer{toks: Lex(string(b))}, nil
}
