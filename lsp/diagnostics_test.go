package lsp

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/lang"
)

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

// TestWatchedFilesReloadClosedFiles changes files on disk: a closed file of
// the schema is read again, an open one keeps its buffer.
func TestWatchedFilesReloadClosedFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.dbspec"), filepath.Join(dir, "b.dbspec")
	projects := "table projects global {\n  id         uuid        pk default(gen_random_uuid())\n  owner_id   uuid        -> owners.id on delete cascade\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n\n  index (owner_id)\n}\n"
	owners := "table owners global {\n  id         uuid        pk default(gen_random_uuid())\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	require.NoError(t, os.WriteFile(a, []byte(projects), 0o644))
	require.NoError(t, os.WriteFile(b, []byte(""), 0o644))
	c := newClient(t)
	c.open(a, projects)
	c.waitFor(a, func(ds []lspDiagnostic) bool { return len(ds) > 0 })
	changed := func(paths ...string) {
		var changes []any
		for _, p := range paths {
			changes = append(changes, map[string]any{"uri": uriOf(p), "type": 2})
		}
		c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": changes})
	}

	// The open file breaks on disk and the closed one declares owners: only
	// the closed one counts, and the error goes.
	require.NoError(t, os.WriteFile(a, []byte("table broken {"), 0o644))
	require.NoError(t, os.WriteFile(b, []byte(owners), 0o644))
	changed(a, b)
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
		// Mostly insertions and short deletions, some across lines, so that
		// the text keeps its size and a wrong offset is not deleted by a
		// later edit.
		lines := lang.NewLines(text)
		l1, ch1 := rng.Intn(lines.Count()+1), rng.Intn(40)
		l2, ch2 := l1, ch1
		switch n := rng.Intn(20); {
		case n == 0:
			l2, ch2 = l1+1+rng.Intn(2), rng.Intn(40)
		case n < 9:
			ch2 += rng.Intn(4)
		}
		ins := alphabet[rng.Intn(len(alphabet))]
		start, end := utf16Offset(text, l1, ch1), utf16Offset(text, l2, ch2)
		if end < start {
			start, end = end, start
		}
		text = text[:start] + ins + text[end:]
		c.change(path, v, edit(l1, ch1, l2, ch2, ins))
	}
	// A request after the notifications is answered after them.
	require.NoError(t, c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uriOf(path)}}, new([]textEdit)))
	c.server.mu.Lock()
	got := c.server.docs[path].text
	c.server.mu.Unlock()
	assert.Equal(t, text, got)
}

// utf16Offset is the byte offset of a line and UTF-16 column in text,
// worked out apart from the server's code: out-of-range lines and columns
// are clamped as LSP asks, and a column inside a surrogate pair stays
// before it.
func utf16Offset(text string, line, col int) int {
	lines := strings.SplitAfter(text, "\n")
	if line >= len(lines) {
		return len(text)
	}
	off := 0
	for _, l := range lines[:line] {
		off += len(l)
	}
	units := utf16.Encode([]rune(strings.TrimSuffix(lines[line], "\n")))
	col = min(col, len(units))
	if col > 0 && units[col-1] >= 0xD800 && units[col-1] < 0xDC00 {
		col-- // after the first half of a pair: inside it
	}
	return off + len(string(utf16.Decode(units[:col])))
}
