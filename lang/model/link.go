package model

import (
	"fmt"

	"github.com/dbspec/dbspec/lang"
)

// links are what a table refers to in other declarations: the targets of
// its foreign keys, the enums of its types and the members its expressions
// name, with the errors and references found looking them up. They hold
// for every schema in which the table's declaration and the declarations
// its names lead to are the same (valid).
type links struct {
	deps     []dep
	fks      []fkLink // by ForeignKey.index
	enums    []*Enum  // by typeUse, nil where the type is unknown
	findings []finding
	refs     []reference
}

// dep is a name that link looked up, with the declaration it found.
type dep struct {
	name string
	decl *decl // nil when there was none
}

// fkLink is the target of a foreign key.
type fkLink struct {
	table    *Table // nil when unknown
	columns  []*Column
	complete bool // every referenced column resolves
}

// valid reports whether l still holds in schema s: every name it looked up
// finds the same declaration.
func (l *links) valid(s *Schema) bool {
	for _, d := range l.deps {
		if s.names[d.name] != d.decl {
			return false
		}
	}
	return true
}

// link resolves what the table of d refers to in other declarations of s.
func link(s *Schema, d *decl) *links {
	l := &links{fks: make([]fkLink, len(d.table.ForeignKeys))}
	site := func(id *lang.Ident) Site { return Site{d.chunk, id.Span()} }
	errorf := func(at Site, rule string, related []relatedSite, format string, args ...any) {
		l.findings = append(l.findings, finding{at: at, rule: rule, msg: fmt.Sprintf(format, args...), related: related})
	}
	lookup := func(name string) (*Table, *Enum) {
		found := s.names[name]
		l.deps = append(l.deps, dep{name, found})
		if found == nil {
			return nil, nil
		}
		return found.table, found.enum
	}
	for _, u := range d.types {
		t, e := lookup(u.name.Name)
		l.enums = append(l.enums, e)
		switch {
		case e != nil:
			l.refs = append(l.refs, reference{site(u.name), e})
			if u.args {
				errorf(u.site, "resolve/invalid-type", nil, "enum type %s takes no arguments", e.Name)
			}
		case t != nil:
			errorf(site(u.name), "resolve/unknown-type", []relatedSite{{t.Site, "the table"}},
				"%q is a table, not a type; to reference it, use -> %s.id", u.name.Name, u.name.Name)
		default:
			errorf(site(u.name), "resolve/unknown-type", nil, "unknown type %q", u.name.Name)
		}
	}
	for i, fk := range d.table.ForeignKeys {
		target, _ := lookup(fk.Target)
		if target == nil {
			errorf(site(fk.target), "resolve/unknown-table", nil, "unknown table %q", fk.Target)
			continue
		}
		l.refs = append(l.refs, reference{site(fk.target), target})
		fl := fkLink{table: target, columns: make([]*Column, 0, len(fk.refCols))}
		for _, id := range fk.refCols {
			c := target.columns[id.Name]
			if c == nil {
				errorf(site(id), "resolve/unknown-column", []relatedSite{{target.Site, "the table"}},
					"table %q has no column %q", target.Name, id.Name)
				continue
			}
			l.refs = append(l.refs, reference{site(id), c})
			fl.columns = append(fl.columns, c)
		}
		fl.complete = len(fl.columns) == len(fk.refCols)
		l.fks[i] = fl
	}
	for _, u := range d.names {
		if v := l.member(d, u); v != nil {
			l.refs = append(l.refs, reference{site(u.id), v})
			continue
		}
		if sqlNames[u.id.Name] {
			continue
		}
		if u.def != nil {
			errorf(site(u.id), "resolve/unknown-name", nil, "%q is not a value a default can use%s", u.id.Name, enumHint(l.enumOf(u.def)))
		} else {
			t := d.table
			errorf(site(u.id), "resolve/unknown-column", []relatedSite{{t.Site, "the table"}},
				"table %q has no column %q", t.Name, u.id.Name)
		}
	}
	return l
}

// member finds the enum member an expression name stands for, or nil.
func (l *links) member(d *decl, u nameUse) *EnumValue {
	if u.def != nil {
		if e := l.enumOf(u.def); e != nil {
			return e.values[u.id.Name]
		}
		return nil
	}
	for _, c := range d.table.Columns {
		if e := l.enumOf(c); e != nil {
			if v := e.values[u.id.Name]; v != nil {
				return v
			}
		}
	}
	return nil
}

// enumOf is the enum of column c of the table of l, or nil.
func (l *links) enumOf(c *Column) *Enum {
	if c.enumUse == 0 {
		return nil
	}
	return l.enums[c.enumUse-1]
}

// linksOf returns the links of table t in s, or nil; s may be nil.
func (s *Schema) linksOf(t *Table) *links {
	if s == nil {
		return nil
	}
	return s.entries[t.Chunk].links
}

// RefTable is the table fk references, nil when there is none of its name.
func (s *Schema) RefTable(fk *ForeignKey) *Table {
	if l := s.linksOf(fk.Table); l != nil {
		return l.fks[fk.index].table
	}
	return nil
}

// RefColumns are the columns fk references, those that resolve.
func (s *Schema) RefColumns(fk *ForeignKey) []*Column {
	if l := s.linksOf(fk.Table); l != nil {
		return l.fks[fk.index].columns
	}
	return nil
}

// Resolved reports whether fk names its target and every column on both
// sides, so that fk.Columns[i] references RefColumns(fk)[i].
func (s *Schema) Resolved(fk *ForeignKey) bool {
	l := s.linksOf(fk.Table)
	if l == nil {
		return false
	}
	fl := l.fks[fk.index]
	return fl.table != nil && fl.complete && !fk.Incomplete && len(fk.Columns) > 0 && len(fk.Columns) == len(fl.columns)
}

// EnumOf is the enum of column c, nil when its type is built in or unknown.
func (s *Schema) EnumOf(c *Column) *Enum {
	if l := s.linksOf(c.Table); l != nil {
		return l.enumOf(c)
	}
	return nil
}
