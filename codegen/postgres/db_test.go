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

	"github.com/dbspec/dbspec/codegen/internal/catalog"
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
			cat, err := catalog.Read(ctx, conn)
			require.NoError(t, err)
			assert.Equal(t, wantColumns(s), format(cat.Columns, func(c catalog.Column) []any {
				return []any{c.Table, c.Num, c.Name, c.Type, c.NotNull, c.Default != "", c.Comment}
			}))
			assert.Equal(t, wantTables(s), format(cat.Tables, func(t catalog.Table) []any {
				return []any{t.Name, t.RowSecurity, t.ForceRowSecurity, t.Comment}
			}))
			assert.Equal(t, wantConstraints(s), format(cat.Constraints, func(c catalog.Constraint) []any {
				return []any{c.Table, c.Name, c.Type, c.Columns, c.RefTable, c.RefColumns, c.OnDelete, c.OnUpdate}
			}))
			assert.Equal(t, wantIndexes(s), format(cat.Indexes, func(ix catalog.Index) []any {
				return []any{ix.Table, ix.Name, ix.Method, ix.Unique, ix.Partial, ix.Keys, ix.Include}
			}))
			assert.Equal(t, wantPolicies(s), format(cat.Policies, func(p catalog.Policy) []any {
				return []any{p.Table, p.Name, p.Roles, p.Command}
			}))
			assert.Equal(t, wantTriggers(s), format(cat.Triggers, func(tg catalog.Trigger) []any {
				return []any{tg.Table, tg.Name, tg.Function}
			}))
			assert.Equal(t, wantEnums(s), format(cat.Enums, func(e catalog.Enum) []any {
				return []any{e.Name, e.Values, e.Comment}
			}))
		})
	}
}

// format formats the fields fields gives of each element of list with %v,
// joined by " ", sorted.
func format[T any](list []T, fields func(T) []any) []string {
	var out []string
	for _, v := range list {
		var parts []string
		for _, f := range fields(v) {
			parts = append(parts, fmt.Sprint(f))
		}
		out = append(out, strings.Join(parts, " "))
	}
	slices.Sort(out)
	return out
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
			add(t, model.ForeignKeyName(t.Name, names(fk.Columns)), "f", names(fk.Columns), s.RefTable(fk).Name,
				names(s.RefColumns(fk)), action(fk.OnDelete), action(fk.OnUpdate))
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

// wantTriggers lists the tables whose updated_at column holds a date or
// time, which the trigger keeps current.
func wantTriggers(s *model.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		if c := t.Column("updated_at"); c != nil && c.Type.Dims == 0 && slices.Contains([]string{"timestamptz", "timestamp", "date"}, c.Type.Name) {
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
