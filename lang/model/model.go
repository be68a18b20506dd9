// Package model resolves the parsed files of one schema directory into
// tables, columns, enums, keys, indexes and references, each with its
// definition site and every site that refers to it.
//
// A Schema is an immutable snapshot. The objects of a table or enum depend
// on its declaration's text alone: they locate their parts by Sites,
// relative to the declaration, and name other declarations rather than
// point at them. A Loader therefore shares them between successive
// schemas while their text is unchanged, and a schema resolves per load
// only what depends on the whole: where each declaration is (Schema.Loc),
// what names lead to (Schema.RefTable, Schema.EnumOf), diagnostics and
// references.
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

// Site is a span inside one top-level declaration, relative to its start.
// Tables and enums locate their parts by sites rather than Locs, so that a
// declaration whose text is unchanged is shared by every schema that
// contains it, wherever the edits around it move it; Schema.Loc places a
// site in a file.
type Site struct {
	Chunk *lang.Chunk
	Span  lang.Span
}

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

	names   map[string]*decl      // the table or enum each name declares
	entries map[*lang.Chunk]entry // each table and enum declaration
	rootRef *reference            // the tenancy root table named by the project, if any

	indexOnce   sync.Once // guards refs and occurrences, built on first use
	refs        map[Symbol][]Loc
	occurrences map[*lang.File][]Occurrence
}

// entry is a table or enum declaration of a schema: where it is, and
// unless its name is taken, what it resolves to.
type entry struct {
	file   *lang.File
	offset int
	decl   *decl  // nil for a duplicate
	links  *links // a table's
}

// Loc places a site in its file.
func (s *Schema) Loc(at Site) Loc {
	e, ok := s.entries[at.Chunk]
	if !ok {
		return Loc{Span: at.Span}
	}
	return Loc{e.file, lang.Span{Start: at.Span.Start + e.offset, End: at.Span.End + e.offset}}
}

// Table returns the table named name, or nil.
func (s *Schema) Table(name string) *Table {
	if d := s.names[name]; d != nil {
		return d.table
	}
	return nil
}

// Enum returns the enum named name, or nil.
func (s *Schema) Enum(name string) *Enum {
	if d := s.names[name]; d != nil {
		return d.enum
	}
	return nil
}

// Table is a resolved table.
type Table struct {
	Name        string
	Site        Site        // the name in the header
	Chunk       *lang.Chunk // the declaration
	Doc         string
	Global      bool
	RenamedFrom string
	Columns     []*Column
	PrimaryKey  *Key // nil when the table has none
	Uniques     []*Key
	Indexes     []*Index
	ForeignKeys []*ForeignKey
	Checks      []*Expr

	columns map[string]*Column
}

// DeclSite is the whole declaration of t, doc comment included.
func (t *Table) DeclSite() Site { return wholeChunk(t.Chunk) }

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
	Site        Site         // the name
	LineSite    Site         // the whole column line
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

	enumUse int // 1 + the index of its type in decl.types; 0 for a built-in type
}

// Type is a normalized column type.
type Type struct {
	Name string // normalized: "int" for integer, "bool" for boolean, ...
	Args []int  // varchar(n), numeric(p, s)
	Dims int    // array dimensions
	Site Site
}

// Key is a primary key or unique constraint.
type Key struct {
	Table      *Table
	Columns    []*Column
	Where      *Expr // partial unique
	Site       Site
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
	Site       Site
	Syntax     *lang.IndexClause // the clause as written
	Doc        string            // its doc comment
	Incomplete bool              // a column it names does not resolve and is left out
}

// IndexColumn is a key column of an index.
type IndexColumn struct {
	Column *Column
	Desc   bool
}

// ForeignKey is a reference from columns of one table to another's. The
// target is named, not linked: Schema.RefTable and Schema.RefColumns look
// it up in the schema at hand.
type ForeignKey struct {
	Table    *Table
	Columns  []*Column
	Target   string // the name of the referenced table
	OnDelete string // "" when not given; else "cascade", "set null", ...
	// SetColumns are the columns on delete set null or set default sets,
	// when the action lists them (PostgreSQL 15); nil means all of Columns.
	SetColumns []*Column
	OnUpdate   string
	Site       Site
	RefSite    Site           // the referenced table and columns as written: users.id, users (id)
	Actions    []*lang.Action // the on delete and on update clauses as written
	FromColumn bool           // declared with -> on a column
	Doc        string         // the doc comment of an fk clause
	// Incomplete is set when a column of its own table that it names does
	// not resolve; Schema.Resolved also checks the referenced side.
	Incomplete bool

	index   int           // its place in Table.ForeignKeys
	target  *lang.Ident   // the referenced table as written
	refCols []*lang.Ident // the referenced columns as written
}

// DeleteSets are the columns that on delete set null or set default sets:
// those the action lists, or else all of Columns.
func (fk *ForeignKey) DeleteSets() []*Column {
	if len(fk.SetColumns) > 0 {
		return fk.SetColumns
	}
	return fk.Columns
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

// Expr is an expression with its source text, checked against the table.
type Expr struct {
	Text   string // as written, raw strings included
	Site   Site
	Syntax *lang.Expr
	Doc    string // the doc comment of a check clause
}

// Enum is a resolved enum type.
type Enum struct {
	Name   string
	Site   Site
	Chunk  *lang.Chunk
	Doc    string
	Values []*EnumValue

	values map[string]*EnumValue
}

// DeclSite is the whole declaration of e, doc comment included.
func (e *Enum) DeclSite() Site { return wholeChunk(e.Chunk) }

// wholeChunk is the site of all of chunk c.
func wholeChunk(c *lang.Chunk) Site { return Site{c, lang.Span{End: len(c.Text)}} }

// Value returns the member named name, or nil.
func (e *Enum) Value(name string) *EnumValue { return e.values[name] }

// EnumValue is one member of an enum.
type EnumValue struct {
	Enum *Enum
	Name string
	Site Site
	Doc  string
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
