package analysis

import "github.com/dbspec/dbspec/lang/model"

// TenancyUnindexed flags a tenant column that leads no index.
var TenancyUnindexed = &Rule{
	Name:     "tenancy/unindexed",
	Summary:  "the tenant column leads no index, primary key or unique key",
	Severity: model.Warning,
	Doc: `Every query on a tenant-scoped table filters by the tenant column: the
row-level-security policy adds it, and deleting a tenant cascades through
it. Without an index that starts with the tenant column each of them scans
the whole table, across all tenants. A primary key, unique key or index
whose first column is the tenant column serves, unless it is partial (with
` + "`where`" + `); usually one already exists,
such as ` + "`unique (tenant_id, id)`" + ` or ` + "`index (tenant_id, created_at desc)`" + `.

Bad:

` + "```dbspec" + `
table notes {
  id        uuid pk default(gen_random_uuid())
  tenant_id uuid -> tenants.id on delete cascade
  body      text
}
` + "```" + `

Good:

` + "```dbspec" + `
table notes {
  id        uuid pk default(gen_random_uuid())
  tenant_id uuid -> tenants.id on delete cascade
  body      text

  index (tenant_id)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore tenancy/unindexed reason`" + ` on the tenant column.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			c := tenantColumn(pass, t)
			if c == nil || leadsKey(t, c) {
				continue
			}
			ix := "index (" + c.Name + ")"
			fix := Fix{Title: "Add " + ix, Edits: []model.Edit{appendToTable(pass, t, ix)}}
			pass.Reportf(pass.Loc(c.Site), []Fix{fix}, "tenant column %q of table %q leads no index: add %s", c.Name, t.Name, ix)
		}
	},
}
