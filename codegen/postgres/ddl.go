package postgres

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// DDL is the DDL of one schema cut into its objects, each rendered exactly
// as Schema writes it: Schema writes them all, the migration planner
// (package migrate) the ones a change needs. A DDL is not safe for
// concurrent use.
type DDL struct {
	s       *model.Schema
	renames Renames
	names   *naming // shared with the DDLs Renamed returns
}

// Renames gives tables and columns other names in the DDL than their own;
// missing entries keep their own names.
type Renames struct {
	Tables  map[*model.Table]string
	Columns map[*model.Column]string
}

// NewDDL names the keys and indexes of s, as Schema does; the checks and
// foreign keys of a table are named when first rendered.
func NewDDL(s *model.Schema) *DDL {
	return &DDL{s: s, names: newNaming(s)}
}

// Renamed returns the DDL of the same schema, its constraints and indexes
// keeping their names, with the tables and columns r renames named so. The
// migration planner renders the old schema as it is once its tables and
// columns have their new names, so that an object that differs only by
// those names compares equal to its new version.
func (d *DDL) Renamed(r Renames) *DDL { return &DDL{s: d.s, renames: r, names: d.names} }

// tableName is the name of t in the DDL, unquoted.
func (d *DDL) tableName(t *model.Table) string {
	if n, ok := d.renames.Tables[t]; ok {
		return n
	}
	return t.Name
}

// columnName is the name of c in the DDL, unquoted.
func (d *DDL) columnName(c *model.Column) string {
	if n, ok := d.renames.Columns[c]; ok {
		return n
	}
	return c.Name
}

// TableName is the quoted name of t.
func (d *DDL) TableName(t *model.Table) string { return QuoteIdent(d.tableName(t)) }

// ColumnName is the quoted name of c.
func (d *DDL) ColumnName(c *model.Column) string { return QuoteIdent(d.columnName(c)) }

// columnList is the quoted names of cols in parentheses.
func (d *DDL) columnList(cols []*model.Column) string {
	var b strings.Builder
	b.Grow(16 * len(cols))
	b.WriteByte('(')
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(d.ColumnName(c))
	}
	b.WriteByte(')')
	return b.String()
}

// Kind is the kind of an Object.
type Kind int

// The kinds of objects a table has besides its columns.
const (
	PrimaryKey Kind = iota + 1
	Unique          // a unique constraint
	Check           // a check constraint, of a column or of the table
	ForeignKey
	Index // an index, or the unique index of a partial unique key
	Policy
	Trigger
)

// Object is a named object of a table: a constraint, an index, a row-level
// security policy or a trigger.
type Object struct {
	Kind  Kind
	Table string // the quoted name of its table
	Name  string // its name, unquoted
	// Def is the definition after the name: "PRIMARY KEY (id)",
	// "CHECK (n > 0)", "FOREIGN KEY (a_id) REFERENCES a (id)",
	// "ON t (a) WHERE b", "ON t FOR ALL USING (...) WITH CHECK (...)",
	// "BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION ...".
	Def string
	// UniqueIndex marks the index of a partial unique key.
	UniqueIndex bool
	// Source is what declares the object: a *model.Key (primary key, unique
	// key), a check's *model.Expr, a *model.ForeignKey, a *model.Index, or
	// the *model.Table of a policy or trigger.
	Source any
	// Doc is the doc comment of the clause that declares it.
	Doc string
}

// Comment is the statement that sets o's comment to doc, or removes it
// when doc is empty: COMMENT ON INDEX for an index, COMMENT ON CONSTRAINT
// for a constraint; "" for a policy or trigger, which have no doc.
func (o Object) Comment(doc string) string {
	switch o.Kind {
	case Index:
		return CommentOn("INDEX", QuoteIdent(o.Name), doc)
	case Policy, Trigger:
		return ""
	}
	return CommentOn("CONSTRAINT", QuoteIdent(o.Name)+" ON "+o.Table, doc)
}

// Create is the statement that creates the object; concurrently builds an
// index with CREATE INDEX CONCURRENTLY and is ignored for other kinds.
func (o Object) Create(concurrently bool) string {
	var b strings.Builder
	o.writeCreate(&b, concurrently)
	return b.String()
}

func (o Object) writeCreate(b *strings.Builder, concurrently bool) {
	switch o.Kind {
	case Index:
		b.WriteString("CREATE ")
		if o.UniqueIndex {
			b.WriteString("UNIQUE ")
		}
		b.WriteString("INDEX ")
		if concurrently {
			b.WriteString("CONCURRENTLY ")
		}
	case Policy:
		b.WriteString("CREATE POLICY ")
	case Trigger:
		b.WriteString("CREATE TRIGGER ")
	default:
		b.WriteString("ALTER TABLE ")
		b.WriteString(o.Table)
		b.WriteString(" ADD ")
		o.writeConstraint(b)
		b.WriteByte(';')
		return
	}
	b.WriteString(QuoteIdent(o.Name))
	b.WriteByte(' ')
	b.WriteString(o.Def)
	b.WriteByte(';')
}

// writeConstraint writes the constraint as a table element:
// CONSTRAINT name def.
func (o Object) writeConstraint(b *strings.Builder) {
	b.WriteString("CONSTRAINT ")
	b.WriteString(QuoteIdent(o.Name))
	b.WriteByte(' ')
	b.WriteString(o.Def)
}
