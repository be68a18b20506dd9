package model

// Matching relates two versions of a schema, as the migration planner and
// the migration rules both must, and alike: a table of the new version
// continues the old table its renamed_from names, when the old version has
// it and the new one no longer declares that name (a renamed_from left over
// from an earlier rename must not claim a table that took the old name
// since); otherwise the old table of the same name, unless a rename claimed
// it. Columns of a continued table match the same way.

// Pair is a declaration of the old version and the declaration of the new
// version that continues it.
type Pair[T any] struct{ Old, New T }

// MatchTables pairs the tables of old and new. It returns the pairs in new
// order, the old tables that no new table continues (in old order) and the
// new tables that continue none (in new order).
func MatchTables(old, new *Schema) (pairs []Pair[*Table], dropped, added []*Table) {
	return match(old.Tables, new.Tables, func(t *Table) (string, string) { return t.Name, t.RenamedFrom })
}

// MatchColumns pairs the columns of two versions of a table, as MatchTables
// pairs tables.
func MatchColumns(old, new []*Column) (pairs []Pair[*Column], dropped, added []*Column) {
	return match(old, new, func(c *Column) (string, string) { return c.Name, c.RenamedFrom })
}

// match pairs old and new declarations; names gives a declaration's name
// and renamed_from.
func match[T comparable](olds, news []T, names func(T) (name, from string)) (pairs []Pair[T], dropped, added []T) {
	if same := sameNames(olds, news, names); same != nil {
		return same, nil, nil
	}
	byName := make(map[string]T, len(olds))
	for _, o := range olds {
		name, _ := names(o)
		byName[name] = o
	}
	declared := make(map[string]bool, len(news))
	for _, n := range news {
		name, _ := names(n)
		declared[name] = true
	}
	claimed := make(map[T]bool, len(olds))
	continued := make([]T, len(news))
	var zero T
	claim := func(i int, name string) {
		if o, ok := byName[name]; ok && !claimed[o] && continued[i] == zero {
			continued[i], claimed[o] = o, true
		}
	}
	for i, n := range news { // renames first: they take precedence over a match by name
		if _, from := names(n); from != "" && !declared[from] {
			claim(i, from)
		}
	}
	for i, n := range news {
		name, _ := names(n)
		claim(i, name)
	}
	pairs = make([]Pair[T], 0, len(news))
	for i, n := range news {
		if continued[i] == zero {
			added = append(added, n)
		} else {
			pairs = append(pairs, Pair[T]{continued[i], n})
		}
	}
	for _, o := range olds {
		if !claimed[o] {
			dropped = append(dropped, o)
		}
	}
	return pairs, dropped, added
}

// sameNames pairs olds and news in order when they have the same names in
// the same order, the usual case of an unchanged table, which then needs no
// map: a renamed_from cannot apply, as its old name is still declared. It
// returns nil otherwise.
func sameNames[T any](olds, news []T, names func(T) (name, from string)) []Pair[T] {
	if len(olds) != len(news) || len(olds) == 0 {
		return nil
	}
	for i := range olds {
		o, _ := names(olds[i])
		n, _ := names(news[i])
		if o != n {
			return nil
		}
	}
	pairs := make([]Pair[T], len(olds))
	for i := range olds {
		pairs[i] = Pair[T]{olds[i], news[i]}
	}
	return pairs
}
