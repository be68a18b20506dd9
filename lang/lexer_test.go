package lang

import (
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/stretchr/testify/assert"
)

func TestLex(t *testing.T) {
	src := "/// doc é\nx_1 int? -> t.c default('it''s') `raw sql` \"a\\\"b\" 3.14 :: <> != || <= >= // c\n$"
	type tok struct {
		typ lexer.TokenType
		val string
	}
	var got []tok
	for _, tk := range Lex(src) {
		got = append(got, tok{tk.Type, tk.Value})
		assert.Equal(t, tk.Value, src[tk.Pos.Offset:tk.Pos.Offset+len(tk.Value)], "offset of %q", tk.Value)
	}
	want := []tok{
		{TokDocComment, "/// doc é"}, {TokNewline, "\n"},
		{TokIdent, "x_1"}, {TokIdent, "int"}, {TokPunct, "?"}, {TokPunct, "->"}, {TokIdent, "t"}, {TokPunct, "."}, {TokIdent, "c"},
		{TokIdent, "default"}, {TokPunct, "("}, {TokString, "'it''s'"}, {TokPunct, ")"},
		{TokRaw, "`raw sql`"}, {TokDString, `"a\"b"`}, {TokNumber, "3.14"},
		{TokPunct, "::"}, {TokPunct, "<>"}, {TokPunct, "!="}, {TokPunct, "||"}, {TokPunct, "<="}, {TokPunct, ">="},
		{TokComment, "// c"}, {TokNewline, "\n"}, {TokInvalid, "$"}, {TokEOF, ""},
	}
	assert.Equal(t, want, got)
}

func TestLexUnterminatedStringStopsAtLineEnd(t *testing.T) {
	toks := Lex("a 'oops\nb")
	assert.Equal(t, TokInvalid, toks[1].Type)
	assert.Equal(t, "'oops", toks[1].Value)
	assert.Equal(t, "b", toks[3].Value)
}

func TestLexNonASCIIOutsideStringsIsInvalid(t *testing.T) {
	toks := Lex("naïve")
	assert.Equal(t, []string{"na", "ï", "ve", ""}, []string{toks[0].Value, toks[1].Value, toks[2].Value, toks[3].Value})
	assert.Equal(t, TokInvalid, toks[1].Type)
}

func TestIsIdent(t *testing.T) {
	for s, want := range map[string]bool{"users": true, "_x1": true, "userId": true, "": false, "1a": false, "a-b": false, "é": false, "a b": false} {
		assert.Equal(t, want, IsIdent(s), "%q", s)
	}
}
