package migrate_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/migrate"
)

func TestGooseRoundTrip(t *testing.T) {
	d := newDir(t, migrate.Goose)
	seal(t, d, "create users", t0, createUsers, indexName)
	assert.Equal(t, "-- +goose Up\n-- +goose StatementBegin\n"+createUsers.Up+"-- +goose StatementEnd\n\n"+
		"-- +goose Down\n-- +goose StatementBegin\n"+createUsers.Down+"-- +goose StatementEnd\n",
		readFile(t, d, "20250301120000_create_users.sql"))
	assert.Equal(t, "-- +goose NO TRANSACTION\n-- +goose Up\n-- +goose StatementBegin\n"+indexName.Up+"-- +goose StatementEnd\n\n"+
		"-- +goose Down\n-- +goose StatementBegin\n"+indexName.Down+"-- +goose StatementEnd\n",
		readFile(t, d, "20250301120001_create_users.sql"))

	reopened, err := migrate.Open(d.Path, migrate.Goose)
	require.NoError(t, err)
	require.Len(t, reopened.Sealed, 2)
	for i, want := range []migrate.Migration{createUsers, indexName} {
		got := reopened.Sealed[i]
		assert.Equal(t, want.Up, got.Up)
		assert.Equal(t, want.Down, got.Down)
		assert.Equal(t, want.NoTransaction, got.NoTransaction)
		assert.Equal(t, "create_users", got.Name)
		assert.Equal(t, got.UpFile, got.DownFile, "one file holds both directions")
	}
	assert.Equal(t, 3, reopened.Sealed[1].UpLine, "Up starts after NO TRANSACTION, Up and StatementBegin")
	assert.Equal(t, 8, reopened.Sealed[1].DownLine)
	assert.Empty(t, reopened.Verify())
}

func TestGooseHandWritten(t *testing.T) {
	dir := t.TempDir()
	src := "-- a note before the sections\n" +
		"-- +goose up\n" +
		"CREATE TABLE a (x int);\n" +
		"CREATE TABLE b (y int);\n" +
		"--   +goose   Down\n" +
		"DROP TABLE b;\n" +
		"DROP TABLE a;\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "00001_init.sql"), []byte(src), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "00002_bad.txt"), []byte("ignored"), 0o644))
	d, err := migrate.Open(dir, migrate.Goose)
	require.NoError(t, err)
	require.Len(t, d.Sealed, 1)
	s := d.Sealed[0]
	assert.Equal(t, uint64(1), s.Version)
	assert.Equal(t, "init", s.Name)
	assert.Equal(t, "CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n", s.Up)
	assert.Equal(t, "DROP TABLE b;\nDROP TABLE a;\n", s.Down)
	assert.False(t, s.NoTransaction)
	assert.Equal(t, 2, s.UpLine)
	assert.Equal(t, 5, s.DownLine)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "00003_broken.sql"), []byte("SELECT 1;\n"), 0o644))
	_, err = migrate.Open(dir, migrate.Goose)
	require.ErrorContains(t, err, "00003_broken.sql: no -- +goose Up annotation")
}
