package migrate_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/internal/catalog"
	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/codegen/pgtest"
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

var ctx = context.Background()

// loadSchema resolves a schema directory and requires it to be free of
// errors.
func loadDir(t testing.TB, dir string) *model.Schema {
	t.Helper()
	s, err := model.Load(dir, nil, nil)
	require.NoError(t, err)
	require.Empty(t, s.Diagnostics, dir)
	return s
}

// parseSchema resolves a one-file schema and requires it to be free of
// errors.
func parseSchema(t testing.TB, src string) *model.Schema {
	t.Helper()
	s := model.Build("", []*lang.File{lang.Parse("schema.dbspec", src)})
	require.Empty(t, s.Diagnostics, src)
	return s
}

// versionDirs are the schema versions of testdata/evolution, in order.
func versionDirs(t testing.TB) []string {
	dirs, err := filepath.Glob("../../testdata/evolution/v*")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(dirs), 8)
	return dirs
}

// schemaDirs are the versions and the bundled examples.
func schemaDirs(t testing.TB) []string {
	examples, err := filepath.Glob("../../testdata/examples/*")
	require.NoError(t, err)
	return append(versionDirs(t), examples...)
}

// run runs sql, statements separated by semicolons, on conn.
func run(t testing.TB, conn *pgx.Conn, sql string) {
	t.Helper()
	_, err := conn.Exec(ctx, sql)
	require.NoError(t, err, sql)
}

// applyMigration runs one migration's SQL (its up or its down) as the
// migrate tool would: in a transaction, unless the migration must run
// without one.
func applyMigration(t testing.TB, conn *pgx.Conn, m migrate.Migration, sql string) {
	t.Helper()
	if m.NoTransaction {
		run(t, conn, sql)
		return
	}
	tx, err := conn.Begin(ctx)
	require.NoError(t, err)
	if _, err := tx.Exec(ctx, sql); err != nil {
		require.NoError(t, tx.Rollback(ctx))
		require.NoError(t, err, sql)
	}
	require.NoError(t, tx.Commit(ctx))
}

// upAll applies migs in order.
func upAll(t testing.TB, conn *pgx.Conn, migs []migrate.Migration) {
	t.Helper()
	for _, m := range migs {
		applyMigration(t, conn, m, m.Up)
	}
}

// downAll reverts migs, the last first.
func downAll(t testing.TB, conn *pgx.Conn, migs []migrate.Migration) {
	t.Helper()
	for i := len(migs) - 1; i >= 0; i-- {
		applyMigration(t, conn, migs[i], migs[i].Down)
	}
}

// readCatalog reads the catalog of conn's database, up to the order of columns.
func readCatalog(t testing.TB, conn *pgx.Conn) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Read(ctx, conn)
	require.NoError(t, err)
	return c.WithoutColumnOrder()
}

// create returns a connection to a new database with the schema s.
func create(t testing.TB, s *model.Schema) *pgx.Conn {
	t.Helper()
	conn := pgtest.Connect(t)
	run(t, conn, postgres.Schema(s))
	return conn
}

// fresh is the catalog of a new database with the schema s.
func fresh(t testing.TB, s *model.Schema) *catalog.Catalog {
	t.Helper()
	return readCatalog(t, create(t, s))
}

// roundTrip applies migs to conn, whose database has the catalog before,
// and checks that the catalog is then want; that reverting them gives
// before again; and that applying them again gives want again.
func roundTrip(t *testing.T, conn *pgx.Conn, migs []migrate.Migration, before, want *catalog.Catalog) {
	t.Helper()
	upAll(t, conn, migs)
	require.Equal(t, want, readCatalog(t, conn), "up")
	downAll(t, conn, migs)
	require.Equal(t, before, readCatalog(t, conn), "down")
	upAll(t, conn, migs)
	require.Equal(t, want, readCatalog(t, conn), "up again")
}

// TestPlanUnchanged plans between two loads of the same schema: nothing.
func TestPlanUnchanged(t *testing.T) {
	for _, dir := range append(schemaDirs(t), "../../testdata/generated/t100") {
		assert.Empty(t, migrate.Plan(loadDir(t, dir), loadDir(t, dir)), dir)
	}
}

// TestPlanFromEmpty plans each schema from an empty database: applied, it
// gives the catalog of the schema's DDL; reverted, an empty catalog.
func TestPlanFromEmpty(t *testing.T) {
	for _, dir := range schemaDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s := loadDir(t, dir)
			migs := migrate.Plan(nil, s)
			require.Len(t, migs, 1)
			assert.False(t, migs[0].NoTransaction)
			conn := pgtest.Connect(t)
			roundTrip(t, conn, migs, &catalog.Catalog{}, fresh(t, s))
		})
	}
}

// TestEvolution applies the schema versions of testdata/evolution in turn:
// the first one's DDL, then the plan of each step. After each step the
// catalog is that of the version's DDL applied to an empty database;
// reverting the step gives the previous version's catalog back, and
// applying it again the version's.
func TestEvolution(t *testing.T) {
	dirs := versionDirs(t)
	first := loadDir(t, dirs[0])
	conn := create(t, first)
	prev, before := first, readCatalog(t, conn)
	for _, dir := range dirs[1:] {
		s := loadDir(t, dir)
		want := fresh(t, s)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			roundTrip(t, conn, migrate.Plan(prev, s), before, want)
		})
		if t.Failed() {
			return
		}
		prev, before = s, want
	}
}

// TestEvolutionKinds checks that the versions exercise every kind of step
// the planner has.
func TestEvolutionKinds(t *testing.T) {
	dirs := versionDirs(t)
	var all strings.Builder
	noTx := 0
	for i := 1; i < len(dirs); i++ {
		for _, m := range migrate.Plan(loadDir(t, dirs[i-1]), loadDir(t, dirs[i])) {
			all.WriteString(m.Up + m.Down)
			if m.NoTransaction {
				noTx++
			}
		}
	}
	for _, want := range []string{
		"CREATE TYPE", "DROP TYPE", "ADD VALUE", "RENAME TO task_status_dbspec_old", "::text::task_status",
		"CREATE TABLE", "DROP TABLE", "ALTER TABLE people RENAME TO members",
		"ADD COLUMN", "DROP COLUMN", "RENAME COLUMN", "TYPE bigint USING estimate::bigint",
		"SET NOT NULL", "DROP NOT NULL", "SET DEFAULT", "DROP DEFAULT",
		"ADD CONSTRAINT", "DROP CONSTRAINT", "RENAME CONSTRAINT", "CHECK (", "UNIQUE (", "FOREIGN KEY",
		"CREATE INDEX CONCURRENTLY", "DROP INDEX CONCURRENTLY", "ALTER INDEX", "ALTER SEQUENCE",
		"COMMENT ON TABLE", "COMMENT ON COLUMN", "COMMENT ON TYPE", "IS NULL;",
		"CREATE TRIGGER", "DROP TRIGGER", "ALTER TRIGGER",
		"ENABLE ROW LEVEL SECURITY", "DISABLE ROW LEVEL SECURITY", "CREATE POLICY", "DROP POLICY",
		"-- backfill tenant_id here", "-- dbspec: cannot restore the data of table notes",
		"-- dbspec: cannot restore the data of column tasks.legacy_code",
	} {
		assert.Contains(t, all.String(), want)
	}
	assert.Positive(t, noTx)
}

// TestDataSurvives applies the versions in a chain to a database with rows:
// values survive a table and a column rename, an added column with a
// default fills the existing rows, an int widened to bigint keeps its
// values and takes larger ones, a serial table's sequence goes on, and
// enum values survive the re-creation of their type. The chain ends with
// the catalog of the last version.
func TestDataSurvives(t *testing.T) {
	dirs := versionDirs(t)
	versions := make([]*model.Schema, len(dirs))
	for i, dir := range dirs {
		versions[i] = loadDir(t, dir)
	}
	conn := create(t, versions[0])
	run(t, conn, `
		INSERT INTO accounts (id, name) VALUES ('00000000-0000-0000-0000-00000000000a', 'Acme');
		INSERT INTO people (id, account_id, email, name) VALUES
			('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-00000000000a', 'ada@example.com', 'Ada');
		INSERT INTO tasks (id, account_id, title, legacy_code, status, priority, estimate) VALUES
			('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-00000000000a', 'Ship', 'L-1', 'done', 'high', 2147483647);
		INSERT INTO counters (account_id, label, value) VALUES ('00000000-0000-0000-0000-00000000000a', 'visits', 7);`)
	step := func(i int) {
		t.Helper()
		for _, m := range migrate.Plan(versions[i-1], versions[i]) {
			// The user's backfill of the tenant column added to tasks.
			sql := strings.ReplaceAll(m.Up, "-- backfill tenant_id here", "UPDATE tasks SET tenant_id = account_id;")
			applyMigration(t, conn, m, sql)
		}
	}
	value := func(sql string) string {
		t.Helper()
		var v string
		require.NoError(t, conn.QueryRow(ctx, sql).Scan(&v), sql)
		return v
	}

	step(1) // v02: renames, an added column with a default, a widening
	assert.Equal(t, "Ada ada@example.com", value(`SELECT full_name || ' ' || email FROM members`))
	assert.Equal(t, "2147483647 1", value(`SELECT estimate || ' ' || points FROM tasks`))
	run(t, conn, `UPDATE tasks SET estimate = 1099511627776`)
	assert.Equal(t, "1099511627776", value(`SELECT estimate::text FROM tasks`))
	assert.Equal(t, "1 visits 7", value(`SELECT id || ' ' || name || ' ' || value FROM tallies`))
	run(t, conn, `INSERT INTO tallies (account_id, name) VALUES ('00000000-0000-0000-0000-00000000000a', 'clicks')`)
	assert.Equal(t, "2", value(`SELECT id::text FROM tallies WHERE name = 'clicks'`), "the renamed sequence goes on")

	for i := 2; i < len(versions); i++ {
		step(i)
	}
	assert.Equal(t, "Ada", value(`SELECT full_name FROM members`))
	assert.Equal(t, "Ship done high 1099511627776 00000000-0000-0000-0000-00000000000a",
		value(`SELECT title || ' ' || state || ' ' || priority || ' ' || estimate || ' ' || tenant_id FROM tasks`))
	assert.Equal(t, "visits clicks", value(`SELECT string_agg(name, ' ' ORDER BY id) FROM tallies`))
	assert.Equal(t, fresh(t, versions[len(versions)-1]), readCatalog(t, conn), "the chain ends at the last version")
}

// TestPlanCases round-trips pairs of small schemas through the planner, for
// the steps the versions do not take.
func TestPlanCases(t *testing.T) {
	for _, c := range []struct{ name, old, new string }{
		{"primary key changed under a foreign key", `
table a global {
  id   int pk
  code text unique
}
table b global {
  id   int pk
  a_id int -> a.id on delete cascade
}`, `
table a global {
  id   int
  code text pk
}
table b global {
  id     int pk
  a_code text -> a.code on delete cascade renamed_from a_id
}`},
		{"enum array re-created", `
enum color { red green blue }
table a global {
  id     int pk
  colors color[] default('{red}'::color[])
  check (cardinality(colors) > 0)
}`, `
enum color { red blue yellow }
table a global {
  id     int pk
  colors color[] default('{red}'::color[])
  check (cardinality(colors) > 0)
}`},
		{"enum re-created under a cast in the default of a text column", `
enum color { red green blue }
table a global {
  id    int  pk
  label text default('red'::color::text)
}`, `
enum color { red blue }
table a global {
  id    int  pk
  label text default('red'::color::text)
}`},
		{"enum value removed under a check, a partial index and a foreign key", `
enum state { todo doing done archived }
table a global {
  id    int   pk
  state state default(todo)
  prev  state?
  check (prev is null or prev <> archived)
  unique (id, state)
  index (id) where state <> archived
}
table b global {
  id      int   pk
  a_id    int
  a_state state
  fk (a_id, a_state) -> a (id, state)
  index (a_id, a_state)
}`, `
enum state { todo done archived }
table a global {
  id    int   pk
  state state default(todo)
  prev  state?
  check (prev is null or prev <> archived)
  unique (id, state)
  index (id) where state <> archived
}
table b global {
  id      int   pk
  a_id    int
  a_state state
  fk (a_id, a_state) -> a (id, state)
  index (a_id, a_state)
}`},
		{"tenancy setting changed and a bypass role added", `
project p {
  tenancy {
    column  tenant_id
    root    tenants
    setting "app.tenant_id"
  }
}
table tenants {
  id uuid pk
}
table notes {
  id        uuid pk
  tenant_id uuid -> tenants.id
  index (tenant_id)
}`, `
project p {
  tenancy {
    column  tenant_id
    root    tenants
    setting "app.tenant"
    bypass  app_admin
  }
}
table tenants {
  id uuid pk
}
table notes {
  id        uuid pk
  tenant_id uuid -> tenants.id
  index (tenant_id)
}`},
		{"to and from serial", `
table a global {
  id  int pk
  seq serial
}`, `
table a global {
  id  serial pk
  seq int
}`},
		{"index names that swap", `
table a global {
  id int pk
  d  int
  index (d)
  index (d) where d > 0
}`, `
table a global {
  id int pk
  d  int
  index (d) where d > 0
  index (d)
}`},
		{"index names that shift", `
table a global {
  id int pk
  d  int
  index (d)
  index (d) where d > 0
}`, `
table a global {
  id int pk
  d  int
  index (d) where d < 0
  index (d)
  index (d) where d > 0
}`},
		{"table renamed and index renamed with it", `
table a global {
  id   int pk
  code text unique
  index (code) where id > 0
}
table b global {
  id   int pk
  a_id int -> a.id
  index (a_id)
}`, `
table c global renamed_from a {
  id   int  pk
  code text unique
  index (code) where id > 0
}
table b global {
  id   int pk
  a_id int -> c.id
  index (a_id)
}`},
		{"a renamed_from whose old name is still declared is left over", `
table a global {
  id   int  pk
  code text unique
}`, `
table b global renamed_from a {
  id   int  pk
  code text unique
}
table a global {
  id   int  pk
  code text unique
  b_id int  -> b.id
  index (b_id)
}`},
		{"doc comments of keys, indexes, checks and foreign keys", `
table a global {
  id   int  pk
  code text
  /// Codes are unique.
  unique (code)
  /// Old words.
  index by_code (code)
  check (length(code) < 10)
}
table b global {
  id   int pk
  a_id int
  fk (a_id) -> a (id)
  /// Dropped with its index.
  index (id, a_id)
}`, `
table a global {
  id   int  pk
  code text
  /// Codes are unique, still.
  unique (code)
  /// New words, new name.
  index by_code_2 (code)
  /// Short codes.
  check (length(code) < 10)
}
table b global {
  id   int pk
  a_id int
  /// Each b belongs to an a.
  fk (a_id) -> a (id)
  /// A new index on a table that exists.
  index (a_id)
}
/// A new table's clauses come with it.
table c global {
  id int
  /// Its key.
  pk (id)
}`},
		{"tenancy dropped", `
project p {
  tenancy {
    column  tenant_id
    root    tenants
    setting "app.tenant_id"
  }
}
table tenants {
  id uuid pk
}
table notes {
  id        uuid pk
  tenant_id uuid -> tenants.id
  index (tenant_id)
}`, `
table tenants {
  id uuid pk
}
table notes {
  id        uuid pk
  tenant_id uuid -> tenants.id
  index (tenant_id)
}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			old, new := parseSchema(t, c.old), parseSchema(t, c.new)
			conn := create(t, old)
			roundTrip(t, conn, migrate.Plan(old, new), readCatalog(t, conn), fresh(t, new))
		})
	}
}

// TestPlanOrder checks the shape of a plan: the index dropped from a table
// that stays comes first, on its own; then the transaction; then the index
// added to a table that existed, on its own. Down reverses.
func TestPlanOrder(t *testing.T) {
	old := parseSchema(t, `
table a global {
  id int pk
  x  int
  index (x)
}`)
	new := parseSchema(t, `
table a global {
  id int pk
  y  int renamed_from x
  z  int default(1)
  index (z)
}`)
	migs := migrate.Plan(old, new)
	require.Len(t, migs, 3)
	assert.Equal(t, migrate.Migration{Name: "drop_index_a_x_idx", NoTransaction: true,
		Up: "DROP INDEX CONCURRENTLY a_x_idx;\n", Down: "CREATE INDEX CONCURRENTLY a_x_idx ON a (x);\n"}, migs[0])
	assert.Equal(t, migrate.Migration{
		Up:   "ALTER TABLE a RENAME COLUMN x TO y;\n\nALTER TABLE a ADD COLUMN z integer NOT NULL DEFAULT 1;\n",
		Down: "ALTER TABLE a DROP COLUMN z;\n\nALTER TABLE a RENAME COLUMN y TO x;\n",
	}, migs[1])
	assert.Equal(t, migrate.Migration{Name: "create_index_a_z_idx", NoTransaction: true,
		Up: "CREATE INDEX CONCURRENTLY a_z_idx ON a (z);\n", Down: "DROP INDEX CONCURRENTLY a_z_idx;\n"}, migs[2])
}

// TestPlanValidatesForeignKeysApart adds a foreign key to a table that
// exists NOT VALID, and validates it in a migration of its own; the foreign
// key of a new table is added as it is.
func TestPlanValidatesForeignKeysApart(t *testing.T) {
	old := parseSchema(t, `
table a global {
  id int pk
}
table b global {
  id   int pk
  a_id int
}`)
	new := parseSchema(t, `
table a global {
  id int pk
}
table b global {
  id   int pk
  a_id int -> a.id
}
table c global {
  id   int pk
  a_id int -> a.id
}`)
	migs := migrate.Plan(old, new)
	require.Len(t, migs, 2)
	assert.Contains(t, migs[0].Up, "ALTER TABLE b ADD CONSTRAINT b_a_id_fkey FOREIGN KEY (a_id) REFERENCES a (id) NOT VALID;")
	assert.Contains(t, migs[0].Up, "ALTER TABLE c ADD CONSTRAINT c_a_id_fkey FOREIGN KEY (a_id) REFERENCES a (id);")
	assert.Equal(t, migrate.Migration{Name: "validate_b_a_id_fkey",
		Up:   "ALTER TABLE b VALIDATE CONSTRAINT b_a_id_fkey;\n",
		Down: "-- dbspec: nothing to undo: the migration before drops the constraint\n"}, migs[1])

	// Applied up and down on a real database, with a row to check.
	conn := create(t, old)
	run(t, conn, "INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1)")
	roundTrip(t, conn, migs, readCatalog(t, conn), fresh(t, new))
}

// TestPlanDeterministic plans the same change twice.
func TestPlanDeterministic(t *testing.T) {
	dirs := versionDirs(t)
	for i := 1; i < len(dirs); i++ {
		a := migrate.Plan(loadDir(t, dirs[i-1]), loadDir(t, dirs[i]))
		b := migrate.Plan(loadDir(t, dirs[i-1]), loadDir(t, dirs[i]))
		assert.Equal(t, a, b)
	}
}
