package pgtest_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestConnectGivesEachTestItsOwnDatabase(t *testing.T) {
	ctx := context.Background()
	conn := pgtest.Connect(t) // first, so that the whole test skips without a server
	var names []string
	for _, sub := range []string{"a", "b"} {
		t.Run(sub, func(t *testing.T) {
			conn := pgtest.Connect(t)
			var name, encoding string
			require.NoError(t, conn.QueryRow(ctx, "SELECT current_database(), pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()").Scan(&name, &encoding))
			assert.Equal(t, "UTF8", encoding)
			_, err := conn.Exec(ctx, "CREATE TABLE t (x int)") // the database starts empty
			require.NoError(t, err)
			names = append(names, name)
		})
	}
	require.Len(t, names, 2)
	assert.NotEqual(t, names[0], names[1])

	var n int
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM pg_database WHERE datname = ANY($1)", names).Scan(&n))
	assert.Zero(t, n, "the databases of finished tests are dropped")
}

func TestConnStringReachesTheSameDatabase(t *testing.T) {
	ctx := context.Background()
	conn := pgtest.Connect(t)
	other, err := pgx.Connect(ctx, conn.Config().ConnString())
	require.NoError(t, err)
	defer other.Close(ctx)
	var db string
	require.NoError(t, other.QueryRow(ctx, "SELECT current_database()").Scan(&db))
	assert.Equal(t, conn.Config().Database, db)
}
