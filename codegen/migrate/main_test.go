package migrate_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/codegen/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// t0 is the clock of the first seal of a test.
var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// Hand-written migrations, for the tests that do not need the planner.
var (
	createUsers = migrate.Migration{
		Up:   "CREATE TABLE users (\n  id    bigint PRIMARY KEY,\n  email text NOT NULL\n);\n",
		Down: "DROP TABLE users;\n",
	}
	addName = migrate.Migration{
		Up:   "ALTER TABLE users ADD COLUMN name text;\n",
		Down: "ALTER TABLE users DROP COLUMN name;\n",
	}
	indexName = migrate.Migration{
		Up:            "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n",
		Down:          "DROP INDEX CONCURRENTLY users_name_idx;\n",
		NoTransaction: true,
	}
)

// newDir returns an empty migration directory (not created yet) in format.
func newDir(t *testing.T, format string) *migrate.Dir {
	t.Helper()
	d, err := migrate.Open(filepath.Join(t.TempDir(), "migrations"), format)
	require.NoError(t, err)
	return d
}

// seal seals migs with a snapshot that names the message.
func seal(t *testing.T, d *migrate.Dir, message string, at time.Time, migs ...migrate.Migration) []string {
	t.Helper()
	written, err := d.Seal(migs, message, at, "// file: schema.dbspec\n\n// "+message+"\n")
	require.NoError(t, err)
	return written
}

// readFile returns the content of a file of the directory.
func readFile(t *testing.T, d *migrate.Dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(d.Path, name))
	require.NoError(t, err)
	return string(b)
}

// names lists the files of the directory.
func names(t *testing.T, d *migrate.Dir) []string {
	t.Helper()
	entries, err := os.ReadDir(d.Path)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}
