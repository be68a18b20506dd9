package migrate

import (
	"slices"

	"github.com/dbspec/dbspec/lang/model"
)

// rename is a change of name: of a table, a column, a constraint, an
// index, a policy, a trigger or a sequence.
type rename struct {
	phase phase
	// space is the namespace the names are unique in: "" for relations
	// (tables, indexes, sequences, and the primary and unique keys, whose
	// indexes take their names), or the kind and table of the others.
	space    string
	from, to string
	sql      func(from, to string) string // the statement
}

// rename plans a rename; addRenames orders them.
func (p *planner) rename(ph phase, space, from, to string, sql func(from, to string) string) {
	p.renames = append(p.renames, rename{ph, space, from, to, sql})
}

// addRenames adds the renames as steps, ordered so that no name is taken
// when something is renamed to it: a rename to a name that another rename
// frees comes after that one (a to a_1 after a_1 to a_2). A cycle of
// renames (a to b and b to a) is broken by moving one of them out of the
// way first, to <name>_dbspec_tmp.
func (p *planner) addRenames() {
	pending := p.renames
	for len(pending) > 0 {
		next := slices.IndexFunc(pending, func(r rename) bool {
			return !slices.ContainsFunc(pending, func(o rename) bool { return o.space == r.space && o.from == r.to })
		})
		if next < 0 {
			r := &pending[0]
			tmp := model.TruncatedName(r.from + "_dbspec_tmp")
			p.add(r.phase, r.sql(r.from, tmp), r.sql(tmp, r.from))
			r.from = tmp
			continue
		}
		r := pending[next]
		p.add(r.phase, r.sql(r.from, r.to), r.sql(r.to, r.from))
		pending = slices.Delete(pending, next, next+1)
	}
	p.renames = nil
}
