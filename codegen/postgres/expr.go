package postgres

import (
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// exprPrinter prints expressions of one table as SQL from their syntax
// tree: column names quoted where needed, enum members as string literals
// ('todo'), casts to dbspec types in their SQL spelling, raw SQL without its
// backquotes, and everything else as written, one space around binary
// operators. Comments and line breaks inside an expression are dropped.
type exprPrinter struct {
	d *DDL
	t *model.Table
	b *strings.Builder
}

// Expr is the SQL of e, an expression written in the declaration of t.
func (d *DDL) Expr(t *model.Table, e *model.Expr) string {
	var b strings.Builder
	b.Grow(len(e.Text) + 8)
	p := exprPrinter{d: d, t: t, b: &b}
	p.expr(e.Syntax)
	return b.String()
}

func (p *exprPrinter) expr(e *lang.Expr) {
	alone := len(e.Rest) == 0
	p.term(e.First, alone)
	for _, r := range e.Rest {
		for _, op := range r.Op {
			p.b.WriteByte(' ')
			p.b.WriteString(op)
		}
		p.b.WriteByte(' ')
		p.term(r.Term, false)
	}
}

// term prints one operand; alone says the operand is all of its expression.
func (p *exprPrinter) term(t *lang.Term, alone bool) {
	for i, op := range t.Prefix {
		p.b.WriteString(op)
		if op == "not" || i+1 < len(t.Prefix) { // "- -x", not the comment "--x"
			p.b.WriteByte(' ')
		}
	}
	alone = alone && len(t.Prefix) == 0 && len(t.Casts) == 0 && len(t.Postfix) == 0
	p.primary(t.Primary, alone)
	for _, c := range t.Casts {
		p.b.WriteString("::")
		p.b.WriteString(castType(p.d.s, c))
	}
	for _, pf := range t.Postfix {
		switch {
		case pf.IsNull != nil && pf.IsNull.Not:
			p.b.WriteString(" is not null")
		case pf.IsNull != nil:
			p.b.WriteString(" is null")
		default:
			if pf.In.Not {
				p.b.WriteString(" not")
			}
			p.b.WriteString(" in ")
			p.list(pf.In.List)
		}
	}
}

func (p *exprPrinter) primary(pr *lang.Primary, alone bool) {
	switch {
	case pr.Call != nil:
		p.b.WriteString(pr.Call.Func.Name)
		p.list(pr.Call.Args)
	case pr.Name != nil:
		p.name(pr.Name)
	case pr.Number != nil:
		p.b.WriteString(*pr.Number)
	case pr.String != nil:
		p.b.WriteString(*pr.String) // a standard SQL literal as written
	case pr.Paren != nil:
		p.b.WriteByte('(')
		p.expr(pr.Paren)
		p.b.WriteByte(')')
	case pr.Raw != nil:
		raw := strings.TrimSuffix(strings.TrimPrefix(*pr.Raw, "`"), "`")
		if alone {
			p.b.WriteString(raw)
		} else { // an operand: keep it one, whatever its operators
			p.b.WriteString("(" + raw + ")")
		}
	}
}

func (p *exprPrinter) list(es []*lang.Expr) {
	p.b.WriteByte('(')
	for i, e := range es {
		if i > 0 {
			p.b.WriteString(", ")
		}
		p.expr(e)
	}
	p.b.WriteByte(')')
}

// name prints a bare name as the model resolved it: a column, an enum
// member, or else an SQL keyword such as null or current_timestamp.
func (p *exprPrinter) name(id *lang.Ident) {
	at := p.d.s.Loc(model.Site{Chunk: p.t.Chunk, Span: id.Span()})
	var sym model.Symbol
	if occ, ok := p.d.s.SymbolAt(at.File, at.Span.Start); ok && occ.Span.Start == at.Span.Start {
		sym = occ.Symbol
	}
	switch sym := sym.(type) {
	case *model.Column:
		p.b.WriteString(p.d.ColumnName(sym))
	case *model.EnumValue:
		p.b.WriteString(QuoteLiteral(sym.Name))
	default:
		p.b.WriteString(id.Name)
	}
}
