package postgres

import "github.com/dbspec/dbspec/lang/model"

// indexes writes the partial unique keys of t, which PostgreSQL has only
// as unique indexes, and then its indexes.
func (g *generator) indexes(t *model.Table) {
	table := QuoteIdent(t.Name)
	for _, k := range t.Uniques {
		if k.Where != nil && len(k.Columns) > 0 {
			g.write("CREATE UNIQUE INDEX ", QuoteIdent(g.uniqueName(t, k)), " ON ", table, " ")
			g.columnList(k.Columns)
			g.write(" WHERE ")
			g.expr(t, k.Where)
			g.line(";")
		}
	}
	for _, ix := range t.Indexes {
		if len(ix.Columns) == 0 {
			continue // unresolved: the model reports it
		}
		name := ix.Name
		if name == "" {
			cols := make([]string, len(ix.Columns))
			for i, ic := range ix.Columns {
				cols[i] = ic.Column.Name
			}
			name = g.relations.take(model.IndexName(t.Name, cols), t.Name, cols, "idx")
		}
		g.write("CREATE INDEX ", QuoteIdent(name), " ON ", table)
		if ix.Using != "" && ix.Using != "btree" {
			g.write(" USING ", ix.Using)
		}
		g.write(" (")
		for i, ic := range ix.Columns {
			if i > 0 {
				g.write(", ")
			}
			g.write(QuoteIdent(ic.Column.Name))
			if ic.Desc {
				g.write(" DESC")
			}
		}
		g.write(")")
		if len(ix.Include) > 0 {
			g.write(" INCLUDE ")
			g.columnList(ix.Include)
		}
		if ix.Where != nil {
			g.write(" WHERE ")
			g.expr(t, ix.Where)
		}
		g.line(";")
	}
}
