package lsp

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWorkspaceFolders analyzes the schemas of the workspace folders
// before any file is opened, skips testdata, and forgets a removed folder.
func TestWorkspaceFolders(t *testing.T) {
	root := t.TempDir()
	bad := "table events global {\n  id         uuid        pk default(gen_random_uuid())\n  payload    json\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	write := func(rel string) string {
		path := filepath.Join(root, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))
		return path
	}
	schema := write("db/schema/a.dbspec")
	write("testdata/x/a.dbspec")
	write(".hidden/a.dbspec")

	folder := map[string]any{"uri": uriOf(root), "name": "root"}
	c, caps := startClient(t, map[string]any{"capabilities": map[string]any{}, "workspaceFolders": []any{folder}})
	assert.Equal(t, map[string]any{"supported": true, "changeNotifications": true}, caps["workspace"].(map[string]any)["workspaceFolders"])
	next := func() publishParams {
		select {
		case p := <-c.diags:
			return p
		case <-time.After(10 * time.Second):
			t.Fatal("no diagnostics")
			return publishParams{}
		}
	}
	p := next()
	assert.Equal(t, uriOf(schema), p.URI, "only the schema outside testdata and hidden directories")
	require.Len(t, p.Diagnostics, 1)
	assert.Equal(t, "standard/json-not-jsonb", p.Diagnostics[0].Code)

	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []any{}, "removed": []any{folder}}})
	p = next()
	assert.Equal(t, uriOf(schema), p.URI)
	assert.Empty(t, p.Diagnostics, "a removed folder's diagnostics are cleared")
	select {
	case p := <-c.diags:
		t.Fatalf("unexpected diagnostics for %s", p.URI)
	case <-time.After(100 * time.Millisecond):
	}
}
