package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuildOnSave checks that saving writes the generated files, that a
// failure is shown to the user, and that the setting turns it off.
func TestBuildOnSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	src := "project p {\n  generate {\n    schema \"db/schema.sql\"\n  }\n}\n\ntable owners global {\n  id         uuid        pk default(gen_random_uuid())\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	out := filepath.Join(dir, "db", "schema.sql")
	save := func(c *client) {
		c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uriOf(path)}})
	}

	c := newClient(t)
	c.open(path, src)
	save(c)
	var res buildResult
	require.NoError(t, json.Unmarshal(c.next("dbspec/buildResult").Params, &res))
	assert.True(t, res.OK)
	assert.True(t, res.OnSave, "the plugins tell builds on save from the ones asked for")
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), "CREATE TABLE owners")

	// A hand-written file in the way: the user is told.
	require.NoError(t, os.WriteFile(out, []byte("-- mine\n"), 0o644))
	save(c)
	select {
	case msg := <-c.shown:
		assert.Contains(t, msg, "refusing to overwrite")
	case <-time.After(10 * time.Second):
		t.Fatal("no message")
	}

	// Turned off: nothing is written.
	require.NoError(t, os.Remove(out))
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dbspec": map[string]any{"buildOnSave": false}}})
	save(c)
	c.waitFor(path, none)
	time.Sleep(100 * time.Millisecond)
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err))
}
