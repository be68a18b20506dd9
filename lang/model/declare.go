package model

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/dbspec/dbspec/lang"
)

// decl is a table or enum declaration resolved from its own text: its
// objects, the errors and references within it, and the names it leaves for
// link to look up in other declarations. Its sites are relative to its
// chunk, so one decl serves every schema in which the chunk is unchanged.
type decl struct {
	chunk    *lang.Chunk
	table    *Table // one of table and enum is set
	enum     *Enum
	findings []finding
	refs     []reference
	types    []typeUse // type names that are not built in
	names    []nameUse // expression names that are not columns of the table
}

// typeUse is a type name that may name an enum.
type typeUse struct {
	name *lang.Ident
	site Site // the whole type, arguments included
	args bool
}

// nameUse is a name in an expression of a table that is none of its
// columns: an enum member, or an error. A default's names are members of
// its column's enum (def); a check's or a predicate's, of any enum its
// table's columns use.
type nameUse struct {
	id  *lang.Ident
	def *Column
}

// declare resolves the declaration of chunk c, a table or an enum.
func declare(c *lang.Chunk) *decl {
	d := &decl{chunk: c}
	if c.Enum != nil {
		d.declareEnum()
	} else {
		d.declareTable()
		d.resolveTable()
	}
	return d
}

func (d *decl) site(s lang.Span) Site { return Site{d.chunk, s} }

func (d *decl) errorf(s lang.Span, rule, format string, args ...any) {
	d.findings = append(d.findings, finding{at: d.site(s), rule: rule, msg: fmt.Sprintf(format, args...)})
}

func (d *decl) errorRelated(s lang.Span, rule string, rel relatedSite, format string, args ...any) {
	d.findings = append(d.findings, finding{at: d.site(s), rule: rule, msg: fmt.Sprintf(format, args...), related: []relatedSite{rel}})
}

func (d *decl) ref(s lang.Span, to Symbol) { d.refs = append(d.refs, reference{d.site(s), to}) }

func (d *decl) declareTable() {
	c := d.chunk
	h := c.Table.Header
	t := &Table{
		Name: h.Name.Name, Site: d.site(h.Name.Span()), Chunk: c, Doc: c.Table.Doc,
	}
	d.table = t
	var seen []string
	for _, m := range h.Modifiers {
		kind := "global"
		if m.Global {
			t.Global = true
		} else {
			kind, t.RenamedFrom = "renamed_from", m.RenamedFrom.Name
		}
		if slices.Contains(seen, kind) {
			d.errorf(m.Span(), "resolve/duplicate-attribute", "table %q has %s twice", t.Name, kind)
		}
		seen = append(seen, kind)
	}
	// One allocation for all the columns.
	n := 0
	for _, line := range c.Table.Lines {
		if line.Element != nil && line.Element.Column != nil || line.Column != nil {
			n++
		}
	}
	block := make([]Column, 0, n)
	t.Columns, t.columns = make([]*Column, 0, n), make(map[string]*Column, n)
	for _, line := range c.Table.Lines {
		switch {
		case line.Element != nil && line.Element.Column != nil:
			col := line.Element.Column
			block = append(block, Column{Name: col.Name.Name, Site: d.site(col.Name.Span()), Syntax: col, Nullable: col.Nullable})
		case line.Column != nil:
			block = append(block, Column{Name: line.Column.Name, Site: d.site(line.Column.Span()), Incomplete: true})
		default:
			continue
		}
		col := &block[len(block)-1]
		col.Table, col.LineSite, col.Doc = t, d.site(line.Span), line.Doc
		if prev := t.columns[col.Name]; prev != nil {
			d.errorRelated(col.Site.Span, "resolve/duplicate-column", relatedSite{prev.Site, "the first one"}, "column %q is declared twice in table %q", col.Name, t.Name)
			continue
		}
		t.Columns = append(t.Columns, col)
		t.columns[col.Name] = col
	}
}

func (d *decl) declareEnum() {
	c := d.chunk
	h := c.Enum.Header
	e := &Enum{
		Name: h.Name.Name, Site: d.site(h.Name.Span()), Chunk: c, Doc: c.Enum.Doc,
		values: map[string]*EnumValue{},
	}
	d.enum = e
	if IsBuiltin(e.Name) || catalogTypes[e.Name] {
		d.errorf(e.Site.Span, "resolve/builtin-type-name", "enum %q has the name of a built-in type, which PostgreSQL finds first: rename it", e.Name)
	}
	for _, v := range c.Enum.Values {
		ev := &EnumValue{Enum: e, Name: v.Name, Site: d.site(v.Span()), Doc: v.Doc}
		if prev := e.values[ev.Name]; prev != nil {
			d.errorRelated(ev.Site.Span, "resolve/duplicate-enum-value", relatedSite{prev.Site, "the first one"}, "value %q appears twice in enum %q", ev.Name, e.Name)
			continue
		}
		e.Values = append(e.Values, ev)
		e.values[ev.Name] = ev
	}
	if len(e.Values) == 0 && len(c.Errors) == 0 {
		d.errorf(e.Site.Span, "resolve/empty-enum", "enum %q has no values", e.Name)
	}
}

// resolveTable resolves column types, attributes and table clauses.
func (d *decl) resolveTable() {
	t := d.table
	for _, c := range t.Columns {
		d.resolveColumn(c)
	}
	for _, line := range d.chunk.Table.Lines {
		el := line.Element
		if el == nil || el.Column != nil {
			continue
		}
		l := d.site(line.Span)
		switch {
		case el.PK != nil:
			cols := d.columns(el.PK.Columns)
			d.setPrimaryKey(&Key{Table: t, Columns: cols, Site: l, Doc: line.Doc, Incomplete: len(cols) != len(el.PK.Columns)})
		case el.Unique != nil:
			cols := d.columns(el.Unique.Columns.Columns)
			t.Uniques = append(t.Uniques, &Key{Table: t, Columns: cols, Where: d.expr(nil, el.Unique.Where), Site: l, Doc: line.Doc,
				Incomplete: len(cols) != len(el.Unique.Columns.Columns)})
		case el.Index != nil:
			d.resolveIndex(el.Index, l, line.Doc)
		case el.FK != nil:
			fk := &ForeignKey{Table: t, Columns: d.columns(el.FK.Columns.Columns), Target: el.FK.Table.Name, Site: l, Doc: line.Doc,
				RefSite: d.site(lang.Span{Start: el.FK.Table.Span().Start, End: el.FK.RefColumns.Span().End}), Actions: el.FK.Actions,
				refCols: el.FK.RefColumns.Columns, target: el.FK.Table}
			fk.Incomplete = len(fk.Columns) != len(el.FK.Columns.Columns)
			d.actions(fk, el.FK.Actions)
			if len(el.FK.Columns.Columns) != len(el.FK.RefColumns.Columns) {
				d.errorf(line.Span, "resolve/column-count-mismatch", "the foreign key has %s but references %s",
					plural(len(el.FK.Columns.Columns), "column"), plural(len(el.FK.RefColumns.Columns), "column"))
			}
			d.addForeignKey(fk)
		case el.Check != nil:
			e := d.expr(nil, el.Check)
			e.Doc = line.Doc
			t.Checks = append(t.Checks, e)
		}
	}
}

func (d *decl) addForeignKey(fk *ForeignKey) {
	fk.index = len(d.table.ForeignKeys)
	d.table.ForeignKeys = append(d.table.ForeignKeys, fk)
}

func (d *decl) resolveColumn(c *Column) {
	t := d.table
	syn := c.Syntax
	if syn == nil {
		return
	}
	c.Type = d.resolveType(syn.Type)
	if n := len(d.types); n > 0 && d.types[n-1].site == c.Type.Site {
		c.enumUse = n
	}
	var seen []string // attribute kinds that may appear once
	for _, a := range syn.Attrs {
		al := d.site(a.Span())
		if kind := a.Kind(); kind != "check" && kind != "->" {
			if slices.Contains(seen, kind) {
				d.errorf(a.Span(), "resolve/duplicate-attribute", "column %q has %s twice", c.Name, kind)
				continue
			}
			seen = append(seen, kind)
		}
		switch {
		case a.PK:
			d.setPrimaryKey(&Key{Table: t, Columns: []*Column{c}, Site: al, FromColumn: true})
			c.PK = true
		case a.Unique:
			c.Unique = true
			t.Uniques = append(t.Uniques, &Key{Table: t, Columns: []*Column{c}, Site: al, FromColumn: true})
		case a.PII:
			c.PII = true
		case a.Default != nil:
			c.Default = d.expr(c, a.Default)
		case a.Check != nil:
			c.Checks = append(c.Checks, d.expr(nil, a.Check))
		case a.Ref != nil:
			fk := &ForeignKey{Table: t, Columns: []*Column{c}, Target: a.Ref.Table.Name, Site: al, FromColumn: true,
				RefSite: d.site(lang.Span{Start: a.Ref.Table.Span().Start, End: a.Ref.Column.Span().End}), Actions: a.Ref.Actions,
				refCols: []*lang.Ident{a.Ref.Column}, target: a.Ref.Table}
			d.actions(fk, a.Ref.Actions)
			d.addForeignKey(fk)
		case a.RenamedFrom != nil:
			c.RenamedFrom = a.RenamedFrom.Name
		}
	}
}

// resolveType normalizes a built-in type; any other name is left for link,
// which looks it up among the enums.
func (d *decl) resolveType(tn *lang.TypeName) Type {
	t := Type{Name: tn.Name.Name, Dims: tn.Dims(), Site: d.site(tn.Span())}
	for _, a := range tn.Args {
		n, err := strconv.Atoi(a)
		if err != nil {
			d.errorf(tn.Span(), "resolve/invalid-type", "type arguments are whole numbers, not %s", a)
		}
		t.Args = append(t.Args, n)
	}
	if b, ok := builtin[t.Name]; ok {
		t.Name = b.name
		if err := checkArgs(tn.Name.Name, b.name, b.maxArgs, t.Args); err != nil {
			d.errorf(tn.Span(), "resolve/invalid-type", "%v", err)
		}
		return t
	}
	d.types = append(d.types, typeUse{name: tn.Name, site: t.Site, args: len(t.Args) > 0})
	return t
}

func (d *decl) setPrimaryKey(k *Key) {
	t := d.table
	if t.PrimaryKey != nil {
		d.errorRelated(k.Site.Span, "resolve/duplicate-primary-key", relatedSite{t.PrimaryKey.Site, "the first primary key"},
			"table %q already has a primary key; for a composite key use pk (a, b)", t.Name)
		return
	}
	t.PrimaryKey = k
}

func (d *decl) resolveIndex(ix *lang.IndexClause, l Site, doc string) {
	t := d.table
	idx := &Index{Table: t, Site: l, Syntax: ix, Where: d.expr(nil, ix.Where), Doc: doc}
	if ix.Name != nil {
		idx.Name = ix.Name.Name
	}
	for _, ic := range ix.Columns {
		if c := d.column(ic.Column); c != nil {
			idx.Columns = append(idx.Columns, IndexColumn{Column: c, Desc: ic.Order == "desc"})
		}
	}
	if ix.Using != nil {
		idx.Using = ix.Using.Name
		if msg := oneOf(idx.Using, "btree", "hash", "gin", "gist", "brin"); msg != "" {
			d.errorf(ix.Using.Span(), "resolve/invalid-index", "unknown index method: %s", msg)
		}
	}
	idx.Incomplete = len(idx.Columns) != len(ix.Columns)
	if ix.Include != nil {
		idx.Include = d.columns(ix.Include.Columns)
		idx.Incomplete = idx.Incomplete || len(idx.Include) != len(ix.Include.Columns)
	}
	t.Indexes = append(t.Indexes, idx)
}

// columns resolves a list of column names of the table; names that do not
// resolve are left out.
func (d *decl) columns(ids []*lang.Ident) []*Column {
	out := make([]*Column, 0, len(ids))
	for _, id := range ids {
		if c := d.column(id); c != nil {
			out = append(out, c)
		}
	}
	return out
}

func (d *decl) column(id *lang.Ident) *Column {
	t := d.table
	c := t.columns[id.Name]
	if c == nil {
		d.errorRelated(id.Span(), "resolve/unknown-column", relatedSite{t.Site, "the table"}, "table %q has no column %q", t.Name, id.Name)
		return nil
	}
	d.ref(id.Span(), c)
	return c
}

// actions sets the on delete and on update actions of fk, and the columns
// an on delete set null or set default lists, which must be columns of the
// key.
func (d *decl) actions(fk *ForeignKey, acts []*lang.Action) {
	for _, a := range acts {
		target := &fk.OnDelete
		if a.Event == "update" {
			target = &fk.OnUpdate
		}
		if *target != "" {
			d.errorf(a.Span(), "resolve/duplicate-attribute", "on %s is given twice", a.Event)
		}
		*target = a.What()
		if a.Columns == nil {
			continue
		}
		if a.Event != "delete" || a.Do[0] != "set" {
			d.errorf(a.Columns.Span(), "resolve/foreign-key-columns", "only on delete set null and on delete set default take a column list, not on %s %s", a.Event, a.What())
			continue
		}
		fk.SetColumns = []*Column{}
		for _, id := range a.Columns.Columns {
			c := d.column(id)
			switch {
			case c == nil:
			case !slices.Contains(fk.Columns, c):
				d.errorf(id.Span(), "resolve/foreign-key-columns", "on delete %s can only set columns of the foreign key, and %q is not one", a.What(), c.Name)
			default:
				fk.SetColumns = append(fk.SetColumns, c)
			}
		}
	}
}

// expr resolves the column names in an expression; the other names are
// left for link. def is the column of a default, nil for a check or a
// predicate.
func (d *decl) expr(def *Column, e *lang.Expr) *Expr {
	if e == nil {
		return nil
	}
	t := d.table
	sp := e.Span()
	x := &Expr{Text: d.chunk.Text[sp.Start:sp.End], Site: d.site(sp), Syntax: e}
	e.Casts(func(tn *lang.TypeName) { d.resolveType(tn) })
	e.Names(func(id *lang.Ident) {
		if def == nil {
			if c := t.columns[id.Name]; c != nil {
				d.ref(id.Span(), c)
				return
			}
		}
		d.names = append(d.names, nameUse{id, def})
	})
	return x
}
