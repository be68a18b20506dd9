package analysis

import "github.com/dbspec/dbspec/lang/model"

// RelationTypeMismatch flags foreign key columns whose type differs from the
// referenced column's.
var RelationTypeMismatch = &Rule{
	Name:     "relation/type-mismatch",
	Summary:  "a foreign key column's type differs from the referenced column's",
	Severity: model.Error,
	Doc: `A foreign key column holds values of the column it references, so it should
have the same type. PostgreSQL refuses many mismatches outright (uuid
against text), and the ones it accepts cost a conversion on every check and
join, can keep indexes from being used, and let the column hold values the
target can never have (a bigint pointing at an int, a varchar(100) at a
varchar(50)). A serial or bigserial key is referenced by an int or a bigint.

Bad:

` + "```dbspec" + `
table invoices {
  id          uuid pk default(gen_random_uuid())
  customer_id int  -> customers.id on delete restrict  // customers.id is uuid
}
` + "```" + `

Good:

` + "```dbspec" + `
table invoices {
  id          uuid pk default(gen_random_uuid())
  customer_id uuid -> customers.id on delete restrict
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore relation/type-mismatch reason`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, fk := range t.ForeignKeys {
				if !fk.Resolved() {
					continue
				}
				for i, c := range fk.Columns {
					rc := fk.RefColumns[i]
					if c.Syntax == nil || rc.Syntax == nil || !knownType(c.Type) || !knownType(rc.Type) {
						continue
					}
					want := referencingType(rc.Type)
					if c.Type.Equal(want) {
						continue
					}
					fix := Fix{Title: "Use " + want.String(), Edits: []model.Edit{
						replace(model.Loc{File: c.Loc.File, Span: t.Decl.Abs(c.Syntax.Type.Span())}, want.String()),
					}}
					pass.Reportf(fk.Loc, []Fix{fix}, "%s.%s is %s but %s.%s is %s: use %s", t.Name, c.Name, c.Type, fk.RefTable.Name, rc.Name, rc.Type, want)
				}
			}
		}
	},
}

// knownType reports whether t resolved: a built-in type or an enum.
func knownType(t model.Type) bool { return t.Enum != nil || model.IsBuiltin(t.Name) }
