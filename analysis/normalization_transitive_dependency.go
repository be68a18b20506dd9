package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// NormalizationTransitiveDependency flags columns that depend on another
// non-key column rather than on the key (3NF).
var NormalizationTransitiveDependency = &Rule{
	Name:     "normalization/transitive-dependency",
	Summary:  "a column depends on another non-key column, not on the key",
	Severity: model.Warning,
	Doc: `A column that is determined by another column of its row, rather than by the
row's key, breaks third normal form. Two shapes are common:

- a copy of the referenced row: ` + "`user_email`" + ` beside ` + "`user_id`" + ` when ` + "`users`" + ` has
  ` + "`email`" + `. The copy goes stale when the user changes their address and must
  be rewritten in every row that points at them. Remove it and read
  ` + "`users.email`" + ` through the join.
- a code and its name with no table behind them: ` + "`country_code`" + ` and
  ` + "`country_name`" + `. Nothing stops two rows from giving one code two names. The
  fix extracts a lookup table (` + "`countries (code pk, name)`" + `), turns the code
  into a foreign key to it and removes the name column; when the table
  already exists with a unique ` + "`code`" + `, it references that one instead.

The copy case looks for a column ` + "`<p>_<x>`" + ` beside a foreign key column
` + "`<p>_<col>`" + ` (` + "`user_id`" + `, ` + "`country_code`" + `) whose table has a column ` + "`x`" + ` (or ` + "`<p>_<x>`" + `)
of the same type; attributes whose meaning depends on the row (` + "`note`" + `,
` + "`description`" + `, ` + "`role`" + `, ` + "`type`" + `, ` + "`kind`" + `) are not treated as copies. A foreign
key that is part of a composite primary key is left to
` + "`normalization/partial-dependency`" + `.

Bad:

` + "```dbspec" + `
table orders {
  id           uuid pk default(gen_random_uuid())
  user_id      uuid -> users.id on delete cascade
  user_email   text
  country_code char(2)
  country_name text
}
` + "```" + `

Good:

` + "```dbspec" + `
table orders {
  id           uuid    pk default(gen_random_uuid())
  user_id      uuid    -> users.id on delete cascade
  country_code char(2) -> countries.code on delete restrict
}

table countries {
  code char(2) pk
  name text
}
` + "```" + `

A deliberate snapshot (the address an order was shipped to, the email an
invoice was sent to) is not a copy to remove: suppress with
` + "`// dbspec:ignore normalization/transitive-dependency the invoice keeps the address it was sent to`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, cp := range copies(pass, t) {
				if !partOfKey(t, cp.fk) {
					pass.Reportf(pass.Loc(cp.col.Site), removeCopyFixes(pass, cp.col), "column %q copies %s.%s through %q: remove it and join %s",
						cp.col.Name, cp.src.Table.Name, cp.src.Name, cp.key.Name, cp.src.Table.Name)
				}
			}
		}
		reportCodeNames(pass)
	},
}

// codeName is a <p>_code column with a <p>_name beside it and no table
// behind them.
type codeName struct {
	table      *model.Table
	prefix     string // country
	code, name *model.Column
}

// reportCodeNames reports the <p>_name columns that depend on a <p>_code
// column without a foreign key. The fixes of all the findings of one prefix
// create the same lookup table, after the first table that needs it, so
// that applying them together declares it once.
func reportCodeNames(pass *Pass) {
	var found []codeName
	first := map[string]codeName{}
	for _, t := range pass.Schema.Tables {
		for _, cn := range codeNames(t) {
			if _, ok := first[cn.prefix]; !ok {
				first[cn.prefix] = cn
			}
			found = append(found, cn)
		}
	}
	for _, cn := range found {
		lookup := tableNameFor(pass.Schema, cn.prefix)
		if existing := pass.Schema.Table(lookup); existing != nil {
			var fixes []Fix
			if code := existing.Column("code"); code != nil && isUniqueKey(existing, code) && sameData(cn.code.Type, code.Type) {
				if edits := lookupEdits(pass, cn, lookup); edits != nil {
					fixes = []Fix{{Title: "Reference " + lookup + ".code", Edits: edits}}
				}
			}
			pass.Reportf(pass.Loc(cn.name.Site), fixes, "column %q depends on %q, not on the key: reference %s.code and remove it",
				cn.name.Name, cn.code.Name, lookup)
			continue
		}
		var fixes []Fix
		if edits := lookupEdits(pass, cn, lookup); edits != nil && goodName("", lookup) && first[cn.prefix].table.Chunk.Close >= 0 {
			fixes = []Fix{{Title: "Extract lookup table", Edits: append(edits, insertAfter(pass, first[cn.prefix].table, lookupTable(pass, first[cn.prefix], lookup)))}}
		}
		pass.Reportf(pass.Loc(cn.name.Site), fixes, "column %q depends on %q, not on the key: extract a lookup table %q",
			cn.name.Name, cn.code.Name, lookup)
	}
}

// codeNames finds the <p>_code and <p>_name string columns of t where the
// code has no foreign key and t is not itself the lookup table of p.
func codeNames(t *model.Table) []codeName {
	inFK := fkColumns(t)
	var out []codeName
	for _, code := range t.Columns {
		p, ok := strings.CutSuffix(code.Name, "_code")
		if !ok || p == "" || code.Incomplete || inFK[code] || !isTextType(code.Type) || isUniqueKey(t, code) {
			continue
		}
		name := t.Column(p + "_name")
		if name == nil || name.Incomplete || inFK[name] || !isTextType(name.Type) {
			continue
		}
		if own := model.Singular(t.Name); own == p || t.Name == p {
			continue // the lookup table itself: countries (country_code, country_name)
		}
		out = append(out, codeName{table: t, prefix: p, code: code, name: name})
	}
	return out
}

// lookupEdits turns the code column into a foreign key to lookup.code, with
// an index, and removes the name column; nil when the name column cannot be
// removed.
func lookupEdits(pass *Pass, cn codeName, lookup string) []model.Edit {
	del := deleteColumn(pass, cn.name)
	if del == nil {
		return nil
	}
	edits := append(del, appendToColumn(pass, cn.code, "-> "+lookup+".code on delete restrict"))
	if !leadsKey(cn.table, cn.code) {
		edits = append(edits, appendToTable(pass, cn.table, "index ("+cn.code.Name+")"))
	}
	return edits
}

// lookupTable declares the lookup table of cn's prefix, global when the
// project is multi-tenant, with the types of cn's columns.
func lookupTable(pass *Pass, cn codeName, name string) *newTable {
	words := strings.ReplaceAll(cn.prefix, "_", " ")
	return &newTable{
		doc:    strings.ToUpper(words[:1]) + words[1:] + " codes and their names.",
		name:   name,
		global: pass.Schema.Tenancy() != nil,
		columns: [][3]string{
			{"code", cn.code.Type.String(), "pk"},
			{"name", cn.name.Type.String(), ""},
			{"created_at", "timestamptz", "default(now())"},
			{"updated_at", "timestamptz", "default(now())"},
		},
	}
}
