package analysis

import "github.com/dbspec/dbspec/lang/model"

// MigrationTypeChange flags columns whose type changed since the last sealed
// migration, unless PostgreSQL makes the change without touching the rows.
var MigrationTypeChange = &Rule{
	Name:     "migration/type-change",
	Summary:  "a column changes type: the table is rewritten and the cast may fail",
	Severity: model.Warning,
	Doc: `Changing a column's type runs ` + "`ALTER TABLE ... ALTER COLUMN ... TYPE ... USING`" + `:
PostgreSQL casts every existing value, which fails the migration on the first value
that does not convert (` + "`'n/a'`" + ` to ` + "`int`" + `, a too long string to ` + "`varchar(20)`" + `),
and rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock, which
blocks reads and writes for as long as it takes.

Not reported, because PostgreSQL only updates the catalog: a longer ` + "`varchar`" + `,
` + "`varchar`" + ` to ` + "`text`" + ` (or ` + "`text`" + ` to ` + "`varchar`" + ` without a length), a larger
` + "`numeric`" + ` precision at the same scale or no precision, a finer ` + "`time`" + `,
` + "`timestamp`" + ` or ` + "`timestamptz`" + ` precision, and ` + "`serial`" + ` to ` + "`int`" + ` (` + "`bigserial`" + ` to
` + "`bigint`" + `) and back. A widening whose cast cannot fail (` + "`smallint`" + ` → ` + "`int`" + ` →
` + "`bigint`" + `, ` + "`real`" + ` → ` + "`double`" + `, anything → ` + "`text`" + `) is still reported, since it
rewrites the table; ` + "`timestamp`" + ` → ` + "`timestamptz`" + ` reads the existing values in the
session's time zone.

On a large table, add a new column of the new type, fill it in batches, and switch
over in a later migration (` + "`renamed_from`" + ` keeps the name); or suppress the finding
once you know the table is small or the window is acceptable.

Bad:

` + "```dbspec" + `
// last sealed: id uuid pk, quantity text
table orders {
  id       uuid pk
  quantity int
}
` + "```" + `

Good:

` + "```dbspec" + `
table orders {
  id           uuid pk
  quantity     text
  quantity_int int?
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore migration/type-change the table holds a few hundred rows`" + `.`,
	Run: func(pass *Pass) {
		old := baseline(pass)
		if old == nil {
			return
		}
		for _, p := range continuedColumns(old, pass.Schema) {
			if p.New.Incomplete || p.Old.Incomplete || p.Old.Type.Equal(p.New.Type) || inPlace(p.Old.Type, p.New.Type) {
				continue
			}
			pass.Reportf(pass.Loc(p.New.Type.Site), nil, "column %q changes type from %s to %s: %s",
				p.New.Name, p.Old.Type, p.New.Type, castRisk(p.Old.Type, p.New.Type))
		}
	},
}

// inPlace reports whether PostgreSQL changes a column from type a to type b
// in the catalog only, with no cast that can fail and no rewrite.
func inPlace(a, b model.Type) bool {
	// Enums and unknown types have names that are not built in.
	if a.Dims != b.Dims || !model.IsBuiltin(a.Name) || !model.IsBuiltin(b.Name) {
		return false
	}
	switch {
	case storage(a.Name) == storage(b.Name) && (a.Name == "serial" || a.Name == "bigserial" || b.Name == "serial" || b.Name == "bigserial"):
		return true
	case a.Name == "varchar" && b.Name == "text", a.Name == "text" && b.Name == "varchar" && len(b.Args) == 0:
		return true
	case a.Name != b.Name:
		return false
	}
	switch a.Name {
	case "varchar", "time", "timestamp", "timestamptz":
		// No length or precision is the largest.
		return len(b.Args) == 0 || len(a.Args) > 0 && b.Args[0] >= a.Args[0]
	case "numeric":
		return len(b.Args) == 0 || len(a.Args) > 0 && b.Args[0] >= a.Args[0] && scale(a) == scale(b)
	}
	return false
}

// castRisk says what changing a column from type a to type b does to the
// existing rows.
func castRisk(a, b model.Type) string {
	switch {
	case a.Dims == 0 && b.Dims == 0 && a.Name == "timestamp" && b.Name == "timestamptz":
		return "the existing values are read in the session's time zone, and PostgreSQL rewrites the table unless it is UTC"
	case widens(a, b):
		return "PostgreSQL rewrites the table under an exclusive lock"
	}
	return "the cast may fail on existing rows or change their values, and PostgreSQL rewrites the table under an exclusive lock"
}

// widens reports whether every value of type a converts to type b.
func widens(a, b model.Type) bool {
	if b.Dims == 0 && b.Name == "text" {
		return true
	}
	if a.Dims != b.Dims || !model.IsBuiltin(a.Name) || !model.IsBuiltin(b.Name) {
		return false
	}
	if ra, rb := intRank[storage(a.Name)], intRank[storage(b.Name)]; ra > 0 && rb > 0 {
		return ra < rb
	}
	return a.Name == "real" && b.Name == "double"
}

// intRank orders the integer types by size.
var intRank = map[string]int{"smallint": 1, "int": 2, "bigint": 3}

// storage is the type that a serial type stores.
func storage(name string) string {
	switch name {
	case "serial":
		return "int"
	case "bigserial":
		return "bigint"
	}
	return name
}

// scale is the scale of a numeric type, 0 when not given.
func scale(t model.Type) int {
	if len(t.Args) < 2 {
		return 0
	}
	return t.Args[1]
}
