package postgres_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// build resolves a one-file schema and requires it to be free of errors.
func build(t testing.TB, src string) *model.Schema {
	t.Helper()
	s := model.Build("", []*lang.File{lang.Parse("schema.dbspec", src)})
	for _, d := range s.Diagnostics {
		t.Errorf("%s", d)
	}
	require.Empty(t, s.Diagnostics)
	return s
}

// load resolves a schema directory and requires it to be free of errors.
func load(t testing.TB, dir string) *model.Schema {
	t.Helper()
	s, err := model.Load(dir, nil, nil)
	require.NoError(t, err)
	require.Empty(t, s.Diagnostics)
	return s
}

// exampleDirs are the schemas the golden and database tests compile.
func exampleDirs(t testing.TB) []string {
	dirs, err := filepath.Glob("../../testdata/examples/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	return dirs
}

func TestGolden(t *testing.T) {
	for _, dir := range exampleDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got := postgres.Schema(load(t, dir))
			assert.Equal(t, got, postgres.Schema(load(t, dir)), "deterministic")
			golden := filepath.Join("testdata", filepath.Base(dir)+".sql")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), got)
		})
	}
}

func TestHeaderAndOrder(t *testing.T) {
	s := build(t, `
enum state { open closed }

table b global {
  id   uuid   pk
  a_id uuid   -> a.id
  tags text[]
}

table a global {
  id   uuid   pk
  b_id uuid?  -> b.id on delete set null on update cascade
  mail citext
  st   state
}
`)
	got := postgres.Schema(s)
	assert.True(t, strings.HasPrefix(got, postgres.Header+"\n\nCREATE EXTENSION IF NOT EXISTS citext;\n\nCREATE TYPE state AS ENUM ('open', 'closed');\n"), got)
	// Tables first, in source order; the foreign keys after all of them, so
	// that the cycle between a and b does not matter.
	assertOrder(t, got,
		"CREATE TABLE b (",
		"  tags text[] NOT NULL,",
		"CREATE TABLE a (",
		"  st   state  NOT NULL,",
		"ALTER TABLE b ADD CONSTRAINT b_a_id_fkey FOREIGN KEY (a_id) REFERENCES a (id);",
		"ALTER TABLE a ADD CONSTRAINT a_b_id_fkey FOREIGN KEY (b_id) REFERENCES b (id) ON DELETE SET NULL ON UPDATE CASCADE;")
	assert.NotContains(t, got, "FUNCTION", "no table has updated_at")
	assert.NotContains(t, got, "ROW LEVEL SECURITY", "no tenancy")

	plain := postgres.Schema(build(t, "table t global {\n  id int pk\n}\n"))
	assert.NotContains(t, plain, "EXTENSION")
	assert.Equal(t, postgres.Header+"\n\nCREATE TABLE t (\n  id integer NOT NULL,\n  CONSTRAINT t_pkey PRIMARY KEY (id)\n);\n", plain)
}

// assertOrder asserts that each of parts occurs in s, after the previous one.
func assertOrder(t *testing.T, s string, parts ...string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(s[at:], p)
		if !assert.GreaterOrEqual(t, i, 0, "%q missing after offset %d in\n%s", p, at, s) {
			return
		}
		at += i + len(p)
	}
}

func TestColumnTypes(t *testing.T) {
	s := build(t, `
enum Mood { ok }

table t global {
  a integer pk
  b boolean
  c double
  d decimal(12,2)
  e varchar(20)[]
  f char(2)
  g timestamptz(3)
  h Mood[]
  i numeric
  j bigserial
}
`)
	var got []string
	for _, c := range s.Table("t").Columns {
		got = append(got, postgres.ColumnType(s, c))
	}
	assert.Equal(t, []string{"integer", "boolean", "double precision", "numeric(12,2)", "varchar(20)[]",
		"char(2)", "timestamptz(3)", `"Mood"[]`, "numeric", "bigserial"}, got)
}

func TestQuoteIdent(t *testing.T) {
	for in, want := range map[string]string{
		"users":      "users",
		"_x9":        "_x9",
		"user":       `"user"`,  // reserved
		"order":      `"order"`, // reserved
		"left":       `"left"`,  // reserved, but a function name
		"time":       `"time"`,  // not reserved, but not a type name
		"name":       "name",    // unreserved
		"createdAt":  `"createdAt"`,
		"Users":      `"Users"`,
		`we"ird`:     `"we""ird"`,
		"9lives":     `"9lives"`,
		"":           `""`,
		"index":      "index",
		"tenant_id":  "tenant_id",
		"ÿ":          `"ÿ"`,
		"check":      `"check"`,
		"references": `"references"`,
	} {
		assert.Equal(t, want, postgres.QuoteIdent(in), in)
	}
}

func TestExpressions(t *testing.T) {
	s := build(t, `
enum task_state { todo done }

table tasks global {
  id       uuid        pk default(gen_random_uuid())
  state    task_state  default(todo)
  order    int         default(0) check(order >= 0)
  size     double      default(-1.5) check(size >= - -1)
  note     text        default('it''s \ $$ ünï') check(note <> '' or state = done)
  amount   numeric     default(0::double)
  due_at   timestamptz default(current_timestamp)
  flags    int[]       default('{}'::int[])
  archived bool        default(false)
  score    int         check(score >= 0 and `+"`score between 0 and 100`"+`)
  raw      int         check(`+"`raw % 2 = 0`"+`)

  index (state) where state in (todo) and not archived
  unique (note) where due_at is not null and state not in (done)
}
`)
	got := postgres.Schema(s)
	for _, want := range []string{
		`state    task_state       NOT NULL DEFAULT 'todo',`,
		`"order"  integer          NOT NULL DEFAULT 0 CONSTRAINT tasks_order_check CHECK ("order" >= 0),`,
		`size     double precision NOT NULL DEFAULT -1.5 CONSTRAINT tasks_size_check CHECK (size >= - -1),`,
		`note     text             NOT NULL DEFAULT 'it''s \ $$ ünï' CONSTRAINT tasks_note_state_check CHECK (note <> '' or state = 'done'),`,
		`amount   numeric          NOT NULL DEFAULT 0::double precision,`,
		`due_at   timestamptz      NOT NULL DEFAULT current_timestamp,`,
		`flags    integer[]        NOT NULL DEFAULT '{}'::integer[],`,
		`score    integer          NOT NULL CONSTRAINT tasks_score_check CHECK (score >= 0 and (score between 0 and 100)),`,
		"raw      integer          NOT NULL CONSTRAINT tasks_check CHECK (raw % 2 = 0)",
		`CREATE INDEX tasks_state_idx ON tasks (state) WHERE state in ('todo') and not archived;`,
		`CREATE UNIQUE INDEX tasks_note_key ON tasks (note) WHERE due_at is not null and state not in ('done');`,
	} {
		assert.Contains(t, got, want)
	}
}

func TestNames(t *testing.T) {
	long := strings.Repeat("l", 60)
	s := build(t, `
table a_b global {
  c    int pk check(c > 0) check(c < 10)
  d    int
  e    int
  check (c <> 5)

  index (d)
  index (d) where d > 0
  unique (d, e)
  unique (d, e) where e > 0
  index a_b_e_idx (d, e)
  index (e)
  index (c)
}

table a global {
  b_c int pk
  index (b_c)
}

table `+long+` global {
  id int pk
  ref int -> a.b_c
  index (ref)
}
`)
	got := postgres.Schema(s)
	for _, want := range []string{
		"c integer NOT NULL CONSTRAINT a_b_c_check CHECK (c > 0) CONSTRAINT a_b_c_check1 CHECK (c < 10),",
		"CONSTRAINT a_b_c_check2 CHECK (c <> 5)",
		"CONSTRAINT a_b_pkey PRIMARY KEY (c),",
		"CONSTRAINT a_b_d_e_key UNIQUE (d, e),",
		"CREATE UNIQUE INDEX a_b_d_e_key1 ON a_b (d, e) WHERE e > 0;",
		"CREATE INDEX a_b_d_idx ON a_b (d);",
		"CREATE INDEX a_b_d_idx1 ON a_b (d) WHERE d > 0;",
		"CREATE INDEX a_b_e_idx ON a_b (d, e);", // the name the user chose
		"CREATE INDEX a_b_e_idx1 ON a_b (e);",   // gives way to it
		"CREATE INDEX a_b_c_idx ON a_b (c);",
		"CREATE INDEX a_b_c_idx1 ON a (b_c);", // index names are unique in the schema
		"CONSTRAINT " + model.PrimaryKeyName(long) + " PRIMARY KEY (id)",
		"CREATE INDEX " + model.IndexName(long, []string{"ref"}) + " ON " + long + " (ref);",
		"ALTER TABLE " + long + " ADD CONSTRAINT " + model.ForeignKeyName(long, []string{"ref"}) + " FOREIGN KEY (ref) REFERENCES a (b_c);",
	} {
		assert.Contains(t, got, want)
	}
}

// TestSchemasWithErrors compiles schemas with syntax and resolution errors:
// the DDL is of no use then, but it must not panic.
func TestSchemasWithErrors(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/bad/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		s, err := model.Load(dir, nil, nil)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(postgres.Schema(s), postgres.Header+"\n"), dir)
	}
}
