package analysis

import (
	"cmp"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// keyDef is a uniform view of what PostgreSQL builds an index for: a
// primary key, a unique key or an index of a table.
type keyDef struct {
	kind    string     // "pk", "unique" or "index"
	key     *model.Key // the pk or unique key, nil for an index
	name    string     // the index's explicit name
	cols    []*model.Column
	desc    []bool // per column; nil when all ascending
	method  string // "btree" when not given
	include []*model.Column
	where   string     // the predicate with white space folded, or ""
	site    model.Site // the key's clause or column attribute
}

// isDesc reports whether the i-th key column is in descending order.
func (k keyDef) isDesc(i int) bool { return k.desc != nil && k.desc[i] }

// keyCount is the number of keys and indexes of t.
func keyCount(t *model.Table) int {
	n := len(t.Uniques) + len(t.Indexes)
	if t.PrimaryKey != nil {
		n++
	}
	return n
}

// keyDefs appends to out (a buffer reused from table to table) t's primary
// key, unique keys and indexes in that order, leaving out those that name
// a column that does not resolve: they are being typed, and the resolver
// reports them.
func keyDefs(t *model.Table, out []keyDef) []keyDef {
	addKey := func(kind string, k *model.Key) {
		if k != nil && !k.Incomplete {
			out = append(out, keyDef{kind: kind, key: k, cols: k.Columns, method: "btree", where: foldedText(k.Where), site: k.Site})
		}
	}
	addKey("pk", t.PrimaryKey)
	for _, u := range t.Uniques {
		addKey("unique", u)
	}
	for _, ix := range t.Indexes {
		if ix.Incomplete {
			continue
		}
		k := keyDef{kind: "index", name: ix.Name, cols: make([]*model.Column, len(ix.Columns)), method: cmp.Or(ix.Using, "btree"),
			include: ix.Include, where: foldedText(ix.Where), site: ix.Site}
		for i, c := range ix.Columns {
			k.cols[i] = c.Column
			if c.Desc {
				if k.desc == nil {
					k.desc = make([]bool, len(ix.Columns))
				}
				k.desc[i] = true
			}
		}
		out = append(out, k)
	}
	return out
}

// String renders the key for messages as it is written, without the
// included columns: index by_owner (owner_id, created_at desc) where x.
func (k keyDef) String() string {
	var b strings.Builder
	b.WriteString(k.kind)
	if k.name != "" {
		b.WriteString(" " + k.name)
	}
	b.WriteString(" (")
	for i, c := range k.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.Name)
		if k.isDesc(i) {
			b.WriteString(" desc")
		}
	}
	b.WriteString(")")
	if k.method != "btree" {
		b.WriteString(" using " + k.method)
	}
	if k.where != "" {
		b.WriteString(" where " + k.where)
	}
	return b.String()
}

// sameLead reports whether the first n key columns of a and b are the same
// columns in the same order, scanned in the same direction: a btree can be
// read backwards, so (a desc, b desc) serves what (a, b) serves.
func sameLead(a, b keyDef, n int) bool {
	if len(a.cols) < n || len(b.cols) < n {
		return false
	}
	flip := n > 0 && a.isDesc(0) != b.isDesc(0)
	for i := range n {
		if a.cols[i] != b.cols[i] || (a.isDesc(i) != b.isDesc(i)) != flip {
			return false
		}
	}
	return true
}

// foldedText is an expression's text with runs of white space folded to one
// space, so that predicates compare as written; "" for no expression.
func foldedText(e *model.Expr) string {
	if e == nil {
		return ""
	}
	if !strings.Contains(e.Text, "  ") && !strings.ContainsAny(e.Text, "\t\n\r") {
		return e.Text
	}
	return strings.Join(strings.Fields(e.Text), " ")
}

// deleteKey removes a key or an index: its line for a clause, the attribute
// for a unique or pk written on a column.
func deleteKey(pass *Pass, k keyDef) model.Edit {
	if k.key != nil && k.key.FromColumn {
		return removeAttribute(pass.Loc(k.site))
	}
	return deleteLine(pass.Loc(k.site))
}

// reportUnneeded reports key k as unnecessary because of other, with a fix
// that deletes it; related says what other is to k ("it duplicates").
func reportUnneeded(pass *Pass, k, other keyDef, message, related string) {
	pass.Report(Diagnostic{
		Diagnostic: model.Diagnostic{
			Loc:     pass.Loc(k.site),
			Message: message,
			Related: []model.Related{{Loc: pass.Loc(other.site), Message: "the " + other.kind + " " + related}},
		},
		Tags:  []Tag{Unnecessary},
		Fixes: []Fix{{Title: "Delete " + k.String(), Edits: []model.Edit{deleteKey(pass, k)}}},
	})
}
