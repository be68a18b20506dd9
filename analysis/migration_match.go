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
