package postgres_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/pgtest"
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var ctx = context.Background()

// apply runs the DDL of s in a new database and returns a connection to it.
func apply(t *testing.T, s *model.Schema) *pgx.Conn {
	t.Helper()
	conn := pgtest.Connect(t)
	_, err := conn.Exec(ctx, postgres.Schema(s))
	require.NoError(t, err)
	return conn
}

// rows runs a query and returns each row's values formatted with %v,
// joined by " ", sorted.
func rows(t *testing.T, conn *pgx.Conn, sql string, args ...any) []string {
	t.Helper()
	rs, err := conn.Query(ctx, sql, args...)
	require.NoError(t, err)
	var out []string
	for rs.Next() {
		vals, err := rs.Values()
		require.NoError(t, err)
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(parts, " "))
	}
	require.NoError(t, rs.Err())
	slices.Sort(out)
	return out
}

// TestCatalog applies every example schema and reads the catalog back:
// tables, columns with their types, nullability and defaults, constraints,
// indexes, comments, triggers, row-level security and enums must be what
// the model says.
func TestCatalog(t *testing.T) {
	dirs := append(exampleDirs(t), "../../testdata/generated/t100")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s := load(t, dir)
			conn := apply(t, s)
			assert.Equal(t, wantColumns(s), rows(t, conn, `
				SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef,
				       coalesce(col_description(c.oid, a.attnum), '')
				FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
				WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`))
			assert.Equal(t, wantTables(s), rows(t, conn, `
				SELECT relname, relrowsecurity, relforcerowsecurity, coalesce(obj_description(oid, 'pg_class'), '')
				FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`))
			assert.Equal(t, wantConstraints(s), rows(t, conn, `
				SELECT t.relname, con.conname, con.contype::text,
				       array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
				             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n
				             ORDER BY CASE WHEN con.contype = 'c' THEN a.attname END, k.i)::text[],
				       coalesce(r.relname, '-'),
				       array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
				             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[],
				       con.confdeltype::text, con.confupdtype::text
				FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid LEFT JOIN pg_class r ON r.oid = con.confrelid
				WHERE t.relnamespace = 'public'::regnamespace`))
			assert.Equal(t, wantIndexes(s), rows(t, conn, `
				SELECT t.relname, c.relname, am.amname, i.indisunique, i.indpred IS NOT NULL,
				       array(SELECT a.attname || CASE WHEN k.i <= i.indnkeyatts AND (i.indoption[k.i - 1] & 1) = 1 THEN ' desc' ELSE '' END
				             FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, i)
				             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
				             WHERE k.i <= i.indnkeyatts ORDER BY k.i)::text[],
				       array(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, i)
				             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
				             WHERE k.i > i.indnkeyatts ORDER BY k.i)::text[]
				FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
				JOIN pg_am am ON am.oid = c.relam
				WHERE t.relnamespace = 'public'::regnamespace`))
			assert.Equal(t, wantPolicies(s), rows(t, conn, `
				SELECT tablename, policyname, roles::text[], cmd FROM pg_policies WHERE schemaname = 'public'`))
			assert.Equal(t, wantTriggers(s), rows(t, conn, `
				SELECT c.relname, tg.tgname, tg.tgfoid::regproc FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
				WHERE c.relnamespace = 'public'::regnamespace AND NOT tg.tgisinternal`))
			assert.Equal(t, wantEnums(s), rows(t, conn, `
				SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[], coalesce(obj_description(t.oid, 'pg_type'), '')
				FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
				WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.oid, t.typname`))
		})
	}
}

func wantColumns(s *model.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		for i, c := range t.Columns {
			serial := c.Type.Name == "serial" || c.Type.Name == "bigserial"
			notNull := !c.Nullable || c.PK || t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c)
			out = append(out, fmt.Sprint(t.Name, " ", i+1, " ", c.Name, " ", formatType(c.Type), " ",
				notNull, " ", c.Default != nil || serial, " ", c.Doc))
		}
	}
	slices.Sort(out)
	return out
}

// formatType is the type as PostgreSQL's format_type() prints it.
func formatType(t model.Type) string {
	name := t.Name
	arg := func(def string) string {
		if len(t.Args) == 0 {
			return def
		}
		return fmt.Sprintf("(%d)", t.Args[0])
	}
	switch t.Name {
	case "int", "serial":
		name = "integer"
	case "bigserial":
		name = "bigint"
	case "bool":
		name = "boolean"
	case "double":
		name = "double precision"
	case "varchar":
		name = "character varying" + arg("")
	case "char":
		name = "character" + arg("(1)")
	case "numeric":
		if len(t.Args) == 2 {
			name = fmt.Sprintf("numeric(%d,%d)", t.Args[0], t.Args[1])
		} else if len(t.Args) == 1 {
			name = fmt.Sprintf("numeric(%d,0)", t.Args[0])
		}
	case "timestamptz":
		name = "timestamp" + arg("") + " with time zone"
	case "timestamp", "time":
		name += arg("") + " without time zone"
	}
	return name + strings.Repeat("[]", t.Dims)
}

func wantTables(s *model.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		out = append(out, fmt.Sprint(t.Name, " ", s.IsTenant(t), " ", s.IsTenant(t), " ", t.Doc))
	}
	slices.Sort(out)
	return out
}

// wantConstraints lists the constraints as pg_constraint has them: table,
// name, type (p, u, f, c), columns, referenced table and columns, delete
// and update actions.
func wantConstraints(s *model.Schema) []string {
	var out []string
	add := func(t *model.Table, name, typ string, cols []string, ref string, refCols []string, del, upd string) {
		out = append(out, fmt.Sprintf("%s %s %s %v %s %v %s %s", t.Name, name, typ, cols, ref, refCols, del, upd))
	}
	for _, t := range s.Tables {
		if t.PrimaryKey != nil {
			add(t, model.PrimaryKeyName(t.Name), "p", names(t.PrimaryKey.Columns), "-", nil, " ", " ")
		}
		for _, k := range t.Uniques {
			if k.Where == nil {
				add(t, model.UniqueName(t.Name, names(k.Columns)), "u", names(k.Columns), "-", nil, " ", " ")
			}
		}
		checks := slices.Clone(t.Checks)
		for _, c := range t.Columns {
			checks = append(checks, c.Checks...)
		}
		for _, e := range checks {
			var cols []string // as named in the expression, for the name
			e.Syntax.Names(func(id *lang.Ident) {
				if t.Column(id.Name) != nil && !slices.Contains(cols, id.Name) {
					cols = append(cols, id.Name)
				}
			})
			add(t, model.CheckName(t.Name, cols), "c", slices.Sorted(slices.Values(cols)), "-", nil, " ", " ")
		}
		for _, fk := range t.ForeignKeys {
			add(t, model.ForeignKeyName(t.Name, names(fk.Columns)), "f", names(fk.Columns), fk.RefTable.Name,
				names(fk.RefColumns), action(fk.OnDelete), action(fk.OnUpdate))
		}
	}
	slices.Sort(out)
	return out
}

// action is the code pg_constraint stores for a foreign key action.
func action(a string) string {
	return map[string]string{"": "a", "no action": "a", "restrict": "r", "cascade": "c", "set null": "n", "set default": "d"}[a]
}

func names(cols []*model.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

// wantIndexes lists the indexes: table, name, method, unique, partial, key
// columns (with desc), included columns.
func wantIndexes(s *model.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		if t.PrimaryKey != nil {
			out = append(out, fmt.Sprintf("%s %s btree true false %v []", t.Name, model.PrimaryKeyName(t.Name), names(t.PrimaryKey.Columns)))
		}
		for _, k := range t.Uniques {
			out = append(out, fmt.Sprintf("%s %s btree true %v %v []", t.Name, model.UniqueName(t.Name, names(k.Columns)), k.Where != nil, names(k.Columns)))
		}
		for _, ix := range t.Indexes {
			var keys, cols []string
			for _, ic := range ix.Columns {
				cols = append(cols, ic.Column.Name)
				if ic.Desc {
					keys = append(keys, ic.Column.Name+" desc")
				} else {
					keys = append(keys, ic.Column.Name)
				}
			}
			name, using := ix.Name, ix.Using
			if name == "" {
				name = model.IndexName(t.Name, cols)
			}
			if using == "" {
				using = "btree"
			}
			out = append(out, fmt.Sprintf("%s %s %s false %v %v %v", t.Name, name, using, ix.Where != nil, keys, names(ix.Include)))
		}
	}
	slices.Sort(out)
	return out
}

func wantPolicies(s *model.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		if s.IsTenant(t) {
			out = append(out, t.Name+" "+t.Name+"_tenant_isolation [public] ALL")
			if role := s.Project.Tenancy.Bypass; role != "" {
				out = append(out, t.Name+" "+t.Name+"_bypass ["+role+"] ALL")
			}
		}
	}
	slices.Sort(out)
	return out
}

func wantTriggers(s *model.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		if t.Column("updated_at") != nil {
			out = append(out, t.Name+" "+t.Name+"_set_updated_at dbspec_set_updated_at")
		}
	}
	slices.Sort(out)
	return out
}

func wantEnums(s *model.Schema) []string {
	var out []string
	for _, e := range s.Enums {
		var vals []string
		for _, v := range e.Values {
			vals = append(vals, v.Name)
		}
		out = append(out, fmt.Sprintf("%s %v %s", e.Name, vals, e.Doc))
	}
	slices.Sort(out)
	return out
}
