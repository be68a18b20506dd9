package analysis

import (
	"slices"

	"github.com/dbspec/dbspec/lang/model"
)

// MigrationRequiredColumnWithoutDefault flags NOT NULL columns without a
// default added to a table that already exists.
var MigrationRequiredColumnWithoutDefault = &Rule{
	Name:     "migration/required-column-without-default",
	Summary:  "a NOT NULL column without a default is added to an existing table",
	Severity: model.Error,
	Doc: `Adding a NOT NULL column without a default to a table that already has rows
fails: PostgreSQL has no value to put in the existing rows, so
` + "`ALTER TABLE ... ADD COLUMN`" + ` aborts the migration. It works on an empty development
database and fails in production.

Give the column a default (PostgreSQL 11 and later store a constant default without
rewriting the table), or make it nullable. To require a value that has no sensible
default, add the column as nullable, seal, fill it in for the existing rows, then
drop the ` + "`?`" + ` in a later migration (see ` + "`migration/set-not-null`" + `).

The first fix adds the zero value of the column's type as its default: ` + "`''`" + ` for
text, ` + "`0`" + ` for numbers, ` + "`false`" + `, ` + "`now()`" + ` for timestamps, ` + "`current_date`" + `,
` + "`gen_random_uuid()`" + `, ` + "`'{}'`" + ` for arrays and JSON, the first value of an enum. It is
not offered where one value for every row would break a key, a foreign key or a check.

Bad:

` + "```dbspec" + `
// last sealed: id uuid pk, name text
table projects {
  id       uuid pk
  name     text
  archived bool
}
` + "```" + `

Good:

` + "```dbspec" + `
table projects {
  id       uuid pk
  name     text
  archived bool default(false)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore migration/required-column-without-default the table is empty`" + `.`,
	Run: func(pass *Pass) {
		old := baseline(pass)
		if old == nil {
			return
		}
		pairs, _, _ := model.MatchTables(old, pass.Schema)
		for _, p := range pairs {
			_, _, added := model.MatchColumns(p.Old.Columns, p.New.Columns)
			for _, c := range added {
				if c.Incomplete || c.Nullable || c.Default != nil || c.Type.Name == "serial" || c.Type.Name == "bigserial" {
					continue
				}
				pass.Reportf(pass.Loc(c.Site), requiredColumnFixes(pass, c),
					"column %q is added to table %q as NOT NULL without a default: the migration fails if the table has rows", c.Name, p.New.Name)
			}
		}
	},
}

// requiredColumnFixes returns the fixes of a required column: a default
// when its type has a zero value that every existing row can take, and
// making it nullable unless it is part of the primary key.
func requiredColumnFixes(pass *Pass, c *model.Column) []Fix {
	var fixes []Fix
	if v := zeroValue(pass, c); v != "" {
		fixes = append(fixes, Fix{Title: "Add default(" + v + ")", Edits: []model.Edit{appendToColumn(pass, c, "default("+v+")")}})
	}
	if pk := c.Table.PrimaryKey; pk == nil || !slices.Contains(pk.Columns, c) {
		fixes = append(fixes, Fix{Title: "Make it nullable", Edits: []model.Edit{makeNullable(pass, c)}})
	}
	return fixes
}

// zeroValue returns the default that fills column c in the existing rows,
// or "" when there is none that fits: for a column of a key only a fresh
// uuid does (one value for every row would be a duplicate), and none for a
// column of a foreign key or one that a check reads.
func zeroValue(pass *Pass, c *model.Column) string {
	t := c.Type
	if fkColumns(c.Table)[c] || isChecked(c) {
		return ""
	}
	if inKey(c) {
		if t.Name == "uuid" && t.Dims == 0 {
			return "gen_random_uuid()"
		}
		return ""
	}
	switch e := pass.Schema.EnumOf(c); {
	case t.Dims > 0:
		return "'{}'"
	case e != nil:
		if len(e.Values) > 0 {
			return e.Values[0].Name
		}
		return ""
	}
	switch t.Name {
	case "text", "varchar", "char", "citext":
		return "''"
	case "smallint", "int", "bigint", "real", "double", "numeric":
		return "0"
	case "bool":
		return "false"
	case "timestamptz", "timestamp":
		return "now()"
	case "date":
		return "current_date"
	case "uuid":
		return "gen_random_uuid()"
	case "json", "jsonb":
		return "'{}'"
	}
	return ""
}

// inKey reports whether c is a column of its table's primary key or of a
// unique key.
func inKey(c *model.Column) bool {
	t := c.Table
	if t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c) {
		return true
	}
	return slices.ContainsFunc(t.Uniques, func(k *model.Key) bool { return slices.Contains(k.Columns, c) })
}

// isChecked reports whether a check constraint of c's table reads c.
func isChecked(c *model.Column) bool {
	t := c.Table
	checks := slices.Clone(t.Checks)
	for _, o := range t.Columns {
		checks = append(checks, o.Checks...)
	}
	return slices.ContainsFunc(checks, func(e *model.Expr) bool { return slices.Contains(model.CheckColumns(t, e), c.Name) })
}
