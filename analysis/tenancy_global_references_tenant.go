package analysis

import "github.com/dbspec/dbspec/lang/model"

// TenancyGlobalReferencesTenant flags foreign keys from global tables (the
// tenancy root included) to tenant-scoped tables.
var TenancyGlobalReferencesTenant = &Rule{
	Name:     "tenancy/global-references-tenant",
	Summary:  "a global table references a tenant-scoped table",
	Severity: model.Warning,
	Doc: `A global table (one marked ` + "`global`" + `, or the tenancy root) is shared by every
tenant and has no row-level security, while a tenant-scoped table belongs to
one tenant. A reference from the first to the second ties a shared row to
one tenant's data: every tenant can read which row it points at, and
deleting that tenant's row breaks or cascades into shared data. Usually the
table is not really global (drop ` + "`global`" + ` and add the tenant column), or the
reference belongs on the other side: the tenant table points at the global
one.

Bad:

` + "```dbspec" + `
table tenants {
  id              uuid pk default(gen_random_uuid())
  owner_member_id uuid -> memberships.id on delete restrict
}
` + "```" + `

Good:

` + "```dbspec" + `
table memberships {
  id        uuid pk default(gen_random_uuid())
  tenant_id uuid -> tenants.id on delete cascade
  is_owner  bool default(false)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore tenancy/global-references-tenant reason`" + `.`,
	Run: func(pass *Pass) {
		tn := tenantScope(pass)
		if tn == nil {
			return
		}
		for _, t := range pass.Schema.Tables {
			if pass.IsTenant(t) {
				continue
			}
			kind, advice := "global table", "drop global and add "+tn.Column+", or reference the other way"
			if t.Name == tn.Root {
				kind, advice = "tenancy root", "reference the root from the tenant table instead"
			}
			for _, fk := range t.ForeignKeys {
				if ref := pass.Schema.RefTable(fk); ref != nil && pass.IsTenant(ref) {
					pass.Reportf(pass.Loc(fk.Site), nil, "%s %q references tenant table %q: %s", kind, t.Name, ref.Name, advice)
				}
			}
		}
	},
}
