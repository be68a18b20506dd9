package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// IndexLowCardinality flags indexes keyed by bool columns only.
var IndexLowCardinality = &Rule{
	Name:     "index/low-cardinality",
	Summary:  "an index keys only bool columns and has no where predicate",
	Severity: model.Info,
	Doc: `A bool column splits a table in two (three with null). An index on it
alone is either useless, since the planner scans the table to fetch half of
it, or useful only for the rare value, while it stores every row and slows
every write. A partial index that keys a selective column and keeps only
the rows of the rare value is smaller and serves the query better. Indexes
on small enums are not reported: their rare values are often what the
index is for.

Bad:

` + "```dbspec" + `
index (is_archived)
` + "```" + `

Good:

` + "```dbspec" + `
index (tenant_id, updated_at) where is_archived
` + "```" + `

Suppress with ` + "`// dbspec:ignore index/low-cardinality REASON`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			if !slices.ContainsFunc(t.Indexes, boolOnly) {
				continue
			}
			for _, k := range keyDefs(t, nil) {
				if k.kind != "index" || k.where != "" || len(k.cols) == 0 || slices.ContainsFunc(k.cols, notBool) {
					continue
				}
				names := make([]string, len(k.cols))
				for i, c := range k.cols {
					names[i] = c.Name
				}
				pass.Reportf(pass.Loc(k.site), nil, "in table %q, %s keys only bool columns: use a partial index instead, e.g. index (...) where %s",
					t.Name, k, strings.Join(names, " and "))
			}
		}
	},
}

// boolOnly reports whether ix has no predicate and keys only bool columns.
func boolOnly(ix *model.Index) bool {
	return ix.Where == nil && len(ix.Columns) > 0 &&
		!slices.ContainsFunc(ix.Columns, func(c model.IndexColumn) bool { return notBool(c.Column) })
}

func notBool(c *model.Column) bool { return c.Type.Name != "bool" || c.Type.Dims > 0 }
