package migrate_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/codegen/pgtest"
)

func status(t *testing.T, conn *pgx.Conn, d *migrate.Dir) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, migrate.WriteStatus(context.Background(), &b, conn, d))
	return b.String()
}

func TestStatus(t *testing.T) {
	d := newDir(t, "")
	assert.Equal(t, "migrations: "+d.Path+" (golang-migrate)\nsealed: none\npending: none\n", status(t, nil, d))

	seal(t, d, "create users", t0, createUsers)
	seal(t, d, "add name", t0.Add(time.Hour), addName)
	_, err := d.WritePending([]migrate.Migration{indexName})
	require.NoError(t, err)
	assert.Equal(t, "migrations: "+d.Path+" (golang-migrate)\n"+
		"sealed:\n"+
		"  20250301120000  create_users\n"+
		"  20250301130000  add_name\n"+
		"pending:\n"+
		"  pending.down.sql\n"+
		"  pending.up.sql\n", status(t, nil, d))

	conn := pgtest.Connect(t)
	assert.Contains(t, status(t, conn, d), "database: at no version (no migration applied)\n"+
		"sealed:\n"+
		"  20250301120000  create_users  not applied\n"+
		"  20250301130000  add_name      not applied\n")
	assert.Empty(t, relations(t, conn), "status creates nothing")

	_, err = conn.Exec(context.Background(), `CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null);
		INSERT INTO schema_migrations VALUES (20250301120000, false)`)
	require.NoError(t, err)
	assert.Contains(t, status(t, conn, d), "database: at version 20250301120000\n"+
		"sealed:\n"+
		"  20250301120000  create_users  applied\n"+
		"  20250301130000  add_name      not applied\n")

	_, err = conn.Exec(context.Background(), `UPDATE schema_migrations SET version = 20250301130000, dirty = true`)
	require.NoError(t, err)
	assert.Contains(t, status(t, conn, d), "database: at version 20250301130000, dirty: a migration outside a transaction failed midway\n"+
		"sealed:\n"+
		"  20250301120000  create_users  applied\n"+
		"  20250301130000  add_name      dirty\n")

	write(t, d, "20250301130000_add_name.up.sql", "SELECT 1;\n")
	assert.Contains(t, status(t, nil, d), "tampered: the sealed migrations do not match dbspec.sum:\n  "+
		d.Path+"/20250301130000_add_name.up.sql:1: 20250301130000_add_name.up.sql was edited after it was sealed")
}
