package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// IndexSoftDeletePartial flags unique keys of soft-delete tables that also
// count the deleted rows.
var IndexSoftDeletePartial = &Rule{
	Name:     "index/soft-delete-partial",
	Summary:  "a unique key of a soft-delete table also counts deleted rows",
	Severity: model.Warning,
	Doc: `In a table with ` + "`deleted_at`" + `, a deleted row stays in the table. A unique
key without ` + "`where deleted_at is null`" + ` still counts it, so a user cannot
sign up again with the email of a deleted account, or re-create a project
with the code of a deleted one. A partial unique key counts live rows only.

A unique key that includes ` + "`deleted_at`" + ` is reported too: live rows all have
null there, and nulls never clash, so it does not keep live rows unique.

Exempt are keys that contain the primary key (they cannot clash anyway),
keys that a foreign key references (PostgreSQL needs a non-partial unique
key there), and keys whose predicate already names ` + "`deleted_at`" + `.

Bad:

` + "```dbspec" + `
table projects {
  id         uuid        pk default(gen_random_uuid())
  code       text        unique
  deleted_at timestamptz?
}
` + "```" + `

Good:

` + "```dbspec" + `
table projects {
  id         uuid        pk default(gen_random_uuid())
  code       text
  deleted_at timestamptz?

  unique (code) where deleted_at is null
}
` + "```" + `

The fix adds the predicate; a ` + "`unique`" + ` column attribute becomes a clause.

Suppress with ` + "`// dbspec:ignore index/soft-delete-partial REASON`" + `, e.g. when a
deleted name must stay reserved.`,
	Run: func(pass *Pass) {
		referenced := map[*model.Table][][]*model.Column{}
		for _, t := range pass.Schema.Tables {
			for _, fk := range t.ForeignKeys {
				if ref := pass.Schema.RefTable(fk); ref != nil && ref.Column("deleted_at") != nil {
					referenced[ref] = append(referenced[ref], pass.Schema.RefColumns(fk))
				}
			}
		}
		for _, t := range pass.Schema.Tables {
			deleted := t.Column("deleted_at")
			if deleted == nil || len(t.Uniques) == 0 {
				continue
			}
			for _, k := range keyDefs(t, nil) {
				if k.kind != "unique" || strings.Contains(k.where, "deleted_at") ||
					t.PrimaryKey != nil && containsAll(k.cols, t.PrimaryKey.Columns) ||
					slices.ContainsFunc(referenced[t], func(ref []*model.Column) bool { return sameSet(ref, k.cols) }) {
					continue
				}
				if slices.Contains(k.cols, deleted) {
					reportLiveNulls(pass, t, k, deleted)
					continue
				}
				pass.Reportf(pass.Loc(k.site), []Fix{{Title: "Add where deleted_at is null", Edits: softDeleteWhere(pass, t, k)}},
					"in table %q, %s blocks re-creating a soft-deleted row: add where deleted_at is null", t.Name, k)
			}
		}
	},
}

// softDeleteWhere makes a unique key partial to the rows that are not deleted.
func softDeleteWhere(pass *Pass, t *model.Table, k keyDef) []model.Edit {
	const live = "deleted_at is null"
	switch w := k.key.Where; {
	case k.key.FromColumn:
		return []model.Edit{removeAttribute(pass.Loc(k.site)), appendToTable(pass, t, fmt.Sprintf("unique (%s) where %s", columnNames(k.cols), live))}
	case w == nil:
		end := model.Loc{File: pass.Loc(k.site).File, Span: lang.Span{Start: pass.Loc(k.site).Span.End, End: pass.Loc(k.site).Span.End}}
		return []model.Edit{replace(end, " where "+live)}
	case len(w.Syntax.Rest) == 0:
		return []model.Edit{replace(pass.Loc(w.Site), w.Text+" and "+live)}
	default:
		return []model.Edit{replace(pass.Loc(w.Site), "("+w.Text+") and "+live)}
	}
}

// reportLiveNulls reports a unique key that includes deleted_at: live rows
// have a null there, and nulls never clash, so the key lets any number of
// live rows share the other columns.
func reportLiveNulls(pass *Pass, t *model.Table, k keyDef, deleted *model.Column) {
	others := slices.DeleteFunc(slices.Clone(k.cols), func(c *model.Column) bool { return c == deleted })
	if len(others) == 0 {
		return // unique (deleted_at) alone: not a soft-delete key
	}
	want := fmt.Sprintf("unique (%s) where deleted_at is null", columnNames(others))
	var fixes []Fix
	if k.key.Where == nil && !k.key.FromColumn {
		fixes = []Fix{{Title: "Use " + want, Edits: []model.Edit{replace(pass.Loc(k.site), want)}}}
	}
	pass.Reportf(pass.Loc(k.site), fixes, "in table %q, %s does not apply to live rows, whose deleted_at is null (nulls never clash): use %s",
		t.Name, k, want)
}

// containsAll reports whether every column of sub is in cols.
func containsAll(cols, sub []*model.Column) bool {
	return !slices.ContainsFunc(sub, func(c *model.Column) bool { return !slices.Contains(cols, c) })
}
