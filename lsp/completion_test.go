package lsp

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompletion checks the completion items in each context.
func TestCompletion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	src := "project p {\n  tenancy {\n    column tenant_id\n    root   tenants\n  }\n  rules {\n    \n  }\n}\n\nenum plan { free pro }\n\ntable tenants {\n  id   uuid pk default(gen_random_uuid())\n  plan plan default()\n  name text \n  \n\n  index ()\n}\n\n"
	c := newClient(t)
	c.open(path, src)
	c.waitFor(path, func([]lspDiagnostic) bool { return true })
	labels := func(line, char int) []string {
		var items []completionItem
		require.NoError(t, c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uriOf(path)},
			"position": map[string]any{"line": line, "character": char}}, &items))
		var out []string
		for _, it := range items {
			out = append(out, it.Label)
		}
		return out
	}
	assert.Contains(t, labels(6, 4), "naming/boolean-prefix", "rule names in the rules block")
	assert.Equal(t, []string{"free", "pro"}, labels(14, 20), "enum members in default()")
	assert.Contains(t, labels(15, 12), "default", "attributes after the type")
	assert.Contains(t, labels(15, 12), "->")
	assert.Equal(t, []string{"id", "plan", "name"}, labels(18, 9), "columns in an index")
	assert.Equal(t, []string{"table", "enum", "project"}, labels(20, 0), "declarations at the top level")

	// Typing: a new column's type, a reference, a column of the target.
	c.change(path, 2, edit(16, 2, 16, 2, "owner "))
	types := labels(16, 8)
	assert.Contains(t, types, "uuid")
	assert.Contains(t, types, "plan", "enums are types")
	c.change(path, 3, edit(16, 8, 16, 8, "uuid -> "))
	assert.Equal(t, []string{"tenants"}, labels(16, 16))
	c.change(path, 4, edit(16, 16, 16, 16, "tenants."))
	assert.Equal(t, []string{"id", "plan", "name"}, labels(16, 24))
	c.change(path, 5, edit(16, 0, 16, 0, "  // dbspec:ignore "))
	assert.Contains(t, labels(16, 19), "security/pii-unmarked")
}
