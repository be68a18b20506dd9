package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// MigrationProbableRename flags a dropped and an added column (or table)
// that look like one renamed.
var MigrationProbableRename = &Rule{
	Name:     "migration/probable-rename",
	Summary:  "a dropped and an added column or table look like a rename without renamed_from",
	Severity: model.Warning,
	Doc: `dbspec cannot tell a rename from a drop and an add: without ` + "`renamed_from`" + `,
the next migration drops the old column (or table) with its data and adds an empty
new one. When a table loses exactly one column of some type and gains exactly one
of the same type, or the schema loses one table and gains one with the same columns
(names and types), it was most likely renamed. The fix adds
` + "`renamed_from old_name`" + `, so that the migration renames it and keeps the data.

Nothing is reported when the match is ambiguous (two dropped or two added columns
of the same type): add ` + "`renamed_from`" + ` by hand where it applies. It can be left in
place after the migration is sealed; it has no effect once the old name is gone.

Bad:

` + "```dbspec" + `
// last sealed: id uuid pk, name text
table users {
  id        uuid pk
  full_name text
}
` + "```" + `

Good:

` + "```dbspec" + `
table users {
  id        uuid pk
  full_name text renamed_from name
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore migration/probable-rename name is not needed anymore`" + `.`,
	Run: func(pass *Pass) {
		old := baseline(pass)
		if old == nil {
			return
		}
		pairs, dropped, added := model.MatchTables(old, pass.Schema)
		renames(dropped, added, tableSignature, func(o, t *model.Table) {
			pass.Reportf(pass.Loc(t.Site), []Fix{{Title: "Add renamed_from " + o.Name, Edits: []model.Edit{tableRenamedFrom(pass, t, o.Name)}}},
				"table %q may be table %q renamed: add renamed_from %s to keep its rows", t.Name, o.Name, o.Name)
		})
		for _, p := range pairs {
			if hasIncompleteColumn(p.New) {
				continue
			}
			_, gone, added := model.MatchColumns(p.Old.Columns, p.New.Columns)
			renames(gone, added, func(c *model.Column) string { return c.Type.String() }, func(o, c *model.Column) {
				pass.Reportf(pass.Loc(c.Site), []Fix{{Title: "Add renamed_from " + o.Name, Edits: []model.Edit{appendToColumn(pass, c, "renamed_from "+o.Name)}}},
					"column %q of table %q may be column %q renamed: add renamed_from %s to keep its data", c.Name, p.New.Name, o.Name, o.Name)
			})
		}
	},
}

// renames calls report for each added declaration that is the only one of
// its signature and matches the only dropped declaration of that signature.
// Declarations whose signature is "" and added ones that already name what
// they are renamed from are left out.
func renames[T interface {
	comparable
	model.Symbol
}](dropped, added []T, signature func(T) string, report func(old, cur T)) {
	if len(dropped) == 0 || len(added) == 0 {
		return
	}
	type group struct {
		dropped, added []T
	}
	groups := map[string]*group{}
	var order []string
	at := func(sig string) *group {
		g := groups[sig]
		if g == nil {
			g = &group{}
			groups[sig] = g
			order = append(order, sig)
		}
		return g
	}
	for _, d := range dropped {
		if sig := signature(d); sig != "" {
			at(sig).dropped = append(at(sig).dropped, d)
		}
	}
	for _, a := range added {
		if sig := signature(a); sig != "" && renamedFrom(a) == "" {
			at(sig).added = append(at(sig).added, a)
		}
	}
	for _, sig := range order {
		if g := groups[sig]; len(g.dropped) == 1 && len(g.added) == 1 {
			report(g.dropped[0], g.added[0])
		}
	}
}

// renamedFrom returns the renamed_from of a table or column.
func renamedFrom(sym model.Symbol) string {
	switch s := sym.(type) {
	case *model.Table:
		return s.RenamedFrom
	case *model.Column:
		return s.RenamedFrom
	}
	return ""
}

// tableSignature describes a table's columns, names and types, in name
// order; "" when it has none, or a column whose type is unknown.
func tableSignature(t *model.Table) string {
	cols := make([]string, 0, len(t.Columns))
	for _, c := range t.Columns {
		if c.Incomplete {
			return ""
		}
		cols = append(cols, c.Name+" "+c.Type.String())
	}
	slices.Sort(cols)
	return strings.Join(cols, ", ")
}

// tableRenamedFrom adds the renamed_from modifier to table t's header.
func tableRenamedFrom(pass *Pass, t *model.Table, old string) model.Edit {
	end := t.Chunk.Table.Header.Span().End
	return model.Edit{Loc: pass.tableLoc(t, lang.Span{Start: end, End: end}), NewText: " renamed_from " + old}
}
