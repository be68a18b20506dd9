package postgres

import (
	"strconv"

	"github.com/dbspec/dbspec/lang/model"
)

// namer hands out names that are unique in one namespace.
type namer map[string]bool

// take returns first, the name model gives the object, unless it is taken;
// then the first free numbered variant <table>_<cols>_<suffix>N, N = 1, 2,
// ..., as PostgreSQL numbers the names it chooses.
func (n namer) take(first, table string, cols []string, suffix string) string {
	name := first
	for i := 1; n[name]; i++ {
		name = model.TruncatedName(model.ObjectName(table, cols, suffix+strconv.Itoa(i)))
	}
	n[name] = true
	return name
}

// naming holds the names of the constraints and indexes of a schema, keyed
// by what declares them: a *model.Key, a *model.Index, a check's
// *model.Expr, a *model.ForeignKey. Tables and indexes (a unique or primary
// key is an index too) share one namespace, so the names of keys and
// indexes are given for all tables at once, in the order Schema writes
// them; table names and the index names the user chose are taken first, so
// that generated names give way to them. The names of constraints are
// unique per table, and a key's constraint and index share its name: the
// checks and foreign keys of a table are named when first needed.
type naming struct {
	s     *model.Schema
	of    map[any]string
	named map[*model.Table]bool // the tables whose constraints are named
}

func newNaming(s *model.Schema) *naming {
	n := &naming{s: s, named: map[*model.Table]bool{}}
	size := 0
	for _, t := range s.Tables {
		size += len(t.Uniques) + len(t.Indexes) + 1
	}
	n.of = make(map[any]string, size)
	relations := namer{}
	for _, t := range s.Tables {
		relations[t.Name] = true
		for _, ix := range t.Indexes {
			if ix.Name != "" {
				relations[ix.Name] = true
			}
		}
	}
	for _, t := range s.Tables {
		if pk := t.PrimaryKey; pk != nil && len(pk.Columns) > 0 {
			n.of[pk] = relations.take(model.PrimaryKeyName(t.Name), t.Name, nil, "pkey")
		}
		unique := func(k *model.Key) {
			cols := model.ColumnNames(k.Columns)
			n.of[k] = relations.take(model.UniqueName(t.Name, cols), t.Name, cols, "key")
		}
		for _, k := range t.Uniques {
			if k.Where == nil && len(k.Columns) > 0 {
				unique(k)
			}
		}
		for _, k := range t.Uniques {
			if k.Where != nil && len(k.Columns) > 0 {
				unique(k)
			}
		}
		for _, ix := range t.Indexes {
			if len(ix.Columns) > 0 && ix.Name == "" {
				cols := make([]string, len(ix.Columns))
				for i, ic := range ix.Columns {
					cols[i] = ic.Column.Name
				}
				n.of[ix] = relations.take(model.IndexName(t.Name, cols), t.Name, cols, "idx")
			}
		}
	}
	return n
}

// name is the name of k, a key, index, check or foreign key of t.
func (n *naming) name(t *model.Table, k any) string {
	if !n.named[t] {
		n.nameConstraints(t)
	}
	return n.of[k]
}

// nameConstraints names the checks and foreign keys of t, after the names
// of its keys, in the order Schema writes them.
func (n *naming) nameConstraints(t *model.Table) {
	cons := namer{}
	n.named[t] = true
	check := func(e *model.Expr) {
		cols := model.CheckColumns(t, e)
		n.of[e] = cons.take(model.CheckName(t.Name, cols), t.Name, cols, "check")
	}
	for _, c := range t.Columns {
		if !c.Incomplete {
			for _, e := range c.Checks {
				check(e)
			}
		}
	}
	key := func(k *model.Key) {
		if name, ok := n.of[k]; ok {
			cons[name] = true
		}
	}
	key(t.PrimaryKey)
	for _, k := range t.Uniques {
		if k.Where == nil {
			key(k)
		}
	}
	for _, e := range t.Checks {
		check(e)
	}
	for _, k := range t.Uniques {
		if k.Where != nil {
			key(k)
		}
	}
	for _, fk := range t.ForeignKeys {
		if n.s.Resolved(fk) {
			cols := model.ColumnNames(fk.Columns)
			n.of[fk] = cons.take(model.ForeignKeyName(t.Name, cols), t.Name, cols, "fkey")
		}
	}
}

// ObjectName is the name the generated SQL gives k, a *model.Key,
// *model.Index, check *model.Expr or *model.ForeignKey of t; "" for an
// index the user named, and for an object the SQL leaves out.
func (d *DDL) ObjectName(t *model.Table, k any) string { return d.names.name(t, k) }

// RelationNames are the names of the primary key, unique keys and indexes
// of t ("" for those the user named, which are part of the declaration),
// in a fixed order. These share a namespace with every table, so they may
// change with the other tables when names collide; the names of the checks
// and foreign keys of a table follow from its declaration and these.
func (d *DDL) RelationNames(t *model.Table) []string {
	out := make([]string, 0, len(t.Uniques)+len(t.Indexes)+1)
	if t.PrimaryKey != nil {
		out = append(out, d.names.of[t.PrimaryKey])
	}
	for _, k := range t.Uniques {
		out = append(out, d.names.of[k])
	}
	for _, ix := range t.Indexes {
		out = append(out, d.names.of[ix])
	}
	return out
}
