// Package catalog reads what a PostgreSQL database holds in its public
// schema from the system catalog, for the tests that check the DDL dbspec
// generates: the tests of package postgres compare it with what the model
// says, those of package migrate compare a migrated database with one
// created from scratch.
//
// Definitions come as PostgreSQL prints them back (format_type,
// pg_get_expr, pg_get_constraintdef, pg_get_indexdef, pg_get_triggerdef,
// pg_get_functiondef), so that two databases with the same objects read the
// same however their DDL was written.
package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Catalog is the content of the public schema, each list sorted.
type Catalog struct {
	Enums       []Enum
	Tables      []Table
	Columns     []Column
	Constraints []Constraint
	Indexes     []Index
	Policies    []Policy
	Triggers    []Trigger
	Functions   []Function
	Sequences   []Sequence
}

// Enum is an enum type.
type Enum struct {
	Name    string
	Values  []string // in their sort order
	Comment string
}

// Table is an ordinary table.
type Table struct {
	Name                          string
	RowSecurity, ForceRowSecurity bool
	Comment                       string
}

// Column is a column of a table.
type Column struct {
	Table   string
	Num     int // its position, from 1; dropped columns leave gaps
	Name    string
	Type    string // format_type
	NotNull bool
	Default string // the default expression, or ""
	Comment string
}

// Constraint is a constraint of a table.
type Constraint struct {
	Table, Name string
	Type        string   // p (primary key), u (unique), f (foreign key) or c (check)
	Columns     []string // in key order; a check's in name order
	RefTable    string   // the referenced table of a foreign key, else "-"
	RefColumns  []string
	// OnDelete and OnUpdate are the actions of a foreign key as
	// pg_constraint codes them (a, r, c, n, d), else " ".
	OnDelete, OnUpdate string
	Definition         string // pg_get_constraintdef
	Comment            string
}

// Index is an index of a table, the indexes of keys included.
type Index struct {
	Table, Name     string
	Method          string // btree, gin, ...
	Unique, Partial bool
	Keys            []string // key columns, " desc" appended to a descending one
	Include         []string // included columns
	Definition      string   // pg_get_indexdef
	Comment         string
}

// Policy is a row-level security policy.
type Policy struct {
	Table, Name  string
	Roles        []string
	Command      string // ALL, SELECT, ...
	Using, Check string // the expressions, or ""
}

// Trigger is a trigger that is not internal (not a foreign key's).
type Trigger struct {
	Table, Name string
	Function    string
	Definition  string // pg_get_triggerdef
}

// Function is a function, unless an extension's.
type Function struct {
	Name       string
	Definition string // pg_get_functiondef
}

// Sequence is a sequence.
type Sequence struct {
	Name    string
	Type    string
	OwnedBy string // table.column of a serial column, else ""
}

// Read reads the catalog of the database conn is connected to.
func Read(ctx context.Context, conn *pgx.Conn) (*Catalog, error) {
	c := &Catalog{}
	for _, q := range []struct {
		sql  string
		scan func(pgx.Rows) error
	}{
		{enums, func(r pgx.Rows) error {
			var e Enum
			return appendRow(r, &c.Enums, &e, &e.Name, &e.Values, &e.Comment)
		}},
		{tables, func(r pgx.Rows) error {
			var t Table
			return appendRow(r, &c.Tables, &t, &t.Name, &t.RowSecurity, &t.ForceRowSecurity, &t.Comment)
		}},
		{columns, func(r pgx.Rows) error {
			var col Column
			return appendRow(r, &c.Columns, &col, &col.Table, &col.Num, &col.Name, &col.Type, &col.NotNull, &col.Default, &col.Comment)
		}},
		{constraints, func(r pgx.Rows) error {
			var k Constraint
			return appendRow(r, &c.Constraints, &k, &k.Table, &k.Name, &k.Type, &k.Columns, &k.RefTable, &k.RefColumns,
				&k.OnDelete, &k.OnUpdate, &k.Definition, &k.Comment)
		}},
		{indexes, func(r pgx.Rows) error {
			var ix Index
			return appendRow(r, &c.Indexes, &ix, &ix.Table, &ix.Name, &ix.Method, &ix.Unique, &ix.Partial, &ix.Keys, &ix.Include, &ix.Definition, &ix.Comment)
		}},
		{policies, func(r pgx.Rows) error {
			var p Policy
			return appendRow(r, &c.Policies, &p, &p.Table, &p.Name, &p.Roles, &p.Command, &p.Using, &p.Check)
		}},
		{triggers, func(r pgx.Rows) error {
			var t Trigger
			return appendRow(r, &c.Triggers, &t, &t.Table, &t.Name, &t.Function, &t.Definition)
		}},
		{functions, func(r pgx.Rows) error {
			var f Function
			return appendRow(r, &c.Functions, &f, &f.Name, &f.Definition)
		}},
		{sequences, func(r pgx.Rows) error {
			var s Sequence
			return appendRow(r, &c.Sequences, &s, &s.Name, &s.Type, &s.OwnedBy)
		}},
	} {
		rows, err := conn.Query(ctx, q.sql)
		if err != nil {
			return nil, fmt.Errorf("%w in\n%s", err, q.sql)
		}
		for rows.Next() {
			if err := q.scan(rows); err != nil {
				rows.Close()
				return nil, err
			}
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// appendRow scans the current row into dest and appends *v to list.
func appendRow[T any](r pgx.Rows, list *[]T, v *T, dest ...any) error {
	if err := r.Scan(dest...); err != nil {
		return err
	}
	*list = append(*list, *v)
	return nil
}

// WithoutColumnOrder returns a copy of c with the positions of the columns
// cleared and the columns sorted by table and name. A column added to a
// table that exists comes last, and a dropped one leaves a gap, so a
// migrated database matches a new one only up to the order of columns.
func (c *Catalog) WithoutColumnOrder() *Catalog {
	out := *c
	out.Columns = slices.Clone(c.Columns)
	for i := range out.Columns {
		out.Columns[i].Num = 0
	}
	slices.SortFunc(out.Columns, func(a, b Column) int {
		return cmpJoin(a.Table, b.Table, a.Name, b.Name)
	})
	return &out
}

func cmpJoin(a1, b1, a2, b2 string) int {
	if c := strings.Compare(a1, b1); c != 0 {
		return c
	}
	return strings.Compare(a2, b2)
}

const enums = `
SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[], coalesce(obj_description(t.oid, 'pg_type'), '')
FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
WHERE t.typnamespace = 'public'::regnamespace
GROUP BY t.oid, t.typname
ORDER BY 1`

const tables = `
SELECT relname, relrowsecurity, relforcerowsecurity, coalesce(obj_description(oid, 'pg_class'), '')
FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
ORDER BY 1`

const columns = `
SELECT c.relname, a.attnum::int, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       coalesce(pg_get_expr(d.adbin, d.adrelid), ''), coalesce(col_description(c.oid, a.attnum), '')
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY 1, 2`

const constraints = `
SELECT t.relname, con.conname, con.contype::text,
       array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n
             ORDER BY CASE WHEN con.contype = 'c' THEN a.attname END, k.i)::text[],
       coalesce(r.relname, '-'),
       array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[],
       con.confdeltype::text, con.confupdtype::text, pg_get_constraintdef(con.oid),
       coalesce(obj_description(con.oid, 'pg_constraint'), '')
FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid LEFT JOIN pg_class r ON r.oid = con.confrelid
WHERE t.relnamespace = 'public'::regnamespace
ORDER BY 1, 2`

const indexes = `
SELECT t.relname, c.relname, am.amname, i.indisunique, i.indpred IS NOT NULL,
       array(SELECT a.attname || CASE WHEN k.i <= i.indnkeyatts AND (i.indoption[k.i - 1] & 1) = 1 THEN ' desc' ELSE '' END
             FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
             WHERE k.i <= i.indnkeyatts ORDER BY k.i)::text[],
       array(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
             WHERE k.i > i.indnkeyatts ORDER BY k.i)::text[],
       pg_get_indexdef(i.indexrelid), coalesce(obj_description(i.indexrelid, 'pg_class'), '')
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_am am ON am.oid = c.relam
WHERE t.relnamespace = 'public'::regnamespace
ORDER BY 1, 2`

const policies = `
SELECT tablename, policyname, roles::text[], cmd, coalesce(qual, ''), coalesce(with_check, '')
FROM pg_policies WHERE schemaname = 'public'
ORDER BY 1, 2`

const triggers = `
SELECT c.relname, tg.tgname, tg.tgfoid::regproc::text, pg_get_triggerdef(tg.oid)
FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
WHERE c.relnamespace = 'public'::regnamespace AND NOT tg.tgisinternal
ORDER BY 1, 2`

const functions = `
SELECT p.proname, pg_get_functiondef(p.oid)
FROM pg_proc p
WHERE p.pronamespace = 'public'::regnamespace
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1, 2`

const sequences = `
SELECT c.relname, format_type(s.seqtypid, NULL),
       coalesce((SELECT o.relname || '.' || a.attname FROM pg_depend d
                 JOIN pg_class o ON o.oid = d.refobjid
                 JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a'), '')
FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid
WHERE c.relnamespace = 'public'::regnamespace
ORDER BY 1`
