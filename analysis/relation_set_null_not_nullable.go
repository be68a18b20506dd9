package analysis

import (
	"slices"
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

The tenant column of a tenant-scoped table must stay NOT NULL. For a
composite ` + "`fk (tenant_id, x_id) -> ... on delete set null`" + `, the fix limits the
action to the other columns, as PostgreSQL 15 allows:
` + "`on delete set null (x_id)`" + ` clears ` + "`x_id`" + ` and keeps the row in its tenant.
` + "`on update set null`" + ` takes no column list; use ` + "`cascade`" + ` or ` + "`restrict`" + ` there.

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
				set := fk.Columns
				if action == "on delete set null" {
					set = fk.DeleteSets()
				}
				var notNull []*model.Column
				var names []string
				tenant := false
				for _, c := range set {
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
					var fixes []Fix
					if fix, ok := keepTenant(pass, fk, tc); ok && action == "on delete set null" {
						fixes = append(fixes, fix)
					}
					pass.Reportf(pass.Loc(fk.Site), fixes, "%s would set tenant column %s.%s to null: set only the other columns to null, or use cascade or restrict", action, t.Name, tc.Name)
					continue
				}
				fix := Fix{Title: "Make " + strings.Join(names, ", ") + " nullable"}
				for _, c := range notNull {
					fix.Edits = append(fix.Edits, makeNullable(pass, c))
				}
				qualified := make([]string, len(names))
				for i, n := range names {
					qualified[i] = t.Name + "." + n
				}
				what := qualified[0] + " is not null: make it"
				if len(names) > 1 {
					what = strings.Join(qualified, ", ") + " are not null: make them"
				}
				pass.Reportf(pass.Loc(fk.Site), []Fix{fix}, "%s, but %s nullable or choose another action", action, what)
			}
		}
	},
}

// keepTenant is the fix that limits fk's on delete set null to its columns
// other than the tenant column tc, making them nullable as needed.
func keepTenant(pass *Pass, fk *model.ForeignKey, tc *model.Column) (Fix, bool) {
	var others []string
	var edits []model.Edit
	for _, c := range fk.Columns {
		if c == tc {
			continue
		}
		if c.Incomplete {
			return Fix{}, false
		}
		others = append(others, c.Name)
		if !c.Nullable {
			edits = append(edits, makeNullable(pass, c))
		}
	}
	i := slices.IndexFunc(fk.Actions, func(a *lang.Action) bool { return a.Event == "delete" && a.What() == "set null" })
	if len(others) == 0 || i < 0 {
		return Fix{}, false
	}
	list := "(" + strings.Join(others, ", ") + ")"
	if cols := fk.Actions[i].Columns; cols != nil {
		// A list that names the tenant column: replace it.
		edits = append(edits, model.Edit{Loc: pass.tableLoc(fk.Table, cols.Span()), NewText: list})
	} else {
		end := fk.Actions[i].Span().End
		edits = append(edits, model.Edit{Loc: pass.tableLoc(fk.Table, lang.Span{Start: end, End: end}), NewText: " " + list})
	}
	return Fix{Title: "Set only " + strings.Join(others, ", ") + " to null", Edits: edits}, true
}
