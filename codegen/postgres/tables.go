package postgres

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// table writes the statements of one table: CREATE TABLE with its columns,
// primary key, unique and check constraints, then its indexes, comments,
// trigger and row-level security. Foreign keys come later (foreignKeys).
func (g *generator) table(t *model.Table) {
	type col struct {
		c         *model.Column
		name, typ string
	}
	var cols []col
	nameWidth, typeWidth := 0, 0
	for _, c := range t.Columns {
		if !c.Incomplete {
			cc := col{c, QuoteIdent(c.Name), ColumnType(c.Type)}
			nameWidth, typeWidth = max(nameWidth, len(cc.name)), max(typeWidth, len(cc.typ))
			cols = append(cols, cc)
		}
	}
	g.line("CREATE TABLE ", QuoteIdent(t.Name), " (")
	sep := "  "
	next := func() { g.write(sep); sep = ",\n  " }
	for _, c := range cols {
		next()
		g.column(t, c.c, c.name, c.typ, nameWidth, typeWidth)
	}
	if pk := t.PrimaryKey; pk != nil && len(pk.Columns) > 0 {
		next()
		g.write("CONSTRAINT ", QuoteIdent(g.keyName(model.PrimaryKeyName(t.Name), t, nil, "pkey")), " PRIMARY KEY ")
		g.columnList(pk.Columns)
	}
	for _, k := range t.Uniques {
		if k.Where == nil && len(k.Columns) > 0 {
			next()
			g.write("CONSTRAINT ", QuoteIdent(g.uniqueName(t, k)), " UNIQUE ")
			g.columnList(k.Columns)
		}
	}
	for _, e := range t.Checks {
		next()
		g.check(t, e)
	}
	g.line("\n);")
	g.indexes(t)
	g.tableComments(t)
	g.updatedAtTrigger(t)
	g.rowLevelSecurity(t)
}

// column writes the definition of column c, its quoted name and SQL type
// padded to the given widths.
func (g *generator) column(t *model.Table, c *model.Column, name, typ string, nameWidth, typeWidth int) {
	g.write(name, spaces(nameWidth-len(name)+1), typ)
	pad := spaces(typeWidth - len(typ) + 1)
	if !c.Nullable {
		g.write(pad, "NOT NULL")
		pad = " "
	}
	if c.Default != nil {
		g.write(pad, "DEFAULT ")
		g.expr(t, c.Default)
		pad = " "
	}
	for _, e := range c.Checks {
		g.write(pad)
		g.check(t, e)
		pad = " "
	}
}

// spaces returns n spaces.
func spaces(n int) string {
	const s = "                                                                "
	if n <= len(s) {
		return s[:n]
	}
	return strings.Repeat(" ", n)
}

// check writes a named check constraint. Its name lists the columns the
// expression names, as model.CheckName asks.
func (g *generator) check(t *model.Table, e *model.Expr) {
	var cols []string
	e.Syntax.Names(func(id *lang.Ident) {
		if t.Column(id.Name) != nil && !slices.Contains(cols, id.Name) {
			cols = append(cols, id.Name)
		}
	})
	g.write("CONSTRAINT ", QuoteIdent(g.constraintName(model.CheckName(t.Name, cols), t, cols, "check")), " CHECK (")
	g.expr(t, e)
	g.write(")")
}

func (g *generator) uniqueName(t *model.Table, k *model.Key) string {
	cols := columnNames(k.Columns)
	return g.keyName(model.UniqueName(t.Name, cols), t, cols, "key")
}

// foreignKeys adds every foreign key of the schema, in table order.
func (g *generator) foreignKeys() {
	first := true
	for _, t := range g.s.Tables {
		for _, fk := range t.ForeignKeys {
			if fk.RefTable == nil || len(fk.Columns) == 0 || len(fk.Columns) != len(fk.RefColumns) {
				continue // unresolved: the model reports it
			}
			if first {
				g.line("")
				first = false
			}
			cols := columnNames(fk.Columns)
			name := g.constraintName(model.ForeignKeyName(t.Name, cols), t, cols, "fkey")
			g.write("ALTER TABLE ", QuoteIdent(t.Name), " ADD CONSTRAINT ", QuoteIdent(name), " FOREIGN KEY ")
			g.columnList(fk.Columns)
			g.write(" REFERENCES ", QuoteIdent(fk.RefTable.Name), " ")
			g.columnList(fk.RefColumns)
			if fk.OnDelete != "" {
				g.write(" ON DELETE ", strings.ToUpper(fk.OnDelete))
			}
			if fk.OnUpdate != "" {
				g.write(" ON UPDATE ", strings.ToUpper(fk.OnUpdate))
			}
			g.line(";")
		}
	}
}
