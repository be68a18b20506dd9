package migrate

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
)

// planColumns plans the columns of the tables that stay: dropped, renamed,
// retyped, added, their defaults and NOT NULL. A column's checks, keys and
// comment are planned with the other constraints (planObjects) and comments
// (planComments).
func (p *planner) planColumns() {
	for i := range p.tables {
		for _, cp := range p.tables[i].cols {
			if !cp.old.Type.Equal(cp.new.Type) {
				p.retype(cp, directions{true, true})
			}
		}
	}
	for i := range p.tables {
		tp := &p.tables[i]
		oldTable, newTable := p.od.TableName(tp.old), p.nd.TableName(tp.new)
		for _, c := range tp.dropped {
			p.add(phaseDropColumns, "ALTER TABLE "+oldTable+" DROP COLUMN "+p.od.ColumnName(c)+";",
				cannotRestore("column "+tp.old.Name+"."+c.Name)+"\n"+addColumn(oldTable, p.od.Column(c)))
		}
		for _, cp := range tp.cols {
			p.changeColumn(tp, cp)
		}
		for _, c := range tp.added {
			p.add(phaseAddColumns, addColumn(newTable, p.nd.Column(c)), "ALTER TABLE "+newTable+" DROP COLUMN "+p.nd.ColumnName(c)+";")
		}
	}
}

// addColumn adds column c to table, with its comment. A column NOT NULL
// without a default (or serial's implicit one) is added nullable, to be
// filled in where the comment says, and then set NOT NULL, as the rows a
// table has would break NOT NULL at once.
func addColumn(table string, c postgres.Column) string {
	var b strings.Builder
	add := c
	backfill := c.NotNull && c.Default == "" && !isSerial(c.Source.Type)
	if backfill {
		add.NotNull = false
	}
	b.WriteString("ALTER TABLE " + table + " ADD COLUMN " + add.Definition() + ";")
	if backfill {
		b.WriteString("\n-- backfill " + c.Source.Name + " here\n")
		b.WriteString("ALTER TABLE " + table + " ALTER COLUMN " + c.Name + " SET NOT NULL;")
	}
	if c.Source.Doc != "" {
		b.WriteString("\n" + postgres.CommentOn("COLUMN", table+"."+c.Name, c.Source.Doc))
	}
	return b.String()
}

// changeColumn plans the changes of a column that stays.
func (p *planner) changeColumn(tp *tablePair, cp colPair) {
	// A type change drops the default first, which might not cast to the
	// new type, and sets it again after; so does an enum re-created under a
	// default that casts to it, as PostgreSQL cannot drop the old type while
	// the default depends on it.
	r := p.retyped[cp.new]
	reset := r.or(p.forcedDefault(p.old, tp.old, cp.old)).or(p.forcedDefault(p.new, tp.new, cp.new))
	if cp.old.Name == cp.new.Name && !tp.renamed() && !reset.any() &&
		notNull(cp.old) == notNull(cp.new) && sameText(cp.old.Default, cp.new.Default) {
		return // nothing changes: no need to render it
	}
	old, new := p.ov.Column(cp.old), p.nd.Column(cp.new) // old with the new names
	table := p.nd.TableName(tp.new)
	alter := "ALTER TABLE " + table + " ALTER COLUMN " + new.Name
	if cp.old.Name != cp.new.Name {
		p.rename(phaseRenameColumns, "column "+tp.new.Name, cp.old.Name, cp.new.Name, func(from, to string) string {
			return "ALTER TABLE " + table + " RENAME COLUMN " + postgres.QuoteIdent(from) + " TO " + postgres.QuoteIdent(to) + ";"
		})
	}
	if isSerial(cp.old.Type) && isSerial(cp.new.Type) && (tp.renamed() || cp.old.Name != cp.new.Name) {
		p.rename(phaseRenameObjects, "", serialSequence(tp.old.Name, cp.old.Name), serialSequence(tp.new.Name, cp.new.Name),
			func(from, to string) string {
				return "ALTER SEQUENCE " + postgres.QuoteIdent(from) + " RENAME TO " + postgres.QuoteIdent(to) + ";"
			})
	}

	var up, down [3]string // in phaseDropDefaults, phaseAlterTypes, phaseSetDefaults
	setDefault := func(def string) string {
		if def == "" {
			return alter + " DROP DEFAULT;"
		}
		return alter + " SET DEFAULT " + def + ";"
	}
	if reset.up {
		if old.Default != "" {
			up[0] = alter + " DROP DEFAULT;"
		}
		if r.up {
			up[1] = alter + " TYPE " + alterType(p.new, cp.new) + " USING " + cast(new.Name, p.old, cp.old, p.new, cp.new) + ";"
		}
		if new.Default != "" {
			up[2] = setDefault(new.Default)
		}
	} else if old.Default != new.Default {
		up[2] = setDefault(new.Default)
	}
	if reset.down {
		if new.Default != "" {
			down[2] = alter + " DROP DEFAULT;"
		}
		if r.down {
			down[1] = alter + " TYPE " + alterType(p.old, cp.old) + " USING " + cast(new.Name, p.new, cp.new, p.old, cp.old) + ";"
		}
		if old.Default != "" {
			down[0] = setDefault(old.Default)
		}
	} else if old.Default != new.Default {
		down[2] = setDefault(old.Default)
	}
	p.serial(tp, cp, &up, &down)
	p.add(phaseDropDefaults, up[0], down[0])
	p.add(phaseAlterTypes, up[1], down[1])
	p.add(phaseSetDefaults, up[2], down[2])

	if o, n := notNull(cp.old), notNull(cp.new); o != n {
		set, drop := alter+" SET NOT NULL;", alter+" DROP NOT NULL;"
		if n {
			p.add(phaseNullability, set, drop)
		} else {
			p.add(phaseNullability, drop, set)
		}
	}
}

// sameText reports whether two expressions, either possibly nil, are
// written the same.
func sameText(a, b *model.Expr) bool {
	return a == nil && b == nil || a != nil && b != nil && a.Text == b.Text
}

// notNull reports whether c is NOT NULL in the database: declared so, or
// part of the primary key.
func notNull(c *model.Column) bool {
	pk := c.Table.PrimaryKey
	return !c.Nullable || c.PK || pk != nil && slices.Contains(pk.Columns, c)
}

func isSerial(t model.Type) bool { return t.Dims == 0 && (t.Name == "serial" || t.Name == "bigserial") }

// alterType is the type of column c of s in ALTER COLUMN ... TYPE: serial
// and bigserial, which exist only in CREATE TABLE and ADD COLUMN, are
// integer and bigint there; their sequence stays.
func alterType(s *model.Schema, c *model.Column) string {
	if isSerial(c.Type) {
		return map[string]string{"serial": "integer", "bigserial": "bigint"}[c.Type.Name]
	}
	return postgres.ColumnType(s, c)
}

// cast is the USING expression that converts column col from the type of
// column from of schema fromS to that of column to of toS: col::to, or
// col::text::to when either is an enum (text[] for an array), as
// PostgreSQL casts enums to and from text only.
func cast(col string, fromS *model.Schema, from *model.Column, toS *model.Schema, to *model.Column) string {
	if (fromS.EnumOf(from) != nil || toS.EnumOf(to) != nil) && to.Type.Name != "text" {
		return col + "::text" + strings.Repeat("[]", from.Type.Dims) + "::" + alterType(toS, to)
	}
	return col + "::" + alterType(toS, to)
}

// serial adds to the statements of a column's type change (in
// phaseDropDefaults, phaseAlterTypes and phaseSetDefaults) those of its
// sequence when it becomes serial, stops being serial, or changes between
// serial and bigserial: the sequence created, owned by the column, set past
// the column's values and made its default; or the default and the
// sequence dropped; or the sequence's type changed.
func (p *planner) serial(tp *tablePair, cp colPair, up, down *[3]string) {
	was, is := isSerial(cp.old.Type), isSerial(cp.new.Type)
	table, col := p.nd.TableName(tp.new), p.nd.ColumnName(cp.new)
	oldSeq, newSeq := serialSequence(tp.old.Name, cp.old.Name), serialSequence(tp.new.Name, cp.new.Name)
	create := func(seq string, s *model.Schema, c *model.Column) string {
		q := postgres.QuoteIdent(seq)
		return "CREATE SEQUENCE " + q + " AS " + alterType(s, c) + " OWNED BY " + table + "." + col + ";\n" +
			"SELECT setval(" + postgres.QuoteLiteral(q) + ", coalesce(max(" + col + "), 0) + 1, false) FROM " + table + ";\n" +
			"ALTER TABLE " + table + " ALTER COLUMN " + col + " SET DEFAULT nextval(" + postgres.QuoteLiteral(q) + "::regclass);"
	}
	drop := func(seq string) string {
		return "ALTER TABLE " + table + " ALTER COLUMN " + col + " DROP DEFAULT;\nDROP SEQUENCE " + postgres.QuoteIdent(seq) + ";"
	}
	switch {
	case was && is && cp.old.Type.Name != cp.new.Type.Name:
		seq := "ALTER SEQUENCE " + postgres.QuoteIdent(oldSeq) + " AS "
		up[1] = join(up[1], seq+alterType(p.new, cp.new)+";")
		down[1] = join(seq+alterType(p.old, cp.old)+";", down[1])
	case was && !is:
		up[0], down[0] = join(up[0], drop(oldSeq)), join(create(oldSeq, p.old, cp.old), down[0])
	case !was && is:
		up[2], down[2] = join(up[2], create(newSeq, p.new, cp.new)), join(drop(newSeq), down[2])
	}
}

// join joins two statements with a line break, leaving out an empty one.
func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "\n" + b
}

// serialSequence is the name PostgreSQL gives the sequence of a serial
// column: <table>_<column>_seq, table and column shortened in turn, the
// longer first, until the name fits in 63 bytes (makeObjectName of its
// source).
func serialSequence(table, column string) string {
	const suffix = "_seq"
	avail := model.MaxNameLen - len(suffix) - 1
	t, c := len(table), len(column)
	for t+c > avail {
		if t > c {
			t--
		} else {
			c--
		}
	}
	return clip(table, t) + "_" + clip(column, c) + suffix
}

// clip is the first n bytes of s, less the bytes of a character cut in two.
func clip(s string, n int) string {
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
