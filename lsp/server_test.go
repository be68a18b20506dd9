package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.lsp.dev/jsonrpc2"
)

// client drives a server over a real JSON-RPC connection, as an editor does.
type client struct {
	t      testing.TB
	server *Server
	conn   jsonrpc2.Conn
	diags  chan publishParams
	shown  chan string // window/showMessage texts
	// from holds the other requests and notifications of the server, in
	// order: progress, showDocument, dbspec/buildResult.
	from chan serverMessage
	raw  net.Conn // the client's end, for writing broken frames
	// holdProgress, when set before the server asks, holds the reply to
	// window/workDoneProgress/create, and so the work, until it is closed.
	holdProgress atomic.Pointer[chan struct{}]
}

// serverMessage is a request or notification from the server.
type serverMessage struct {
	Method string
	Params json.RawMessage
}

type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// newClient starts a server and initializes it as a client that offers
// the position encodings, server-initiated progress and showDocument.
func newClient(t testing.TB, encodings ...string) *client {
	t.Helper()
	params := map[string]any{"capabilities": map[string]any{
		"general": map[string]any{"positionEncodings": encodings},
		"window":  map[string]any{"workDoneProgress": true, "showDocument": map[string]any{"support": true}},
	}}
	c, caps := startClient(t, params)
	want := "utf-16"
	if len(encodings) > 0 && encodings[0] == "utf-8" {
		want = "utf-8"
	}
	require.Equal(t, want, caps["positionEncoding"])
	return c
}

// startClient starts a server, after setup when given, initializes it with
// params and returns the server's capabilities.
func startClient(t testing.TB, params map[string]any, setup ...func(*Server)) (*client, map[string]any) {
	t.Helper()
	serverEnd, clientEnd := net.Pipe()
	srv := New(Options{Log: testLog{t}, LogAll: true})
	for _, f := range setup {
		f(srv)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, serverEnd) }()
	c := &client{t: t, server: srv, conn: jsonrpc2.NewConn(jsonrpc2.NewStream(clientEnd)), diags: make(chan publishParams, 1000), shown: make(chan string, 10), from: make(chan serverMessage, 1000), raw: clientEnd}
	c.conn.Go(ctx, func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == "textDocument/publishDiagnostics" {
			var p publishParams
			if err := json.Unmarshal(req.Params(), &p); err != nil {
				t.Errorf("bad publishDiagnostics: %v", err)
			}
			require.NotNil(t, p.Diagnostics, "an empty list goes out as [], not null")
			c.diags <- p
		}
		if req.Method() == "window/showMessage" {
			var m struct{ Message string }
			_ = json.Unmarshal(req.Params(), &m)
			c.shown <- m.Message
			return reply(ctx, nil, nil)
		}
		c.from <- serverMessage{req.Method(), req.Params()}
		var result any
		if req.Method() == "window/showDocument" {
			result = map[string]bool{"success": true}
		}
		// Reply off the reading loop, as editors do: net.Pipe has no
		// buffer, so a reply written while the server writes would wait
		// for a reader forever.
		go func() {
			if hold := c.holdProgress.Load(); hold != nil && req.Method() == "window/workDoneProgress/create" {
				<-*hold
			}
			_ = reply(context.Background(), result, nil)
		}()
		return nil
	})
	t.Cleanup(func() {
		cancel()
		c.conn.Close()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop")
		}
	})
	var init map[string]any
	require.NoError(t, c.call("initialize", params, &init))
	c.notify("initialized", map[string]any{})
	return c, init["capabilities"].(map[string]any)
}

func (c *client) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	require.NoError(c.t, c.conn.Notify(context.Background(), method, params))
}

func (c *client) open(path, text string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uriOf(path), "languageId": "dbspec", "version": 1, "text": text}})
}

func (c *client) change(path string, version int, changes ...map[string]any) {
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uriOf(path), "version": version}, "contentChanges": changes})
}

func edit(startLine, startChar, endLine, endChar int, text string) map[string]any {
	return map[string]any{"range": map[string]any{
		"start": map[string]any{"line": startLine, "character": startChar},
		"end":   map[string]any{"line": endLine, "character": endChar},
	}, "text": text}
}

// next waits for the next message of the server with the given method,
// skipping others.
func (c *client) next(method string) serverMessage {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case m := <-c.from:
			if m.Method == method {
				return m
			}
		case <-deadline:
			c.t.Fatalf("no %s from the server", method)
		}
	}
}

// waitFor waits for diagnostics of path that satisfy ok, and returns them.
func (c *client) waitFor(path string, ok func([]lspDiagnostic) bool) []lspDiagnostic {
	c.t.Helper()
	return c.waitForPublished(path, func(p publishParams) bool { return ok(p.Diagnostics) })
}

// waitForVersion waits for the diagnostics of version of the document path.
func (c *client) waitForVersion(path string, version int32) []lspDiagnostic {
	c.t.Helper()
	return c.waitForPublished(path, func(p publishParams) bool { return p.Version != nil && *p.Version == version })
}

func (c *client) waitForPublished(path string, ok func(publishParams) bool) []lspDiagnostic {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	var last []lspDiagnostic
	for {
		select {
		case p := <-c.diags:
			if p.URI == uriOf(path) {
				last = p.Diagnostics
				if ok(p) {
					return last
				}
			}
		case <-deadline:
			c.t.Fatalf("no matching diagnostics for %s; last: %+v", path, last)
		}
	}
}

// applyEdits applies non-overlapping text edits (UTF-16 positions) to text.
func applyEdits(text string, edits []textEdit) string {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b textEdit) int { // from the end, so positions stay valid
		if before(a.Range.Start, b.Range.Start) {
			return 1
		}
		return -1
	})
	for _, e := range edits {
		text = applyChange(text, contentChange{Range: &struct {
			Start position `json:"start"`
			End   position `json:"end"`
		}{e.Range.Start, e.Range.End}, Text: e.NewText}, false)
	}
	return text
}

func none(ds []lspDiagnostic) bool { return len(ds) == 0 }

func codes(ds []lspDiagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

// copyExample copies an example schema into a temp dir.
func copyExample(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	paths, err := filepath.Glob(filepath.Join("../testdata/examples", name, "*.dbspec"))
	require.NoError(t, err)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644))
	}
	return dir
}

func TestSurvivesBadInput(t *testing.T) {
	c := newClient(t)
	// A frame that is not JSON, then one that is not JSON-RPC.
	for _, body := range []string{"{not json", `{"jsonrpc":"2.0","id":{},"method":5}`} {
		_, err := fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(body), body)
		require.NoError(t, err)
	}
	err := c.call("frobnicate", nil, nil)
	var rpcErr *jsonrpc2.Error
	require.True(t, errors.As(err, &rpcErr), "%v", err)
	assert.Equal(t, jsonrpc2.MethodNotFound, rpcErr.Code)

	err = c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": "file:///no/such/file.dbspec"}}, nil)
	require.True(t, errors.As(err, &rpcErr))
	assert.Equal(t, jsonrpc2.InvalidParams, rpcErr.Code)
	err = c.call("textDocument/formatting", "not an object", nil)
	require.True(t, errors.As(err, &rpcErr))
	assert.Equal(t, jsonrpc2.InvalidParams, rpcErr.Code)

	// Changes to unopened, untitled or out-of-range documents do no harm.
	c.change("/nowhere/x.dbspec", 2, edit(0, 0, 0, 0, "x"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "untitled:Untitled-1", "version": 1, "text": "table"}})
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	c.open(path, "table t global {\n  id uuid pk\n}\n")
	c.change(path, 2, edit(99, 99, 120, 5, "\n"), edit(-1, -5, 0, 3, ""))
	c.change(path, 3, map[string]any{"text": ""})
	c.waitFor(path, none)
	require.NoError(t, c.call("shutdown", nil, nil))
}

// pipes joins a subprocess's stdout and stdin into one connection.
type pipes struct {
	io.Reader
	io.WriteCloser
}

// TestSubprocess runs the real `dbspec lsp` over stdio: initialize, open a
// file, get its diagnostics, shut down and exit with status 0.
func TestSubprocess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	p := startProcess(t)
	path := filepath.Join(t.TempDir(), "a.dbspec")
	require.NoError(t, p.conn.Notify(p.ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uriOf(path), "version": 1, "text": "table t global {\n  id uuid pk\n  x\n}\n"}}))
	select {
	case d := <-p.diags:
		assert.Contains(t, codes(d.Diagnostics), "syntax")
	case <-p.ctx.Done():
		t.Fatalf("no diagnostics; stderr: %s", p.stderr.String())
	}
	_, err := p.conn.Call(p.ctx, "shutdown", nil, nil)
	require.NoError(t, err)
	require.NoError(t, p.conn.Notify(p.ctx, "exit", nil))
	require.NoError(t, p.cmd.Wait(), "stderr: %s", p.stderr.String())
}

// process is a `dbspec lsp` subprocess, initialized, and a connection to it.
type process struct {
	cmd    *exec.Cmd
	conn   jsonrpc2.Conn
	ctx    context.Context
	diags  chan publishParams
	stderr *strings.Builder
}

// startProcess builds dbspec, starts `dbspec lsp` and initializes it.
func startProcess(t testing.TB) *process {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dbspec")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/dbspec").CombinedOutput()
	require.NoError(t, err, "%s", out)
	p := &process{cmd: exec.Command(bin, "lsp"), diags: make(chan publishParams, 100), stderr: &strings.Builder{}}
	stdin, err := p.cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := p.cmd.StdoutPipe()
	require.NoError(t, err)
	p.cmd.Stderr = p.stderr
	require.NoError(t, p.cmd.Start())
	t.Cleanup(func() { _ = p.cmd.Process.Kill() })

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	p.ctx = ctx
	p.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(pipes{stdout, stdin}))
	p.conn.Go(ctx, func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		var d publishParams
		if req.Method() == "textDocument/publishDiagnostics" && json.Unmarshal(req.Params(), &d) == nil {
			p.diags <- d
		}
		return reply(ctx, nil, nil)
	})
	_, err = p.conn.Call(ctx, "initialize", map[string]any{"capabilities": map[string]any{}}, nil)
	require.NoError(t, err)
	return p
}
