package migrate

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
)

// planEnums plans the enum types: created before the tables that use them,
// dropped after, their values and comments changed.
//
// Values only added (the old values keep their order among the new ones)
// are added with ALTER TYPE ... ADD VALUE [BEFORE|AFTER], in the
// transaction: PostgreSQL allows that since version 12, but a value added
// in a transaction cannot be used before the transaction commits. So when
// an expression of the schema (a default, a check, an index predicate)
// names an added value, which the same migration then creates, and in any
// other change of the values (a value removed, the values reordered), the
// type is re-created instead, in the transaction: the old type renamed to
// <enum>_dbspec_old, the new one created (a type created in a transaction
// may use all its values at once), each column of the type changed to it
// with USING column::text::enum, and the old type dropped. Re-creating
// rewrites the tables that use the type; to keep the cheap path, seal the
// migration that adds a value before the one that uses it.
//
// A column's default, and the checks and index predicates that name a
// column of the type, one of its values or the type, hold the old type in
// their stored form and would not survive the type change: they are
// dropped before it and added again after (in the transaction, indexes
// included). A value removed from the type must no longer be stored in a
// row: the type change fails otherwise, and migration/enum-value-removed
// warns of it.
//
// Going down is planned the same way from new to old: the values new adds
// are removed by re-creating the type.
func (p *planner) planEnums() {
	for _, e := range p.new.Enums {
		if o := p.old.Enum(e.Name); o != nil {
			p.changeEnum(o, e)
		} else {
			p.add(phaseEnums, postgres.Enum(e), "DROP TYPE "+postgres.QuoteIdent(e.Name)+";")
		}
	}
	for _, o := range p.old.Enums {
		if p.new.Enum(o.Name) == nil {
			p.add(phaseDropEnums, "DROP TYPE "+postgres.QuoteIdent(o.Name)+";", postgres.Enum(o))
		}
	}
}

// changeEnum plans the change of enum o of the old schema into e.
func (p *planner) changeEnum(o, e *model.Enum) {
	oldValues, newValues := o.ValueNames(), e.ValueNames()
	docChanged := o.Doc != e.Doc
	if slices.Equal(oldValues, newValues) {
		if docChanged {
			name := postgres.QuoteIdent(e.Name)
			p.add(phaseEnums, postgres.CommentOn("TYPE", name, e.Doc), postgres.CommentOn("TYPE", name, o.Doc))
		}
		return
	}
	recreate := directions{
		up:   !addsOnly(oldValues, newValues, p.new, e),
		down: !addsOnly(newValues, oldValues, p.old, o),
	}
	name := postgres.QuoteIdent(e.Name)
	tmp := postgres.QuoteIdent(model.TruncatedName(e.Name + "_dbspec_old"))
	create := func(values []string) string {
		return "ALTER TYPE " + name + " RENAME TO " + tmp + ";\n" + postgres.CreateEnum(e.Name, values)
	}
	dropOld := "DROP TYPE " + tmp + ";"
	var up, down [2]string // in phaseEnums and phaseDropEnums
	if recreate.up {
		up = [2]string{create(newValues), dropOld}
	} else {
		up[0] = addValues(name, oldValues, newValues)
	}
	if recreate.down {
		down = [2]string{dropOld, create(oldValues)}
	} else {
		down[1] = addValues(name, newValues, oldValues)
	}
	p.add(phaseEnums, up[0], down[0])
	// A re-created type has lost its comment.
	var upDoc, downDoc string
	if docChanged || recreate.up && e.Doc != "" {
		upDoc = postgres.CommentOn("TYPE", name, e.Doc)
	}
	if docChanged || recreate.down && o.Doc != "" {
		downDoc = postgres.CommentOn("TYPE", name, o.Doc)
	}
	p.add(phaseEnums, upDoc, downDoc)
	p.add(phaseDropEnums, up[1], down[1])
	p.markEnumColumns(e, recreate)
}

// markEnumColumns records that the enum e is re-created in the directions
// recreate, and marks the columns that stay whose type is the enum as
// retyped. Columns added or dropped are created with the new type after it
// exists, or dropped with the old one before it goes.
func (p *planner) markEnumColumns(e *model.Enum, recreate directions) {
	p.recreated[e.Name] = recreate
	for i := range p.tables {
		for _, cp := range p.tables[i].cols {
			if usesEnum(p.old, cp.old, e.Name) || usesEnum(p.new, cp.new, e.Name) {
				p.retype(cp, recreate)
			}
		}
	}
}

// usesEnum reports whether the type of column c of s is the enum named
// name or an array of it.
func usesEnum(s *model.Schema, c *model.Column, name string) bool {
	e := s.EnumOf(c)
	return e != nil && e.Name == name
}

// retype marks the columns of cp as changing type in the directions d.
func (p *planner) retype(cp colPair, d directions) {
	p.retyped[cp.old] = p.retyped[cp.old].or(d)
	p.retyped[cp.new] = p.retyped[cp.new].or(d)
}

// addsOnly reports whether ADD VALUE turns the values from into to: from
// keeps its order in to, and no expression of s, the schema of the enum
// toEnum (which the migration creates), names a value added.
func addsOnly(from, to []string, s *model.Schema, toEnum *model.Enum) bool {
	i := 0
	for _, v := range to {
		if i < len(from) && from[i] == v {
			i++
		} else if len(s.References(toEnum.Value(v))) > 0 {
			return false
		}
	}
	return i == len(from)
}

// addValues adds the values of to that from lacks to the type name, each
// after its predecessor in to, or before the first value of from.
func addValues(name string, from, to []string) string {
	var b strings.Builder
	for i, v := range to {
		if slices.Contains(from, v) {
			continue
		}
		b.WriteString("ALTER TYPE " + name + " ADD VALUE " + postgres.QuoteLiteral(v))
		if i > 0 {
			b.WriteString(" AFTER " + postgres.QuoteLiteral(to[i-1]) + ";\n")
		} else {
			b.WriteString(" BEFORE " + postgres.QuoteLiteral(from[0]) + ";\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
