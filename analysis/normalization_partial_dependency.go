package analysis

import "github.com/dbspec/dbspec/lang/model"

// NormalizationPartialDependency flags columns of a table with a composite
// key that copy data of the table one key column references (2NF).
var NormalizationPartialDependency = &Rule{
	Name:     "normalization/partial-dependency",
	Summary:  "a column depends on only part of a composite primary key",
	Severity: model.Warning,
	Doc: `In a table keyed by two references, such as ` + "`shares (document_id, user_id)`" + `,
every other column must depend on the whole key: what this user may do with
this document. A column that copies data of one side, like ` + "`user_name`" + ` copying
` + "`users.name`" + `, depends on ` + "`user_id`" + ` alone, a breach of second normal form: the
name is stored once per share, goes stale when the user renames themselves,
and has to be rewritten in every share to stay right. Read it through the
join instead.

The rule looks for a column named ` + "`<p>_<x>`" + ` beside a key column ` + "`<p>_id`" + ` (any
foreign key column ` + "`<p>_<col>`" + `) whose table has a column ` + "`x`" + ` (or ` + "`<p>_<x>`" + `) of the
same type. The prefix comes from the key column, so ` + "`author_name`" + ` beside
` + "`author_id -> users.id`" + ` copies ` + "`users.name`" + `. Attributes whose meaning depends on
the row (` + "`note`" + `, ` + "`description`" + `, ` + "`role`" + `, ` + "`type`" + `, ` + "`kind`" + `) are not treated as
copies. Copies through a foreign key that is the whole key, or outside it,
are ` + "`normalization/transitive-dependency`" + `'s.

Bad:

` + "```dbspec" + `
table shares {
  document_id uuid -> documents.id on delete cascade
  user_id     uuid -> users.id on delete cascade
  user_name   text
  permission  permission

  pk (document_id, user_id)
}
` + "```" + `

Good:

` + "```dbspec" + `
table shares {
  document_id uuid -> documents.id on delete cascade
  user_id     uuid -> users.id on delete cascade
  permission  permission

  pk (document_id, user_id)
}
` + "```" + `

A deliberate snapshot, such as the product name printed on an invoice line,
is not a copy to remove: suppress with
` + "`// dbspec:ignore normalization/partial-dependency the invoice keeps the name it was issued with`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, cp := range copies(pass, t) {
				if partOfKey(t, cp.fk) {
					pass.Reportf(pass.Loc(cp.col.Site), removeCopyFixes(pass, cp.col),
						"column %q copies %s.%s and depends on %q alone, part of the key: remove it and join %s",
						cp.col.Name, cp.src.Table.Name, cp.src.Name, cp.key.Name, cp.src.Table.Name)
				}
			}
		}
	},
}
