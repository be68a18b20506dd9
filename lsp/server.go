// Package lsp is the dbspec language server. It speaks JSON-RPC over a
// stream (stdio for `dbspec lsp`), keeps the open documents, and after each
// change builds, in the background, an immutable snapshot of the document's
// schema directory — parsed files, model, findings — from which it publishes
// diagnostics and answers requests. Each LSP feature lives in its own file.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbspec/dbspec/lang/model"
)

// Options configure a server.
type Options struct {
	// Log receives the log lines the client cannot take (before it
	// connects, after it goes); the others go to the client as
	// window/logMessage. Never the protocol stream.
	Log io.Writer
	// LogAll sends every line to Log too (dbspec lsp --log-file).
	LogAll  bool
	Verbose bool // log every message
	// Debounce is how long the server waits after a change before it
	// analyzes; changes within it are analyzed together.
	Debounce time.Duration
}

// Server is a language server for one client connection.
type Server struct {
	opts     Options
	log      *log.Logger
	conn     jsonrpc2.Conn
	loader   *model.Loader
	handlers map[string]handler // by method

	mu             sync.Mutex
	utf8           bool                 // positions count bytes (negotiated), else UTF-16 units
	docs           map[string]*document // open documents by file path
	schemas        map[string]*schema   // by directory
	shutdown       bool
	noBuildOnSave  bool                          // the client turned build on save off
	client         clientSupport                 // what the client said it supports
	folders        []workspaceFolder             // the workspace folders of initialize
	inflight       map[string]context.CancelFunc // running asynchronous requests by id
	progressTokens int                           // work done progress tokens handed out
	closed         bool                          // Serve has returned: no more analyses
	running        sync.WaitGroup                // analyses under way
	exited         chan struct{}
	closeOnce      sync.Once
}

// New returns a server; Serve runs it on a connection.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Debounce == 0 {
		opts.Debounce = time.Millisecond
	}
	s := &Server{
		opts:     opts,
		loader:   model.NewLoader(),
		docs:     map[string]*document{},
		schemas:  map[string]*schema{},
		inflight: map[string]context.CancelFunc{},
		exited:   make(chan struct{}),
	}
	s.log = log.New(logSink{s}, "dbspec lsp: ", log.LstdFlags|log.Lmicroseconds)
	s.handlers = s.methods()
	return s
}

// logSink sends the server's log lines to the client as
// window/logMessage notifications (type Log), and to Options.Log those the
// client cannot take, or all with Options.LogAll. (Writing them to both
// by default would show each line twice in editors that show the server's
// standard error too.)
type logSink struct{ s *Server }

func (l logSink) Write(p []byte) (int, error) {
	sent := false
	if conn := l.s.conn; conn != nil {
		msg := strings.TrimSuffix(string(p), "\n")
		sent = conn.Notify(context.Background(), "window/logMessage", map[string]any{"type": 4, "message": msg}) == nil
	}
	if !sent || l.s.opts.LogAll {
		_, _ = l.s.opts.Log.Write(p)
	}
	return len(p), nil
}

// Serve answers the client on rwc until it exits or the stream ends.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	s.conn = jsonrpc2.NewConn(newStream(rwc, s.log.Printf))
	s.conn.Go(ctx, s.handle)
	defer s.stop()
	select {
	case <-s.conn.Done():
	case <-s.exited:
		// Do not wait for the reader: a read blocked on standard input may
		// not return when it closes, and the process is about to end.
		s.conn.Close()
		s.mu.Lock()
		clean := s.shutdown
		s.mu.Unlock()
		if !clean {
			return errors.New("exit without shutdown")
		}
		return nil
	case <-ctx.Done():
		s.conn.Close()
	}
	if err := s.conn.Err(); err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrClosedPipe) {
		return err
	}
	return nil
}

// stop cancels the pending analyses and waits for the running ones.
func (s *Server) stop() {
	s.mu.Lock()
	s.closed = true
	for _, sc := range s.schemas {
		if sc.timer != nil {
			sc.timer.Stop()
		}
	}
	s.mu.Unlock()
	s.running.Wait()
}

// handler answers one request or notification and returns its result.
type handler func(ctx context.Context, params json.RawMessage) (any, error)

// methods maps each supported method to its handler.
func (s *Server) methods() map[string]handler {
	return map[string]handler{
		"initialize":                          s.initialize,
		"initialized":                         s.initialized,
		"shutdown":                            s.shutdownRequest,
		"exit":                                s.exit,
		"textDocument/didOpen":                s.didOpen,
		"textDocument/didChange":              s.didChange,
		"textDocument/didClose":               s.didClose,
		"textDocument/didSave":                s.didSave,
		"textDocument/formatting":             s.formatting,
		"textDocument/codeAction":             s.codeAction,
		"textDocument/definition":             s.definition,
		"textDocument/references":             s.references,
		"textDocument/hover":                  s.hover,
		"textDocument/prepareRename":          s.prepareRename,
		"textDocument/rename":                 s.rename,
		"textDocument/documentSymbol":         s.documentSymbol,
		"textDocument/completion":             s.completion,
		"textDocument/documentHighlight":      s.documentHighlight,
		"textDocument/foldingRange":           s.foldingRange,
		"workspace/symbol":                    s.workspaceSymbol,
		"workspace/didChangeWatchedFiles":     s.didChangeWatchedFiles,
		"workspace/didChangeConfiguration":    s.didChangeConfiguration,
		"workspace/executeCommand":            s.executeCommand,
		"workspace/didChangeWorkspaceFolders": s.didChangeWorkspaceFolders,
		"textDocument/rangeFormatting":        s.rangeFormatting,
		"textDocument/semanticTokens/full":    s.semanticTokensFull,
		"textDocument/inlayHint":              s.inlayHint,
		"textDocument/codeLens":               s.codeLens,
		"$/cancelRequest":                     s.cancelRequest,
		"$/setTrace":                          ignore,
	}
}

func ignore(context.Context, json.RawMessage) (any, error) { return nil, nil }

// handle dispatches a message. Nothing a client sends can stop the server:
// unknown methods get MethodNotFound (notifications are dropped), bad
// parameters InvalidParams, and a panic becomes an InternalError reply.
// It never returns an error: jsonrpc2 would close the connection for it.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	call, isCall := req.(*jsonrpc2.Call)
	if s.opts.Verbose {
		s.log.Printf("<- %s %s", req.Method(), truncate(req.Params(), 200))
	}
	h, ok := s.handlers[req.Method()]
	s.mu.Lock()
	down := s.shutdown && req.Method() != "exit"
	s.mu.Unlock()
	switch {
	case !ok:
		h = func(context.Context, json.RawMessage) (any, error) {
			return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not supported: %s", req.Method())
		}
	case down:
		h = func(context.Context, json.RawMessage) (any, error) {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "the server is shutting down")
		}
	case isCall && asyncMethods[req.Method()]:
		s.handleAsync(ctx, reply, call, h)
		return nil
	}
	result, err := s.call(ctx, req, h)
	if !isCall {
		if err != nil && ok && !down {
			s.log.Printf("%s: %v", req.Method(), err)
		}
		return nil
	}
	s.respond(ctx, reply, req, result, err)
	return nil
}

// call runs h on req's parameters, turning a panic into an InternalError.
func (s *Server) call(ctx context.Context, req jsonrpc2.Request, h handler) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("panic in %s: %v\n%s", req.Method(), p, debug.Stack())
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", req.Method(), p)
		}
	}()
	return h(ctx, req.Params())
}

// respond replies to req, logging a reply that cannot be written.
func (s *Server) respond(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request, result any, err error) {
	if rerr := reply(ctx, result, err); rerr != nil {
		s.log.Printf("reply to %s: %v", req.Method(), rerr)
	}
}

// asyncMethods are the requests that may take long (a build, a seal): they
// run off the connection's reading goroutine, so the server goes on
// answering, and $/cancelRequest can cancel them. Every other request is
// answered in order, before the next message is read.
var asyncMethods = map[string]bool{"workspace/executeCommand": true}

// requestCancelled is the LSP error code of a request cancelled by the
// client.
const requestCancelled jsonrpc2.Code = -32800

// handleAsync answers call in a goroutine of its own, with a context that
// $/cancelRequest cancels.
func (s *Server) handleAsync(ctx context.Context, reply jsonrpc2.Replier, call *jsonrpc2.Call, h handler) {
	id := fmt.Sprintf("%q", call.ID())
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.inflight[id] = cancel
	s.running.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.running.Done()
		defer func() {
			s.mu.Lock()
			delete(s.inflight, id)
			s.mu.Unlock()
			cancel()
		}()
		result, err := s.call(ctx, call, h)
		if ctx.Err() != nil {
			result, err = nil, jsonrpc2.Errorf(requestCancelled, "%s was cancelled", call.Method())
		}
		s.respond(context.Background(), reply, call, result, err)
	}()
}

// cancelRequest cancels a running asynchronous request. Ids are numbers or
// strings; jsonrpc2.ID decodes both (a plain interface{} would make numbers
// float64 and match nothing). Requests answered in order are done by the
// time their cancellation is read.
func (s *Server) cancelRequest(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		ID jsonrpc2.ID `json:"id"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	cancel := s.inflight[fmt.Sprintf("%q", p.ID)]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	return nil, nil
}

// decode unmarshals params, reporting a failure as InvalidParams.
func decode(params json.RawMessage, v any) error {
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
	}
	return nil
}

// notify sends a notification to the client.
func (s *Server) notify(method string, params any) {
	if err := s.conn.Notify(context.Background(), method, params); err != nil {
		s.log.Printf("notify %s: %v", method, err)
	}
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return fmt.Sprintf("%s... (%d bytes)", b[:n], len(b))
	}
	return string(b)
}
