package lsp

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.lsp.dev/jsonrpc2"
)

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

type readOnly struct{ io.Reader }

func (readOnly) Write(p []byte) (int, error) { return len(p), nil }
func (readOnly) Close() error                { return nil }

// TestStreamSkipsHugeMessages reads past a message larger than maxMessage,
// without allocating it, to the message after it.
func TestStreamSkipsHugeMessages(t *testing.T) {
	next := `{"jsonrpc":"2.0","method":"initialized","params":{}}`
	in := io.MultiReader(
		strings.NewReader(fmt.Sprintf("Content-Length: %d\r\n\r\n", maxMessage+1)),
		io.LimitReader(zeros{}, maxMessage+1),
		strings.NewReader(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(next), next)),
	)
	var logged []string
	s := newStream(readOnly{in}, func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) })
	msg, _, err := s.Read(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "initialized", msg.(*jsonrpc2.Notification).Method())
	assert.Equal(t, []string{fmt.Sprintf("skipping a message of %d bytes", maxMessage+1)}, logged)
}
