package lsp

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodedToken is one semantic token decoded back to text and names.
type decodedToken struct {
	Text, Type string
	Mods       int
}

// decodeTokens turns the relative encoding back into tokens, reading the
// text of each from the document's lines (UTF-16 columns).
func decodeTokens(t *testing.T, src []string, data []uint32) []decodedToken {
	t.Helper()
	require.Zero(t, len(data)%5)
	var out []decodedToken
	line, col := 0, 0
	for i := 0; i < len(data); i += 5 {
		if data[i] > 0 {
			line, col = line+int(data[i]), 0
		}
		col += int(data[i+1])
		units := utf16.Encode([]rune(src[line]))
		text := string(utf16.Decode(units[col : col+int(data[i+2])]))
		out = append(out, decodedToken{text, tokenTypes[data[i+3]], int(data[i+4])})
	}
	return out
}

func TestSemanticTokens(t *testing.T) {
	path := t.TempDir() + "/a.dbspec"
	src := "/// Größe 📏 of a thing.\nenum size { small large }\n\ntable things global {\n  id         uuid        pk default(gen_random_uuid())\n  size       size        default(small) // 📏 café\n  note       text?       check(length(note) < 10)\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	c := newClient(t)
	c.open(path, src)
	c.waitFor(path, none)

	var res struct{ Data []uint32 }
	require.NoError(t, c.call("textDocument/semanticTokens/full", map[string]any{"textDocument": map[string]any{"uri": uriOf(path)}}, &res))
	toks := decodeTokens(t, strings.Split(src, "\n"), res.Data)
	has := func(tok decodedToken) { t.Helper(); assert.Contains(t, toks, tok) }
	has(decodedToken{"/// Größe 📏 of a thing.", "comment", modDocumentation})
	has(decodedToken{"enum", "keyword", 0})
	has(decodedToken{"size", "enum", modDeclaration})
	has(decodedToken{"small", "enumMember", modDeclaration})
	has(decodedToken{"things", "class", modDeclaration})
	has(decodedToken{"id", "property", modDeclaration})
	has(decodedToken{"uuid", "type", 0})
	has(decodedToken{"pk", "keyword", 0})
	has(decodedToken{"gen_random_uuid", "function", 0})
	has(decodedToken{"size", "enum", 0})
	has(decodedToken{"small", "enumMember", 0})
	has(decodedToken{"// 📏 café", "comment", 0})
	has(decodedToken{"note", "property", 0})
	has(decodedToken{"<", "operator", 0})
	has(decodedToken{"10", "number", 0})
	has(decodedToken{"timestamptz", "type", 0})
}
