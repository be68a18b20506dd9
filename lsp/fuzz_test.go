package lsp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// FuzzMessages writes arbitrary bytes to the server as one framed message,
// and with a wrong length too, then asks for something: the server must not
// panic and must still answer. Run it with
// go test ./lsp -run XXX -fuzz FuzzMessages -fuzztime 2m.
func FuzzMessages(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.dbspec"},"position":{"line":0,"character":0}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/x/a.dbspec","version":1,"text":"table t {\n id uuid pk\n}\n"}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/x/a.dbspec","version":2},"contentChanges":[{"range":{"start":{"line":-1,"character":99},"end":{"line":0,"character":0}},"text":"😀"}]}}`,
		`{"jsonrpc":"2.0","id":"x","method":"$/cancelRequest","params":{"id":1e99}}`,
		`{"jsonrpc":"2.0","id":[],"method":{}}`,
		`[1,2,3]`,
		"\x00\xff",
	} {
		f.Add([]byte(seed), 0)
	}
	f.Fuzz(func(t *testing.T, body []byte, lengthDelta int) {
		serverEnd, clientEnd := net.Pipe()
		srv := New(Options{})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- srv.Serve(ctx, serverEnd) }()
		defer func() {
			clientEnd.Close()
			<-done
		}()
		conn := jsonrpc2.NewConn(jsonrpc2.NewStream(clientEnd))
		conn.Go(ctx, func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
			go func() { _ = reply(context.Background(), nil, nil) }()
			return nil
		})
		// The bytes, with a length up to 4 bytes off either way (the blank
		// line after them absorbs a longer one); then a request whose
		// answer shows the server alive.
		length := max(0, len(body)+lengthDelta%5)
		if _, err := fmt.Fprintf(clientEnd, "Content-Length: %d\r\n\r\n%s\r\n\r\n", length, body); err != nil {
			t.Fatal(err)
		}
		// Any answer will do: the bytes may be a request with the same id.
		_, err := conn.Call(ctx, "frobnicate", nil, nil)
		var rpcErr *jsonrpc2.Error
		if err != nil && !errors.As(err, &rpcErr) {
			t.Fatalf("no answer after %q: %v", body, err)
		}
	})
}
