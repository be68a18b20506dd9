package analysis

import "github.com/dbspec/dbspec/lang/model"

// NamingSnakeCase flags names that are not lower snake_case.
var NamingSnakeCase = &Rule{
	Name:     "naming/snake-case",
	Summary:  "a table, column, enum, enum value or index name is not snake_case",
	Severity: model.Warning,
	Doc: `PostgreSQL folds unquoted names to lower case: a table created as
` + "`\"UserAccounts\"`" + ` must be double-quoted, with the exact case, in every query
anyone ever writes, while ` + "`select * from UserAccounts`" + ` looks for
` + "`useraccounts`" + ` and fails. Lower ` + "`snake_case`" + ` names (` + "`[a-z][a-z0-9]*(_[a-z0-9]+)*`" + `)
need no quotes and read the same in SQL, Go and JSON. Enum values are
checked too, so that code and data spell them one way.

Bad:

` + "```dbspec" + `
table UserAccounts {
  id          uuid pk
  displayName text
}
` + "```" + `

Good:

` + "```dbspec" + `
table user_accounts {
  id           uuid pk
  display_name text
}
` + "```" + `

The fix renames the name everywhere: at its definition and at every
reference, in every file (foreign keys, key and index column lists, checks,
defaults, the tenancy root). It is not offered when the new name is taken,
is a reserved word, or when the old name also appears inside raw SQL (or,
for an enum value, in a string literal), which a rename cannot update. If the database already has
the old name, add ` + "`renamed_from OLD`" + ` to the table or column so that the
migration renames it instead of dropping it.

Suppress with ` + "`// dbspec:ignore naming/snake-case the name mirrors an external system`" + `.`,
	Run: func(pass *Pass) {
		rn := newRenamer(pass.Schema)
		eachDeclaredName(pass.Schema, func(d declaredName) {
			if isSnakeCase(d.name) {
				return
			}
			snake := snakeCase(d.name)
			if snake == "" || reservedWords[snake] {
				pass.Reportf(pass.Loc(d.site), nil, "%s is not snake_case", d)
				return
			}
			var fixes []Fix
			if d.index != nil {
				fixes = rn.renameIndex(d.index, pass.Loc(d.site), snake)
			} else {
				fixes = rn.rename(d.sym, snake)
			}
			pass.Reportf(pass.Loc(d.site), fixes, "%s is not snake_case: use %q", d, snake)
		})
	},
}
