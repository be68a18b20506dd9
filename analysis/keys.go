package analysis

import "github.com/dbspec/dbspec/lang/model"

// keyColumns lists the column sequences of t's primary key, unique keys and
// indexes, in that order, leaving out the partial ones (with a where
// predicate): they hold only some rows, so they serve neither a foreign
// key's checks nor every lookup.
func keyColumns(t *model.Table) [][]*model.Column {
	var out [][]*model.Column
	if t.PrimaryKey != nil {
		out = append(out, t.PrimaryKey.Columns)
	}
	for _, u := range t.Uniques {
		if u.Where == nil {
			out = append(out, u.Columns)
		}
	}
	for _, ix := range t.Indexes {
		if ix.Where != nil {
			continue
		}
		cols := make([]*model.Column, len(ix.Columns))
		for i, c := range ix.Columns {
			cols[i] = c.Column
		}
		out = append(out, cols)
	}
	return out
}

// leadsKey reports whether cols, in any order, are the leading columns of t's
// primary key, of a unique key or of an index, not partial: an index that
// can serve every lookup by them.
func leadsKey(t *model.Table, cols ...*model.Column) bool {
	for _, key := range keyColumns(t) {
		if len(key) >= len(cols) && sameSet(key[:len(cols)], cols) {
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
