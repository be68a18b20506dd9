package lang

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseTable parses a table with the given body and returns its elements.
func parseTable(t *testing.T, body string) (*Table, *Chunk) {
	t.Helper()
	c := ParseChunk("table t {\n" + body + "\n}")
	require.Empty(t, c.Errors, "body: %s", body)
	require.NotNil(t, c.Table)
	return c.Table, c
}

func element(t *testing.T, line string) (*Element, *Chunk) {
	t.Helper()
	tb, c := parseTable(t, "  "+line)
	require.Len(t, tb.Lines, 1)
	return tb.Lines[0].Element, c
}

func TestGrammarColumns(t *testing.T) {
	e, _ := element(t, "id uuid pk default(gen_random_uuid())")
	c := e.Column
	require.NotNil(t, c)
	assert.Equal(t, "id", c.Name.Name)
	assert.Equal(t, "uuid", c.Type.Name.Name)
	assert.False(t, c.Nullable)
	require.Len(t, c.Attrs, 2)
	assert.True(t, c.Attrs[0].PK)
	assert.Equal(t, "gen_random_uuid", c.Attrs[1].Default.First.Primary.Call.Func.Name)

	e, _ = element(t, "tags varchar(40)[]? unique pii check(tags <> '{}') renamed_from labels")
	c = e.Column
	assert.Equal(t, []string{"40"}, c.Type.Args)
	assert.Equal(t, 1, c.Type.Dims())
	assert.True(t, c.Nullable)
	assert.True(t, c.Attrs[0].Unique)
	assert.True(t, c.Attrs[1].PII)
	assert.NotNil(t, c.Attrs[2].Check)
	assert.Equal(t, "labels", c.Attrs[3].RenamedFrom.Name)

	e, _ = element(t, "amount numeric(12,2)")
	assert.Equal(t, []string{"12", "2"}, e.Column.Type.Args)

	e, _ = element(t, "owner_id uuid -> users.id on delete set null on update no action")
	ref := e.Column.Attrs[0].Ref
	assert.Equal(t, "users", ref.Table.Name)
	assert.Equal(t, "id", ref.Column.Name)
	require.Len(t, ref.Actions, 2)
	assert.Equal(t, "delete", ref.Actions[0].Event)
	assert.Equal(t, "set null", ref.Actions[0].What())
	assert.Equal(t, "no action", ref.Actions[1].What())

	for _, a := range []string{"cascade", "restrict", "set default"} {
		e, _ = element(t, "x uuid -> y.id on delete "+a)
		assert.Equal(t, a, e.Column.Attrs[0].Ref.Actions[0].What())
	}
}

func TestGrammarKeywordsAreContextual(t *testing.T) {
	tb, _ := parseTable(t, "  pk uuid\n  index int\n  check text\n  table text\n  unique bool unique")
	names := []string{}
	for _, l := range tb.Lines {
		require.NotNil(t, l.Element.Column)
		names = append(names, l.Element.Column.Name.Name)
	}
	assert.Equal(t, []string{"pk", "index", "check", "table", "unique"}, names)
	assert.True(t, tb.Lines[4].Element.Column.Attrs[0].Unique)
}

func TestGrammarClauses(t *testing.T) {
	e, _ := element(t, "pk (a, b)")
	assert.Equal(t, "b", e.PK.Columns[1].Name)

	e, _ = element(t, "unique (tenant_id, email) where deleted_at is null")
	assert.Len(t, e.Unique.Columns.Columns, 2)
	assert.True(t, e.Unique.Where.First.Postfix[0].IsNull != nil)

	e, c := element(t, "index by_recent (tenant_id, created_at desc, id asc) using btree include (title) where is_active and not archived")
	ix := e.Index
	assert.Equal(t, "by_recent", ix.Name.Name)
	assert.Equal(t, "desc", ix.Columns[1].Order)
	assert.Equal(t, "asc", ix.Columns[2].Order)
	assert.Equal(t, "btree", ix.Using.Name)
	assert.Equal(t, "title", ix.Include.Columns[0].Name)
	sp := ix.Where.Span()
	assert.Equal(t, "is_active and not archived", c.Text[sp.Start:sp.End])

	e, _ = element(t, "index (doc) using gin")
	assert.Nil(t, e.Index.Name)
	assert.Equal(t, "gin", e.Index.Using.Name)

	e, _ = element(t, "fk (tenant_id, task_id) -> tasks (tenant_id, id) on delete cascade")
	assert.Equal(t, "tasks", e.FK.Table.Name)
	assert.Len(t, e.FK.RefColumns.Columns, 2)
	assert.Equal(t, "cascade", e.FK.Actions[0].What())

	e, _ = element(t, "check (starts_at < ends_at or ends_at is null)")
	assert.NotNil(t, e.Check)
}

func TestGrammarExpressions(t *testing.T) {
	for _, x := range []string{
		"1", "-1.5", "'it''s'", "`anything goes (here`", "now()", "coalesce(a, b, 'x')",
		"a::text", "'{}'::jsonb", "x::varchar(10)", "(a + b) * 2 % 3 / 4 - 1", "a || 'x'",
		"status in ('a', 'b')", "status not in (done, todo)", "a is not null", "not a and b or c",
		"a = b", "a <> b", "a != b", "a <= b", "a >= b", "a < b", "a > b", "name like 'x%'", "name not ilike 'x%'",
		"current_timestamp", "true", "null",
	} {
		e, c := element(t, "x int check("+x+")")
		sp := e.Column.Attrs[0].Check.Span()
		assert.Equal(t, x, c.Text[sp.Start:sp.End])
	}
	e, _ := element(t, "x int check(lower(a) = b and c in (d, 'e') and (f::text) is null)")
	var names []string
	e.Column.Attrs[0].Check.Names(func(id *Ident) { names = append(names, id.Name) })
	assert.Equal(t, []string{"a", "b", "c", "d", "f"}, names)
}

func TestGrammarMultiLineExpression(t *testing.T) {
	tb, _ := parseTable(t, "  x int check(\n    x > 0 and\n    x < 10\n  )\n  y int")
	require.Len(t, tb.Lines, 2)
	assert.Equal(t, "y", tb.Lines[1].Element.Column.Name.Name)
}

func TestGrammarTableModifiersAndDocs(t *testing.T) {
	c := ParseChunk("// note\n/// Countries.\n/// ISO 3166 — café.\ntable countries global renamed_from nations {\n  /// Two letters.\n  code text pk // trailing\n\n  /// not a doc: blank line below\n\n  name text\n}")
	require.Empty(t, c.Errors)
	tb := c.Table
	assert.Equal(t, "countries", tb.Header.Name.Name)
	assert.True(t, tb.Header.Modifiers[0].Global)
	assert.Equal(t, "nations", tb.Header.Modifiers[1].RenamedFrom.Name)
	assert.Equal(t, "Countries.\nISO 3166 — café.", tb.Doc)
	assert.Equal(t, "Two letters.", tb.Lines[0].Doc)
	assert.Equal(t, "", tb.Lines[1].Doc)
	assert.Len(t, c.Comments, 6)
	c = ParseChunk("/// Documented.\n// dbspec:ignore naming/table-plural the API uses it\ntable inventory {\n  id uuid pk\n}")
	assert.Equal(t, "Documented.", c.Table.Doc, "a suppression line does not detach the doc comment")
}

func TestGrammarEnumsAndProject(t *testing.T) {
	c := ParseChunk("enum status {\n  /// Not started.\n  todo doing\n  done\n}")
	require.Empty(t, c.Errors)
	var vals []string
	for _, v := range c.Enum.Values {
		vals = append(vals, v.Name)
	}
	assert.Equal(t, []string{"todo", "doing", "done"}, vals)
	assert.Equal(t, "Not started.", c.Enum.Values[0].Doc)

	c = ParseChunk(`project saas {
  dialect postgres
  tenancy { column tenant_id }
  rules {
    naming/boolean-prefix error
    normalization/* off
  }
  generate {
    migrations "db/migrations" format golang-migrate
    go "internal/db" package db uuid "github.com/google/uuid"
  }
}`)
	require.Empty(t, c.Errors)
	p := c.Project
	assert.Equal(t, "saas", p.Header.Name.Name)
	require.Len(t, p.Settings, 4)
	assert.Equal(t, "tenancy", p.Settings[1].Key.Text())
	assert.Equal(t, "tenant_id", p.Settings[1].Body[0].Values[0].Text())
	assert.Equal(t, "naming/boolean-prefix", p.Settings[2].Body[0].Key.Text())
	assert.Equal(t, "normalization/*", p.Settings[2].Body[1].Key.Text())
	gen := p.Settings[3].Body
	assert.Equal(t, []string{"db/migrations", "format", "golang-migrate"}, values(gen[0]))
	assert.Equal(t, []string{"internal/db", "package", "db", "uuid", "github.com/google/uuid"}, values(gen[1]))
}

func values(s *Setting) []string {
	var out []string
	for _, v := range s.Values {
		out = append(out, v.Text())
	}
	return out
}

func TestSplitRecoversFromMissingBrace(t *testing.T) {
	src := "table a {\n  id uuid pk\n\ntable b {\n  id uuid pk\n}\n\n// free comment\n\n/// doc\nenum e { x }\n"
	f := Parse("x.dbspec", src)
	require.Len(t, f.Decls, 4)
	assert.Equal(t, "a", f.Decls[0].Table.Header.Name.Name)
	assert.Len(t, f.Decls[0].Table.Lines, 1, "the broken table keeps its well-formed columns")
	assert.Equal(t, "b", f.Decls[1].Table.Header.Name.Name)
	assert.Nil(t, f.Decls[2].Table)
	assert.Equal(t, "// free comment", f.Decls[2].Comments[0].Text)
	assert.Equal(t, "doc", f.Decls[3].Enum.Doc)
	require.Len(t, f.Errors, 1)
	assert.Contains(t, f.Errors[0].Msg, `missing "}" to close table "a"`)
	assert.Equal(t, strings.Index(src, "{"), f.Errors[0].Span.Start)
}

func TestEveryBrokenLineIsReported(t *testing.T) {
	f := Parse("x.dbspec", "table a {\n  id uuid pk\n  x\n  y int frob\n  z int\n}\n\ntable b {\n  w\n}\n")
	require.Len(t, f.Errors, 3)
	assert.Len(t, f.Decls[0].Table.Lines, 4)
	assert.NotNil(t, f.Decls[0].Table.Lines[3].Element, "lines after a broken one still parse")
}

func TestParserReusesUnchangedChunks(t *testing.T) {
	p := NewParser()
	src := "table a {\n  id uuid pk\n}\n\ntable b {\n  id uuid pk\n}\n"
	f1 := p.Parse("x.dbspec", src)
	f2 := p.Parse("x.dbspec", strings.Replace(src, "table a {\n  id uuid pk", "table a {\n  id   uuid pk\n  name text", 1))
	assert.NotSame(t, f1.Decls[0].Chunk, f2.Decls[0].Chunk, "the edited chunk is parsed again")
	assert.Same(t, f1.Decls[1].Chunk, f2.Decls[1].Chunk, "the unchanged chunk is reused at its new offset")
	assert.NotEqual(t, f1.Decls[1].Offset, f2.Decls[1].Offset)
	sp := f2.Decls[1].Abs(f2.Decls[1].Table.Header.Name.Span())
	assert.Equal(t, "b", f2.Src[sp.Start:sp.End])

	p.Forget("x.dbspec")
	f3 := p.Parse("x.dbspec", src)
	assert.NotSame(t, f1.Decls[1].Chunk, f3.Decls[1].Chunk)
}

func TestSuppressionTargets(t *testing.T) {
	text := "// dbspec:ignore naming/table-plural legacy name\ntable person {\n  id uuid pk\n  // dbspec:ignore security/pii-unmarked not personal\n  name text\n  flag bool // dbspec:ignore naming/boolean-prefix upstream\n  // dbspec:ignore\n}"
	c := ParseChunk(text)
	require.Empty(t, c.Errors)
	require.Len(t, c.Suppressions, 4)
	target := func(i int) string { return c.Text[c.Suppressions[i].Target.Start:c.Suppressions[i].Target.End] }
	assert.Equal(t, "naming/table-plural", c.Suppressions[0].Rule)
	assert.Equal(t, "legacy name", c.Suppressions[0].Reason)
	assert.True(t, strings.HasPrefix(target(0), "table person {") && strings.HasSuffix(target(0), "}"), "above the header: the whole table")
	assert.Equal(t, "name text", target(1))
	assert.Equal(t, "flag bool", target(2), "a trailing comment: its own line")
	assert.Equal(t, "", c.Suppressions[3].Rule, "no rule, no reason")
	assert.Equal(t, "}", target(3))
}
