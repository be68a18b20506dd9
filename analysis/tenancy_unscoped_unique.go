package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// TenancyUnscopedUnique flags unique keys of tenant tables that leave out
// the tenant column.
var TenancyUnscopedUnique = &Rule{
	Name:     "tenancy/unscoped-unique",
	Summary:  "a unique key of a tenant-scoped table leaves out the tenant column",
	Severity: model.Warning,
	Doc: `A unique key is checked across the whole table, not per tenant, and row-level
security does not change that. ` + "`unique (email)`" + ` in a tenant table means
that once one tenant has a contact with some email, no other tenant can
add one, and the error tells the second tenant that the address exists
somewhere else. Scope the key to the tenant: ` + "`unique (tenant_id, email)`" + `.

Not reported: keys that contain the primary key (already unique per row),
a lone uuid column with a default or a serial column (generated, unique by
construction), and keys with a column that references another tenant table
(the referenced row already belongs to one tenant). A key that a foreign key
references is reported without a fix, as the reference must change with it.

Bad:

` + "```dbspec" + `
table contacts {
  id        uuid   pk default(gen_random_uuid())
  tenant_id uuid   -> tenants.id on delete cascade
  email     citext unique pii
}
` + "```" + `

Good:

` + "```dbspec" + `
table contacts {
  id        uuid   pk default(gen_random_uuid())
  tenant_id uuid   -> tenants.id on delete cascade
  email     citext pii

  unique (tenant_id, email)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore tenancy/unscoped-unique reason`" + ` when the value
must be unique across tenants, such as a login handle.`,
	Run: func(pass *Pass) {
		if tenantScope(pass) == nil {
			return
		}
		referenced := map[*model.Table][][]*model.Column{} // tenant table -> referenced column sets
		for _, t := range pass.Schema.Tables {
			for _, fk := range t.ForeignKeys {
				if ref := pass.Schema.RefTable(fk); pass.Schema.Resolved(fk) && pass.IsTenant(ref) {
					referenced[ref] = append(referenced[ref], pass.Schema.RefColumns(fk))
				}
			}
		}
		for _, t := range pass.Schema.Tables {
			tc := tenantColumn(pass, t)
			if tc == nil {
				continue
			}
			for _, u := range t.Uniques {
				if len(u.Columns) == 0 || !needsTenantScope(pass, t, tc, u) {
					continue
				}
				cols := columnNames(u.Columns)
				scoped := "unique (" + tc.Name + ", " + cols + ")"
				var fixes []Fix
				if !slices.ContainsFunc(referenced[t], func(rc []*model.Column) bool { return sameSet(rc, u.Columns) }) {
					fixes = []Fix{{Title: "Prepend " + tc.Name, Edits: scopeUnique(pass, t, tc, u, scoped)}}
				}
				pass.Reportf(pass.Loc(u.Site), fixes, "unique (%s) of table %q spans all tenants: make it %s", cols, t.Name, scoped)
			}
		}
	},
}

// needsTenantScope reports whether unique key u of tenant table t, whose
// tenant column is tc, should include tc. Exempt are keys that contain it or
// the primary key, a lone generated identifier, and keys with a column that
// references a tenant table.
func needsTenantScope(pass *Pass, t *model.Table, tc *model.Column, u *model.Key) bool {
	if slices.Contains(u.Columns, tc) {
		return false
	}
	if pk := t.PrimaryKey; pk != nil && len(pk.Columns) > 0 && containsAll(u.Columns, pk.Columns) {
		return false
	}
	if len(u.Columns) == 1 {
		c := u.Columns[0]
		if c.Type.Dims == 0 && (c.Type.Name == "uuid" && c.Default != nil || c.Type.Name == "serial" || c.Type.Name == "bigserial") {
			return false
		}
	}
	for _, fk := range t.ForeignKeys {
		if ref := pass.Schema.RefTable(fk); ref != nil && pass.IsTenant(ref) && slices.ContainsFunc(fk.Columns, func(c *model.Column) bool { return c != tc && slices.Contains(u.Columns, c) }) {
			return false
		}
	}
	return true
}

// scopeUnique prepends the tenant column tc to unique key u: a clause gets
// it after its parenthesis; a column's unique attribute becomes the clause
// scoped.
func scopeUnique(pass *Pass, t *model.Table, tc *model.Column, u *model.Key, scoped string) []model.Edit {
	if u.FromColumn {
		return []model.Edit{removeAttribute(pass.Loc(u.Site)), appendToTable(pass, t, scoped)}
	}
	src := t.Chunk.Text
	open := u.Site.Span.Start + strings.IndexByte(src[u.Site.Span.Start:u.Site.Span.End], '(') + 1
	for open < len(src) && (src[open] == ' ' || src[open] == '\t') {
		open++
	}
	return []model.Edit{{Loc: pass.tableLoc(t, lang.Span{Start: open, End: open}), NewText: tc.Name + ", "}}
}
