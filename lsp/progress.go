package lsp

import (
	"context"
	"fmt"
	"time"
)

// progress reports long work to the client with $/progress, when the
// client supports server-initiated progress, and returns the function that
// ends the report. It asks the client for a token, so it must not run on
// the connection's reading goroutine: the reply would never be read.
func (s *Server) progress(title string) (end func()) {
	s.mu.Lock()
	supported := s.client.workDoneProgress && !s.closed
	s.progressTokens++
	token := fmt.Sprintf("dbspec/%d", s.progressTokens)
	s.mu.Unlock()
	if !supported {
		return func() {}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := s.conn.Call(ctx, "window/workDoneProgress/create", map[string]any{"token": token}, nil); err != nil {
		s.log.Printf("progress: %v", err)
		return func() {}
	}
	s.notify("$/progress", map[string]any{"token": token, "value": map[string]any{"kind": "begin", "title": title}})
	return func() {
		s.notify("$/progress", map[string]any{"token": token, "value": map[string]any{"kind": "end"}})
	}
}
