package analysis

import "github.com/dbspec/dbspec/lang/model"

// tenantScope returns the project's tenancy when the tenancy rules can run:
// it names a tenant column and a root table that exists. Otherwise (no
// tenancy, or a configuration error that resolve already reports) it
// returns nil.
func tenantScope(pass *Pass) *model.Tenancy {
	tn := pass.Schema.Tenancy()
	if tn == nil || tn.Column == "" || pass.Schema.Table(tn.Root) == nil {
		return nil
	}
	return tn
}

// tenantColumn returns the tenant column of tenant table t, or nil when t
// is not tenant-scoped or lacks it (tenancy/missing-column reports that).
func tenantColumn(pass *Pass, t *model.Table) *model.Column {
	tn := tenantScope(pass)
	if tn == nil || !pass.IsTenant(t) {
		return nil
	}
	return t.Column(tn.Column)
}
