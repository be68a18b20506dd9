package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// copied is a column that copies a column of a table its table references:
// user_email beside user_id when users has email.
type copied struct {
	col *model.Column     // the copy
	src *model.Column     // the column it copies
	key *model.Column     // the referencing column it depends on (user_id)
	fk  *model.ForeignKey // the foreign key through key
}

// contextWords are attributes whose meaning depends on the row that holds
// them: an order's customer_note is not the customer's note.
var contextWords = map[string]bool{
	"note": true, "notes": true, "comment": true, "comments": true, "description": true,
	"role": true, "type": true, "kind": true,
}

// copies returns the columns of t named <p>_<x> beside a foreign key column
// <p>_<ref> (user_id, country_code) whose table has a column x, or <p>_<x>
// itself, of the same type. A column that is itself part of a foreign key
// or of the primary key is no copy. When several foreign keys could explain
// a column, the one with the longest prefix wins.
func copies(pass *Pass, t *model.Table) []copied {
	type via struct {
		prefix   string // with its underscore: user_
		key, ref *model.Column
		fk       *model.ForeignKey
	}
	var buf [4]via
	vias := buf[:0]
	for _, fk := range t.ForeignKeys {
		if key, ref := fkKey(pass, fk); key != nil {
			if p, ok := strings.CutSuffix(key.Name, ref.Name); ok && len(p) > 1 && p[len(p)-1] == '_' {
				vias = append(vias, via{p, key, ref, fk}) // p is user_ for user_id
			}
		}
	}
	if len(vias) == 0 {
		return nil
	}
	var out []copied
	for _, c := range t.Columns {
		if c.Incomplete {
			continue
		}
		var best *copied
		bestLen := 0
		for _, v := range vias {
			x, ok := strings.CutPrefix(c.Name, v.prefix)
			if !ok || c == v.key || len(v.prefix) <= bestLen || contextWords[x] {
				continue
			}
			src := columnNamed(pass.Schema.RefTable(v.fk), x, c.Name)
			if src != nil && src != v.ref && !src.Incomplete && sameData(c.Type, src.Type) {
				best, bestLen = &copied{col: c, src: src, key: v.key, fk: v.fk}, len(v.prefix)
			}
		}
		if best != nil && !keyColumn(t, c) {
			out = append(out, *best)
		}
	}
	return out
}

// columnNamed returns the column of t with one of names, or failing that
// the one whose name has the same words (userName for user_name), or nil.
func columnNamed(t *model.Table, names ...string) *model.Column {
	for _, n := range names {
		if c := t.Column(n); c != nil {
			return c
		}
	}
	for _, c := range t.Columns {
		if snake := strings.Join(nameWords(c.Name), "_"); slices.Contains(names, snake) {
			return c
		}
	}
	return nil
}

// keyColumn reports whether c is part of t's primary key or of a foreign
// key.
func keyColumn(t *model.Table, c *model.Column) bool {
	if t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c) {
		return true
	}
	return slices.ContainsFunc(t.ForeignKeys, func(fk *model.ForeignKey) bool { return slices.Contains(fk.Columns, c) })
}

// fkKey returns the column of fk that names the referenced row and the
// column it references: user_id and users.id for `user_id -> users.id`,
// task_id and tasks.id for `fk (tenant_id, task_id) -> tasks (tenant_id, id)`.
// It returns nils for an unresolved foreign key or one with several such
// columns.
func fkKey(pass *Pass, fk *model.ForeignKey) (key, ref *model.Column) {
	refs := pass.Schema.RefColumns(fk)
	if pass.Schema.RefTable(fk) == nil || len(refs) != len(fk.Columns) {
		return nil, nil
	}
	tn := pass.Schema.Tenancy()
	for i, c := range fk.Columns {
		if len(fk.Columns) > 1 && tn != nil && c.Name == tn.Column {
			continue
		}
		if key != nil {
			return nil, nil
		}
		key, ref = c, refs[i]
	}
	return key, ref
}

// partOfKey reports whether fk's columns are a proper part of t's
// composite primary key: a column that depends on them alone breaks 2NF.
func partOfKey(t *model.Table, fk *model.ForeignKey) bool {
	if t.PrimaryKey == nil || len(fk.Columns) >= len(t.PrimaryKey.Columns) {
		return false
	}
	for _, c := range fk.Columns {
		if !slices.Contains(t.PrimaryKey.Columns, c) {
			return false
		}
	}
	return true
}

// removeCopyFixes offers to delete a copied column.
func removeCopyFixes(pass *Pass, c *model.Column) []Fix {
	if del := deleteColumn(pass, c); del != nil {
		return []Fix{{Title: "Remove the copied column", Edits: del}}
	}
	return nil
}
