package model

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dbspec/dbspec/lang"
)

// Symbol is a named thing of the schema: *Table, *Column, *Enum or *EnumValue.
type Symbol interface {
	// NameSite is where the symbol's name is declared.
	NameSite() Site
}

// NameSite implements Symbol.
func (t *Table) NameSite() Site { return t.Site }

// NameSite implements Symbol.
func (c *Column) NameSite() Site { return c.Site }

// NameSite implements Symbol.
func (e *Enum) NameSite() Site { return e.Site }

// NameSite implements Symbol.
func (v *EnumValue) NameSite() Site { return v.Site }

// Definition is where the name of sym is declared.
func (s *Schema) Definition(sym Symbol) Loc { return s.Loc(sym.NameSite()) }

// References are the sites that name sym, its definition excluded, by file
// and position.
func (s *Schema) References(sym Symbol) []Loc {
	s.indexOnce.Do(s.index)
	return s.refs[sym]
}

// Occurrence is one site of a symbol's name in a file.
type Occurrence struct {
	Span   lang.Span
	Symbol Symbol
	Def    bool
}

// Occurrences returns the symbol sites of file f in source order.
func (s *Schema) Occurrences(f *lang.File) []Occurrence {
	s.indexOnce.Do(s.index)
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

// index gathers the references of every symbol, and lists the definition
// and references of every symbol by file, on the first lookup rather than
// in Build: most loads (a keystroke in the language server) never look a
// position up.
func (s *Schema) index() {
	s.refs = map[Symbol][]Loc{}
	s.occurrences = map[*lang.File][]Occurrence{}
	def := func(sym Symbol) {
		l := s.Definition(sym)
		s.occurrences[l.File] = append(s.occurrences[l.File], Occurrence{Span: l.Span, Symbol: sym, Def: true})
	}
	ref := func(r reference) {
		l := s.Loc(r.at)
		s.refs[r.to] = append(s.refs[r.to], l)
		s.occurrences[l.File] = append(s.occurrences[l.File], Occurrence{Span: l.Span, Symbol: r.to})
	}
	for _, t := range s.Tables {
		def(t)
		for _, c := range t.Columns {
			def(c)
		}
		e := s.entries[t.Chunk]
		for _, r := range e.decl.refs {
			ref(r)
		}
		for _, r := range e.links.refs {
			ref(r)
		}
	}
	for _, e := range s.Enums {
		def(e)
		for _, v := range e.Values {
			def(v)
		}
	}
	if s.rootRef != nil {
		tn := s.Tenancy()
		s.refs[s.rootRef.to] = append(s.refs[s.rootRef.to], tn.RootLoc)
		s.occurrences[tn.RootLoc.File] = append(s.occurrences[tn.RootLoc.File], Occurrence{Span: tn.RootLoc.Span, Symbol: s.rootRef.to})
	}
	for _, refs := range s.refs {
		slices.SortFunc(refs, func(a, b Loc) int {
			return cmp.Or(strings.Compare(a.File.Path, b.File.Path), a.Span.Start-b.Span.Start)
		})
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
func (s *Schema) Rename(sym Symbol, name string) []Edit {
	edits := []Edit{{Loc: s.Definition(sym), NewText: name}}
	for _, r := range s.References(sym) {
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
