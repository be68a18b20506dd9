// Package model resolves the parsed files of one schema directory into
// tables, columns, enums, keys, indexes and references, each with its
// definition site and every site that refers to it.
package model

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dbspec/dbspec/lang"
)

// Severity orders findings from most to least serious.
type Severity int

// Severities, as in LSP.
const (
	Error Severity = iota + 1
	Warning
	Info
	Hint
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	case Hint:
		return "hint"
	}
	return "off"
}

// Loc is a span in a file of the schema.
type Loc struct {
	File *lang.File
	Span lang.Span
}

// Position is the start of the location.
func (l Loc) Position() lang.Position { return l.File.Lines.Position(l.Span.Start) }

// Related is a secondary location that explains a diagnostic.
type Related struct {
	Loc     Loc
	Message string
}

// Diagnostic is a finding at a location: a syntax or resolution error here,
// a rule finding in package analysis.
type Diagnostic struct {
	Loc      Loc
	Severity Severity
	Rule     string // "syntax", "resolve/unknown-table", "naming/snake-case", ...
	Message  string
	Related  []Related
}

// Schema is the resolved model of one schema directory.
type Schema struct {
	Dir     string
	Files   []*lang.File // sorted by path
	Project *Project     // nil when the schema has no project block
	Tables  []*Table     // in file order, then source order
	Enums   []*Enum

	// Diagnostics are the syntax and resolution errors.
	Diagnostics []Diagnostic

	tables      map[string]*Table
	enums       map[string]*Enum
	indexOnce   sync.Once // guards occurrences, built on first use
	occurrences map[*lang.File][]Occurrence
}

// Table returns the table named name, or nil.
func (s *Schema) Table(name string) *Table { return s.tables[name] }

// Enum returns the enum named name, or nil.
func (s *Schema) Enum(name string) *Enum { return s.enums[name] }

// Table is a resolved table.
type Table struct {
	Name        string
	Loc         Loc // the name in the header
	Decl        lang.Decl
	DeclLoc     Loc // the whole declaration, doc comment included
	Doc         string
	Global      bool
	RenamedFrom string
	Columns     []*Column
	PrimaryKey  *Key // nil when the table has none
	Uniques     []*Key
	Indexes     []*Index
	ForeignKeys []*ForeignKey
	Checks      []*Expr
	Refs        []Loc // sites that name this table, definition excluded

	columns map[string]*Column
}

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column { return t.columns[name] }

// Exprs lists the expressions of the table: column defaults and checks,
// table checks, and the predicates of partial keys and indexes.
func (t *Table) Exprs() []*Expr {
	var out []*Expr
	add := func(e *Expr) {
		if e != nil {
			out = append(out, e)
		}
	}
	for _, c := range t.Columns {
		add(c.Default)
		for _, e := range c.Checks {
			add(e)
		}
	}
	for _, e := range t.Checks {
		add(e)
	}
	for _, k := range t.Uniques {
		add(k.Where)
	}
	for _, ix := range t.Indexes {
		add(ix.Where)
	}
	return out
}

// Column is a resolved column.
type Column struct {
	Table       *Table
	Name        string
	Loc         Loc          // the name
	LineLoc     Loc          // the whole column line
	Syntax      *lang.Column // nil when Incomplete
	Incomplete  bool         // the line has a syntax error: only the name is known
	Doc         string
	Type        Type
	Nullable    bool
	Default     *Expr
	Checks      []*Expr
	PK          bool // declared pk on the column itself
	Unique      bool // declared unique on the column itself
	PII         bool
	RenamedFrom string
	Refs        []Loc
}

// Type is a normalized column type.
type Type struct {
	Name string // normalized: "int" for integer, "bool" for boolean, ...
	Args []int  // varchar(n), numeric(p, s)
	Dims int    // array dimensions
	Enum *Enum  // set when Name is an enum
	Loc  Loc
}

// Key is a primary key or unique constraint.
type Key struct {
	Table      *Table
	Columns    []*Column
	Where      *Expr // partial unique
	Loc        Loc
	FromColumn bool   // declared as a column attribute
	Doc        string // the doc comment of a pk or unique clause
	Incomplete bool   // a column it names does not resolve and is left out
}

// Index is a secondary index.
type Index struct {
	Table      *Table
	Name       string // explicit name, or ""
	Columns    []IndexColumn
	Using      string // "" means btree
	Include    []*Column
	Where      *Expr
	Loc        Loc
	Doc        string // its doc comment
	Incomplete bool   // a column it names does not resolve and is left out
}

// IndexColumn is a key column of an index.
type IndexColumn struct {
	Column *Column
	Desc   bool
}

// ForeignKey is a reference from columns of one table to another's.
type ForeignKey struct {
	Table      *Table
	Columns    []*Column
	RefTable   *Table // nil when unresolved
	RefColumns []*Column
	OnDelete   string // "" when not given; else "cascade", "set null", ...
	// SetColumns are the columns on delete set null or set default sets,
	// when the action lists them (PostgreSQL 15); nil means all of Columns.
	SetColumns []*Column
	OnUpdate   string
	Loc        Loc
	FromColumn bool   // declared with -> on a column
	Doc        string // the doc comment of an fk clause
	// Incomplete is set when a column it names, on either side, does not
	// resolve: Columns and RefColumns then no longer pair up.
	Incomplete bool
}

// ColumnNames are the names of cols, in order.
func ColumnNames(cols []*Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}

// ValueNames are the names of e's values, in order.
func (e *Enum) ValueNames() []string {
	names := make([]string, len(e.Values))
	for i, v := range e.Values {
		names[i] = v.Name
	}
	return names
}

// Resolved reports whether fk names its target and every column on both
// sides, so that Columns[i] references RefColumns[i].
func (fk *ForeignKey) Resolved() bool {
	return fk.RefTable != nil && !fk.Incomplete && len(fk.Columns) > 0 && len(fk.Columns) == len(fk.RefColumns)
}

// Expr is an expression with its source text, checked against the table.
type Expr struct {
	Text   string // as written, raw strings included
	Loc    Loc
	Syntax *lang.Expr
	Doc    string // the doc comment of a check clause
}

// Enum is a resolved enum type.
type Enum struct {
	Name    string
	Loc     Loc
	Decl    lang.Decl
	DeclLoc Loc
	Doc     string
	Values  []*EnumValue
	Refs    []Loc

	values map[string]*EnumValue
}

// Value returns the member named name, or nil.
func (e *Enum) Value(name string) *EnumValue { return e.values[name] }

// EnumValue is one member of an enum.
type EnumValue struct {
	Enum *Enum
	Name string
	Loc  Loc
	Doc  string
	Refs []Loc
}

// String renders the diagnostic as path:line:col: severity: message [rule],
// with 1-based line and byte column.
func (d Diagnostic) String() string {
	p := d.Loc.Position()
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.Loc.File.Path, p.Line+1, p.Col+1, d.Severity, d.Message, d.Rule)
}

// SortDiagnostics orders diagnostics by file, position and rule.
func SortDiagnostics(ds []Diagnostic) { slices.SortStableFunc(ds, CompareDiagnostics) }

// CompareDiagnostics orders two diagnostics by file, position and rule.
func CompareDiagnostics(a, b Diagnostic) int {
	if a.Loc.File == nil || b.Loc.File == nil {
		return boolInt(b.Loc.File == nil) - boolInt(a.Loc.File == nil)
	}
	if c := strings.Compare(a.Loc.File.Path, b.Loc.File.Path); c != 0 {
		return c
	}
	if a.Loc.Span.Start != b.Loc.Span.Start {
		return a.Loc.Span.Start - b.Loc.Span.Start
	}
	return strings.Compare(a.Rule, b.Rule)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
