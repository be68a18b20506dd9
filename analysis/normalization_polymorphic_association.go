package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// NormalizationPolymorphicAssociation flags a type column and an id column
// that together point at a row of one of several tables.
var NormalizationPolymorphicAssociation = &Rule{
	Name:     "normalization/polymorphic-association",
	Summary:  "a type column and an id column point at rows of several tables without a foreign key",
	Severity: model.Warning,
	Doc: `A pair such as ` + "`commentable_type`" + ` + ` + "`commentable_id`" + ` (or ` + "`target_table`" + ` +
` + "`target_key`" + `) stores a reference to a row of whichever table the first column
names. No foreign key can check it: the id may point at nothing, deleting
the target leaves orphans behind (there is no ` + "`on delete`" + `), the planner cannot
use the reference, and every query needs a ` + "`case`" + ` on the type.

The rule looks for ` + "`<x>_type`" + ` or ` + "`<x>_table`" + ` (a string or an enum) beside
` + "`<x>_id`" + ` or ` + "`<x>_key`" + ` (a uuid or an integer, the shape of a surrogate key) that
is part of no foreign key. ` + "`device_type`" + ` + ` + "`device_id text`" + ` (an id of another
system) is not reported.

Two designs keep the references checked:

- one nullable foreign key per target, with a check that exactly one is
  set: ` + "`task_id uuid? -> tasks.id`" + `, ` + "`document_id uuid? -> documents.id`" + `,
  ` + "`check (num_nonnulls(task_id, document_id) = 1)`" + `;
- a supertype table that every target shares its key with
  (` + "`commentables (id)`" + `, with ` + "`tasks.id -> commentables.id`" + `), which the comment
  references.

Bad:

` + "```dbspec" + `
table comments {
  id               uuid pk default(gen_random_uuid())
  commentable_type text
  commentable_id   uuid
}
` + "```" + `

Good:

` + "```dbspec" + `
table comments {
  id          uuid  pk default(gen_random_uuid())
  task_id     uuid? -> tasks.id on delete cascade
  document_id uuid? -> documents.id on delete cascade

  check (num_nonnulls(task_id, document_id) = 1)
}
` + "```" + `

A row that must outlive its target, such as an audit log entry, is the
classic exception: suppress with
` + "`// dbspec:ignore normalization/polymorphic-association the entry outlives the row it names`" + `
on the id column.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			inFK := fkColumns(t)
			reported := map[*model.Column]bool{}
			for _, disc := range t.Columns {
				x, ok := strings.CutSuffix(disc.Name, "_type")
				if !ok {
					x, ok = strings.CutSuffix(disc.Name, "_table")
				}
				if !ok || x == "" || disc.Incomplete || !isTextType(disc.Type) && (pass.Schema.EnumOf(disc) == nil || disc.Type.Dims > 0) {
					continue
				}
				for _, suffix := range []string{"_id", "_key"} {
					id := t.Column(x + suffix)
					if id == nil || id.Incomplete || inFK[id] || reported[id] || !isKeyType(id.Type) {
						continue
					}
					reported[id] = true
					pass.Reportf(pass.Loc(id.Site), nil, "%q and %q point at a row of any table, which no foreign key checks: use one foreign key per target table",
						disc.Name, id.Name)
				}
			}
		}
	},
}
