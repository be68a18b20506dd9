package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// RelationMissingOnDelete flags foreign keys without an on delete action.
var RelationMissingOnDelete = &Rule{
	Name:     "relation/missing-on-delete",
	Summary:  "a foreign key has no on delete action",
	Severity: model.Info,
	Doc: `Without ` + "`on delete`" + ` PostgreSQL applies ` + "`no action`" + `: deleting a referenced
row fails while references to it exist. That is often right, but it should
be a decision, written down, not a default nobody chose. Say ` + "`cascade`" + ` when
the row belongs to its parent and goes with it, ` + "`restrict`" + ` when the
delete must be refused, ` + "`set null`" + ` when the reference is optional.

The fixes add ` + "`on delete cascade`" + ` or ` + "`on delete restrict`" + `. Cascade comes
first when the row is owned by the referenced one: the reference is the
tenant column, another of its columns is part of the primary key (a
junction or child row), or the table's name starts with the target's
singular name (` + "`order_items`" + ` → ` + "`orders`" + `); otherwise restrict, which loses
no data.

Bad:

` + "```dbspec" + `
author_id uuid -> users.id
` + "```" + `

Good:

` + "```dbspec" + `
author_id uuid -> users.id on delete restrict
` + "```" + `

Suppress with ` + "`// dbspec:ignore relation/missing-on-delete reason`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, fk := range t.ForeignKeys {
				if fk.OnDelete != "" || pass.Schema.RefTable(fk) == nil {
					continue
				}
				at := actionPoint(pass, fk)
				add := func(action string) Fix {
					return Fix{Title: "Add on delete " + action, Edits: []model.Edit{replace(at, " on delete "+action)}}
				}
				fixes := []Fix{add("restrict"), add("cascade")}
				if ownedBy(pass, fk) {
					fixes[0], fixes[1] = fixes[1], fixes[0]
				}
				pass.Reportf(pass.Loc(fk.Site), fixes, "%s has no on delete action: add on delete cascade or restrict", describeRef(pass, fk))
			}
		}
	},
}

// describeRef renders a foreign key for messages, resolved or not.
func describeRef(pass *Pass, fk *model.ForeignKey) string {
	if pass.Schema.Resolved(fk) {
		return describeFK(pass, fk)
	}
	return fk.Table.Name + " (" + columnNames(fk.Columns) + ") -> " + pass.Schema.RefTable(fk).Name
}

// ownedBy reports whether the rows of fk's table belong to the row they
// reference, so that deleting it should delete them: the foreign key is the
// tenant column, one of its other columns is part of the primary key, or the
// table is named after the target (order_items -> orders).
func ownedBy(pass *Pass, fk *model.ForeignKey) bool {
	t, target := fk.Table, pass.Schema.RefTable(fk)
	tc := tenantColumn(pass, t)
	if tc != nil && len(fk.Columns) == 1 && fk.Columns[0] == tc && target.Name == pass.Schema.Tenancy().Root {
		return true
	}
	if pk := t.PrimaryKey; pk != nil && slices.ContainsFunc(fk.Columns, func(c *model.Column) bool { return c != tc && slices.Contains(pk.Columns, c) }) {
		return true
	}
	if t == target {
		return false
	}
	// The name itself serves schemas with singular table names.
	if strings.HasPrefix(t.Name, target.Name+"_") {
		return true
	}
	s := model.Singular(target.Name)
	return s != target.Name && strings.HasPrefix(t.Name, s+"_")
}
