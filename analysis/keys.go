package analysis

import "github.com/dbspec/dbspec/lang/model"

// leadsKey reports whether cols, in any order, are the leading columns of
// t's primary key, of a unique key or of an index, leaving out the partial
// ones (with a where predicate): they hold only some rows, so they serve
// neither a foreign key's checks nor every lookup.
func leadsKey(t *model.Table, cols ...*model.Column) bool {
	leads := func(key []*model.Column) bool { return len(key) >= len(cols) && sameSet(key[:len(cols)], cols) }
	if t.PrimaryKey != nil && leads(t.PrimaryKey.Columns) {
		return true
	}
	for _, u := range t.Uniques {
		if u.Where == nil && leads(u.Columns) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Where != nil || len(ix.Columns) < len(cols) {
			continue
		}
		key := make([]*model.Column, len(cols))
		for i := range cols {
			key[i] = ix.Columns[i].Column
		}
		if sameSet(key, cols) {
			return true
		}
	}
	return false
}

func sameSet(a, b []*model.Column) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			return false
		}
	}
	return true
}
