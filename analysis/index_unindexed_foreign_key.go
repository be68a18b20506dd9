package analysis

import "github.com/dbspec/dbspec/lang/model"

// IndexUnindexedForeignKey flags foreign keys whose columns lead no index.
var IndexUnindexedForeignKey = &Rule{
	Name:     "index/unindexed-foreign-key",
	Summary:  "a foreign key's columns lead no index",
	Severity: model.Warning,
	Doc: `PostgreSQL indexes the referenced side of a foreign key (its pk or unique
key) but not the referencing columns. Without an index on them, every
delete or key update in the referenced table scans the whole referencing
table to check or cascade, holding locks meanwhile, and joins from parent
to children scan too. An index, primary key or unique key whose leading
columns are the foreign key's columns, in any order, serves; a partial one
(with ` + "`where`" + `) does not, since it holds only some of the rows.

The foreign key on the tenant column of a tenant table is left to
` + "`tenancy/unindexed`" + `.

Bad:

` + "```dbspec" + `
table comments {
  id        uuid pk default(gen_random_uuid())
  author_id uuid -> users.id on delete cascade
}
` + "```" + `

Good:

` + "```dbspec" + `
table comments {
  id        uuid pk default(gen_random_uuid())
  author_id uuid -> users.id on delete cascade

  index (author_id)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore index/unindexed-foreign-key REASON`" + `, e.g. for a
tiny table whose parent rows are never deleted.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			var reported map[string]bool // a column list can have two foreign keys
			for _, fk := range t.ForeignKeys {
				// Unresolved references are reported by the resolver.
				if !pass.Schema.Resolved(fk) {
					continue
				}
				if len(fk.Columns) == 1 && fk.Columns[0] == tenantColumn(pass, t) {
					continue // tenancy/unindexed reports it
				}
				if leadsKey(t, fk.Columns...) {
					continue
				}
				ix := "index (" + columnNames(fk.Columns) + ")"
				if reported[ix] {
					continue
				}
				if reported == nil {
					reported = map[string]bool{}
				}
				reported[ix] = true
				fix := Fix{Title: "Add " + ix, Edits: []model.Edit{appendToTable(pass, t, ix)}}
				pass.Reportf(pass.Loc(fk.Site), []Fix{fix}, "foreign key %s is not indexed: add %s", describeFK(pass, fk), ix)
			}
		}
	},
}
