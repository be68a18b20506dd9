package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// stream frames JSON-RPC messages with Content-Length headers, like
// jsonrpc2.NewStream, but survives a message that is not valid JSON-RPC:
// it is logged and skipped instead of closing the connection.
type stream struct {
	in      *bufio.Reader
	out     io.WriteCloser
	writeMu sync.Mutex
	logf    func(format string, args ...any)
}

func newStream(rwc io.ReadWriteCloser, logf func(string, ...any)) *stream {
	return &stream{in: bufio.NewReader(rwc), out: rwc, logf: logf}
}

// Read implements jsonrpc2.Stream.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		data, err := s.frame()
		if err != nil {
			return nil, 0, err
		}
		msg, err := jsonrpc2.DecodeMessage(data)
		if err == nil {
			return msg, int64(len(data)), nil
		}
		s.logf("skipping a malformed message: %v", err)
	}
}

// maxMessage is the size of the largest message the server reads, far
// above any real one (a 10,000-table schema is 10 MB): a larger one is
// skipped rather than allocated.
const maxMessage = 256 << 20

// frame reads one message body. Header lines other than Content-Length are
// ignored; a header block without a usable length is skipped.
func (s *stream) frame() ([]byte, error) {
	for {
		length := -1
		for {
			line, err := s.in.ReadString('\n')
			if err != nil {
				return nil, err
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			name, value, ok := strings.Cut(line, ":")
			if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
				if n, err := strconv.Atoi(strings.TrimSpace(value)); err == nil && n >= 0 {
					length = n
				}
			}
		}
		if length < 0 {
			s.logf("skipping a header without Content-Length")
			continue
		}
		if length > maxMessage {
			s.logf("skipping a message of %d bytes", length)
			if _, err := io.CopyN(io.Discard, s.in, int64(length)); err != nil {
				return nil, err
			}
			continue
		}
		data := make([]byte, length)
		if _, err := io.ReadFull(s.in, data); err != nil {
			return nil, err
		}
		return data, nil
	}
}

// Write implements jsonrpc2.Stream.
func (s *stream) Write(_ context.Context, msg jsonrpc2.Message) (int64, error) {
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling a message: %w", err)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	n, err := fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n", len(data))
	if err == nil {
		var m int
		m, err = s.out.Write(data)
		n += m
	}
	return int64(n), err
}

// Close implements jsonrpc2.Stream.
func (s *stream) Close() error { return s.out.Close() }
