package postgres

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// Indexes are the indexes of t: first its partial unique keys, which
// PostgreSQL has only as unique indexes, then its index clauses.
func (d *DDL) Indexes(t *model.Table) []Object {
	var out []Object
	table := d.TableName(t)
	for _, k := range t.Uniques {
		if k.Where != nil && len(k.Columns) > 0 {
			out = append(out, Object{Kind: Index, Table: table, Name: d.names.of[k], UniqueIndex: true,
				Def: "ON " + table + " " + d.columnList(k.Columns) + " WHERE " + d.Expr(t, k.Where), Source: k, Doc: k.Doc})
		}
	}
	for _, ix := range t.Indexes {
		if len(ix.Columns) == 0 {
			continue // unresolved: the model reports it
		}
		name := ix.Name
		if name == "" {
			name = d.names.of[ix]
		}
		var b strings.Builder
		b.WriteString("ON " + table)
		if ix.Using != "" && ix.Using != "btree" {
			b.WriteString(" USING " + ix.Using)
		}
		b.WriteString(" (")
		for i, ic := range ix.Columns {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(d.ColumnName(ic.Column))
			if ic.Desc {
				b.WriteString(" DESC")
			}
		}
		b.WriteString(")")
		if len(ix.Include) > 0 {
			b.WriteString(" INCLUDE " + d.columnList(ix.Include))
		}
		if ix.Where != nil {
			b.WriteString(" WHERE " + d.Expr(t, ix.Where))
		}
		out = append(out, Object{Kind: Index, Table: table, Name: name, Def: b.String(), Source: ix, Doc: ix.Doc})
	}
	return out
}
