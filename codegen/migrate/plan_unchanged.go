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
	return tp.old.Decl.Text == tp.new.Decl.Text && p.sameTenancy &&
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

// forcesAny reports whether a check or index predicate of t must be
// re-created for an enum (forcedExpr). Exprs lists the defaults too: a
// default that names the enum only has the table's objects compared, which
// finds the same.
func (p *planner) forcesAny(t *model.Table) bool {
	if len(p.recreated) == 0 {
		return false
	}
	return slices.ContainsFunc(t.Exprs(), func(e *model.Expr) bool { return p.forcedExpr(t, e).any() })
}

// forcedExpr says in which directions an expression of t must be dropped
// and created again because an enum it involves is re-created: it names a
// column of the enum, a value of it or casts to it.
func (p *planner) forcedExpr(t *model.Table, e *model.Expr) directions {
	var d directions
	if !p.mayInvolve(t, e.Text) {
		return d
	}
	e.Syntax.Names(func(id *lang.Ident) {
		if c := t.Column(id.Name); c != nil {
			if c.Type.Enum != nil {
				d = d.or(p.recreated[c.Type.Enum.Name])
			}
			return
		}
		for _, c := range t.Columns {
			if en := c.Type.Enum; en != nil && en.Value(id.Name) != nil {
				d = d.or(p.recreated[en.Name])
			}
		}
	})
	e.Syntax.Casts(func(tn *lang.TypeName) { d = d.or(p.recreated[tn.Name.Name]) })
	return d
}

// mayInvolve reports whether an expression of t with the text text may
// involve a re-created enum: whether the text holds the name of such an
// enum, or of a column of t of one or one of its values. The check is
// quick and rules out most expressions before forcedExpr walks them.
func (p *planner) mayInvolve(t *model.Table, text string) bool {
	if len(p.recreated) == 0 {
		return false
	}
	for name := range p.recreated {
		if strings.Contains(text, name) {
			return true
		}
	}
	for _, c := range t.Columns {
		en := c.Type.Enum
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
		if fk.RefTable == nil || p.continues[fk.RefTable] != nfk.RefTable || p.rekeyed[fk.RefTable] {
			return false
		}
		for _, cols := range [][]*model.Column{fk.Columns, fk.RefColumns, nfk.RefColumns} {
			for _, c := range cols {
				if p.retyped[c].any() {
					return false
				}
			}
		}
	}
	return true
}
