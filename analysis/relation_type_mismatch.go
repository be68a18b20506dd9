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
				if !pass.Schema.Resolved(fk) {
					continue
				}
				target, refs := pass.Schema.RefTable(fk), pass.Schema.RefColumns(fk)
				for i, c := range fk.Columns {
					rc := refs[i]
					if c.Syntax == nil || rc.Syntax == nil || !knownType(pass.Schema, c) || !knownType(pass.Schema, rc) {
						continue
					}
					want := referencingType(rc.Type)
					if c.Type.Equal(want) {
						continue
					}
					fix := Fix{Title: "Use " + want.String(), Edits: []model.Edit{
						replace(pass.tableLoc(t, c.Syntax.Type.Span()), want.String()),
					}}
					pass.Reportf(pass.Loc(fk.Site), []Fix{fix}, "%s.%s is %s but %s.%s is %s: use %s", t.Name, c.Name, c.Type, target.Name, rc.Name, rc.Type, want)
				}
			}
		}
	},
}

// knownType reports whether the type of column c of schema s resolved: a
// built-in type or an enum.
func knownType(s *model.Schema, c *model.Column) bool {
	return s.EnumOf(c) != nil || model.IsBuiltin(c.Type.Name)
}
