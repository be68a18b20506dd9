package analysis

import (
	"fmt"
	"slices"

	"github.com/dbspec/dbspec/lang/model"
)

// IndexDuplicate flags indexes that repeat another index or key.
var IndexDuplicate = &Rule{
	Name:     "index/duplicate",
	Summary:  "an index or key duplicates another of the same table",
	Severity: model.Warning,
	Doc: `Two indexes on the same columns, in the same order, with the same method,
included columns and predicate are the same index twice: each write updates
both, both take disk and cache, and the planner uses one. A primary key and
a unique key already are btree indexes, so a plain index (or another unique
key) identical to one of them is redundant too. A btree can be scanned
backwards, so ` + "`(a desc, b desc)`" + ` is the same index as ` + "`(a, b)`" + `.

Bad:

` + "```dbspec" + `
table users {
  id    uuid   pk default(gen_random_uuid())
  email citext unique

  index (email)
}
` + "```" + `

Good:

` + "```dbspec" + `
table users {
  id    uuid   pk default(gen_random_uuid())
  email citext unique
}
` + "```" + `

The fix deletes the redundant index (a plain index rather than a key, or
else the later one).

Suppress with ` + "`// dbspec:ignore index/duplicate REASON`" + `.`,
	Run: func(pass *Pass) {
		var keys []keyDef
		for _, t := range pass.Schema.Tables {
			if keyCount(t) < 2 {
				continue
			}
			// keyDefs lists the keys first, so a plain index is reported
			// rather than the key it repeats, which enforces something.
			keys = keyDefs(t, keys[:0])
			for i, k := range keys {
				j := slices.IndexFunc(keys[:i], func(o keyDef) bool { return sameIndex(o, k) })
				if j < 0 {
					continue
				}
				orig := keys[j]
				reportUnneeded(pass, k, orig, fmt.Sprintf("in table %q, %s duplicates %s: delete it", t.Name, k, orig), "it duplicates")
			}
		}
	},
}

// sameIndex reports whether a and b build the same index: the same method,
// key columns and scan direction, included columns and predicate.
func sameIndex(a, b keyDef) bool {
	return a.method == b.method && len(a.cols) == len(b.cols) && sameLead(a, b, len(a.cols)) && a.where == b.where &&
		len(a.include) == len(b.include) && containsAll(a.include, b.include)
}
