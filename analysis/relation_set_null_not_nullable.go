package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// RelationSetNullNotNullable flags `set null` actions on foreign keys with a
// NOT NULL column.
var RelationSetNullNotNullable = &Rule{
	Name:     "relation/set-null-not-nullable",
	Summary:  "a foreign key sets a not-null column to null",
	Severity: model.Error,
	Doc: `` + "`on delete set null`" + ` (or ` + "`on update set null`" + `) sets every column of the
foreign key to null when the referenced row is deleted (or its key changes). If one of them is
NOT NULL, PostgreSQL accepts the schema but the delete of the referenced
row fails with a not-null violation, usually in production. Make the
column nullable, or choose another action.

The tenant column of a tenant-scoped table must stay NOT NULL, so a
composite ` + "`fk (tenant_id, x_id) -> ... on delete set null`" + ` gets no fix:
use ` + "`cascade`" + ` or ` + "`restrict`" + `, as dbspec cannot yet limit ` + "`set null`" + ` to
some columns.

Bad:

` + "```dbspec" + `
owner_id uuid -> users.id on delete set null
` + "```" + `

Good:

` + "```dbspec" + `
owner_id uuid? -> users.id on delete set null
` + "```" + `

Suppress with ` + "`// dbspec:ignore relation/set-null-not-nullable reason`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			tc := tenantColumn(pass, t)
			for _, fk := range t.ForeignKeys {
				action := "on delete set null"
				if fk.OnDelete != "set null" {
					if fk.OnUpdate != "set null" {
						continue
					}
					action = "on update set null"
				}
				var notNull []*model.Column
				var names []string
				tenant := false
				for _, c := range fk.Columns {
					if !c.Nullable && !c.Incomplete {
						notNull = append(notNull, c)
						names = append(names, c.Name)
						tenant = tenant || c == tc
					}
				}
				if len(notNull) == 0 {
					continue
				}
				if tenant {
					pass.Reportf(fk.Loc, nil, "%s would set tenant column %s.%s to null: use cascade or restrict", action, t.Name, tc.Name)
					continue
				}
				fix := Fix{Title: "Make " + strings.Join(names, ", ") + " nullable"}
				for _, c := range notNull {
					end := t.Decl.Abs(c.Syntax.Type.Span()).End
					fix.Edits = append(fix.Edits, model.Edit{Loc: model.Loc{File: c.Loc.File, Span: lang.Span{Start: end, End: end}}, NewText: "?"})
				}
				qualified := make([]string, len(names))
				for i, n := range names {
					qualified[i] = t.Name + "." + n
				}
				what := qualified[0] + " is not null: make it"
				if len(names) > 1 {
					what = strings.Join(qualified, ", ") + " are not null: make them"
				}
				pass.Reportf(fk.Loc, []Fix{fix}, "%s, but %s nullable or choose another action", action, what)
			}
		}
	},
}
