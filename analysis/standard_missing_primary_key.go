package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// StandardMissingPrimaryKey flags tables without a primary key.
var StandardMissingPrimaryKey = &Rule{
	Name:     "standard/missing-primary-key",
	Summary:  "a table has no primary key",
	Severity: model.Error,
	Doc: `Without a primary key a row cannot be addressed reliably: updates and
deletes may hit duplicates, logical replication cannot replicate updates or
deletes of the table, ORMs and row-mapping code need a key, and other tables
cannot reference the rows. Give every table a ` + "`pk`" + `: a surrogate
` + "`id`" + `, or for a junction table the pair of columns it links.

Bad:

` + "```dbspec" + `
table events {
  name       text
  created_at timestamptz default(now())
}
` + "```" + `

Good:

` + "```dbspec" + `
table events {
  id         uuid        pk default(gen_random_uuid())
  name       text
  created_at timestamptz default(now())
}

table follows {
  follower_id uuid -> users.id on delete cascade
  followed_id uuid -> users.id on delete cascade
  pk (follower_id, followed_id)
}
` + "```" + `

The fix adds ` + "`id uuid pk default(gen_random_uuid())`" + ` as the first column
when the table has no ` + "`id`" + ` column yet; for a junction table it also offers
the composite key of the columns it links.

Suppress with ` + "`// dbspec:ignore standard/missing-primary-key REASON`" + ` on the
line above the table.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			// A broken line may be the primary key being typed.
			if t.PrimaryKey != nil || len(t.Chunk.Errors) > 0 {
				continue
			}
			var fixes []Fix
			var advice []string
			if t.Column("id") == nil {
				advice = append(advice, "an id column")
				fixes = append(fixes, Fix{Title: "Add an id primary key", Edits: []model.Edit{
					insertFirstLine(pass, t, "id uuid pk default(gen_random_uuid())")}})
			}
			if key, ok := junctionKey(pass, t); ok {
				pk := "pk (" + columnNames(key) + ")"
				advice = append(advice, pk)
				fixes = append(fixes, Fix{Title: "Add " + pk, Edits: []model.Edit{appendToTable(pass, t, pk)}})
			}
			if len(advice) == 0 {
				advice = append(advice, "a pk attribute or a pk (...) clause")
			}
			pass.Reportf(pass.Loc(t.Site), fixes, "table %q has no primary key: add %s", t.Name, strings.Join(advice, " or "))
		}
	},
}
