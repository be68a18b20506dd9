package migrate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/migrate"
)

func TestSealWritesVersionedFiles(t *testing.T) {
	d := newDir(t, "")
	written := seal(t, d, "Create users!", t0, createUsers, indexName)
	path := func(name string) string { return filepath.Join(d.Path, name) }
	assert.Equal(t, []string{
		path("20250301120000_create_users.up.sql"), path("20250301120000_create_users.down.sql"),
		path("20250301120001_create_users.up.sql"), path("20250301120001_create_users.down.sql"),
		path(migrate.SnapshotFile), path(migrate.SumFile),
	}, written)
	assert.Equal(t, createUsers.Up, readFile(t, d, "20250301120000_create_users.up.sql"), "sealed files are the SQL alone")
	assert.Equal(t, createUsers.Down, readFile(t, d, "20250301120000_create_users.down.sql"))
	assert.Equal(t, migrate.NoTransactionMarker+"\n"+indexName.Up, readFile(t, d, "20250301120001_create_users.up.sql"))
	assert.Equal(t, migrate.NoTransactionMarker+"\n"+indexName.Down, readFile(t, d, "20250301120001_create_users.down.sql"))
	assert.Equal(t, "// file: schema.dbspec\n\n// Create users!\n", readFile(t, d, migrate.SnapshotFile))

	want := []migrate.Sealed{
		{Migration: migrate.Migration{Version: 20250301120000, Name: "create_users", Up: createUsers.Up, Down: createUsers.Down},
			UpFile: "20250301120000_create_users.up.sql", DownFile: "20250301120000_create_users.down.sql"},
		{Migration: migrate.Migration{Version: 20250301120001, Name: "create_users", Up: indexName.Up, Down: indexName.Down, NoTransaction: true},
			UpFile: "20250301120001_create_users.up.sql", DownFile: "20250301120001_create_users.down.sql", UpLine: 1, DownLine: 1},
	}
	assert.Equal(t, want, d.Sealed, "Seal refreshes the directory")
	reopened, err := migrate.Open(d.Path, migrate.GolangMigrate)
	require.NoError(t, err)
	assert.Equal(t, want, reopened.Sealed)
	assert.Empty(t, d.Verify())

	seal(t, d, "add name", t0.Add(time.Hour), addName)
	assert.Equal(t, uint64(20250301130000), d.Last())
	assert.Len(t, d.Sealed, 3)
}

func TestSealRefuses(t *testing.T) {
	d := newDir(t, "")
	_, err := d.Seal(nil, "nothing", t0, "")
	require.EqualError(t, err, "nothing to seal: the schema matches the last sealed migration")
	_, err = d.Seal([]migrate.Migration{createUsers}, "¿…?", t0, "")
	require.ErrorContains(t, err, "has no letters or digits")
	_, statErr := os.Stat(d.Path)
	assert.ErrorIs(t, statErr, os.ErrNotExist, "a refused seal writes nothing")

	seal(t, d, "create users", t0, createUsers)
	before := names(t, d)
	for _, at := range []time.Time{t0, t0.Add(-time.Minute)} {
		_, err = d.Seal([]migrate.Migration{addName}, "add name", at, "")
		require.EqualError(t, err, fmt.Sprintf("version %d", migrate.Version(at))+" would not follow the last sealed migration, version 20250301120000: is the clock behind?")
	}
	assert.Equal(t, before, names(t, d))

	// A sealed file is never replaced, even by a seal whose checks pass.
	require.NoError(t, os.Mkdir(filepath.Join(d.Path, "20250301130000_add_name.down.sql"), 0o755))
	_, err = d.Seal([]migrate.Migration{addName}, "add name", t0.Add(time.Hour), "")
	require.ErrorContains(t, err, "20250301130000_add_name.down.sql exists, and sealed files are never rewritten")
	assert.NotContains(t, names(t, d), "20250301130000_add_name.up.sql")
}

func TestSealRemovesPending(t *testing.T) {
	d := newDir(t, "")
	_, err := d.WritePending([]migrate.Migration{createUsers, indexName})
	require.NoError(t, err)
	seal(t, d, "create users", t0, createUsers, indexName)
	pending, err := d.Pending()
	require.NoError(t, err)
	assert.Empty(t, pending)
}

func TestSlug(t *testing.T) {
	for msg, want := range map[string]string{
		"Add tasks":                      "add_tasks",
		"  add   tasks & projects (v2) ": "add_tasks_projects_v2",
		"ÄÖÜ rename users.email":         "rename_users_email",
		"a very long message that goes on and on past the limit": "a_very_long_message_that_goes_on_and_on",
		"___": "",
	} {
		assert.Equal(t, want, migrate.Slug(msg), msg)
		assert.LessOrEqual(t, len(migrate.Slug(msg)), 40)
	}
}

func TestOpen(t *testing.T) {
	_, err := migrate.Open(t.TempDir(), "flyway")
	require.EqualError(t, err, `unknown migration format "flyway" (expected golang-migrate or goose)`)

	d, err := migrate.Open(filepath.Join(t.TempDir(), "missing"), "")
	require.NoError(t, err, "a directory not created yet has no migrations")
	assert.Equal(t, migrate.GolangMigrate, d.Format)
	assert.Empty(t, d.Sealed)

	dir := t.TempDir()
	for name, text := range map[string]string{
		"1_init.up.sql":     "CREATE TABLE a ();\n",
		"10_more.up.sql":    "CREATE TABLE b ();\n", // golang-migrate allows a missing down file
		"2_second.up.sql":   "CREATE TABLE c ();\n",
		"2_second.down.sql": "DROP TABLE c;\n",
		"README.md":         "notes\n",
		"pending.up.sql":    "-- pending\n",
		"x_init.up.sql":     "not a migration\n",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	d, err = migrate.Open(dir, "")
	require.NoError(t, err)
	var versions []uint64
	for _, s := range d.Sealed {
		versions = append(versions, s.Version)
	}
	assert.Equal(t, []uint64{1, 2, 10}, versions, "sorted by version, not by name")
	assert.Equal(t, "", d.Sealed[2].DownFile)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "2_again.up.sql"), nil, 0o644))
	_, err = migrate.Open(dir, "")
	require.ErrorContains(t, err, "version 2 is also used by")
}
