package analysis

import (
	"fmt"

	"github.com/dbspec/dbspec/lang/model"
)

// TenancyMissingColumn flags tenant tables without the tenant column.
var TenancyMissingColumn = &Rule{
	Name:     "tenancy/missing-column",
	Summary:  "a tenant-scoped table has no tenant column",
	Severity: model.Error,
	Doc: `Once the project declares ` + "`tenancy`" + `, every table that is not ` + "`global`" + `
(and not the tenancy root) belongs to one tenant, and row-level security
filters it by the tenant column. A table without that column cannot be
filtered: its rows are either visible to every tenant or to none. Add the
column, referencing the root, or mark the table ` + "`global`" + ` if it really is
shared by every tenant.

The fix adds ` + "`tenant_id uuid -> tenants.id on delete cascade`" + ` (with the
configured column, root and the root's key type) below the primary key
column, or first, and an ` + "`index (tenant_id)`" + ` for the policies and the
cascade.

Bad:

` + "```dbspec" + `
table projects {
  id   uuid pk default(gen_random_uuid())
  name text
}
` + "```" + `

Good:

` + "```dbspec" + `
table projects {
  id        uuid pk default(gen_random_uuid())
  tenant_id uuid -> tenants.id on delete cascade
  name      text

  index (tenant_id)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore tenancy/missing-column reason`" + ` above the
table, though ` + "`global`" + ` is usually the better answer.`,
	Run: func(pass *Pass) {
		tn := tenantScope(pass)
		if tn == nil {
			return
		}
		root := pass.Schema.Table(tn.Root)
		for _, t := range pass.Schema.Tables {
			if !pass.IsTenant(t) || t.Column(tn.Column) != nil {
				continue
			}
			var fixes []Fix
			if col, ok := tenantColumnLine(tn, root); ok {
				fixes = []Fix{{Title: "Add " + tn.Column, Edits: addTenantColumn(pass, t, tn.Column, col)}}
			}
			pass.Reportf(pass.Loc(t.Site), fixes, "table %q has no tenant column %q: add it, or mark the table global", t.Name, tn.Column)
		}
	},
}

// tenantColumnLine is the declaration of the tenant column: a reference to
// the root's single-column primary key, in its type. It reports false when
// the root has no such key.
func tenantColumnLine(tn *model.Tenancy, root *model.Table) (string, bool) {
	pk := root.PrimaryKey
	if pk == nil || len(pk.Columns) != 1 || pk.Columns[0].Incomplete {
		return "", false
	}
	id := pk.Columns[0]
	return fmt.Sprintf("%s %s -> %s.%s on delete cascade", tn.Column, referencingType(id.Type), root.Name, id.Name), true
}

// addTenantColumn inserts the tenant column below t's primary key column,
// or first, and an index on it unless a key clause of t already names it
// first (written before the column existed).
func addTenantColumn(pass *Pass, t *model.Table, name, line string) []model.Edit {
	var edits []model.Edit
	if pk := t.PrimaryKey; pk != nil && pk.FromColumn && len(pk.Columns) == 1 {
		edits = append(edits, insertAfterColumn(pass, pk.Columns[0], line))
	} else {
		edits = append(edits, insertFirstLine(pass, t, line))
	}
	if !keyClauseLeadsWith(t, name) {
		edits = append(edits, appendToTable(pass, t, "index ("+name+")"))
	}
	return edits
}

// keyClauseLeadsWith reports whether a pk, unique or index clause of t is
// written with name as its first column. The model drops a column name that
// does not resolve, so this reads the syntax.
func keyClauseLeadsWith(t *model.Table, name string) bool {
	for _, line := range t.Chunk.Table.Lines {
		el := line.Element
		if el == nil {
			continue
		}
		var first string
		switch {
		case el.PK != nil:
			first = el.PK.Columns[0].Name
		case el.Unique != nil:
			first = el.Unique.Columns.Columns[0].Name
		case el.Index != nil:
			first = el.Index.Columns[0].Column.Name
		}
		if first == name {
			return true
		}
	}
	return false
}
