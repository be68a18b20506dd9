package analysis

import "github.com/dbspec/dbspec/lang/model"

// The migration rules compare the baseline (the schema as of the last
// sealed migration) with the current schema. A current table continues the
// baseline table its renamed_from names, when the baseline has it and the
// current schema does not (a renamed_from left over from an earlier rename
// must not claim a table that took the old name since); otherwise the
// baseline table of the same name, unless a rename claimed it. Columns of a
// continued table match the same way. Enums match by name.

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

// pair is a declaration of the baseline and the current one that continues it.
type pair[T any] struct{ old, cur T }

// matchTables pairs the tables of the baseline old with those of the
// current schema cur. It returns the pairs in current order, the baseline
// tables that no current table continues and the current tables that
// continue none.
func matchTables(old, cur *model.Schema) (pairs []pair[*model.Table], dropped, added []*model.Table) {
	return match(old.Tables, cur.Tables, func(t *model.Table) (string, string) { return t.Name, t.RenamedFrom })
}

// matchColumns pairs the columns of baseline table old with those of
// current table cur, as matchTables does tables.
func matchColumns(old, cur *model.Table) (pairs []pair[*model.Column], dropped, added []*model.Column) {
	return match(old.Columns, cur.Columns, func(c *model.Column) (string, string) { return c.Name, c.RenamedFrom })
}

// match pairs old and current declarations; names gives a declaration's
// name and renamed_from.
func match[T comparable](olds, curs []T, names func(T) (name, from string)) (pairs []pair[T], dropped, added []T) {
	if same := sameNames(olds, curs, names); same != nil {
		return same, nil, nil
	}
	byName := make(map[string]T, len(olds))
	for _, o := range olds {
		name, _ := names(o)
		byName[name] = o
	}
	current := make(map[string]bool, len(curs))
	for _, c := range curs {
		name, _ := names(c)
		current[name] = true
	}
	claimed := make(map[T]bool, len(olds))
	continued := make([]T, len(curs))
	var zero T
	claim := func(i int, name string) {
		if o, ok := byName[name]; ok && !claimed[o] && continued[i] == zero {
			continued[i], claimed[o] = o, true
		}
	}
	// Renames first: they take precedence over a match by name.
	for i, c := range curs {
		if _, from := names(c); from != "" && !current[from] {
			claim(i, from)
		}
	}
	for i, c := range curs {
		name, _ := names(c)
		claim(i, name)
	}
	for i, c := range curs {
		if continued[i] == zero {
			added = append(added, c)
		} else {
			pairs = append(pairs, pair[T]{continued[i], c})
		}
	}
	for _, o := range olds {
		if !claimed[o] {
			dropped = append(dropped, o)
		}
	}
	return pairs, dropped, added
}

// sameNames pairs olds and curs in order when they have the same names in
// the same order, the usual case of an unchanged table, which then needs no
// map: a renamed_from cannot apply, as its old name is still declared.
// It returns nil otherwise.
func sameNames[T any](olds, curs []T, names func(T) (name, from string)) []pair[T] {
	if len(olds) != len(curs) || len(olds) == 0 {
		return nil
	}
	for i := range olds {
		o, _ := names(olds[i])
		c, _ := names(curs[i])
		if o != c {
			return nil
		}
	}
	pairs := make([]pair[T], len(olds))
	for i := range olds {
		pairs[i] = pair[T]{olds[i], curs[i]}
	}
	return pairs
}
