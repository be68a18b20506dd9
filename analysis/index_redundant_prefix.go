package analysis

import (
	"fmt"
	"slices"

	"github.com/dbspec/dbspec/lang/model"
)

// IndexRedundantPrefix flags btree indexes that lead another btree index or key.
var IndexRedundantPrefix = &Rule{
	Name:     "index/redundant-prefix",
	Summary:  "a btree index is a leading prefix of another index or key",
	Severity: model.Warning,
	Doc: `A btree index on (a, b, c) also serves every lookup and ordering by (a) or
(a, b), so a separate index on (a) or (a, b) costs writes, disk and cache
for nothing. The longer index must be a btree with the same leading
columns in the same order and direction (or all reversed, since a btree can
be scanned backwards), the same predicate, and must hold the shorter
index's included columns. A unique key or primary key is never reported:
it enforces something; only plain indexes are.

Bad:

` + "```dbspec" + `
table comments {
  id        uuid        pk default(gen_random_uuid())
  task_id   uuid        -> tasks.id on delete cascade
  posted_at timestamptz

  index (task_id)
  index (task_id, posted_at)
}
` + "```" + `

Good:

` + "```dbspec" + `
table comments {
  id        uuid        pk default(gen_random_uuid())
  task_id   uuid        -> tasks.id on delete cascade
  posted_at timestamptz

  index (task_id, posted_at)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore index/redundant-prefix REASON`" + `, e.g. when
the short index is measurably faster for a hot query.`,
	Run: func(pass *Pass) {
		var keys []keyDef
		for _, t := range pass.Schema.Tables {
			if len(t.Indexes) == 0 || keyCount(t) < 2 {
				continue
			}
			keys = keyDefs(t, keys[:0])
			for _, a := range keys {
				if a.kind != "index" || a.method != "btree" {
					continue
				}
				i := slices.IndexFunc(keys, func(b keyDef) bool { return extends(b, a) })
				if i < 0 {
					continue
				}
				b := keys[i]
				reportUnneeded(pass, a, b, fmt.Sprintf("in table %q, %s is redundant: %s starts with its columns; delete it", t.Name, a, b), "that serves its lookups")
			}
		}
	},
}

// extends reports whether btree b serves everything btree index a does:
// a's key columns are a strict leading prefix of b's, with the same
// directions and predicate, and b holds a's included columns.
func extends(b, a keyDef) bool {
	return b.method == "btree" && len(b.cols) > len(a.cols) && sameLead(a, b, len(a.cols)) && a.where == b.where &&
		!slices.ContainsFunc(a.include, func(c *model.Column) bool {
			return !slices.Contains(b.cols, c) && !slices.Contains(b.include, c)
		})
}
