package migrate_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/codegen/pgtest"
)

// versionRow is a row of schema_migrations.
type versionRow struct {
	Version int64
	Dirty   bool
}

func versionRows(t *testing.T, conn *pgx.Conn) []versionRow {
	t.Helper()
	rows, err := conn.Query(context.Background(), "SELECT version, dirty FROM schema_migrations")
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[versionRow])
	require.NoError(t, err)
	return out
}

// relations lists the tables and indexes of the public schema.
func relations(t *testing.T, conn *pgx.Conn) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(),
		"SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i') ORDER BY relname")
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return out
}

func columns(t *testing.T, conn *pgx.Conn, table string) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(),
		"SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", table)
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return out
}

func applyDir(t *testing.T, conn *pgx.Conn, d *migrate.Dir, dryRun bool) (string, error) {
	t.Helper()
	var log bytes.Buffer
	err := migrate.Apply(context.Background(), conn, d, migrate.Options{DryRun: dryRun, Log: &log})
	return log.String(), err
}

func downDir(t *testing.T, conn *pgx.Conn, d *migrate.Dir, n int, dryRun bool) (string, error) {
	t.Helper()
	var log bytes.Buffer
	err := migrate.Down(context.Background(), conn, d, n, migrate.Options{DryRun: dryRun, Log: &log})
	return log.String(), err
}

func TestApplySealedChain(t *testing.T) {
	conn := pgtest.Connect(t)
	d := newDir(t, "")
	seal(t, d, "create users", t0, createUsers)
	seal(t, d, "name", t0.Add(time.Hour), addName, indexName)
	path := func(name string) string { return filepath.Join(d.Path, name) }

	log, err := applyDir(t, conn, d, false)
	require.NoError(t, err)
	assert.Equal(t, "applied "+path("20250301120000_create_users.up.sql")+"\n"+
		"applied "+path("20250301130000_name.up.sql")+"\n"+
		"applied "+path("20250301130001_name.up.sql")+"\n", log)
	assert.Equal(t, []versionRow{{20250301130001, false}}, versionRows(t, conn))
	assert.Equal(t, []string{"schema_migrations", "schema_migrations_pkey", "users", "users_name_idx", "users_pkey"}, relations(t, conn))
	assert.Equal(t, []string{"id", "email", "name"}, columns(t, conn, "users"))

	log, err = applyDir(t, conn, d, false)
	require.NoError(t, err)
	assert.Equal(t, "nothing to apply: the database is at version 20250301130001\n", log)

	seal(t, d, "drop name", t0.Add(2*time.Hour), migrate.Migration{
		Up: "ALTER TABLE users DROP COLUMN name;\n", Down: "ALTER TABLE users ADD COLUMN name text;\n"})
	log, err = applyDir(t, conn, d, false)
	require.NoError(t, err)
	assert.Equal(t, "applied "+path("20250301140000_drop_name.up.sql")+"\n", log, "only the new migration runs")
	assert.Equal(t, []string{"id", "email"}, columns(t, conn, "users"))
	assert.Equal(t, []versionRow{{20250301140000, false}}, versionRows(t, conn))
}

func TestApplyDryRun(t *testing.T) {
	conn := pgtest.Connect(t)
	d := newDir(t, "")
	emailIndex := migrate.Migration{Up: "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n", Down: "DROP INDEX CONCURRENTLY users_email_idx;\n", NoTransaction: true}
	seal(t, d, "create users", t0, createUsers, emailIndex)
	want := "-- " + filepath.Join(d.Path, "20250301120000_create_users.up.sql") + " (in a transaction)\n" + createUsers.Up +
		"-- " + filepath.Join(d.Path, "20250301120001_create_users.up.sql") + " (outside a transaction)\n" + emailIndex.Up

	log, err := applyDir(t, conn, d, true)
	require.NoError(t, err)
	assert.Equal(t, want, log)
	assert.Empty(t, relations(t, conn), "a dry run changes nothing, not even the version table")

	log, err = applyDir(t, nil, d, true)
	require.NoError(t, err)
	assert.Equal(t, want, log, "without a database, every sealed migration")

	_, err = applyDir(t, conn, d, false)
	require.NoError(t, err)
	log, err = downDir(t, conn, d, 1, true)
	require.NoError(t, err)
	assert.Equal(t, "-- "+filepath.Join(d.Path, "20250301120001_create_users.down.sql")+" (outside a transaction)\n"+emailIndex.Down, log)
	assert.Contains(t, relations(t, conn), "users_email_idx")
}

func TestApplyRefusesTamperedHistory(t *testing.T) {
	conn := pgtest.Connect(t)
	d := newDir(t, "")
	seal(t, d, "create users", t0, createUsers)
	seal(t, d, "add name", t0.Add(time.Hour), addName)
	edited := filepath.Join(d.Path, "20250301130000_add_name.up.sql")
	write(t, d, "20250301130000_add_name.up.sql", "ALTER TABLE users ADD COLUMN name varchar(10);\n")

	_, err := applyDir(t, conn, d, false)
	require.EqualError(t, err, "refusing to run: the sealed migrations do not match dbspec.sum:\n  "+
		edited+":1: 20250301130000_add_name.up.sql was edited after it was sealed: its checksum differs from the one in dbspec.sum")
	assert.Empty(t, relations(t, conn), "nothing ran")
	_, err = downDir(t, conn, d, 1, false)
	require.ErrorContains(t, err, "refusing to run")
	_, err = applyDir(t, nil, d, true)
	require.ErrorContains(t, err, "refusing to run", "not even a dry run")
}

func TestConcurrentApply(t *testing.T) {
	ctx := context.Background()
	conn := pgtest.Connect(t)
	d := newDir(t, "")
	slow := createUsers
	slow.Up = "SELECT pg_sleep(0.3);\n" + slow.Up
	seal(t, d, "create users", t0, slow, addName)

	var conns [2]*pgx.Conn
	for i := range conns {
		c, err := pgx.Connect(ctx, conn.Config().ConnString())
		require.NoError(t, err)
		defer c.Close(ctx)
		conns[i] = c
	}
	// lockWaits counts the advisory lock requests on the database, granted
	// or waiting.
	lockWaits := func(granted bool) int {
		var n int
		require.NoError(t, conn.QueryRow(ctx, `SELECT count(*) FROM pg_locks
			WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted = $1`,
			granted).Scan(&n))
		return n
	}
	waitFor := func(what string, cond func() bool) {
		deadline := time.Now().Add(5 * time.Second)
		for !cond() {
			require.True(t, time.Now().Before(deadline), "timed out waiting for %s", what)
			time.Sleep(5 * time.Millisecond)
		}
	}

	var wg sync.WaitGroup
	logs := make([]bytes.Buffer, 2)
	errs := make([]error, 2)
	run := func(i int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = migrate.Apply(ctx, conns[i], d, migrate.Options{Log: &logs[i]})
		}()
	}
	run(0)
	waitFor("the first applier to take the locks", func() bool { return lockWaits(true) == 2 })
	run(1)
	waitFor("the second applier to wait for the lock", func() bool { return lockWaits(false) == 1 })
	wg.Wait()

	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	assert.Equal(t, 2, strings.Count(logs[0].String(), "applied "), logs[0].String())
	assert.Equal(t, "nothing to apply: the database is at version 20250301120001\n", logs[1].String(),
		"the second applier waited, then found everything applied")
	assert.Equal(t, []versionRow{{20250301120001, false}}, versionRows(t, conn))
	assert.Zero(t, lockWaits(true)+lockWaits(false), "the lock is released")
}

func TestApplyStopsAtTheFirstFailure(t *testing.T) {
	conn := pgtest.Connect(t)
	d := newDir(t, "")
	broken := migrate.Migration{Up: "CREATE TABLE partial (x int);\n\nSELECT x,\n  nosuch FROM partial;\n", Down: "DROP TABLE partial;\n"}
	seal(t, d, "three steps", t0, createUsers, broken, addName)

	_, err := applyDir(t, conn, d, false)
	require.EqualError(t, err, filepath.Join(d.Path, "20250301120001_three_steps.up.sql")+
		`:4: ERROR: column "nosuch" does not exist (SQLSTATE 42703)`+"\n"+
		"the migration was rolled back: the database stays at version 20250301120000")
	assert.Equal(t, []versionRow{{20250301120000, false}}, versionRows(t, conn), "the last good version")
	assert.NotContains(t, relations(t, conn), "partial", "the failed migration left nothing")
	assert.Equal(t, []string{"id", "email"}, columns(t, conn, "users"), "the migrations after it did not run")

	_, err = applyDir(t, conn, d, false)
	require.ErrorContains(t, err, "20250301120001_three_steps.up.sql:4:", "a new run fails at the same place")
}

func TestApplyFailureOutsideATransaction(t *testing.T) {
	conn := pgtest.Connect(t)
	d := newDir(t, "")
	badIndex := migrate.Migration{Up: "CREATE INDEX CONCURRENTLY bad\n  ON users ((nosuch + 1));\n", Down: "DROP INDEX CONCURRENTLY bad;\n", NoTransaction: true}
	seal(t, d, "index", t0, createUsers, badIndex)

	_, err := applyDir(t, conn, d, false)
	require.ErrorContains(t, err, filepath.Join(d.Path, "20250301120001_index.up.sql")+`:3: ERROR: column "nosuch" does not exist (SQLSTATE 42703)`+"\n"+
		"it ran outside a transaction, so the database is marked dirty at version 20250301120001")
	assert.Equal(t, []versionRow{{20250301120001, true}}, versionRows(t, conn), "golang-migrate's dirty mark")

	_, err = applyDir(t, conn, d, false)
	require.ErrorContains(t, err, "the database is dirty at version 20250301120001")
	_, err = downDir(t, conn, d, 1, false)
	require.ErrorContains(t, err, "the database is dirty at version 20250301120001")

	ctx := context.Background()
	require.EqualError(t, migrate.Force(ctx, conn, d, 42), "42 is not the version of a sealed migration of "+d.Path)
	require.NoError(t, migrate.Force(ctx, conn, d, 20250301120000))
	assert.Equal(t, []versionRow{{20250301120000, false}}, versionRows(t, conn))
	require.NoError(t, migrate.Force(ctx, conn, d, -1))
	assert.Empty(t, versionRows(t, conn))
}

func TestDown(t *testing.T) {
	conn := pgtest.Connect(t)
	d := newDir(t, "")
	seal(t, d, "create users", t0, createUsers)
	seal(t, d, "name", t0.Add(time.Hour), addName, indexName)
	_, err := applyDir(t, conn, d, false)
	require.NoError(t, err)

	log, err := downDir(t, conn, d, 2, false)
	require.NoError(t, err)
	assert.Equal(t, "reverted "+filepath.Join(d.Path, "20250301130001_name.down.sql")+"\n"+
		"reverted "+filepath.Join(d.Path, "20250301130000_name.down.sql")+"\n", log)
	assert.Equal(t, []versionRow{{20250301120000, false}}, versionRows(t, conn))
	assert.Equal(t, []string{"schema_migrations", "schema_migrations_pkey", "users", "users_pkey"}, relations(t, conn))
	assert.Equal(t, []string{"id", "email"}, columns(t, conn, "users"))

	_, err = downDir(t, conn, d, 2, false)
	require.EqualError(t, err, "cannot revert 2 migrations: the database has 1 applied")
	_, err = downDir(t, conn, d, 0, false)
	require.ErrorContains(t, err, "at least 1")

	_, err = downDir(t, conn, d, 1, false)
	require.NoError(t, err)
	assert.Empty(t, versionRows(t, conn), "no row: no migration applied, as golang-migrate records it")
	assert.Equal(t, []string{"schema_migrations", "schema_migrations_pkey"}, relations(t, conn))

	_, err = applyDir(t, conn, d, false)
	require.NoError(t, err, "up again after down")
	assert.Equal(t, []versionRow{{20250301130001, false}}, versionRows(t, conn))
}

func TestApplyUnknownVersion(t *testing.T) {
	conn := pgtest.Connect(t)
	d := newDir(t, "")
	seal(t, d, "create users", t0, createUsers)
	_, err := conn.Exec(context.Background(), `CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null);
		INSERT INTO schema_migrations VALUES (20990101000000, false)`)
	require.NoError(t, err)
	_, err = applyDir(t, conn, d, false)
	require.EqualError(t, err, fmt.Sprintf("the database is at version 20990101000000, which is not a sealed migration of %s", d.Path))
}
