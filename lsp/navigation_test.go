package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNavigationAndHover checks definition, references and hover across two
// files of a schema.
func TestNavigationAndHover(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.dbspec"), filepath.Join(dir, "b.dbspec")
	owners := "/// People who own projects — café.\ntable owners global {\n  id         uuid        pk default(gen_random_uuid())\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	projects := "table projects global {\n  id         uuid        pk default(gen_random_uuid())\n  /// Who owns it.\n  owner_id   uuid        -> owners.id on delete cascade\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n\n  index (owner_id)\n}\n"
	require.NoError(t, os.WriteFile(a, []byte(owners), 0o644))
	require.NoError(t, os.WriteFile(b, []byte(projects), 0o644))
	c := newClient(t)
	c.open(b, projects)
	c.waitFor(b, none)
	at := func(line, char int) map[string]any {
		return map[string]any{"textDocument": map[string]any{"uri": uriOf(b)}, "position": map[string]any{"line": line, "character": char},
			"context": map[string]any{"includeDeclaration": true}}
	}
	ownersRef := strings.Index(strings.Split(projects, "\n")[3], "owners") + 2

	var locs []lspLocation
	require.NoError(t, c.call("textDocument/definition", at(3, ownersRef), &locs))
	require.Len(t, locs, 1)
	assert.Equal(t, uriOf(a), locs[0].URI)
	assert.Equal(t, lspRange{Start: position{1, 6}, End: position{1, 12}}, locs[0].Range)

	require.NoError(t, c.call("textDocument/references", at(3, 4), &locs)) // on owner_id
	require.Len(t, locs, 2, "the declaration and the index")
	assert.Equal(t, 3, locs[0].Range.Start.Line)
	assert.Equal(t, 7, locs[1].Range.Start.Line)

	var h hoverResult
	require.NoError(t, c.call("textDocument/hover", at(3, 4), &h))
	assert.Equal(t, "markdown", h.Contents.Kind)
	assert.Contains(t, h.Contents.Value, "owner_id   uuid        -> owners.id on delete cascade")
	assert.Contains(t, h.Contents.Value, "`uuid`, NOT NULL")
	assert.Contains(t, h.Contents.Value, "Who owns it.")
	assert.Contains(t, h.Contents.Value, "References `owners.id` (on delete cascade).")
	assert.Contains(t, h.Contents.Value, "People who own projects — café.")

	// A table: its size, scope and generated SQL.
	require.NoError(t, c.call("textDocument/hover", at(0, 8), &h))
	assert.Contains(t, h.Contents.Value, "4 columns, global, 0 references.")
	assert.Contains(t, h.Contents.Value, "```sql\nCREATE TABLE projects (\n  id         uuid        NOT NULL DEFAULT gen_random_uuid(),")
	// A type and a keyword, in PostgreSQL's terms.
	line := strings.Split(projects, "\n")[4]
	require.NoError(t, c.call("textDocument/hover", at(4, strings.Index(line, "timestamptz")+3), &h))
	assert.Contains(t, h.Contents.Value, "**timestamptz** (type)")
	assert.Contains(t, h.Contents.Value, "stored in UTC")
	require.NoError(t, c.call("textDocument/hover", at(1, strings.Index(projects, "pk")-strings.Index(projects, "\n")-1), &h))
	assert.Contains(t, h.Contents.Value, "**pk** (keyword)")
	assert.Contains(t, h.Contents.Value, "PRIMARY KEY")

	require.NoError(t, c.call("textDocument/definition", at(6, 0), &locs))
	assert.Empty(t, locs, "nothing at a blank line")
}

// TestFixAllHighlightFoldingSymbols covers source.fixAll, document
// highlight, folding ranges and workspace symbols.
func TestFixAllHighlightFoldingSymbols(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	src := "table events global {\n  id         uuid        pk default(gen_random_uuid())\n  payload    json\n  extra      json\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n\n  index (created_at)\n}\n"
	c := newClient(t)
	c.open(path, src)
	c.waitFor(path, func(ds []lspDiagnostic) bool { return len(ds) == 2 })
	doc := map[string]any{"uri": uriOf(path)}

	var actions []codeAction
	require.NoError(t, c.call("textDocument/codeAction", map[string]any{"textDocument": doc, "range": edit(0, 0, 0, 0, "")["range"],
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}}}, &actions))
	require.Len(t, actions, 1)
	assert.Equal(t, fixAllKind, actions[0].Kind)
	fixed := applyEdits(src, actions[0].Edit.DocumentChanges[0].Edits)
	assert.Equal(t, strings.ReplaceAll(src, "json\n", "jsonb\n"), fixed)

	var hl []documentHighlight
	require.NoError(t, c.call("textDocument/documentHighlight", map[string]any{"textDocument": doc, "position": map[string]any{"line": 4, "character": 3}}, &hl))
	require.Len(t, hl, 2, "created_at: its declaration and the index")
	assert.Equal(t, 3, hl[0].Kind)
	assert.Equal(t, 2, hl[1].Kind)
	assert.Equal(t, 7, hl[1].Range.Start.Line)

	var folds []foldingRange
	require.NoError(t, c.call("textDocument/foldingRange", map[string]any{"textDocument": doc}, &folds))
	assert.Equal(t, []foldingRange{{StartLine: 0, EndLine: 8}}, folds)

	var syms []symbolInformation
	require.NoError(t, c.call("workspace/symbol", map[string]any{"query": "AT"}, &syms))
	var names []string
	for _, s := range syms {
		names = append(names, s.ContainerName+"."+s.Name)
	}
	assert.Equal(t, []string{"events.created_at", "events.updated_at"}, names)
}
