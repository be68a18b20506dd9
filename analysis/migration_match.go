package analysis

import "github.com/dbspec/dbspec/lang/model"

// The migration rules compare the baseline (the schema as of the last
// sealed migration) with the current schema, matching tables and columns
// with model.MatchTables and model.MatchColumns, as the planner does. Enums
// match by name.

// baseline returns the schema of the last sealed migration, or nil when the
// history is unknown or no migration is sealed yet.
func baseline(pass *Pass) *model.Schema {
	if pass.History == nil {
		return nil
	}
	return pass.History.Baseline
}

// hasIncompleteColumn reports whether a column line of t has a syntax error:
// its renamed_from, if any, is unknown, so the columns that t drops are too.
func hasIncompleteColumn(t *model.Table) bool {
	for _, c := range t.Columns {
		if c.Incomplete {
			return true
		}
	}
	return false
}

// continuedColumns lists the columns that the current schema carries over
// from the baseline old, with their baseline version, table by table.
func continuedColumns(old, cur *model.Schema) []model.Pair[*model.Column] {
	var out []model.Pair[*model.Column]
	tables, _, _ := model.MatchTables(old, cur)
	for _, tp := range tables {
		cols, _, _ := model.MatchColumns(tp.Old.Columns, tp.New.Columns)
		out = append(out, cols...)
	}
	return out
}
