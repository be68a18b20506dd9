package model

import (
	"fmt"
	"slices"
	"sort"
	"strings"

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
func (s *Schema) Occurrences(f *lang.File) []Occurrence {
	s.indexOnce.Do(s.indexOccurrences)
	return s.occurrences[f]
}

// SymbolAt returns the occurrence of a symbol at byte offset off in file f.
func (s *Schema) SymbolAt(f *lang.File, off int) (Occurrence, bool) {
	occ := s.Occurrences(f)
	i := sort.Search(len(occ), func(i int) bool { return occ[i].Span.End >= off })
	if i < len(occ) && occ[i].Span.Contains(off) {
		return occ[i], true
	}
	return Occurrence{}, false
}

// indexOccurrences lists the definition and references of every symbol by
// file, on the first lookup rather than in Build: most loads (a keystroke
// in the language server) never look a position up.
func (s *Schema) indexOccurrences() {
	s.occurrences = map[*lang.File][]Occurrence{}
	add := func(sym Symbol) {
		l := sym.Definition()
		s.occurrences[l.File] = append(s.occurrences[l.File], Occurrence{Span: l.Span, Symbol: sym, Def: true})
		for _, r := range sym.References() {
			s.occurrences[r.File] = append(s.occurrences[r.File], Occurrence{Span: r.Span, Symbol: sym})
		}
	}
	for _, t := range s.Tables {
		add(t)
		for _, c := range t.Columns {
			add(c)
		}
	}
	for _, e := range s.Enums {
		add(e)
		for _, v := range e.Values {
			add(v)
		}
	}
	for _, occ := range s.occurrences {
		slices.SortStableFunc(occ, func(a, b Occurrence) int { return a.Span.Start - b.Span.Start })
	}
}

// Edit replaces the text at Loc with NewText.
type Edit struct {
	Loc     Loc
	NewText string
}

// Rename returns the edits that rename sym to name everywhere: its
// definition and every reference, in every file of the schema.
func Rename(sym Symbol, name string) []Edit {
	edits := []Edit{{Loc: sym.Definition(), NewText: name}}
	for _, r := range sym.References() {
		edits = append(edits, Edit{Loc: r, NewText: name})
	}
	return edits
}

// Name returns the name of a symbol.
func Name(sym Symbol) string {
	switch s := sym.(type) {
	case *Table:
		return s.Name
	case *Column:
		return s.Name
	case *Enum:
		return s.Name
	case *EnumValue:
		return s.Name
	}
	return ""
}

// Apply applies edits to the text of file f; edits of other files are
// ignored. Edits must not overlap; identical duplicates count once.
func Apply(f *lang.File, edits []Edit) (string, error) {
	var mine []Edit
	for _, e := range edits {
		if e.Loc.File == f || e.Loc.File.Path == f.Path {
			mine = append(mine, e)
		}
	}
	slices.SortStableFunc(mine, func(a, b Edit) int { return a.Loc.Span.Start - b.Loc.Span.Start })
	var b strings.Builder
	at := 0
	for i, e := range mine {
		if i > 0 && e.Loc.Span == mine[i-1].Loc.Span && e.NewText == mine[i-1].NewText {
			continue
		}
		if e.Loc.Span.Start < at {
			return "", fmt.Errorf("%s: overlapping edits at offset %d", f.Path, e.Loc.Span.Start)
		}
		b.WriteString(f.Src[at:e.Loc.Span.Start])
		b.WriteString(e.NewText)
		at = e.Loc.Span.End
	}
	b.WriteString(f.Src[at:])
	return b.String(), nil
}
