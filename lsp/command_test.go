package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.lsp.dev/jsonrpc2"
)

// sealable is a schema that keeps migrations and generates schema.sql.
const sealable = "project p {\n  generate {\n    migrations \"db/migrations\"\n    schema     \"db/schema.sql\"\n  }\n}\n\ntable owners global {\n  id         uuid        pk default(gen_random_uuid())\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"

func (c *client) execute(command string, args commandArgs, result any) error {
	c.t.Helper()
	return c.call("workspace/executeCommand", map[string]any{"command": command, "arguments": []commandArgs{args}}, result)
}

// TestBuildAndSealCommands runs the build and seal commands as a plugin
// does, with their progress reports and dbspec/buildResult notifications.
func TestBuildAndSealCommands(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	require.NoError(t, os.WriteFile(path, []byte(sealable), 0o644))
	c := newClient(t)
	c.open(path, sealable)
	c.waitFor(path, none)

	var res buildResult
	require.NoError(t, c.execute(cmdBuild, commandArgs{URI: uriOf(path)}, &res))
	assert.True(t, res.OK, res.Message)
	assert.Equal(t, dir, res.Dir)
	sql := filepath.Join(dir, "db", "schema.sql")
	assert.Contains(t, res.Written, sql)
	assert.FileExists(t, sql)
	assert.Contains(t, <-c.shown, "dbspec build: wrote db/schema.sql, db/migrations/")

	create := c.next("window/workDoneProgress/create")
	var token struct{ Token string }
	require.NoError(t, json.Unmarshal(create.Params, &token))
	var begin, end struct {
		Token string
		Value struct{ Kind, Title string }
	}
	require.NoError(t, json.Unmarshal(c.next("$/progress").Params, &begin))
	require.NoError(t, json.Unmarshal(c.next("$/progress").Params, &end))
	assert.Equal(t, token.Token, begin.Token)
	assert.Equal(t, "begin", begin.Value.Kind)
	assert.Contains(t, begin.Value.Title, "building")
	assert.Equal(t, "end", end.Value.Kind)
	var logged struct {
		Type    int
		Message string
	}
	require.NoError(t, json.Unmarshal(c.next("window/logMessage").Params, &logged))
	assert.Equal(t, 4, logged.Type)
	assert.Contains(t, logged.Message, "dbspec build: wrote db/schema.sql", "the log goes to the client too")
	var notified buildResult
	require.NoError(t, json.Unmarshal(c.next("dbspec/buildResult").Params, &notified))
	assert.Equal(t, res, notified)
	assert.False(t, notified.OnSave)

	// Sealing refuses unsaved changes, then seals the saved schema.
	edited := sealable + "\ntable pets global {\n  id         uuid        pk default(gen_random_uuid())\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	c.change(path, 2, map[string]any{"text": edited})
	require.NoError(t, c.execute(cmdSeal, commandArgs{URI: uriOf(path), Message: "add pets"}, &res))
	assert.False(t, res.OK)
	assert.Contains(t, res.Message, "save a.dbspec first")
	assert.Contains(t, <-c.shown, "save a.dbspec first")

	require.NoError(t, os.WriteFile(path, []byte(edited), 0o644))
	require.NoError(t, c.execute(cmdSeal, commandArgs{URI: uriOf(path), Message: "add pets"}, &res))
	require.True(t, res.OK, res.Message)
	up, err := filepath.Glob(filepath.Join(dir, "db", "migrations", "*_add_pets.up.sql"))
	require.NoError(t, err)
	require.Len(t, up, 1)
	assert.Contains(t, res.Written, up[0])
	b, err := os.ReadFile(up[0])
	require.NoError(t, err)
	assert.Contains(t, string(b), "CREATE TABLE owners")
	assert.Contains(t, string(b), "CREATE TABLE pets")

	// Bad arguments are InvalidParams, not a dead server.
	var rpcErr *jsonrpc2.Error
	err = c.execute(cmdSeal, commandArgs{URI: uriOf(path)}, &res)
	require.True(t, errors.As(err, &rpcErr), "%v", err)
	assert.Equal(t, jsonrpc2.InvalidParams, rpcErr.Code)
	err = c.execute(cmdBuild, commandArgs{URI: "untitled:Untitled-1"}, &res)
	require.True(t, errors.As(err, &rpcErr), "%v", err)
	err = c.call("workspace/executeCommand", map[string]any{"command": "no.such.command"}, nil)
	require.True(t, errors.As(err, &rpcErr), "%v", err)
}

// TestExplainAndGeneratedSQL covers the commands that answer with text.
func TestExplainAndGeneratedSQL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	require.NoError(t, os.WriteFile(path, []byte(sealable), 0o644))
	c := newClient(t)
	c.open(path, sealable+"\ntable pets global {\n  id uuid pk\n}\n")

	var explained struct{ Rule, Markdown string }
	require.NoError(t, c.execute(cmdExplain, commandArgs{Rule: "standard/json-not-jsonb"}, &explained))
	assert.Equal(t, "standard/json-not-jsonb", explained.Rule)
	assert.Contains(t, explained.Markdown, "jsonb")
	var rpcErr *jsonrpc2.Error
	err := c.execute(cmdExplain, commandArgs{Rule: "no/such-rule"}, &explained)
	require.True(t, errors.As(err, &rpcErr))
	assert.Equal(t, jsonrpc2.InvalidParams, rpcErr.Code)

	var gen struct{ Path, SQL string }
	require.NoError(t, c.execute(cmdGeneratedSQL, commandArgs{URI: uriOf(dir)}, &gen))
	assert.Equal(t, filepath.Join(dir, "db", "schema.sql"), gen.Path)
	assert.Contains(t, gen.SQL, "CREATE TABLE pets", "the SQL of the open buffer")
}

// TestCancelRequest cancels a running command by its numeric id.
func TestCancelRequest(t *testing.T) {
	started := make(chan struct{})
	asyncMethods["test/wait"] = true
	t.Cleanup(func() { delete(asyncMethods, "test/wait") })
	c, _ := startClient(t, map[string]any{"capabilities": map[string]any{}}, func(s *Server) {
		s.handlers["test/wait"] = func(ctx context.Context, _ json.RawMessage) (any, error) {
			close(started)
			<-ctx.Done()
			return "finished", nil
		}
	})
	errc := make(chan error, 1)
	go func() { errc <- c.call("test/wait", nil, nil) }()
	<-started
	// The client's connection numbers its calls from 1; the call above is
	// the second (after initialize).
	c.notify("$/cancelRequest", map[string]any{"id": 2})
	err := <-errc
	var rpcErr *jsonrpc2.Error
	require.True(t, errors.As(err, &rpcErr), "%v", err)
	assert.Equal(t, requestCancelled, rpcErr.Code)

	// The server goes on answering.
	require.NoError(t, c.execute(cmdExplain, commandArgs{Rule: "naming/snake-case"}, nil))
}
