package lsp

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/lang"
)

func TestFormatting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	messy := "table t global {\nid uuid pk\n    name text\n}\ntable u global {\n  id uuid pk\n  created_at    timestamptz\n}"
	c := newClient(t)
	c.open(path, messy)
	doc := map[string]any{"uri": uriOf(path)}
	var edits []textEdit
	require.NoError(t, c.call("textDocument/formatting", map[string]any{"textDocument": doc, "options": map[string]any{"tabSize": 2}}, &edits))
	require.Len(t, edits, 3, "table t's lines, the blank line between the tables, table u's lines and the final newline")
	formatted := lang.Format(lang.Parse(path, messy))
	assert.Equal(t, formatted, applyEdits(messy, edits))

	// Formatting a range edits only the lines it touches.
	require.NoError(t, c.call("textDocument/rangeFormatting", map[string]any{"textDocument": doc, "range": edit(6, 0, 6, 5, "")["range"]}, &edits))
	require.Len(t, edits, 1)
	assert.Equal(t, "table t global {\nid uuid pk\n    name text\n}\ntable u global {\n  id         uuid pk\n  created_at timestamptz\n}\n", applyEdits(messy, edits))

	// The same as a source action.
	c.waitFor(path, func([]lspDiagnostic) bool { return true })
	var actions []codeAction
	require.NoError(t, c.call("textDocument/codeAction", map[string]any{"textDocument": doc, "range": edit(0, 0, 0, 0, "")["range"],
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"source"}}}, &actions))
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
		if a.Kind == formatKind {
			assert.Equal(t, formatted, applyEdits(messy, a.Edit.DocumentChanges[0].Edits))
		}
	}
	assert.Contains(t, titles, "Format")

	c.change(path, 2, map[string]any{"text": formatted})
	require.NoError(t, c.call("textDocument/formatting", map[string]any{"textDocument": doc}, &edits))
	assert.Empty(t, edits, "a formatted document needs no edit")
}
