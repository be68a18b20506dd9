package build_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/codegen/files"
)

func out(path, text string) build.Output { return build.Output{Path: path, Content: []byte(text)} }

func TestWriteAndStale(t *testing.T) {
	root := t.TempDir()
	outs := []build.Output{out("db/schema.sql", "-- "+files.Marker+"\nCREATE TABLE t ();\n"), out("internal/db/schema.go", "// "+files.Marker+"\npackage db\n")}

	stale, err := build.Stale(root, outs)
	require.NoError(t, err)
	assert.Len(t, stale, 2, "missing files are stale")

	written, err := build.Write(root, outs)
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join(root, "db/schema.sql"), filepath.Join(root, "internal/db/schema.go")}, written)
	got, err := os.ReadFile(filepath.Join(root, "db/schema.sql"))
	require.NoError(t, err)
	assert.Equal(t, string(outs[0].Content), string(got))

	stale, err = build.Stale(root, outs)
	require.NoError(t, err)
	assert.Empty(t, stale)
	written, err = build.Write(root, outs)
	require.NoError(t, err)
	assert.Empty(t, written, "unchanged files are not rewritten")

	outs[0].Content = []byte("-- " + files.Marker + "\nCREATE TABLE u ();\n")
	stale, err = build.Stale(root, outs)
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join(root, "db/schema.sql")}, stale)
}

func TestWriteRefusesHandWrittenFiles(t *testing.T) {
	root := t.TempDir()
	hand := filepath.Join(root, "schema.sql")
	require.NoError(t, os.WriteFile(hand, []byte("-- my own migrations\n"), 0o644))
	_, err := build.Write(root, []build.Output{out("schema.sql", "-- "+files.Marker+"\n")})
	require.ErrorContains(t, err, "refusing to overwrite")
	got, _ := os.ReadFile(hand)
	assert.Equal(t, "-- my own migrations\n", string(got), "the file is untouched")
}

func TestWriteStaysInsideTheRoot(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	require.NoError(t, os.Symlink(outside, filepath.Join(root, "link")))
	for _, p := range []string{"../escape.sql", "/tmp/abs.sql", "link/x.sql", "a/../../b.sql"} {
		_, err := build.Write(root, []build.Output{out(p, "-- "+files.Marker+"\n")})
		assert.Error(t, err, p)
	}
	entries, _ := os.ReadDir(outside)
	assert.Empty(t, entries, "nothing was written outside the root")
}
