package analysis

import (
	"slices"

	"github.com/dbspec/dbspec/lang/model"
)

// junctionKey reports whether t is a pure junction table, which only links
// rows of other tables: apart from the tenant column, the standard
// timestamps and a single-column surrogate primary key, every column is a
// required foreign key column, and there are at least two of them. It also
// returns the natural primary key of such a table: the tenant column, if
// any, then the link columns in column order.
func junctionKey(pass *Pass, t *model.Table) ([]*model.Column, bool) {
	inFK := fkColumns(t)
	var surrogate *model.Column
	if pk := t.PrimaryKey; pk != nil && len(pk.Columns) == 1 && !inFK[pk.Columns[0]] {
		surrogate = pk.Columns[0]
	}
	tenant := tenantColumn(pass, t)
	var key, links []*model.Column
	for _, c := range t.Columns {
		switch {
		case c == tenant:
			key = append(key, c)
		case c == surrogate, slices.Contains(createdNames, c.Name), slices.Contains(updatedNames, c.Name):
		case inFK[c] && !c.Nullable:
			links = append(links, c)
		default:
			return nil, false
		}
	}
	return append(key, links...), len(links) >= 2
}
