package analysis

import (
	"fmt"
	"slices"

	"github.com/dbspec/dbspec/lang/model"
)

// TenancyCrossTenantReference flags foreign keys between tenant tables that
// leave out the tenant column.
var TenancyCrossTenantReference = &Rule{
	Name:     "tenancy/cross-tenant-reference",
	Summary:  "a foreign key between tenant-scoped tables leaves out the tenant column",
	Severity: model.Warning,
	Doc: `PostgreSQL checks foreign keys without row-level security, so a reference by
id alone accepts the id of another tenant's row: a task of tenant A can be
put in a project of tenant B, and the insert succeeding or failing tells A
that the id exists. Include the tenant column on both sides, so that the
database itself keeps every reference inside one tenant:
` + "`fk (tenant_id, project_id) -> projects (tenant_id, id)`" + `. The target
then needs a unique key on ` + "`(tenant_id, id)`" + `, which the fix adds.

The fix keeps the actions. A reference with ` + "`set null`" + ` or ` + "`set default`" + `
gets no fix: on a composite key it would clear the tenant column too. A
target without the tenant column is left to ` + "`tenancy/missing-column`" + `.

Bad:

` + "```dbspec" + `
table tasks {
  id         uuid pk default(gen_random_uuid())
  tenant_id  uuid -> tenants.id on delete cascade
  project_id uuid -> projects.id on delete cascade
}
` + "```" + `

Good:

` + "```dbspec" + `
table tasks {
  id         uuid pk default(gen_random_uuid())
  tenant_id  uuid -> tenants.id on delete cascade
  project_id uuid

  fk (tenant_id, project_id) -> projects (tenant_id, id) on delete cascade
}
` + "```" + `

with ` + "`unique (tenant_id, id)`" + ` in projects.

Suppress with ` + "`// dbspec:ignore tenancy/cross-tenant-reference reason`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			tc := tenantColumn(pass, t)
			if tc == nil {
				continue
			}
			for _, fk := range t.ForeignKeys {
				if !pass.Schema.Resolved(fk) {
					continue
				}
				target, refs := pass.Schema.RefTable(fk), pass.Schema.RefColumns(fk)
				rtc := tenantColumn(pass, target)
				if rtc == nil || tenantPaired(fk, refs, tc, rtc) {
					continue
				}
				if slices.Contains(fk.Columns, tc) || slices.Contains(refs, rtc) {
					pass.Reportf(pass.Loc(fk.Site), nil, "%s does not pair %s with %s.%s, so a row can point into another tenant",
						describeFK(pass, fk), tc.Name, target.Name, rtc.Name)
					continue
				}
				var fixes []Fix
				if fix, ok := scopeReference(pass, fk, tc, rtc); ok {
					fixes = []Fix{fix}
				}
				pass.Reportf(pass.Loc(fk.Site), fixes, "%s leaves out %s, so a row can point into another tenant: reference (%s, %s)",
					describeFK(pass, fk), tc.Name, rtc.Name, columnNames(refs))
			}
		}
	},
}

// tenantPaired reports whether fk, which references the columns refs, maps
// the tenant column tc of its table to the tenant column rtc of its target.
func tenantPaired(fk *model.ForeignKey, refs []*model.Column, tc, rtc *model.Column) bool {
	for i, c := range fk.Columns {
		if c == tc && refs[i] == rtc {
			return true
		}
	}
	return false
}

// scopeReference replaces fk, which names no tenant column, with a
// composite foreign key that leads with the tenant columns, and adds the
// unique key it needs to the target. An on delete set null or set default
// is limited to fk's own columns, so that it keeps the tenant column; it
// reports false for such an action on update, which takes no column list.
func scopeReference(pass *Pass, fk *model.ForeignKey, tc, rtc *model.Column) (Fix, bool) {
	refTable, refs := pass.Schema.RefTable(fk), pass.Schema.RefColumns(fk)
	clause := fmt.Sprintf("fk (%s, %s) -> %s (%s, %s)", tc.Name, columnNames(fk.Columns), refTable.Name, rtc.Name, columnNames(refs))
	for _, a := range []struct{ event, action string }{{"delete", fk.OnDelete}, {"update", fk.OnUpdate}} {
		switch {
		case a.action == "":
		case a.action == "set null" || a.action == "set default":
			if a.event == "update" {
				return Fix{}, false
			}
			clause += " on delete " + a.action + " (" + columnNames(fk.DeleteSets()) + ")"
		default:
			clause += " on " + a.event + " " + a.action
		}
	}
	var edits []model.Edit
	if loc := pass.Loc(fk.Site); fk.FromColumn {
		edits = append(edits, removeAttribute(loc), appendToTable(pass, fk.Table, clause))
	} else {
		edits = append(edits, replace(loc, clause))
	}
	target := append([]*model.Column{rtc}, refs...)
	if ok, _ := uniqueKeyOn(refTable, target); !ok {
		edits = append(edits, appendToTable(pass, refTable, "unique ("+columnNames(target)+")"))
	}
	return Fix{Title: "Reference (" + columnNames(target) + ")", Edits: edits}, true
}
