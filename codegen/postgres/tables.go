package postgres

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// Column is the definition of a column.
type Column struct {
	Source  *model.Column
	Name    string // quoted
	Type    string // as ColumnType gives it
	NotNull bool   // declared NOT NULL
	Default string // the default expression, or ""
}

// Definition is the column as ALTER TABLE ... ADD COLUMN takes it: name,
// type, NOT NULL and DEFAULT, without its checks, which are constraints.
func (c Column) Definition() string {
	var b strings.Builder
	b.WriteString(c.Name + " " + c.Type)
	c.writeConstraints(&b, " ")
	return b.String()
}

// writeConstraints writes NOT NULL and the default, each after pad.
func (c Column) writeConstraints(b *strings.Builder, pad string) {
	if c.NotNull {
		b.WriteString(pad)
		b.WriteString("NOT NULL")
		pad = " "
	}
	if c.Default != "" {
		b.WriteString(pad)
		b.WriteString("DEFAULT ")
		b.WriteString(c.Default)
	}
}

// Columns are the columns of t, except those with a syntax error.
func (d *DDL) Columns(t *model.Table) []Column {
	cols := make([]Column, 0, len(t.Columns))
	for _, c := range t.Columns {
		if !c.Incomplete {
			cols = append(cols, d.Column(c))
		}
	}
	return cols
}

// Column is the definition of column c.
func (d *DDL) Column(c *model.Column) Column {
	col := Column{Source: c, Name: d.ColumnName(c), Type: ColumnType(d.s, c), NotNull: !c.Nullable}
	if c.Default != nil {
		col.Default = d.Expr(c.Table, c.Default)
	}
	return col
}

// Constraints are the primary key, unique and check constraints of t, in
// the order CREATE TABLE has them: the checks of each column, the primary
// key, the unique keys that are not partial, the table's checks. Partial
// unique keys are indexes (Indexes) and foreign keys come apart
// (ForeignKeys).
func (d *DDL) Constraints(t *model.Table) []Object {
	var out []Object
	for _, c := range t.Columns {
		if !c.Incomplete {
			for _, e := range c.Checks {
				out = append(out, d.check(t, e))
			}
		}
	}
	return append(out, d.tableConstraints(t)...)
}

// tableConstraints are the constraints CREATE TABLE lists after the
// columns: the primary key, the unique keys that are not partial, the
// table's checks.
func (d *DDL) tableConstraints(t *model.Table) []Object {
	var out []Object
	if pk := t.PrimaryKey; pk != nil && len(pk.Columns) > 0 {
		out = append(out, Object{Kind: PrimaryKey, Table: d.TableName(t), Name: d.names.of[pk],
			Def: "PRIMARY KEY " + d.columnList(pk.Columns), Source: pk, Doc: pk.Doc})
	}
	for _, k := range t.Uniques {
		if k.Where == nil && len(k.Columns) > 0 {
			out = append(out, Object{Kind: Unique, Table: d.TableName(t), Name: d.names.of[k],
				Def: "UNIQUE " + d.columnList(k.Columns), Source: k, Doc: k.Doc})
		}
	}
	for _, e := range t.Checks {
		out = append(out, d.check(t, e))
	}
	return out
}

func (d *DDL) check(t *model.Table, e *model.Expr) Object {
	return Object{Kind: Check, Table: d.TableName(t), Name: d.names.name(t, e), Def: "CHECK (" + d.Expr(t, e) + ")", Source: e, Doc: e.Doc}
}

// ForeignKeys are the foreign keys of t that name their target completely.
func (d *DDL) ForeignKeys(t *model.Table) []Object {
	var out []Object
	for _, fk := range t.ForeignKeys {
		if !d.s.Resolved(fk) {
			continue
		}
		def := "FOREIGN KEY " + d.columnList(fk.Columns) + " REFERENCES " + d.TableName(d.s.RefTable(fk)) + " " + d.columnList(d.s.RefColumns(fk))
		if fk.OnDelete != "" {
			def += " ON DELETE " + strings.ToUpper(fk.OnDelete)
			if len(fk.SetColumns) > 0 {
				def += " " + d.columnList(fk.SetColumns)
			}
		}
		if fk.OnUpdate != "" {
			def += " ON UPDATE " + strings.ToUpper(fk.OnUpdate)
		}
		out = append(out, Object{Kind: ForeignKey, Table: d.TableName(t), Name: d.names.name(t, fk), Def: def, Source: fk, Doc: fk.Doc})
	}
	return out
}

// Table is the DDL of one table as Schema writes it: CREATE TABLE with its
// columns, primary key, unique and check constraints, then its indexes,
// comments, updated_at trigger and row-level security, each statement on
// its own line(s), each line ending in a line break. Its foreign keys are
// not part of it (ForeignKeys).
func (d *DDL) Table(t *model.Table) string {
	var b strings.Builder
	d.writeTable(&b, t)
	return b.String()
}

func (d *DDL) writeTable(b *strings.Builder, t *model.Table) {
	constraints := d.writeCreateTable(b, t)
	indexes := d.Indexes(t)
	for _, o := range indexes {
		o.writeCreate(b, false)
		b.WriteByte('\n')
	}
	d.writeTableComments(b, t)
	for _, o := range append(constraints, indexes...) {
		writeComment(b, o)
	}
	if o, ok := d.Trigger(t); ok {
		o.writeCreate(b, false)
		b.WriteByte('\n')
	}
	if d.s.IsTenant(t) {
		b.WriteString(RowLevelSecurity(d.TableName(t)))
		for _, o := range d.Policies(t) {
			o.writeCreate(b, false)
			b.WriteByte('\n')
		}
	}
}

// CreateTable is the CREATE TABLE statement of t, with its columns and
// table constraints; its indexes, foreign keys and policies are separate
// statements.
func (d *DDL) CreateTable(t *model.Table) string {
	var b strings.Builder
	d.writeCreateTable(&b, t)
	return b.String()
}

// writeCreateTable writes the CREATE TABLE statement of t and returns the
// table constraints it lists.
func (d *DDL) writeCreateTable(b *strings.Builder, t *model.Table) []Object {
	cols := d.Columns(t)
	nameWidth, typeWidth := 0, 0
	for _, c := range cols {
		nameWidth, typeWidth = max(nameWidth, len(c.Name)), max(typeWidth, len(c.Type))
	}
	b.WriteString("CREATE TABLE " + d.TableName(t) + " (\n")
	sep := "  "
	next := func() { b.WriteString(sep); sep = ",\n  " }
	for _, c := range cols {
		next()
		b.WriteString(c.Name)
		b.WriteString(spaces(nameWidth - len(c.Name) + 1))
		b.WriteString(c.Type)
		pad := spaces(typeWidth - len(c.Type) + 1)
		c.writeConstraints(b, pad)
		if c.NotNull || c.Default != "" {
			pad = " "
		}
		for _, e := range c.Source.Checks {
			b.WriteString(pad)
			d.check(t, e).writeConstraint(b)
			pad = " "
		}
	}
	constraints := d.tableConstraints(t)
	for _, o := range constraints {
		next()
		o.writeConstraint(b)
	}
	b.WriteString("\n);\n")
	return constraints
}

// writeComment writes the comment of o on a line of its own, when its
// clause has a doc comment.
func writeComment(b *strings.Builder, o Object) {
	if o.Doc != "" {
		b.WriteString(o.Comment(o.Doc))
		b.WriteByte('\n')
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
