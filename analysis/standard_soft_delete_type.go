package analysis

import (
	"fmt"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// StandardSoftDeleteType flags deleted_at columns that are not a nullable
// timestamptz.
var StandardSoftDeleteType = &Rule{
	Name:     "standard/soft-delete-type",
	Summary:  "a deleted_at column is not a nullable timestamptz",
	Severity: model.Warning,
	Doc: `A soft-deleted row keeps its data and records when it was deleted in
` + "`deleted_at`" + `: null means the row is live. The partial indexes and unique keys
(` + "`where deleted_at is null`" + `), the generated code and the other rules rely on
that shape. A ` + "`bool`" + ` loses the time of deletion, a ` + "`date`" + ` its precision,
and a required column cannot say "not deleted" at all.

Bad:

` + "```dbspec" + `
deleted_at bool default(false)
` + "```" + `

Good:

` + "```dbspec" + `
deleted_at timestamptz?
` + "```" + `

The fix also drops the column's default: a new row is not deleted. A column
of another type that predicates or keys refer to gets no fix, since they
need rewriting too. A ` + "`timestamp`" + ` without time zone is left to
` + "`standard/timestamp-without-time-zone`" + `; this rule only asks it to be nullable.

Suppress with ` + "`// dbspec:ignore standard/soft-delete-type REASON`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			c := t.Column("deleted_at")
			if c == nil || c.Incomplete {
				continue
			}
			typ := pass.Loc(c.Type.Site)
			timestamp := c.Type.Dims == 0 && (c.Type.Name == "timestamptz" || c.Type.Name == "timestamp")
			if timestamp && c.Nullable {
				continue
			}
			var fix Fix
			var msg string
			if timestamp {
				end := model.Loc{File: typ.File, Span: lang.Span{Start: typ.Span.End, End: typ.Span.End}}
				fix = Fix{Title: "Make it nullable", Edits: []model.Edit{replace(end, "?")}}
				msg = fmt.Sprintf("soft-delete column %q in table %q must be nullable: null means not deleted", c.Name, t.Name)
			} else {
				text := "timestamptz"
				if !c.Nullable {
					text += "?"
				}
				fix = Fix{Title: "Use timestamptz?", Edits: []model.Edit{replace(typ, text)}}
				msg = fmt.Sprintf("soft-delete column %q in table %q is %s: use timestamptz? (null means not deleted)", c.Name, t.Name, c.Type)
			}
			// A new row is not deleted: whatever default there is goes. (The
			// type edit comes first: an insertion there precedes the removal.)
			for _, a := range c.Syntax.Attrs {
				if a.Default != nil {
					fix.Edits = append(fix.Edits, removeAttribute(pass.tableLoc(t, a.Span())))
				}
			}
			if !timestamp && len(pass.Schema.References(c)) > 0 {
				// Predicates such as "not deleted_at" would need rewriting too.
				pass.Reportf(typ, nil, "%s", msg)
				continue
			}
			pass.Reportf(typ, []Fix{fix}, "%s", msg)
		}
	},
}
