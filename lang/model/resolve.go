package model

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dbspec/dbspec/lang"
)

// Build resolves the parsed files of one schema directory.
func Build(dir string, files []*lang.File) *Schema {
	files = append([]*lang.File(nil), files...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	r := &resolver{s: &Schema{
		Dir: dir, Files: files,
		tables: map[string]*Table{},
		enums:  map[string]*Enum{},
	}}
	for _, f := range files {
		for _, e := range f.Errors {
			r.errorf(Loc{f, e.Span}, "syntax", "%s", e.Msg)
		}
	}
	r.declare()
	for _, f := range files {
		for _, d := range f.Decls {
			if d.Project != nil {
				r.resolveProject(d, f)
			}
		}
	}
	r.flush()
	r.resolveTables()
	r.resolveTenancy()
	r.flush()
	return r.s
}

// A resolver logs its diagnostics and the references it finds instead of
// adding them to the schema, so that tables can be resolved in parallel;
// flush adds them in a fixed order, the order of a sequential resolve.
type resolver struct {
	s     *Schema
	diags []Diagnostic
	refs  []pendingRef
}

// pendingRef is a site to append to a symbol's Refs.
type pendingRef struct {
	to *[]Loc
	at Loc
}

func (r *resolver) ref(l Loc, refs *[]Loc) { r.refs = append(r.refs, pendingRef{refs, l}) }

// flush adds the logged diagnostics and references to the schema.
func (r *resolver) flush() {
	r.s.Diagnostics = append(r.s.Diagnostics, r.diags...)
	for _, p := range r.refs {
		*p.to = append(*p.to, p.at)
	}
	r.diags, r.refs = nil, nil
}

// resolveTables resolves every table, on all CPUs when there are many; each
// table is resolved by a resolver of its own and flushed in table order.
func (r *resolver) resolveTables() {
	tables := r.s.Tables
	subs := make([]resolver, len(tables))
	workers := min(runtime.GOMAXPROCS(0), len(tables)/64)
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1)) - 1; i < len(tables); i = int(next.Add(1)) - 1 {
			subs[i].s = r.s
			subs[i].resolveTable(tables[i])
		}
	}
	if workers <= 1 {
		work()
	} else {
		var wg sync.WaitGroup
		for range workers {
			wg.Go(work)
		}
		wg.Wait()
	}
	for i := range subs {
		subs[i].flush()
	}
}

func (r *resolver) loc(f *lang.File, d lang.Decl, s lang.Span) Loc { return Loc{f, d.Abs(s)} }

func (r *resolver) errorf(l Loc, rule, format string, args ...any) {
	r.diags = append(r.diags, Diagnostic{Loc: l, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

func (r *resolver) errorRelated(l Loc, rule string, rel Related, format string, args ...any) {
	r.diags = append(r.diags, Diagnostic{Loc: l, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...), Related: []Related{rel}})
}

// declare collects every table with its columns and every enum with its
// values, so that references can be resolved in any order.
func (r *resolver) declare() {
	for _, f := range r.s.Files {
		for _, d := range f.Decls {
			switch {
			case d.Table != nil:
				r.declareTable(f, d)
			case d.Enum != nil:
				r.declareEnum(f, d)
			}
		}
	}
}

func (r *resolver) declareTable(f *lang.File, d lang.Decl) {
	h := d.Table.Header
	t := &Table{
		Name: h.Name.Name, Loc: r.loc(f, d, h.Name.Span()), Decl: d,
		DeclLoc: Loc{f, d.Abs(lang.Span{End: len(d.Text)})}, Doc: d.Table.Doc,
	}
	var seen []string
	for _, m := range h.Modifiers {
		kind := "global"
		if m.Global {
			t.Global = true
		} else {
			kind, t.RenamedFrom = "renamed_from", m.RenamedFrom.Name
		}
		if slices.Contains(seen, kind) {
			r.errorf(r.loc(f, d, m.Span()), "resolve/duplicate-attribute", "table %q has %s twice", t.Name, kind)
		}
		seen = append(seen, kind)
	}
	if !r.claimName(t.Name, t.Loc, "table") {
		return
	}
	r.s.Tables = append(r.s.Tables, t)
	r.s.tables[t.Name] = t
	// One allocation for all the columns.
	n := 0
	for _, line := range d.Table.Lines {
		if line.Element != nil && line.Element.Column != nil || line.Column != nil {
			n++
		}
	}
	block := make([]Column, 0, n)
	t.Columns, t.columns = make([]*Column, 0, n), make(map[string]*Column, n)
	for _, line := range d.Table.Lines {
		switch {
		case line.Element != nil && line.Element.Column != nil:
			c := line.Element.Column
			block = append(block, Column{Name: c.Name.Name, Loc: r.loc(f, d, c.Name.Span()), Syntax: c, Nullable: c.Nullable})
		case line.Column != nil:
			block = append(block, Column{Name: line.Column.Name, Loc: r.loc(f, d, line.Column.Span()), Incomplete: true})
		default:
			continue
		}
		col := &block[len(block)-1]
		col.Table, col.LineLoc, col.Doc = t, r.loc(f, d, line.Span), line.Doc
		if prev := t.columns[col.Name]; prev != nil {
			r.errorRelated(col.Loc, "resolve/duplicate-column", Related{prev.Loc, "the first one"}, "column %q is declared twice in table %q", col.Name, t.Name)
			continue
		}
		t.Columns = append(t.Columns, col)
		t.columns[col.Name] = col
	}
}

// claimName reports a table or enum whose name is taken; PostgreSQL keeps
// tables and types in one namespace (a table is also a composite type).
func (r *resolver) claimName(name string, l Loc, kind string) bool {
	var prev Loc
	var prevKind string
	if t := r.s.tables[name]; t != nil {
		prev, prevKind = t.Loc, "table"
	} else if e := r.s.enums[name]; e != nil {
		prev, prevKind = e.Loc, "enum"
	} else {
		return true
	}
	rule := "resolve/duplicate-" + kind
	if prevKind != kind {
		rule = "resolve/duplicate-name"
	}
	r.errorRelated(l, rule, Related{prev, "the first declaration"}, "%s %q is already declared as %s", kind, name, article(prevKind))
	return false
}

func (r *resolver) declareEnum(f *lang.File, d lang.Decl) {
	h := d.Enum.Header
	e := &Enum{
		Name: h.Name.Name, Loc: r.loc(f, d, h.Name.Span()), Decl: d,
		DeclLoc: Loc{f, d.Abs(lang.Span{End: len(d.Text)})}, Doc: d.Enum.Doc,
		values: map[string]*EnumValue{},
	}
	if !r.claimName(e.Name, e.Loc, "enum") {
		return
	}
	if IsBuiltin(e.Name) || catalogTypes[e.Name] {
		r.errorf(e.Loc, "resolve/builtin-type-name", "enum %q has the name of a built-in type, which PostgreSQL finds first: rename it", e.Name)
	}
	r.s.Enums = append(r.s.Enums, e)
	r.s.enums[e.Name] = e
	for _, v := range d.Enum.Values {
		ev := &EnumValue{Enum: e, Name: v.Name, Loc: r.loc(f, d, v.Span()), Doc: v.Doc}
		if prev := e.values[ev.Name]; prev != nil {
			r.errorRelated(ev.Loc, "resolve/duplicate-enum-value", Related{prev.Loc, "the first one"}, "value %q appears twice in enum %q", ev.Name, e.Name)
			continue
		}
		e.Values = append(e.Values, ev)
		e.values[ev.Name] = ev
	}
	if len(e.Values) == 0 && len(d.Errors) == 0 {
		r.errorf(e.Loc, "resolve/empty-enum", "enum %q has no values", e.Name)
	}
}

// resolveTable resolves column types, attributes and table clauses.
func (r *resolver) resolveTable(t *Table) {
	d, f := t.Decl, t.Loc.File
	for _, c := range t.Columns {
		r.resolveColumn(t, c)
	}
	for _, line := range d.Table.Lines {
		el := line.Element
		if el == nil || el.Column != nil {
			continue
		}
		l := r.loc(f, d, line.Span)
		switch {
		case el.PK != nil:
			cols := r.columns(t, el.PK.Columns)
			r.setPrimaryKey(t, &Key{Table: t, Columns: cols, Loc: l, Doc: line.Doc, Incomplete: len(cols) != len(el.PK.Columns)})
		case el.Unique != nil:
			cols := r.columns(t, el.Unique.Columns.Columns)
			t.Uniques = append(t.Uniques, &Key{Table: t, Columns: cols, Where: r.expr(t, nil, el.Unique.Where), Loc: l, Doc: line.Doc,
				Incomplete: len(cols) != len(el.Unique.Columns.Columns)})
		case el.Index != nil:
			r.resolveIndex(t, el.Index, l, line.Doc)
		case el.FK != nil:
			fk := &ForeignKey{Table: t, Columns: r.columns(t, el.FK.Columns.Columns), Loc: l, Doc: line.Doc}
			fk.RefTable = r.tableRef(f, d, el.FK.Table)
			if fk.RefTable != nil {
				fk.RefColumns = r.columnsIn(fk.RefTable, el.FK.RefColumns.Columns, d, f)
			}
			fk.Incomplete = len(fk.Columns) != len(el.FK.Columns.Columns) || len(fk.RefColumns) != len(el.FK.RefColumns.Columns)
			r.actions(f, d, fk, el.FK.Actions)
			if len(el.FK.Columns.Columns) != len(el.FK.RefColumns.Columns) {
				r.errorf(l, "resolve/column-count-mismatch", "the foreign key has %s but references %s",
					plural(len(el.FK.Columns.Columns), "column"), plural(len(el.FK.RefColumns.Columns), "column"))
			}
			t.ForeignKeys = append(t.ForeignKeys, fk)
		case el.Check != nil:
			e := r.expr(t, nil, el.Check)
			e.Doc = line.Doc
			t.Checks = append(t.Checks, e)
		}
	}
}

func (r *resolver) resolveColumn(t *Table, c *Column) {
	d, f := t.Decl, t.Loc.File
	syn := c.Syntax
	if syn == nil {
		return
	}
	c.Type = r.resolveType(f, d, syn.Type)
	var seen []string // attribute kinds that may appear once
	for _, a := range syn.Attrs {
		al := r.loc(f, d, a.Span())
		if kind := a.Kind(); kind != "check" && kind != "->" {
			if slices.Contains(seen, kind) {
				r.errorf(al, "resolve/duplicate-attribute", "column %q has %s twice", c.Name, kind)
				continue
			}
			seen = append(seen, kind)
		}
		switch {
		case a.PK:
			r.setPrimaryKey(t, &Key{Table: t, Columns: []*Column{c}, Loc: al, FromColumn: true})
			c.PK = true
		case a.Unique:
			c.Unique = true
			t.Uniques = append(t.Uniques, &Key{Table: t, Columns: []*Column{c}, Loc: al, FromColumn: true})
		case a.PII:
			c.PII = true
		case a.Default != nil:
			c.Default = r.expr(t, c, a.Default)
		case a.Check != nil:
			c.Checks = append(c.Checks, r.expr(t, nil, a.Check))
		case a.Ref != nil:
			fk := &ForeignKey{Table: t, Columns: []*Column{c}, Loc: al, FromColumn: true}
			fk.RefTable = r.tableRef(f, d, a.Ref.Table)
			if fk.RefTable != nil {
				fk.RefColumns = r.columnsIn(fk.RefTable, []*lang.Ident{a.Ref.Column}, d, f)
			}
			r.actions(f, d, fk, a.Ref.Actions)
			t.ForeignKeys = append(t.ForeignKeys, fk)
		case a.RenamedFrom != nil:
			c.RenamedFrom = a.RenamedFrom.Name
		}
	}
}

func (r *resolver) resolveType(f *lang.File, d lang.Decl, tn *lang.TypeName) Type {
	t := Type{Name: tn.Name.Name, Dims: tn.Dims(), Loc: r.loc(f, d, tn.Span())}
	for _, a := range tn.Args {
		n, err := strconv.Atoi(a)
		if err != nil {
			r.errorf(t.Loc, "resolve/invalid-type", "type arguments are whole numbers, not %s", a)
		}
		t.Args = append(t.Args, n)
	}
	nameLoc := r.loc(f, d, tn.Name.Span())
	if b, ok := builtin[t.Name]; ok {
		t.Name = b.name
		if err := checkArgs(tn.Name.Name, b.name, b.maxArgs, t.Args); err != nil {
			r.errorf(t.Loc, "resolve/invalid-type", "%v", err)
		}
		return t
	}
	if e := r.s.enums[t.Name]; e != nil {
		t.Enum = e
		r.ref(nameLoc, &e.Refs)
		if len(t.Args) > 0 {
			r.errorf(t.Loc, "resolve/invalid-type", "enum type %s takes no arguments", e.Name)
		}
		return t
	}
	if tb := r.s.tables[t.Name]; tb != nil {
		r.errorRelated(nameLoc, "resolve/unknown-type", Related{tb.Loc, "the table"}, "%q is a table, not a type; to reference it, use -> %s.id", t.Name, t.Name)
		return t
	}
	r.errorf(nameLoc, "resolve/unknown-type", "unknown type %q", t.Name)
	return t
}

func (r *resolver) setPrimaryKey(t *Table, k *Key) {
	if t.PrimaryKey != nil {
		r.errorRelated(k.Loc, "resolve/duplicate-primary-key", Related{t.PrimaryKey.Loc, "the first primary key"},
			"table %q already has a primary key; for a composite key use pk (a, b)", t.Name)
		return
	}
	t.PrimaryKey = k
}

func (r *resolver) resolveIndex(t *Table, ix *lang.IndexClause, l Loc, doc string) {
	d, f := t.Decl, t.Loc.File
	idx := &Index{Table: t, Loc: l, Where: r.expr(t, nil, ix.Where), Doc: doc}
	if ix.Name != nil {
		idx.Name = ix.Name.Name
	}
	for _, ic := range ix.Columns {
		if c := r.column(t, ic.Column, d, f); c != nil {
			idx.Columns = append(idx.Columns, IndexColumn{Column: c, Desc: ic.Order == "desc"})
		}
	}
	if ix.Using != nil {
		idx.Using = ix.Using.Name
		if msg := oneOf(idx.Using, "btree", "hash", "gin", "gist", "brin"); msg != "" {
			r.errorf(r.loc(f, d, ix.Using.Span()), "resolve/invalid-index", "unknown index method: %s", msg)
		}
	}
	idx.Incomplete = len(idx.Columns) != len(ix.Columns)
	if ix.Include != nil {
		idx.Include = r.columns(t, ix.Include.Columns)
		idx.Incomplete = idx.Incomplete || len(idx.Include) != len(ix.Include.Columns)
	}
	t.Indexes = append(t.Indexes, idx)
}

// columns resolves a list of column names, written in t's own
// declaration, in table t.
func (r *resolver) columns(t *Table, ids []*lang.Ident) []*Column {
	return r.columnsIn(t, ids, t.Decl, t.Loc.File)
}

// columnsIn resolves a list of column names, written in the declaration d
// of file f, in table t; names that do not resolve are left out.
func (r *resolver) columnsIn(t *Table, ids []*lang.Ident, d lang.Decl, f *lang.File) []*Column {
	out := make([]*Column, 0, len(ids))
	for _, id := range ids {
		if c := r.column(t, id, d, f); c != nil {
			out = append(out, c)
		}
	}
	return out
}

func (r *resolver) column(t *Table, id *lang.Ident, d lang.Decl, f *lang.File) *Column {
	l := r.loc(f, d, id.Span())
	c := t.columns[id.Name]
	if c == nil {
		r.errorRelated(l, "resolve/unknown-column", Related{t.Loc, "the table"}, "table %q has no column %q", t.Name, id.Name)
		return nil
	}
	r.ref(l, &c.Refs)
	return c
}

func (r *resolver) tableRef(f *lang.File, d lang.Decl, id *lang.Ident) *Table {
	l := r.loc(f, d, id.Span())
	t := r.s.tables[id.Name]
	if t == nil {
		r.errorf(l, "resolve/unknown-table", "unknown table %q", id.Name)
		return nil
	}
	r.ref(l, &t.Refs)
	return t
}

// actions sets the on delete and on update actions of fk, and the columns
// an on delete set null or set default lists, which must be columns of the
// key.
func (r *resolver) actions(f *lang.File, d lang.Decl, fk *ForeignKey, acts []*lang.Action) {
	for _, a := range acts {
		target := &fk.OnDelete
		if a.Event == "update" {
			target = &fk.OnUpdate
		}
		if *target != "" {
			r.errorf(r.loc(f, d, a.Span()), "resolve/duplicate-attribute", "on %s is given twice", a.Event)
		}
		*target = a.What()
		if a.Columns == nil {
			continue
		}
		if a.Event != "delete" || a.Do[0] != "set" {
			r.errorf(r.loc(f, d, a.Columns.Span()), "resolve/foreign-key-columns", "only on delete set null and on delete set default take a column list, not on %s %s", a.Event, a.What())
			continue
		}
		fk.SetColumns = []*Column{}
		for _, id := range a.Columns.Columns {
			c := r.column(fk.Table, id, d, f)
			switch {
			case c == nil:
			case !slices.Contains(fk.Columns, c):
				r.errorf(r.loc(f, d, id.Span()), "resolve/foreign-key-columns", "on delete %s can only set columns of the foreign key, and %q is not one", a.What(), c.Name)
			default:
				fk.SetColumns = append(fk.SetColumns, c)
			}
		}
	}
}

// sqlNames are the bare words SQL accepts in expressions besides column names.
var sqlNames = map[string]bool{
	"null": true, "true": true, "false": true, "current_timestamp": true, "current_date": true,
	"current_time": true, "localtime": true, "localtimestamp": true, "current_user": true, "session_user": true,
}

// expr resolves the names in an expression. A default (def is the column)
// may name members of the column's enum; a check or where predicate names
// columns of t and members of the enums its columns use.
func (r *resolver) expr(t *Table, def *Column, e *lang.Expr) *Expr {
	if e == nil {
		return nil
	}
	d, f := t.Decl, t.Loc.File
	sp := e.Span()
	x := &Expr{Text: d.Text[sp.Start:sp.End], Loc: r.loc(f, d, sp), Syntax: e}
	e.Casts(func(tn *lang.TypeName) { r.resolveType(f, d, tn) })
	e.Names(func(id *lang.Ident) {
		l := r.loc(f, d, id.Span())
		if def != nil {
			if en := def.Type.Enum; en != nil {
				if v := en.values[id.Name]; v != nil {
					r.ref(l, &v.Refs)
					return
				}
			}
			if !sqlNames[id.Name] {
				r.errorf(l, "resolve/unknown-name", "%s is not a value a default can use%s", strconv.Quote(id.Name), enumHint(def.Type.Enum))
			}
			return
		}
		if c := t.columns[id.Name]; c != nil {
			r.ref(l, &c.Refs)
			return
		}
		for _, c := range t.Columns {
			if en := c.Type.Enum; en != nil {
				if v := en.values[id.Name]; v != nil {
					r.ref(l, &v.Refs)
					return
				}
			}
		}
		if !sqlNames[id.Name] {
			r.errorRelated(l, "resolve/unknown-column", Related{t.Loc, "the table"}, "table %q has no column %q", t.Name, id.Name)
		}
	})
	return x
}

func article(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func enumHint(e *Enum) string {
	if e == nil {
		return " (a string needs single quotes: 'text')"
	}
	return fmt.Sprintf(" (not a value of enum %q)", e.Name)
}

// resolveTenancy links the tenancy root table.
func (r *resolver) resolveTenancy() {
	tn := r.s.Tenancy()
	if tn == nil || tn.Root == "" {
		return
	}
	if t := r.s.tables[tn.Root]; t != nil {
		r.ref(tn.RootLoc, &t.Refs)
	} else {
		r.errorf(tn.RootLoc, "resolve/unknown-table", "unknown tenancy root table %q", tn.Root)
	}
}
