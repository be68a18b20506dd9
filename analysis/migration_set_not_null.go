package analysis

import "github.com/dbspec/dbspec/lang/model"

// MigrationSetNotNull flags nullable columns made NOT NULL since the last
// sealed migration.
var MigrationSetNotNull = &Rule{
	Name:     "migration/set-not-null",
	Summary:  "a nullable column becomes NOT NULL: its existing nulls need a backfill",
	Severity: model.Warning,
	Doc: `Dropping the ` + "`?`" + ` of a column runs ` + "`ALTER TABLE ... ALTER COLUMN ... SET NOT NULL`" + `,
which fails the migration if any row still holds null, and scans the whole table
under an ACCESS EXCLUSIVE lock to find out. A default added at the same time does
not help: it applies to new rows only.

The safe sequence:

1. Give the column a default, or make the application write it, so that no new
   null appears; seal and deploy.
2. Fill in the existing rows: ` + "`UPDATE t SET c = ... WHERE c IS NULL`" + `, in batches on a
   large table.
3. Drop the ` + "`?`" + ` and seal that migration on its own.

Bad:

` + "```dbspec" + `
// last sealed: id uuid pk, locale text?
table users {
  id     uuid pk
  locale text
}
` + "```" + `

Good (step 1, then step 3 once the nulls are gone):

` + "```dbspec" + `
table users {
  id     uuid pk
  locale text? default('en')
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore migration/set-not-null backfilled by job 42`" + `.`,
	Run: func(pass *Pass) {
		old := baseline(pass)
		if old == nil {
			return
		}
		for _, p := range continuedColumns(old, pass.Schema) {
			if p.Old.Nullable && !p.New.Nullable && !p.New.Incomplete {
				pass.Reportf(pass.Loc(p.New.Site), nil, "column %q of table %q becomes NOT NULL: fill in its nulls first, or the migration fails", p.New.Name, p.New.Table.Name)
			}
		}
	},
}
