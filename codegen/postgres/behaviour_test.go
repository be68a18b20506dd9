package postgres_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/pgtest"
	"github.com/dbspec/dbspec/codegen/postgres"
)

const (
	tenantA = "00000000-0000-0000-0000-00000000000a"
	tenantB = "00000000-0000-0000-0000-00000000000b"
)

func exec(t *testing.T, conn *pgx.Conn, sql string, args ...any) pgconn.CommandTag {
	t.Helper()
	tag, err := conn.Exec(ctx, sql, args...)
	require.NoError(t, err, sql)
	return tag
}

// dropRoleAtEnd drops a role the test created (roles belong to the
// cluster, not to the test's database) when the test ends.
func dropRoleAtEnd(t *testing.T, conn *pgx.Conn, role string) {
	t.Cleanup(func() {
		exec(t, conn, "RESET ROLE")
		exec(t, conn, "REASSIGN OWNED BY "+role+" TO CURRENT_USER")
		exec(t, conn, "DROP OWNED BY "+role)
		exec(t, conn, "DROP ROLE "+role)
	})
}

// sqlState returns the SQLSTATE of a PostgreSQL error, or "".
func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

func column[T any](t *testing.T, conn *pgx.Conn, sql string, args ...any) []T {
	t.Helper()
	rs, err := conn.Query(ctx, sql, args...)
	require.NoError(t, err, sql)
	out, err := pgx.CollectRows(rs, pgx.RowTo[T])
	require.NoError(t, err, sql)
	return out
}

// TestSaaS runs the saas example: row-level security between tenants and
// the actions of its foreign keys.
func TestSaaS(t *testing.T) {
	conn := apply(t, load(t, "../../testdata/examples/saas"))
	// As the superuser, who is not subject to row-level security.
	exec(t, conn, `INSERT INTO countries (code, name) VALUES ('DE', 'Germany')`)
	exec(t, conn, `INSERT INTO tenants (id, name, slug, country_code) VALUES ($1, 'A', 'a', 'DE'), ($2, 'B', 'b', 'DE')`, tenantA, tenantB)
	exec(t, conn, `INSERT INTO labels (tenant_id, name) VALUES ($1, 'a1'), ($2, 'b1')`, tenantA, tenantB)

	t.Run("row-level security", func(t *testing.T) {
		// An application role without BYPASSRLS that even owns the table:
		// FORCE ROW LEVEL SECURITY filters the owner too.
		role := conn.Config().Database + "_app"
		exec(t, conn, "CREATE ROLE "+role+" NOLOGIN NOSUPERUSER NOBYPASSRLS")
		dropRoleAtEnd(t, conn, role)
		exec(t, conn, "ALTER TABLE labels OWNER TO "+role)
		exec(t, conn, "GRANT SELECT, INSERT, UPDATE, DELETE ON labels TO app_admin")
		exec(t, conn, "GRANT SELECT ON tenants TO "+role) // for the foreign key check

		exec(t, conn, "SET ROLE "+role)
		labels := func() []string { return column[string](t, conn, "SELECT name FROM labels ORDER BY name") }
		assert.Empty(t, labels(), "no tenant set: no rows")

		exec(t, conn, "SELECT set_config('app.tenant_id', $1, false)", tenantA)
		assert.Equal(t, []string{"a1"}, labels(), "tenant B's rows are invisible")
		assert.EqualValues(t, 1, exec(t, conn, "UPDATE labels SET color = '#000000'").RowsAffected(), "only tenant A's row")
		assert.EqualValues(t, 0, exec(t, conn, "DELETE FROM labels WHERE name = 'b1'").RowsAffected())
		_, err := conn.Exec(ctx, "INSERT INTO labels (tenant_id, name) VALUES ($1, 'b2')", tenantB)
		assert.Equal(t, "42501", sqlState(err), "inserting a row for tenant B: %v", err)
		_, err = conn.Exec(ctx, "UPDATE labels SET tenant_id = $1", tenantB)
		assert.Equal(t, "42501", sqlState(err), "moving a row to tenant B: %v", err)
		exec(t, conn, "INSERT INTO labels (tenant_id, name) VALUES ($1, 'a2')", tenantA)
		assert.Equal(t, []string{"a1", "a2"}, labels())

		// A setting that was set in a transaction reads '' afterwards: still
		// no rows, and no failing cast.
		exec(t, conn, "RESET app.tenant_id")
		tx, err := conn.Begin(ctx)
		require.NoError(t, err)
		_, err = tx.Exec(ctx, "SELECT set_config('app.tenant_id', $1, true)", tenantB)
		require.NoError(t, err)
		require.NoError(t, tx.Commit(ctx))
		assert.Empty(t, labels())

		exec(t, conn, "RESET ROLE")
		exec(t, conn, "SET ROLE app_admin")
		assert.Equal(t, []string{"a1", "a2", "b1"}, labels(), "the bypass role sees every tenant")
		exec(t, conn, "INSERT INTO labels (tenant_id, name) VALUES ($1, 'b2')", tenantB)
		exec(t, conn, "RESET ROLE")

		var bypass bool
		require.NoError(t, conn.QueryRow(ctx, "SELECT rolbypassrls FROM pg_roles WHERE rolname = $1", role).Scan(&bypass))
		assert.False(t, bypass)
	})

	t.Run("foreign keys", func(t *testing.T) {
		exec(t, conn, `INSERT INTO users (id, email, full_name) VALUES ('00000000-0000-0000-0000-000000000001', 'u@example.com', 'U')`)
		exec(t, conn, `INSERT INTO projects (id, tenant_id, code, name) VALUES ('00000000-0000-0000-0000-0000000000f1', $1, 'WEB', 'Web')`, tenantA)
		exec(t, conn, `INSERT INTO tasks (id, tenant_id, project_id, number, title, reporter_id)
			VALUES ('00000000-0000-0000-0000-0000000000e1', $1, '00000000-0000-0000-0000-0000000000f1', 1, 'T', '00000000-0000-0000-0000-000000000001')`, tenantA)
		exec(t, conn, `INSERT INTO task_labels (tenant_id, task_id, label_id)
			SELECT tenant_id, '00000000-0000-0000-0000-0000000000e1', id FROM labels WHERE name = 'a1'`)

		// A composite foreign key keeps rows inside their tenant.
		_, err := conn.Exec(ctx, `INSERT INTO task_labels (tenant_id, task_id, label_id)
			SELECT $1, '00000000-0000-0000-0000-0000000000e1', id FROM labels WHERE name = 'b1'`, tenantA)
		assert.Equal(t, "23503", sqlState(err), "a label of tenant B on a task of tenant A: %v", err)

		// on delete restrict
		_, err = conn.Exec(ctx, `DELETE FROM countries WHERE code = 'DE'`)
		assert.Equal(t, "23503", sqlState(err), "%v", err)

		// on delete set null
		exec(t, conn, `DELETE FROM users`)
		assert.Equal(t, []*string{nil}, column[*string](t, conn, `SELECT reporter_id::text FROM tasks`))

		// on delete set null (parent_task_id), through a composite key:
		// deleting a task detaches its sub-task and keeps it in its tenant.
		exec(t, conn, `INSERT INTO tasks (id, tenant_id, project_id, parent_task_id, number, title)
			VALUES ('00000000-0000-0000-0000-0000000000e2', $1, '00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-0000000000e1', 2, 'Sub')`, tenantA)
		exec(t, conn, `DELETE FROM tasks WHERE id = '00000000-0000-0000-0000-0000000000e1'`)
		assert.Equal(t, []string{"Sub " + tenantA + " <nil>"}, column[string](t, conn,
			`SELECT title || ' ' || tenant_id || ' ' || coalesce(parent_task_id::text, '<nil>') FROM tasks`))

		// on delete cascade, through composite keys: the tenant takes its
		// projects, tasks and task labels with it.
		exec(t, conn, `INSERT INTO tasks (id, tenant_id, project_id, number, title)
			VALUES ('00000000-0000-0000-0000-0000000000e3', $1, '00000000-0000-0000-0000-0000000000f1', 3, 'T3')`, tenantA)
		exec(t, conn, `INSERT INTO task_labels (tenant_id, task_id, label_id)
			SELECT tenant_id, '00000000-0000-0000-0000-0000000000e3', id FROM labels WHERE name = 'a1'`)
		exec(t, conn, `DELETE FROM tenants WHERE id = $1`, tenantA)
		assert.Equal(t, []int{0, 0, 0}, column[int](t, conn, `
			SELECT count(*)::int FROM projects UNION ALL SELECT count(*)::int FROM tasks UNION ALL SELECT count(*)::int FROM task_labels`))
		assert.Equal(t, []string{"b1", "b2"}, column[string](t, conn, "SELECT name FROM labels ORDER BY name"))
	})
}

// TestDocuments runs the documents example: the updated_at trigger and a
// self-referencing foreign key.
func TestDocuments(t *testing.T) {
	conn := apply(t, load(t, "../../testdata/examples/documents"))
	exec(t, conn, `INSERT INTO users (id, email) VALUES ('00000000-0000-0000-0000-000000000001', 'a@example.com')`)
	exec(t, conn, `INSERT INTO documents (id, owner_id, title, previous_version_id, updated_at) VALUES
		('00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-000000000001', 'v1', NULL, '2000-01-01'),
		('00000000-0000-0000-0000-0000000000d2', '00000000-0000-0000-0000-000000000001', 'v2', '00000000-0000-0000-0000-0000000000d1', '2000-01-01')`)

	t.Run("updated_at", func(t *testing.T) {
		// The trigger sets updated_at even when the update names it.
		assert.Equal(t, []bool{true}, column[bool](t, conn,
			`UPDATE documents SET body = 'x', updated_at = '1999-01-01' WHERE title = 'v1' RETURNING updated_at = now()`))
		assert.Equal(t, []string{"2000-01-01"}, column[string](t, conn,
			`SELECT updated_at::date::text FROM documents WHERE title = 'v2' AND previous_version_id IS NOT NULL`), "other rows keep theirs")
	})

	t.Run("foreign keys", func(t *testing.T) {
		exec(t, conn, `DELETE FROM documents WHERE title = 'v1'`)
		assert.Equal(t, []*string{nil}, column[*string](t, conn, `SELECT previous_version_id::text FROM documents`), "on delete set null")
		exec(t, conn, `DELETE FROM users`)
		assert.Empty(t, column[string](t, conn, `SELECT title FROM documents`), "on delete cascade")
	})
}

// TestHostileText feeds doc comments, string literals and names that could
// break out of their quotes, and reads them back unchanged.
func TestHostileText(t *testing.T) {
	const doc = `It's a "doc" with \backslash\, \' and \\', $$dollars$$, $q$tags$q$, ünïcödé ✓ ` +
		`'); DROP TABLE notes; -- and */ /* end`
	src := `project p {
  tenancy {
    column  tenant_id
    root    tenants
    setting "app.it's"
    bypass  Admin
  }
}

/// ` + doc + `
enum Mood { ok not_ok }

table tenants {
  id uuid pk
}

/// ` + doc + `
table user {
  id        int  pk
  tenant_id uuid -> tenants.id
  /// ` + doc + `
  body      text default('It''s \ \'' $$ $q$ ünï ''); DROP TABLE user; --')
  order     int  default(0) check(order >= 0 and order < 10)
  camelCase Mood default(not_ok) check(camelCase <> ok)
  check     bool default(true)
  select    text default('')

  index (order desc, camelCase) where check and camelCase in (not_ok)
  unique (select) where order > 0
}
`
	s := build(t, src)
	ddl := postgres.Schema(s)
	conn := apply(t, s)
	dropRoleAtEnd(t, conn, `"Admin"`)

	comments := column[string](t, conn, `
		SELECT obj_description('"Mood"'::regtype, 'pg_type') UNION ALL
		SELECT obj_description('"user"'::regclass, 'pg_class') UNION ALL
		SELECT col_description('"user"'::regclass, 3)`)
	assert.Equal(t, []string{doc, doc, doc}, comments)

	exec(t, conn, `INSERT INTO tenants (id) VALUES ($1)`, tenantA)
	exec(t, conn, `INSERT INTO "user" (id, tenant_id) VALUES (1, $1)`, tenantA)
	var body, mood string
	var order int
	var check bool
	require.NoError(t, conn.QueryRow(ctx, `SELECT body, "order", "camelCase"::text, "check" FROM "user"`).Scan(&body, &order, &mood, &check))
	assert.Equal(t, `It's \ \' $$ $q$ ünï '); DROP TABLE user; --`, body)
	assert.Equal(t, 0, order)
	assert.Equal(t, "not_ok", mood)
	assert.True(t, check)

	_, err := conn.Exec(ctx, `UPDATE "user" SET "camelCase" = 'ok'`)
	assert.Equal(t, "23514", sqlState(err), "the enum member in the check is the literal 'ok': %v", err)
	_, err = conn.Exec(ctx, `UPDATE "user" SET "order" = 10`)
	assert.Equal(t, "23514", sqlState(err), "%v", err)

	assert.Equal(t, []string{`(tenant_id = (NULLIF(current_setting('app.it''s'::text, true), ''::text))::uuid)`}, column[string](t, conn,
		`SELECT qual FROM pg_policies WHERE policyname = 'user_tenant_isolation'`))
	assert.Equal(t, []string{"Admin"}, column[string](t, conn,
		`SELECT rolname::text FROM pg_roles WHERE rolname = 'Admin'`), "the bypass role, created with its case")
	assert.Contains(t, ddl, `CREATE INDEX "user_order_camelCase_idx" ON "user" ("order" DESC, "camelCase") WHERE "check" and "camelCase" in ('not_ok');`)
}

// TestUnrepresentableText: PostgreSQL text holds neither NUL bytes nor
// invalid UTF-8, which a doc comment could in principle carry.
func TestUnrepresentableText(t *testing.T) {
	s := build(t, "table t global {\n  id int pk\n}\n")
	s.Table("t").Doc = "a\x00b\xffc"
	conn := apply(t, s)
	assert.Equal(t, []string{"ab\uFFFDc"}, column[string](t, conn, `SELECT obj_description('t'::regclass, 'pg_class')`))
}

// TestReservedWords checks the quoting of every keyword of the server:
// those that are not unreserved get quotes, and each works, quoted or not,
// as a table, column, enum type (unless a built-in type has its name) and
// index name.
func TestReservedWords(t *testing.T) {
	conn := pgtest.Connect(t)
	rs, err := conn.Query(ctx, "SELECT word, catcode::text, to_regtype(quote_ident(word)) IS NOT NULL FROM pg_get_keywords()")
	require.NoError(t, err)
	var words []string
	var ddl strings.Builder
	for rs.Next() {
		var w, cat string
		var builtinType bool
		require.NoError(t, rs.Scan(&w, &cat, &builtinType))
		q, lit := postgres.QuoteIdent(w), "'"+w+"'"
		assert.Equal(t, cat != "U", q != w, "%s (category %s)", w, cat)
		words = append(words, w)
		// An enum with the name of a built-in type (int, time, any, ...)
		// would be shadowed by it: pg_catalog comes first in the search path.
		typ := "text"
		if !builtinType {
			typ = q
			fmt.Fprintf(&ddl, "CREATE TYPE %s AS ENUM (%s);\n", q, lit)
		}
		table, index := postgres.QuoteIdent(w+"_t"), postgres.QuoteIdent(w+"_i")
		fmt.Fprintf(&ddl, "CREATE TABLE %s (%s %s DEFAULT %s CHECK (%s IS NOT NULL));\n", table, q, typ, lit, q)
		fmt.Fprintf(&ddl, "CREATE INDEX %s ON %s (%s) WHERE %s = %s;\n", index, table, q, q, lit)
	}
	require.NoError(t, rs.Err())
	require.NotEmpty(t, words)
	// A table is a type too: the tables named after the words go into a
	// schema of their own.
	ddl.WriteString("CREATE SCHEMA words; SET search_path = words;\n")
	for _, w := range words {
		fmt.Fprintf(&ddl, "CREATE TABLE %s (id int);\n", postgres.QuoteIdent(w))
	}
	exec(t, conn, ddl.String())
}
