package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang"
)

// Changes counts what changed between two versions of a schema, in the
// terms of a migration: tables added, dropped or changed (renamed, or
// changed in their keys, indexes, checks or foreign keys); columns added,
// dropped or changed (renamed, or changed in type, nullability, default or
// checks); enums added, dropped or changed in their values.
type Changes struct {
	TablesAdded, TablesDropped, TablesChanged    int
	ColumnsAdded, ColumnsDropped, ColumnsChanged int
	EnumsAdded, EnumsDropped, EnumsChanged       int
}

// Diff counts the changes from old (nil: an empty schema) to new.
func Diff(old, new *Schema) Changes {
	if old == nil {
		old = &Schema{}
	}
	var c Changes
	pairs, dropped, added := MatchTables(old, new)
	c.TablesDropped, c.TablesAdded = len(dropped), len(added)
	for _, p := range pairs {
		cols, colsDropped, colsAdded := MatchColumns(p.Old.Columns, p.New.Columns)
		c.ColumnsDropped += len(colsDropped)
		c.ColumnsAdded += len(colsAdded)
		if p.Old.Name != p.New.Name || !slices.Equal(keySignature(p.Old), keySignature(p.New)) {
			c.TablesChanged++
		}
		for _, cp := range cols {
			if columnSignature(cp.Old) != columnSignature(cp.New) {
				c.ColumnsChanged++
			}
		}
	}
	enums := make(map[string]*Enum, len(old.Enums))
	for _, e := range old.Enums {
		enums[e.Name] = e
	}
	for _, e := range new.Enums {
		o, ok := enums[e.Name]
		switch {
		case !ok:
			c.EnumsAdded++
		case !slices.Equal(o.ValueNames(), e.ValueNames()):
			c.EnumsChanged++
		}
		delete(enums, e.Name)
	}
	c.EnumsDropped = len(enums)
	return c
}

// String is a summary such as "+2 tables, ~1 column", "" when nothing
// changed.
func (c Changes) String() string {
	var parts []string
	add := func(sign string, n int, noun string) {
		if n == 1 {
			parts = append(parts, fmt.Sprintf("%s1 %s", sign, noun))
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%s%d %ss", sign, n, noun))
		}
	}
	for _, g := range []struct {
		noun                  string
		added, dropped, other int
	}{
		{"table", c.TablesAdded, c.TablesDropped, c.TablesChanged},
		{"column", c.ColumnsAdded, c.ColumnsDropped, c.ColumnsChanged},
		{"enum", c.EnumsAdded, c.EnumsDropped, c.EnumsChanged},
	} {
		add("+", g.added, g.noun)
		add("-", g.dropped, g.noun)
		add("~", g.other, g.noun)
	}
	return strings.Join(parts, ", ")
}

// columnSignature is what of a column a migration changes.
func columnSignature(c *Column) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %t", c.Name, c.Type, c.Nullable)
	if c.Default != nil {
		b.WriteString(" default " + c.Default.Text)
	}
	for _, e := range c.Checks {
		b.WriteString(" check " + e.Text)
	}
	return b.String()
}

// keySignature lists the keys, indexes, checks and foreign keys of t.
func keySignature(t *Table) []string {
	var sig []string
	key := func(kind string, k *Key) {
		s := kind + " " + strings.Join(ColumnNames(k.Columns), ",")
		if k.Where != nil {
			s += " where " + k.Where.Text
		}
		sig = append(sig, s)
	}
	if t.PrimaryKey != nil {
		key("pk", t.PrimaryKey)
	}
	for _, k := range t.Uniques {
		key("unique", k)
	}
	for _, ix := range t.Indexes {
		s := fmt.Sprintf("index %s using %s", ix.Name, ix.Using)
		for _, ic := range ix.Columns {
			s += fmt.Sprintf(" %s %t", ic.Column.Name, ic.Desc)
		}
		s += " include " + strings.Join(ColumnNames(ix.Include), ",")
		if ix.Where != nil {
			s += " where " + ix.Where.Text
		}
		sig = append(sig, s)
	}
	for _, e := range t.Checks {
		sig = append(sig, "check "+e.Text)
	}
	for _, fk := range t.ForeignKeys {
		sig = append(sig, fmt.Sprintf("fk %s -> %s %s %s %s %s", strings.Join(ColumnNames(fk.Columns), ","), fk.Target, strings.Join(identNames(fk.refCols), ","), fk.OnDelete, strings.Join(ColumnNames(fk.SetColumns), ","), fk.OnUpdate))
	}
	return sig
}

func identNames(ids []*lang.Ident) []string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id.Name
	}
	return names
}
