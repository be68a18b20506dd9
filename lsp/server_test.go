package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.lsp.dev/jsonrpc2"

	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
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
		go func() { _ = reply(context.Background(), result, nil) }()
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

func TestDiagnosticsFollowEdits(t *testing.T) {
	dir := copyExample(t, "saas")
	c := newClient(t)
	work := filepath.Join(dir, "work.dbspec")
	text, err := os.ReadFile(work)
	require.NoError(t, err)
	c.open(work, string(text))
	c.waitFor(work, none)

	// Break a column: delete the type of "name" in table labels.
	lines := strings.Split(string(text), "\n")
	row := -1
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "name") && row < 0 {
			row = i
		}
	}
	require.GreaterOrEqual(t, row, 0)
	line := lines[row]
	typeStart := strings.Index(line, " text") + 1
	c.change(work, 2, edit(row, typeStart, row, len(line), ""))
	ds := c.waitFor(work, func(ds []lspDiagnostic) bool { return len(ds) > 0 })
	assert.Equal(t, []string{"syntax"}, codes(ds))
	assert.Equal(t, row, ds[0].Range.Start.Line)
	assert.Contains(t, ds[0].Message, `expected a column type after "name"`)

	// Fix it again.
	c.change(work, 3, edit(row, typeStart, row, typeStart, line[typeStart:]))
	c.waitFor(work, none)
}

func TestCrossFileDiagnostics(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.dbspec"), filepath.Join(dir, "b.dbspec")
	projects := "table projects global {\n  id         uuid        pk default(gen_random_uuid())\n  owner_id   uuid        -> owners.id on delete cascade\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n\n  index (owner_id)\n}\n"
	require.NoError(t, os.WriteFile(a, []byte(projects), 0o644))
	require.NoError(t, os.WriteFile(b, []byte(""), 0o644))
	c := newClient(t)
	c.open(a, projects)
	ds := c.waitFor(a, func(ds []lspDiagnostic) bool { return len(ds) > 0 })
	assert.Equal(t, []string{"resolve/unknown-table"}, codes(ds))

	// Declaring the table in the other file clears the error in this one.
	owners := "table owners global {\n  id         uuid        pk default(gen_random_uuid())\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	c.open(b, "")
	c.change(b, 2, map[string]any{"text": owners})
	c.waitFor(a, none)
}

func TestPositionEncodings(t *testing.T) {
	// The error is on a line after an emoji and CJK text: 😀 is 2 UTF-16
	// units and 4 bytes, 日本 2 units and 6 bytes.
	src := "table t global {\n  /// 😀 日本\n  id uuid pk /* x */\n}\n"
	for _, enc := range []string{"utf-16", "utf-8"} {
		t.Run(enc, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.dbspec")
			text := strings.Replace(src, "/* x */", "", 1) + "table u global {\n  x 😀\n}\n"
			c := newClient(t, enc)
			c.open(path, text)
			ds := c.waitFor(path, func(ds []lspDiagnostic) bool {
				for _, d := range ds {
					if d.Code == "syntax" {
						return true
					}
				}
				return false
			})
			var syntax lspDiagnostic
			for _, d := range ds {
				if d.Code == "syntax" {
					syntax = d
				}
			}
			assert.Equal(t, 5, syntax.Range.Start.Line)
			assert.Equal(t, 4, syntax.Range.Start.Character, "the character after \"x \"")
			want := 6 // the end of the emoji: 2 UTF-16 units
			if enc == "utf-8" {
				want = 8 // 4 bytes
			}
			assert.Equal(t, want, syntax.Range.End.Character)

			// An edit in the encoding: replace the emoji by a type.
			c.change(path, 2, edit(5, 4, 5, want, "text"))
			c.waitFor(path, func(ds []lspDiagnostic) bool {
				for _, d := range ds {
					if d.Code == "syntax" {
						return false
					}
				}
				return true
			})
		})
	}
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

// TestRandomEdits replays random edits over the wire: the server's text of
// the document must always equal the client's.
func TestRandomEdits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	src, err := os.ReadFile("../testdata/examples/documents/documents.dbspec")
	require.NoError(t, err)
	text := string(src)
	c := newClient(t)
	c.open(path, text)
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "é", "😀", "\n", " ", "{", "}", "(", "table x {", "日本", ""}
	for v := 2; v < 10002; v++ {
		lines := lang.NewLines(text)
		l1, l2 := rng.Intn(lines.Count()+1), rng.Intn(lines.Count()+1)
		if l2 < l1 {
			l1, l2 = l2, l1
		}
		ch1, ch2 := rng.Intn(40), rng.Intn(40)
		ins := alphabet[rng.Intn(len(alphabet))]
		change := contentChange{Range: &struct {
			Start position `json:"start"`
			End   position `json:"end"`
		}{position{l1, ch1}, position{l2, ch2}}, Text: ins}
		text = applyChange(text, change, false)
		c.change(path, v, edit(l1, ch1, l2, ch2, ins))
	}
	// A request after the notifications is answered after them.
	require.NoError(t, c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uriOf(path)}}, new([]textEdit)))
	c.server.mu.Lock()
	got := c.server.docs[path].text
	c.server.mu.Unlock()
	assert.Equal(t, text, got)
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

// TestQuickFix asks for the code actions at a finding and applies the
// preferred fix's workspace edit: the finding is gone.
func TestQuickFix(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	src := "table events global {\n  id         uuid        pk default(gen_random_uuid())\n  payload    json\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	c := newClient(t)
	c.open(path, src)
	ds := c.waitFor(path, func(ds []lspDiagnostic) bool { return len(ds) == 1 })
	require.Equal(t, "standard/json-not-jsonb", ds[0].Code)
	require.NotNil(t, ds[0].CodeDescription)

	var actions []codeAction
	require.NoError(t, c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uriOf(path)},
		"range":        ds[0].Range,
		"context":      map[string]any{"diagnostics": ds},
	}, &actions))
	require.Len(t, actions, 3, "the fix, then the ignore comment and the documentation")
	assert.Equal(t, "Ignore standard/json-not-jsonb here", actions[1].Title)
	assert.Equal(t, "Show documentation for standard/json-not-jsonb", actions[2].Title)
	assert.Equal(t, "table events global {\n  id         uuid        pk default(gen_random_uuid())\n  // dbspec:ignore standard/json-not-jsonb TODO: say why\n  payload    json\n",
		applyEdits(src, actions[1].Edit.DocumentChanges[0].Edits)[:len("table events global {\n  id         uuid        pk default(gen_random_uuid())\n  // dbspec:ignore standard/json-not-jsonb TODO: say why\n  payload    json\n")])

	// Each action's command asks the client to show a document.
	type shown struct {
		URI       string
		Selection lspRange
		External  bool
	}
	showDocument := func(cmd *lspCommand) (sd shown) {
		require.NotNil(t, cmd)
		require.NoError(t, c.call("workspace/executeCommand", map[string]any{"command": cmd.Command, "arguments": cmd.Arguments}, nil))
		require.NoError(t, json.Unmarshal(c.next("window/showDocument").Params, &sd))
		return sd
	}
	// After inserting the comment, the client selects the placeholder reason.
	assert.Equal(t, shown{URI: uriOf(path), Selection: lspRange{Start: position{2, 43}, End: position{2, 56}}}, showDocument(actions[1].Command))
	// The documentation opens in the browser.
	assert.Equal(t, shown{URI: "https://github.com/dbspec/dbspec/blob/main/docs/rules.md#standardjson-not-jsonb", External: true}, showDocument(actions[2].Command))

	a := actions[0]
	assert.Equal(t, "quickfix", a.Kind)
	assert.True(t, a.IsPreferred)
	require.Len(t, a.Edit.DocumentChanges, 1)
	dc := a.Edit.DocumentChanges[0]
	assert.Equal(t, uriOf(path), dc.TextDocument.URI)
	require.NotNil(t, dc.TextDocument.Version)
	assert.Equal(t, int32(1), *dc.TextDocument.Version)

	text := applyEdits(src, dc.Edits)
	assert.Contains(t, text, "payload    jsonb\n")
	c.change(path, 2, map[string]any{"text": text})
	c.waitFor(path, none)

	// No actions away from any finding.
	require.NoError(t, c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uriOf(path)},
		"range":        edit(0, 0, 0, 1, "")["range"],
		"context":      map[string]any{"diagnostics": []any{}},
	}, &actions))
	assert.Empty(t, actions)
}

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
	require.Eventually(t, func() bool { _, err := os.Stat(out); return err == nil }, 10*time.Second, 10*time.Millisecond)
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
