package lsp

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/lang/model"
)

// TestRenameAndSymbols renames a table from a reference in another file and
// outlines a document.
func TestRenameAndSymbols(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.dbspec"), filepath.Join(dir, "b.dbspec")
	owners := "table owners global {\n  id         uuid        pk default(gen_random_uuid())\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n\nenum kind { small large }\n"
	projects := "table projects global {\n  id         uuid        pk default(gen_random_uuid())\n  owner_id   uuid        -> owners.id on delete cascade\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n\n  index (owner_id)\n}\n"
	require.NoError(t, os.WriteFile(a, []byte(owners), 0o644))
	require.NoError(t, os.WriteFile(b, []byte(projects), 0o644))
	c := newClient(t)
	c.open(b, projects)
	c.open(a, owners)
	c.waitFor(a, none)
	at := map[string]any{"textDocument": map[string]any{"uri": uriOf(b)}, "position": map[string]any{"line": 2, "character": 28}, "newName": "accounts"}

	var r lspRange
	require.NoError(t, c.call("textDocument/prepareRename", at, &r))
	assert.Equal(t, lspRange{Start: position{2, 28}, End: position{2, 34}}, r)

	var we workspaceEdit
	require.NoError(t, c.call("textDocument/rename", at, &we))
	got := map[string]string{a: owners, b: projects}
	for _, dc := range we.DocumentChanges {
		path := pathOf(dc.TextDocument.URI)
		got[path] = applyEdits(got[path], dc.Edits)
	}
	assert.Contains(t, got[a], "table accounts global {")
	assert.Contains(t, got[b], "-> accounts.id on delete cascade")

	bad := map[string]any{"textDocument": at["textDocument"], "position": at["position"], "newName": "not a name"}
	assert.Error(t, c.call("textDocument/rename", bad, &we))

	var syms []documentSymbol
	require.NoError(t, c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uriOf(a)}}, &syms))
	require.Len(t, syms, 2)
	assert.Equal(t, "owners", syms[0].Name)
	assert.Len(t, syms[0].Children, 3)
	assert.Equal(t, "uuid", syms[0].Children[0].Detail)
	assert.Equal(t, "kind", syms[1].Name)
	assert.Equal(t, []string{"small", "large"}, []string{syms[1].Children[0].Name, syms[1].Children[1].Name})
}

// TestRenameKeepsMigrationHistory renames a table and a column that the
// last sealed migration knows: the edit adds renamed_from, so the next
// migration renames instead of dropping and adding. The server reads the
// migration directory again when a watched file changes, not per keystroke.
func TestRenameKeepsMigrationHistory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	src := "project p {\n  generate {\n    migrations \"db/migrations\"\n  }\n}\n\ntable owners global {\n  id         uuid        pk default(gen_random_uuid())\n  nickname   text\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))

	c := newClient(t)
	c.open(path, src)
	c.waitFor(path, none)
	rename := func(line, char int, name string) string {
		var we workspaceEdit
		require.NoError(t, c.call("textDocument/rename", map[string]any{"textDocument": map[string]any{"uri": uriOf(path)},
			"position": map[string]any{"line": line, "character": char}, "newName": name}, &we))
		return applyEdits(src, we.DocumentChanges[0].Edits)
	}
	assert.NotContains(t, rename(6, 7, "accounts"), "renamed_from", "nothing is sealed yet")

	// Seal, as `dbspec migrate seal` would, and tell the server.
	s, err := model.Load(dir, nil, nil)
	require.NoError(t, err)
	d, err := build.OpenMigrations(s)
	require.NoError(t, err)
	_, err = d.Seal(migrate.Plan(nil, s), "init", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), migrate.Snapshot(s))
	require.NoError(t, err)
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": uriOf(filepath.Join(dir, "db", "migrations", "dbspec.sum")), "type": 1}}})
	c.waitFor(path, none)

	assert.Contains(t, rename(6, 7, "accounts"), "table accounts renamed_from owners global {")
	assert.Contains(t, rename(8, 3, "display_name"), "  display_name   text renamed_from nickname\n")
}
