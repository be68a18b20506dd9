package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// openGenerated opens a copy of the generated schema of n tables in a new
// server, waits for its first diagnostics and returns the client, the
// file's path and text.
func openGenerated(b *testing.B, n int) (*client, string, string) {
	b.Helper()
	src, err := os.ReadFile(fmt.Sprintf("../testdata/generated/t%d/schema.dbspec", n))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "schema.dbspec")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		b.Fatal(err)
	}
	c := newClient(b)
	c.open(path, string(src))
	c.waitFor(path, func([]lspDiagnostic) bool { return true })
	return c, path, string(src)
}

// middleColumn is the position of a column line in the middle of src:
// the start of the line of the first created_at after the middle.
func middleColumn(src string) (line, char int) {
	at := strings.Index(src[len(src)/2:], "  created_at ") + len(src)/2
	return strings.Count(src[:at], "\n"), 2
}

// BenchmarkDidChange measures, over JSON-RPC, the time from an incremental
// didChange (a column added to, then removed from, a table in the middle
// of the schema) to the publishDiagnostics of that version: debounce,
// re-parse, re-resolve, every rule, and the message.
func BenchmarkDidChange(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			c, path, src := openGenerated(b, n)
			line, _ := middleColumn(src)
			var took []time.Duration
			version := 1
			for b.Loop() {
				version++
				start := time.Now()
				c.change(path, version, columnEdit(line, version))
				c.waitForVersion(path, int32(version))
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			b.ReportMetric(ms(took[len(took)/2]), "ms-p50")
			b.ReportMetric(ms(took[len(took)*99/100]), "ms-p99")
			reportHeap(b)
		})
	}
}

// BenchmarkRequests measures hover and completion over JSON-RPC on a
// schema already analyzed.
func BenchmarkRequests(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			c, path, src := openGenerated(b, n)
			line, char := middleColumn(src)
			doc := map[string]any{"uri": uriOf(path)}
			b.Run("hover", func(b *testing.B) {
				var h hoverResult
				for b.Loop() {
					if err := c.call("textDocument/hover", map[string]any{"textDocument": doc, "position": position{line, char + 1}}, &h); err != nil || h.Contents.Value == "" {
						b.Fatalf("hover: %v %q", err, h.Contents.Value)
					}
				}
			})
			// Completion of a table name after "->" on a new line: every table.
			c.change(path, 2, edit(line, 0, line, 0, "  x uuid -> \n"))
			c.waitForVersion(path, 2)
			b.Run("completion", func(b *testing.B) {
				var items []completionItem
				for b.Loop() {
					if err := c.call("textDocument/completion", map[string]any{"textDocument": doc, "position": position{line, len("  x uuid -> ")}}, &items); err != nil || len(items) < n {
						b.Fatalf("completion: %v, %d items", err, len(items))
					}
				}
			})
		})
	}
}

// columnEdit is the change of a document version: even versions add a
// column at line, odd ones remove it again.
func columnEdit(line, version int) map[string]any {
	if version%2 == 1 {
		return edit(line, 0, line+1, 0, "")
	}
	return edit(line, 0, line, 0, "  extra_col text?\n")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// reportHeap reports the live heap after a collection: the server's state
// (and the test client's small share).
func reportHeap(b *testing.B) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "MB-heap")
}

// BenchmarkProcessMemory runs the real `dbspec lsp` (with the binary's own
// GC setting) on a copy of the generated schema, replays the edits of
// BenchmarkDidChange, and reports the process's peak resident memory.
func BenchmarkProcessMemory(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			src, err := os.ReadFile(fmt.Sprintf("../testdata/generated/t%d/schema.dbspec", n))
			if err != nil {
				b.Fatal(err)
			}
			p := startProcess(b)
			path := filepath.Join(b.TempDir(), "schema.dbspec")
			if err := os.WriteFile(path, src, 0o644); err != nil {
				b.Fatal(err)
			}
			wait := func(version int) {
				for d := range p.diags {
					if d.Version != nil && int(*d.Version) == version {
						return
					}
				}
			}
			notify := func(method string, params any) {
				if err := p.conn.Notify(p.ctx, method, params); err != nil {
					b.Fatal(err)
				}
			}
			notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uriOf(path), "version": 1, "text": string(src)}})
			wait(1)
			line, _ := middleColumn(string(src))
			version := 1
			for b.Loop() {
				version++
				notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uriOf(path), "version": version},
					"contentChanges": []any{columnEdit(line, version)}})
				wait(version)
			}
			status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
			if err != nil {
				b.Skip("no /proc on this system")
			}
			for _, line := range strings.Split(string(status), "\n") {
				if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					var n float64
					fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), &n)
					b.ReportMetric(n/1024, "MB-peak-rss")
				}
			}
		})
	}
}
