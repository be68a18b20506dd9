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

// reserveNames takes the names the user chose, table names and explicit
// index names, so that generated names give way to them.
func (g *generator) reserveNames() {
	g.constraints = map[*model.Table]namer{}
	for _, t := range g.s.Tables {
		g.relations[t.Name] = true
		g.constraints[t] = namer{}
		for _, ix := range t.Indexes {
			if ix.Name != "" {
				g.relations[ix.Name] = true
			}
		}
	}
}

// keyName names a primary key or unique key of t on cols (suffix pkey or
// key); first is model's name for it. The key's index and, unless it is
// partial, its constraint get the name.
func (g *generator) keyName(first string, t *model.Table, cols []string, suffix string) string {
	name := g.relations.take(first, t.Name, cols, suffix)
	g.constraints[t][name] = true
	return name
}

// constraintName names a check or foreign key of t; first is model's name
// for it.
func (g *generator) constraintName(first string, t *model.Table, cols []string, suffix string) string {
	return g.constraints[t].take(first, t.Name, cols, suffix)
}
