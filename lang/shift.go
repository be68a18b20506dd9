package lang

// A shift deep-copies a parsed table-body line to another offset: every
// position moves by the shift, every node is new, and strings and string
// slices are shared (nothing mutates them). The line cache (linecache.go)
// uses it to place a line parsed at offset 0. Each AST type of a body line
// has its method here; TestShiftCopiesEveryNode checks that none is missed.
type shift int

func (d shift) node(n Node) Node {
	n.Pos.Offset += int(d)
	n.Pos.Line += int(d) // the end offset of the previous token (see Node)
	n.EndPos.Offset += int(d)
	n.EndPos.Line += int(d)
	return n
}

func (d shift) ident(id *Ident) *Ident {
	if id == nil {
		return nil
	}
	return &Ident{Name: id.Name, Start: id.Start + int(d), End: id.End + int(d)}
}

func (d shift) idents(ids []*Ident) []*Ident {
	if ids == nil {
		return nil
	}
	out := make([]*Ident, len(ids))
	for i, id := range ids {
		out[i] = d.ident(id)
	}
	return out
}

// each copies a slice of nodes with copy.
func each[T any](s []*T, copy func(*T) *T) []*T {
	if s == nil {
		return nil
	}
	out := make([]*T, len(s))
	for i, x := range s {
		out[i] = copy(x)
	}
	return out
}

func (d shift) element(e *Element) *Element {
	if e == nil {
		return nil
	}
	return &Element{PK: d.columnList(e.PK), Unique: d.unique(e.Unique), Index: d.index(e.Index),
		FK: d.fk(e.FK), Check: d.expr(e.Check), Column: d.column(e.Column)}
}

func (d shift) columnList(l *ColumnList) *ColumnList {
	if l == nil {
		return nil
	}
	return &ColumnList{Node: d.node(l.Node), Columns: d.idents(l.Columns)}
}

func (d shift) unique(u *UniqueClause) *UniqueClause {
	if u == nil {
		return nil
	}
	return &UniqueClause{Node: d.node(u.Node), Columns: d.columnList(u.Columns), Where: d.expr(u.Where)}
}

func (d shift) index(ix *IndexClause) *IndexClause {
	if ix == nil {
		return nil
	}
	return &IndexClause{Node: d.node(ix.Node), Name: d.ident(ix.Name), Columns: each(ix.Columns, d.indexColumn),
		Using: d.ident(ix.Using), Include: d.columnList(ix.Include), Where: d.expr(ix.Where)}
}

func (d shift) indexColumn(c *IndexColumn) *IndexColumn {
	return &IndexColumn{Node: d.node(c.Node), Column: d.ident(c.Column), Order: c.Order}
}

func (d shift) fk(fk *FKClause) *FKClause {
	if fk == nil {
		return nil
	}
	return &FKClause{Node: d.node(fk.Node), Columns: d.columnList(fk.Columns), Table: d.ident(fk.Table),
		RefColumns: d.columnList(fk.RefColumns), Actions: each(fk.Actions, d.action)}
}

func (d shift) column(c *Column) *Column {
	if c == nil {
		return nil
	}
	return &Column{Node: d.node(c.Node), Name: d.ident(c.Name), Type: d.typeName(c.Type), Nullable: c.Nullable, Attrs: each(c.Attrs, d.attr)}
}

func (d shift) typeName(t *TypeName) *TypeName {
	if t == nil {
		return nil
	}
	return &TypeName{Node: d.node(t.Node), Name: d.ident(t.Name), Args: t.Args, Array: t.Array}
}

func (d shift) attr(a *Attr) *Attr {
	return &Attr{Node: d.node(a.Node), Default: d.expr(a.Default), Ref: d.reference(a.Ref), PK: a.PK, Unique: a.Unique,
		Check: d.expr(a.Check), PII: a.PII, RenamedFrom: d.ident(a.RenamedFrom)}
}

func (d shift) reference(r *Reference) *Reference {
	if r == nil {
		return nil
	}
	return &Reference{Node: d.node(r.Node), Table: d.ident(r.Table), Column: d.ident(r.Column), Actions: each(r.Actions, d.action)}
}

func (d shift) action(a *Action) *Action {
	return &Action{Node: d.node(a.Node), Event: a.Event, Do: a.Do, Columns: d.columnList(a.Columns)}
}

func (d shift) expr(e *Expr) *Expr {
	if e == nil {
		return nil
	}
	return &Expr{Node: d.node(e.Node), First: d.term(e.First), Rest: each(e.Rest, d.opTerm)}
}

func (d shift) opTerm(o *OpTerm) *OpTerm {
	return &OpTerm{Node: d.node(o.Node), Op: o.Op, Term: d.term(o.Term)}
}

func (d shift) term(t *Term) *Term {
	if t == nil {
		return nil
	}
	return &Term{Node: d.node(t.Node), Prefix: t.Prefix, Primary: d.primary(t.Primary),
		Casts: each(t.Casts, d.typeName), Postfix: each(t.Postfix, d.postfix)}
}

func (d shift) postfix(p *Postfix) *Postfix {
	out := &Postfix{Node: d.node(p.Node)}
	if p.IsNull != nil {
		out.IsNull = &IsNull{Node: d.node(p.IsNull.Node), Not: p.IsNull.Not}
	}
	if p.In != nil {
		out.In = &InList{Node: d.node(p.In.Node), Not: p.In.Not, List: each(p.In.List, d.expr)}
	}
	return out
}

func (d shift) primary(p *Primary) *Primary {
	if p == nil {
		return nil
	}
	out := &Primary{Node: d.node(p.Node), Name: d.ident(p.Name), Number: p.Number, String: p.String, Paren: d.expr(p.Paren), Raw: p.Raw}
	if p.Call != nil {
		out.Call = &Call{Node: d.node(p.Call.Node), Func: d.ident(p.Call.Func), Args: each(p.Call.Args, d.expr)}
	}
	return out
}
