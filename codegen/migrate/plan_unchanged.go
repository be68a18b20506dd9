package migrate

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// The planner skips the tables that cannot have changed, most of them in
// the usual plan, without rendering their objects.

// sameDeclaration reports whether the table of tp renders the same objects
// with the same names in both schemas: its declaration, doc comments
// included, is the same text (so no column is renamed, and the table is not
// either, which would change the text of the references to it), the
// tenancy settings its policies read are the same, and its keys and indexes
// get the same names (which depend on the other tables when names collide;
// those of its checks and foreign keys follow). Enums and the targets of foreign keys are checked apart
// (forcesAny, sameForeignKeys).
func (p *planner) sameDeclaration(tp *tablePair) bool {
	return tp.old.Chunk.Text == tp.new.Chunk.Text && p.sameTenancy &&
		slices.Equal(p.od.RelationNames(tp.old), p.nd.RelationNames(tp.new))
}

// sameTenancy reports whether two schemas have the same tenancy settings.
func sameTenancy(old, new *model.Schema) bool {
	var a, b model.Tenancy
	if tn := old.Tenancy(); tn != nil {
		a = *tn
	}
	if tn := new.Tenancy(); tn != nil {
		b = *tn
	}
	return a.Column == b.Column && a.Root == b.Root && a.Setting == b.Setting && a.Bypass == b.Bypass
}

// forcesAny reports whether a check or a key or index predicate of table t
// of s must be re-created for an enum (forcedExpr). Defaults are no
// objects: changeColumn resets those an enum forces.
func (p *planner) forcesAny(s *model.Schema, t *model.Table) bool {
	if len(p.recreated) == 0 {
		return false
	}
	forced := func(e *model.Expr) bool { return e != nil && p.forcedExpr(s, t, e).any() }
	for _, c := range t.Columns {
		if slices.ContainsFunc(c.Checks, forced) {
			return true
		}
	}
	return slices.ContainsFunc(t.Checks, forced) ||
		slices.ContainsFunc(t.Uniques, func(k *model.Key) bool { return forced(k.Where) }) ||
		slices.ContainsFunc(t.Indexes, func(ix *model.Index) bool { return forced(ix.Where) })
}

// forcedExpr says in which directions an expression of table t of s must
// be dropped and created again because an enum it involves is re-created:
// it names a column of the enum, a value of it or casts to it.
func (p *planner) forcedExpr(s *model.Schema, t *model.Table, e *model.Expr) directions {
	var d directions
	if !p.mayInvolve(s, t, e.Text) {
		return d
	}
	e.Syntax.Names(func(id *lang.Ident) {
		if c := t.Column(id.Name); c != nil {
			if en := s.EnumOf(c); en != nil {
				d = d.or(p.recreated[en.Name])
			}
			return
		}
		for _, c := range t.Columns {
			if en := s.EnumOf(c); en != nil && en.Value(id.Name) != nil {
				d = d.or(p.recreated[en.Name])
			}
		}
	})
	e.Syntax.Casts(func(tn *lang.TypeName) { d = d.or(p.recreated[tn.Name.Name]) })
	return d
}

// forcedDefault says in which directions the default of column c of table
// t of s must be dropped and set again because an enum it involves is
// re-created (forcedExpr).
func (p *planner) forcedDefault(s *model.Schema, t *model.Table, c *model.Column) directions {
	if c.Default == nil {
		return directions{}
	}
	return p.forcedExpr(s, t, c.Default)
}

// mayInvolve reports whether an expression of table t of s with the text
// text may involve a re-created enum: whether the text holds the name of
// such an enum, or of a column of t of one or one of its values. The check
// is quick and rules out most expressions before forcedExpr walks them.
func (p *planner) mayInvolve(s *model.Schema, t *model.Table, text string) bool {
	if len(p.recreated) == 0 {
		return false
	}
	for name := range p.recreated {
		if strings.Contains(text, name) {
			return true
		}
	}
	for _, c := range t.Columns {
		en := s.EnumOf(c)
		if en == nil || !p.recreated[en.Name].any() {
			continue
		}
		if strings.Contains(text, c.Name) {
			return true
		}
		for _, v := range en.Values {
			if strings.Contains(text, v.Name) {
				return true
			}
		}
	}
	return false
}

// sameForeignKeys reports whether the foreign keys of tp need nothing:
// the table's declaration is the same (sameDeclaration), each foreign key
// references the table that continues the one it referenced, and neither
// its columns nor those it references change type, nor does its target
// lose a key.
func (p *planner) sameForeignKeys(tp *tablePair, same bool) bool {
	if !same {
		return false
	}
	for i, fk := range tp.old.ForeignKeys {
		nfk := tp.new.ForeignKeys[i]
		ref := p.old.RefTable(fk)
		if ref == nil || p.continues[ref] != p.new.RefTable(nfk) || p.rekeyed[ref] {
			return false
		}
		for _, cols := range [][]*model.Column{fk.Columns, p.old.RefColumns(fk), p.new.RefColumns(nfk)} {
			for _, c := range cols {
				if p.retyped[c].any() {
					return false
				}
			}
		}
	}
	return true
}
