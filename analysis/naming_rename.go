package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// renamer makes the rename fixes of the naming rules, and only those that
// keep the schema resolving with the same meaning.
type renamer struct {
	s *model.Schema
	// Built on first use:
	scanned  bool
	raw      map[*model.Table]map[string]bool // lower-cased words in each table's raw SQL
	literals map[string]bool                  // lower-cased words in string literals
	indexes  map[string]bool                  // explicit index names
	columns  map[string]bool                  // column names of every table
}

func newRenamer(s *model.Schema) *renamer { return &renamer{s: s} }

// rename returns the fix that renames sym to name at its definition and at
// every reference, in every file, or nil when the rename is not safe.
func (r *renamer) rename(sym model.Symbol, name string) []Fix {
	if !r.safe(sym, name) {
		return nil
	}
	return []Fix{{Title: "Rename to " + name, Edits: r.s.Rename(sym, name)}}
}

// renameIndex returns the fix that renames index ix, whose name is written
// at loc, or nil when name is taken or not a good name.
func (r *renamer) renameIndex(ix *model.Index, loc model.Loc, name string) []Fix {
	if !goodName(ix.Name, name) || !r.freeRelationName(name) {
		return nil
	}
	return []Fix{{Title: "Rename to " + name, Edits: []model.Edit{replace(loc, name)}}}
}

// nameIndex returns the fix that gives index ix, which has no name, the
// name name, or nil when name is taken or not a good name.
func (r *renamer) nameIndex(ix *model.Index, name string) []Fix {
	if !goodName("", name) || !r.freeRelationName(name) {
		return nil
	}
	at := ix.Syntax.Span().Start
	edit := model.Edit{Loc: r.s.Loc(model.Site{Chunk: ix.Table.Chunk, Span: lang.Span{Start: at, End: at}}), NewText: name + " "}
	return []Fix{{Title: "Name the index " + name, Edits: []model.Edit{edit}}}
}

// freeRelationName reports whether no table, enum or index is named name:
// PostgreSQL keeps them in one namespace.
func (r *renamer) freeRelationName(name string) bool {
	return r.s.Table(name) == nil && r.s.Enum(name) == nil && !r.indexNames()[name]
}

// safe reports whether sym can be renamed to name: name is a good new name,
// free where sym lives and not a name that references to sym would resolve
// to differently; sym's name is not written where a rename cannot update it
// (raw SQL, and for an enum value a string literal); and sym is not the
// tenant column, which the project block names.
func (r *renamer) safe(sym model.Symbol, name string) bool {
	old := model.Name(sym)
	if !goodName(old, name) {
		return false
	}
	r.scanQuoted()
	lower := strings.ToLower(old)
	switch sym := sym.(type) {
	case *model.Table, *model.Enum:
		return r.freeRelationName(name) && !r.inRawSQL(lower)
	case *model.Column:
		if p := r.s.Project; p != nil && p.Tenancy != nil && p.Tenancy.Column == old {
			return false
		}
		// Checks, defaults and predicates cannot read other tables.
		return sym.Table.Column(name) == nil && !isEnumValueIn(r.s, sym.Table, name) && !r.raw[sym.Table][lower]
	case *model.EnumValue:
		// A check or where predicate reads a bare name as a column first.
		return sym.Enum.Value(name) == nil && !r.columnNames()[name] && !r.inRawSQL(lower) && !r.literals[lower]
	}
	return false
}

// inRawSQL reports whether the raw SQL of any table has the word.
func (r *renamer) inRawSQL(word string) bool {
	for _, words := range r.raw {
		if words[word] {
			return true
		}
	}
	return false
}

// goodName reports whether name can replace old: a different identifier,
// not a reserved word, that fits PostgreSQL's 63 bytes.
func goodName(old, name string) bool {
	return name != old && lang.IsIdent(name) && !reservedWords[name] && len(name) <= model.MaxNameLen
}

// isEnumValueIn reports whether name is a value of an enum of schema s that
// a column of t uses: a check of t that names it would read a column of that
// name instead.
func isEnumValueIn(s *model.Schema, t *model.Table, name string) bool {
	for _, c := range t.Columns {
		if e := s.EnumOf(c); e != nil && e.Value(name) != nil {
			return true
		}
	}
	return false
}

// scanQuoted collects the words of the raw SQL and string literals of every
// expression, once.
func (r *renamer) scanQuoted() {
	if r.scanned {
		return
	}
	r.scanned, r.raw, r.literals = true, map[*model.Table]map[string]bool{}, map[string]bool{}
	for _, t := range r.s.Tables {
		for _, e := range t.Exprs() {
			quotedWords(e.Text, func(word string, raw bool) {
				if !raw {
					r.literals[word] = true
					return
				}
				if r.raw[t] == nil {
					r.raw[t] = map[string]bool{}
				}
				r.raw[t][word] = true
			})
		}
	}
}

func (r *renamer) indexNames() map[string]bool {
	if r.indexes == nil {
		r.indexes = map[string]bool{}
		for _, t := range r.s.Tables {
			for _, ix := range t.Indexes {
				if ix.Name != "" {
					r.indexes[ix.Name] = true
				}
			}
		}
	}
	return r.indexes
}

func (r *renamer) columnNames() map[string]bool {
	if r.columns == nil {
		r.columns = map[string]bool{}
		for _, t := range r.s.Tables {
			for _, c := range t.Columns {
				r.columns[c.Name] = true
			}
		}
	}
	return r.columns
}

// quotedWords calls f with the lower-cased identifier-like words inside the
// 'string literals' and `raw SQL` of an expression's text; raw tells which.
func quotedWords(text string, f func(word string, raw bool)) {
	var quote byte
	start := -1
	for i := 0; i <= len(text); i++ {
		var c byte
		if i < len(text) {
			c = text[i]
		}
		word := c == '_' || isLower(c) || isUpper(c) || c >= '0' && c <= '9'
		switch {
		case quote != 0 && word && start < 0:
			start = i
		case start >= 0 && !word:
			f(strings.ToLower(text[start:i]), quote == '`')
			start = -1
		}
		switch {
		case quote == 0 && (c == '\'' || c == '`'):
			quote = c
		case quote != 0 && c == quote:
			quote = 0
		}
	}
}
