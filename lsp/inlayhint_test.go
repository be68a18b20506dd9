package lsp

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInlayHintsAndCodeLenses checks the generated names of unnamed keys,
// indexes, checks and foreign keys, and the lenses on tables and on the
// project block.
func TestInlayHintsAndCodeLenses(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	src := "project p {\n  generate {\n    migrations \"db/migrations\"\n  }\n}\n\n" +
		"table owners global {\n  id         uuid        pk default(gen_random_uuid())\n  email      text        unique pii\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n\n" +
		"table pets global {\n  id         uuid        pk default(gen_random_uuid())\n  owner_id   uuid        -> owners.id on delete cascade\n  age        int         check(age >= 0)\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n\n  index (owner_id, created_at desc)\n  index by_age (age)\n}\n"
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	c := newClient(t)
	c.open(path, src)
	c.waitFor(path, none)
	doc := map[string]any{"uri": uriOf(path)}

	var hints []inlayHint
	require.NoError(t, c.call("textDocument/inlayHint", map[string]any{"textDocument": doc, "range": edit(0, 0, 100, 0, "")["range"]}, &hints))
	labels := map[int]string{}
	for _, h := range hints {
		labels[h.Position.Line] = h.Label
		assert.True(t, h.PaddingLeft)
	}
	assert.Equal(t, map[int]string{
		7:  "owners_pkey",
		8:  "owners_email_key",
		14: "pets_pkey",
		15: "pets_owner_id_fkey",
		16: "pets_age_check",
		20: "pets_owner_id_created_at_idx",
	}, labels, "by_age is named by the schema")
	for _, h := range hints {
		if h.Position.Line == 8 {
			assert.Equal(t, len("  email      text        unique pii"), h.Position.Character, "at the end of the line")
		}
	}
	require.NoError(t, c.call("textDocument/inlayHint", map[string]any{"textDocument": doc, "range": edit(14, 0, 15, 0, "")["range"]}, &hints))
	assert.Len(t, hints, 1, "only the requested range")

	var lenses []codeLens
	require.NoError(t, c.call("textDocument/codeLens", map[string]any{"textDocument": doc}, &lenses))
	var titles []string
	for _, l := range lenses {
		titles = append(titles, l.Command.Title)
	}
	assert.Equal(t, []string{"1 reference", "0 references", "build", "pending migration: +2 tables"}, titles)
	assert.Equal(t, cmdBuild, lenses[2].Command.Command)
	assert.Equal(t, 6, lenses[0].Range.Start.Line)
}
