package analysis

import (
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// MigrationDestructiveChange flags tables, columns and enums of the last
// sealed migration that the current schema drops.
var MigrationDestructiveChange = &Rule{
	Name:     "migration/destructive-change",
	Summary:  "the next migration drops a table, a column or an enum, and the data in it",
	Severity: model.Warning,
	Doc: `Compared with the last sealed migration, the schema no longer has a table, a
column or an enum, so the next migration drops it: the rows of a dropped table and
the values of a dropped column are gone, and its down migration cannot bring them
back. A rename without ` + "`renamed_from`" + ` reads as a drop and an add, and loses the
data the same way.

To keep the data:

- if you renamed it, say so: ` + "`renamed_from old_name`" + ` on the column, or after the
  table's name (` + "`migration/probable-rename`" + ` suggests it when the match is clear);
- if you mean to drop it, drop it in two steps: first stop reading and writing it in
  the application and deploy, then remove it from the schema and seal that migration
  on its own, after a backup.

A dropped column is reported at its table; a dropped table or enum, which has no
place left in the schema, at the name of the project block, or at the top of the
first file when there is none. The finding goes away once the migration is sealed.

Bad:

` + "```dbspec" + `
// last sealed: id uuid pk, name text
table users {
  id        uuid pk
  full_name text   // name is dropped and full_name added: the names are lost
}
` + "```" + `

Good:

` + "```dbspec" + `
table users {
  id        uuid pk
  full_name text renamed_from name
}
` + "```" + `

Suppress a dropped column with ` + "`// dbspec:ignore migration/destructive-change reason`" + ` above
its table, a dropped table or enum with the same comment above the project block; or
make the rule an error in the project's rules block (` + "`migration/destructive-change error`" + `)
so that no drop reaches CI unnoticed.`,
	Run: func(pass *Pass) {
		old := baseline(pass)
		if old == nil {
			return
		}
		pairs, dropped, _ := model.MatchTables(old, pass.Schema)
		if at, ok := droppedLoc(pass.Schema); ok {
			for _, t := range dropped {
				pass.Reportf(at, nil, "table %q is dropped with all its rows; if it was renamed, add renamed_from %s after its new name", t.Name, t.Name)
			}
			for _, e := range old.Enums {
				if pass.Schema.Enum(e.Name) == nil {
					pass.Reportf(at, nil, "enum %q is dropped", e.Name)
				}
			}
		}
		for _, p := range pairs {
			if hasIncompleteColumn(p.New) {
				continue
			}
			_, gone, _ := model.MatchColumns(p.Old.Columns, p.New.Columns)
			for _, c := range gone {
				pass.Reportf(pass.Loc(p.New.Site), nil, "column %q is dropped from table %q with its data; if it was renamed, add renamed_from %s to the new column", c.Name, p.New.Name, c.Name)
			}
		}
	},
}

// droppedLoc is where a finding about a dropped table or enum goes: the
// project's name, else the top of the first file; false when the schema has
// no file.
func droppedLoc(s *model.Schema) (model.Loc, bool) {
	if s.Project != nil {
		return s.Project.Loc, true
	}
	if len(s.Files) == 0 {
		return model.Loc{}, false
	}
	return model.Loc{File: s.Files[0], Span: lang.Span{}}, true
}
