package model

import (
	"sort"

	"github.com/dbspec/dbspec/lang"
)

// Symbol is a named thing of the schema: *Table, *Column, *Enum or *EnumValue.
type Symbol interface {
	// Definition is where the symbol's name is declared.
	Definition() Loc
	// References are the sites that name the symbol, its definition excluded.
	References() []Loc
}

// Definition implements Symbol.
func (t *Table) Definition() Loc { return t.Loc }

// References implements Symbol.
func (t *Table) References() []Loc { return t.Refs }

// Definition implements Symbol.
func (c *Column) Definition() Loc { return c.Loc }

// References implements Symbol.
func (c *Column) References() []Loc { return c.Refs }

// Definition implements Symbol.
func (e *Enum) Definition() Loc { return e.Loc }

// References implements Symbol.
func (e *Enum) References() []Loc { return e.Refs }

// Definition implements Symbol.
func (v *EnumValue) Definition() Loc { return v.Loc }

// References implements Symbol.
func (v *EnumValue) References() []Loc { return v.Refs }

// Occurrence is one site of a symbol's name in a file.
type Occurrence struct {
	Span   lang.Span
	Symbol Symbol
	Def    bool
}

// Occurrences returns the symbol sites of file f in source order.
func (s *Schema) Occurrences(f *lang.File) []Occurrence { return s.occurrences[f] }

// SymbolAt returns the occurrence of a symbol at byte offset off in file f.
func (s *Schema) SymbolAt(f *lang.File, off int) (Occurrence, bool) {
	occ := s.occurrences[f]
	i := sort.Search(len(occ), func(i int) bool { return occ[i].Span.End >= off })
	if i < len(occ) && occ[i].Span.Contains(off) {
		return occ[i], true
	}
	return Occurrence{}, false
}

func (r *resolver) def(l Loc, sym Symbol) {
	r.s.occurrences[l.File] = append(r.s.occurrences[l.File], Occurrence{Span: l.Span, Symbol: sym, Def: true})
}

func (r *resolver) ref(l Loc, sym Symbol, refs *[]Loc) {
	*refs = append(*refs, l)
	r.s.occurrences[l.File] = append(r.s.occurrences[l.File], Occurrence{Span: l.Span, Symbol: sym})
}
