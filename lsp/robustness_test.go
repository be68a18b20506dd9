package lsp

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryMethodSurvivesBadParams sends every method the server knows
// parameters of the wrong shape, about files that are not open or do not
// exist, and positions out of range; each gets an answer and the server
// goes on answering.
func TestEveryMethodSurvivesBadParams(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	src := "table t global {\n  id uuid pk\n}\n"
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	c := newClient(t)
	c.open(path, src)
	c.waitFor(path, func([]lspDiagnostic) bool { return true })
	require.NoError(t, os.Remove(path)) // open, but deleted on disk

	far := map[string]any{"line": 1 << 30, "character": -7}
	doc := func(uri string) map[string]any {
		return map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": 9},
			"position":     far,
			"range":        map[string]any{"start": far, "end": map[string]any{"line": -1, "character": 0}},
			"newName":      "",
			"query":        nil,
			"command":      cmdSeal,
			"arguments":    []any{map[string]any{"uri": uri, "rule": "x"}},
		}
	}
	params := []any{nil, "not an object", 42, map[string]any{}, doc(uriOf(path)), doc("file:///no/such/dir/x.dbspec"), doc("untitled:Untitled-1"), doc(uriOf(dir))}
	var methods []string
	for m := range c.server.methods() {
		if m != "shutdown" && m != "exit" && m != "initialize" && m != "textDocument/didClose" {
			methods = append(methods, m)
		}
	}
	slices.Sort(methods)
	for _, m := range methods {
		for _, p := range params {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			_, err := c.conn.Call(ctx, m, p, nil) // notifications sent as calls must be answered too
			cancel()
			require.NotErrorIs(t, err, context.DeadlineExceeded, "%s(%v) got no answer", m, p)
		}
	}
	var h hoverResult
	require.NoError(t, c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(path)}, "position": map[string]any{"line": 1, "character": 3}}, &h))
}

// TestRequestsWhileBuilding asks for hover and symbols while a build of a
// large schema is running, held at its progress report until the client
// lets it go: they are answered before it ends.
func TestRequestsWhileBuilding(t *testing.T) {
	src, err := os.ReadFile("../testdata/generated/t1000/schema.dbspec")
	require.NoError(t, err)
	dir := t.TempDir()
	path := filepath.Join(dir, "schema.dbspec")
	require.NoError(t, os.WriteFile(path, src, 0o644))
	c := newClient(t)
	c.open(path, string(src))
	c.waitFor(path, func([]lspDiagnostic) bool { return true })

	hold := make(chan struct{})
	c.holdProgress.Store(&hold)
	built := make(chan error, 1)
	go func() { built <- c.execute(cmdBuild, commandArgs{URI: uriOf(path)}, &buildResult{}) }()
	c.next("window/workDoneProgress/create") // the build has started, and waits for the client
	doc := map[string]any{"uri": uriOf(path)}
	for range 5 {
		var h hoverResult
		require.NoError(t, c.call("textDocument/hover", map[string]any{"textDocument": doc, "position": map[string]any{"line": 40, "character": 3}}, &h))
		var syms []documentSymbol
		require.NoError(t, c.call("textDocument/documentSymbol", map[string]any{"textDocument": doc}, &syms))
	}
	select {
	case err := <-built:
		t.Fatalf("the build ended while held: %v", err)
	default:
	}
	close(hold)
	select {
	case err := <-built:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("the build did not end")
	}
	assert.FileExists(t, filepath.Join(dir, "db", "schema.sql"))
}

// TestRequestAfterChangeWaitsForItsSnapshot asks for a hover right after a
// change, before its analysis can have run: the answer is about the
// changed text, not empty.
func TestRequestAfterChangeWaitsForItsSnapshot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.dbspec")
	src := "table t global {\n  id uuid pk\n}\n"
	c := newClient(t)
	c.open(path, src)
	c.waitFor(path, func([]lspDiagnostic) bool { return true })
	c.change(path, 2, edit(0, 0, 0, 0, "enum mood { happy sad }\n\n"))
	var h hoverResult
	require.NoError(t, c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uriOf(path)}, "position": map[string]any{"line": 3, "character": 3}}, &h))
	assert.Contains(t, h.Contents.Value, "Column of `t`")
}
