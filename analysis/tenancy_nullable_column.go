package analysis

import (
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// TenancyNullableColumn flags a nullable tenant column.
var TenancyNullableColumn = &Rule{
	Name:     "tenancy/nullable-column",
	Summary:  "the tenant column of a tenant-scoped table is nullable",
	Severity: model.Error,
	Doc: `Row-level security compares the tenant column with the current tenant. A
row whose tenant column is null matches no tenant: it silently disappears
for everyone, and a bug that forgets to set the tenant writes orphans
instead of failing. The tenant column of a tenant-scoped table must be
NOT NULL.

Bad:

` + "```dbspec" + `
tenant_id uuid? -> tenants.id on delete cascade
` + "```" + `

Good:

` + "```dbspec" + `
tenant_id uuid -> tenants.id on delete cascade
` + "```" + `

Suppress with ` + "`// dbspec:ignore tenancy/nullable-column reason`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			c := tenantColumn(pass, t)
			if c == nil || !c.Nullable || c.Syntax == nil {
				continue
			}
			var fixes []Fix
			if q, ok := nullableMark(pass, c); ok {
				fixes = []Fix{{Title: "Make " + c.Name + " not null", Edits: []model.Edit{replace(q, "")}}}
			}
			pass.Reportf(pass.Loc(c.Site), fixes, "tenant column %q of table %q is nullable: drop the ?", c.Name, t.Name)
		}
	},
}

// nullableMark is the location of the ? after column c's type, with the
// blanks before it.
func nullableMark(pass *Pass, c *model.Column) (model.Loc, bool) {
	src := c.Table.Chunk.Text
	start := c.Syntax.Type.Span().End
	i := start
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i >= len(src) || src[i] != '?' {
		return model.Loc{}, false
	}
	return pass.tableLoc(c.Table, lang.Span{Start: start, End: i + 1}), true
}
