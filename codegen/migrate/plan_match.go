package migrate

import (
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
)

// tablePair is a table of the old schema and the table of the new one that
// continues it, with their columns matched the same way.
type tablePair struct {
	old, new *model.Table
	cols     []colPair       // in new order
	dropped  []*model.Column // the old columns new has not, in old order
	added    []*model.Column // the new columns old had not, in new order
}

// colPair is a column of the old schema and the one that continues it.
type colPair struct{ old, new *model.Column }

// renamed reports whether the table changes its name.
func (tp *tablePair) renamed() bool { return tp.old.Name != tp.new.Name }

// match pairs the tables of the two schemas, and the columns of each pair.
// A new table continues the old table its renamed_from names, when old has
// it and new does not (a renamed_from left over from an earlier rename must
// not claim a table that took the old name since); otherwise the old table
// of the same name, unless a rename claimed it. Columns match the same way.
// The migration/* rules of package analysis match the same way, so that
// what they report is what the plan does.
func (p *planner) match() {
	pairs, dropped, created := model.MatchTables(p.old, p.new)
	p.dropped, p.created = dropped, created
	p.tables = make([]tablePair, len(pairs))
	p.continues = make(map[*model.Table]*model.Table, len(pairs))
	for i, pr := range pairs {
		p.continues[pr.Old] = pr.New
		cols, gone, added := model.MatchColumns(complete(pr.Old.Columns), complete(pr.New.Columns))
		tp := tablePair{old: pr.Old, new: pr.New, dropped: gone, added: added, cols: make([]colPair, len(cols))}
		for j, c := range cols {
			tp.cols[j] = colPair{c.Old, c.New}
		}
		p.tables[i] = tp
	}
}

// complete leaves out the columns with a syntax error.
func complete(cols []*model.Column) []*model.Column {
	out := cols[:0:0]
	for _, c := range cols {
		if !c.Incomplete {
			out = append(out, c)
		}
	}
	return out
}

// renamed gives the renamed old tables and columns their new names.
func (p *planner) renamed() postgres.Renames {
	r := postgres.Renames{Tables: map[*model.Table]string{}, Columns: map[*model.Column]string{}}
	for _, tp := range p.tables {
		if tp.renamed() {
			r.Tables[tp.old] = tp.new.Name
		}
		for _, cp := range tp.cols {
			if cp.old.Name != cp.new.Name {
				r.Columns[cp.old] = cp.new.Name
			}
		}
	}
	return r
}
