package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// StandardMissingTimestamps flags tables without created_at or updated_at.
var StandardMissingTimestamps = &Rule{
	Name:     "standard/missing-timestamps",
	Summary:  "a table lacks the created_at or updated_at timestamp",
	Severity: model.Warning,
	Doc: `When a row was created and last changed is the first thing asked when
debugging, auditing or syncing data, and it cannot be recovered later.
Every table carries ` + "`created_at`" + ` and ` + "`updated_at`" + ` (the generated SQL keeps
` + "`updated_at`" + ` current with a trigger). ` + "`inserted_at`" + ` and ` + "`modified_at`" + ` count too.

Pure junction tables are exempt: when every column other than the tenant
column and a surrogate key is a required foreign key column linking two or
more rows, a row is only ever inserted or deleted, never updated. Append-only
tables are not exempt, since ` + "`created_at`" + ` is what orders them; where such a
table has no use for ` + "`updated_at`" + `, suppress the finding and say so.

Bad:

` + "```dbspec" + `
table invoices {
  id    uuid pk default(gen_random_uuid())
  total numeric(12,2)
}
` + "```" + `

Good:

` + "```dbspec" + `
table invoices {
  id         uuid          pk default(gen_random_uuid())
  total      numeric(12,2)
  created_at timestamptz   default(now())
  updated_at timestamptz   default(now())
}
` + "```" + `

The fix adds the missing columns after the last column.

Suppress with ` + "`// dbspec:ignore standard/missing-timestamps rows are never updated`" + ` on
the line above the table.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			var missing []string
			if !hasAnyColumn(t, createdNames) {
				missing = append(missing, "created_at")
			}
			if !hasAnyColumn(t, updatedNames) {
				missing = append(missing, "updated_at")
			}
			if len(missing) == 0 {
				continue
			}
			if _, junction := junctionKey(pass, t); junction {
				continue
			}
			fix := Fix{Title: "Add " + strings.Join(missing, " and ")}
			for _, name := range missing {
				fix.Edits = append(fix.Edits, insertColumn(pass, t, name+" timestamptz default(now())"))
			}
			what := missing[0] + " column: add it"
			if len(missing) > 1 {
				what = "created_at and updated_at columns: add them"
			}
			pass.Reportf(pass.Loc(t.Site), []Fix{fix}, "table %q has no %s", t.Name, what)
		}
	},
}

// createdNames and updatedNames are the column names that count as the
// standard creation and update timestamps: the usual names, Ecto's
// inserted_at, and modified_at.
var (
	createdNames = []string{"created_at", "inserted_at"}
	updatedNames = []string{"updated_at", "modified_at"}
)

// hasAnyColumn reports whether t has a column with one of the names.
func hasAnyColumn(t *model.Table, names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return t.Column(n) != nil })
}
