package analysis

import (
	"github.com/dbspec/dbspec/lang/model"
)

// NamingReservedWord flags tables, columns, enums and indexes named with a
// word PostgreSQL reserves.
var NamingReservedWord = &Rule{
	Name:     "naming/reserved-word",
	Summary:  "a table, column, enum or index is named with a PostgreSQL reserved word",
	Severity: model.Error,
	Doc: `PostgreSQL reserves words such as ` + "`user`" + `, ` + "`order`" + `, ` + "`group`" + `, ` + "`table`" + `,
` + "`limit`" + ` and ` + "`default`" + `: a table or column with such a name must be
double-quoted in every query, by every tool and every person, forever.
` + "`select * from user`" + ` does not fail; it returns the name of the current
database role. dbspec accepts these names (its keywords are contextual),
but the database is not as forgiving.

The list is PostgreSQL 15's "reserved" and "reserved (can be function or
type)" key words. Enum values are string labels, not identifiers, and are
not checked.

Bad:

` + "```dbspec" + `
table user {
  id    uuid pk
  order int
}
` + "```" + `

Good:

` + "```dbspec" + `
table users {
  id         uuid pk
  sort_order int
}
` + "```" + `

The fix renames the name everywhere: a table to its plural when the project
names tables in the plural (` + "`user`" + ` becomes ` + "`users`" + `); a bool column to
` + "`is_<word>`" + `, a foreign key column to ` + "`<word>_<referenced column>`" + `, a
timestamp column to ` + "`<word>_at`" + `, a date column to ` + "`<word>_date`" + `, ` + "`order`" + ` to
` + "`sort_order`" + `, ` + "`desc`" + ` to ` + "`description`" + `, and any other column to the table's
singular and the word (` + "`message_from`" + ` in ` + "`messages`" + `); an index to its generated
name. Enums get no fix: choose a name. If the database already has the
table or column, add ` + "`renamed_from OLD`" + ` so that the migration renames it
instead of dropping it.

Suppress with ` + "`// dbspec:ignore naming/reserved-word every query goes through the ORM`" + `.`,
	Run: func(pass *Pass) {
		rn := newRenamer(pass.Schema)
		eachDeclaredName(pass.Schema, func(d declaredName) {
			if d.kind == "value" || !reservedWords[d.name] {
				return
			}
			var fixes []Fix
			switch d.kind {
			case "table":
				if w, ok := model.PluralOf(d.name); ok && pluralTables(pass.Schema) {
					fixes = rn.rename(d.sym, w)
				}
			case "column":
				fixes = rn.rename(d.sym, unreservedColumnName(pass.Schema, d.sym.(*model.Column)))
			case "index":
				fixes = rn.renameIndex(d.index, pass.Loc(d.site), model.IndexName(d.table.Name, indexColumnNames(d.index)))
			}
			pass.Reportf(pass.Loc(d.site), fixes, "%s is a reserved word in PostgreSQL: every query must quote it", d)
		})
	},
}

// unreservedColumnName proposes a name for a column of schema s named with
// a reserved word, from its type, its reference or its table.
func unreservedColumnName(s *model.Schema, c *model.Column) string {
	switch {
	case c.Type.Name == "bool" && c.Type.Dims == 0:
		return "is_" + c.Name
	case c.Type.Name == "timestamptz" || c.Type.Name == "timestamp":
		return c.Name + "_at"
	case c.Type.Name == "date":
		return c.Name + "_date"
	}
	for _, fk := range c.Table.ForeignKeys {
		if refs := s.RefColumns(fk); len(fk.Columns) == 1 && fk.Columns[0] == c && len(refs) == 1 {
			return c.Name + "_" + refs[0].Name
		}
	}
	switch c.Name {
	case "order":
		return "sort_order"
	case "desc":
		return "description"
	}
	if noun := singularTableNoun(c.Table.Name); noun != "" {
		return noun + "_" + c.Name
	}
	return ""
}
