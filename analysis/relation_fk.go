package analysis

import (
	"fmt"
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// Helpers about foreign keys, shared by the relation and tenancy rules.

// columnNames renders columns as "a, b".
func columnNames(cols []*model.Column) string {
	return strings.Join(model.ColumnNames(cols), ", ")
}

// describeFK renders a resolved foreign key for messages, as it is written:
// tasks.project_id -> projects.id, or tasks (a, b) -> projects (c, d).
func describeFK(pass *Pass, fk *model.ForeignKey) string {
	target, refs := pass.Schema.RefTable(fk), pass.Schema.RefColumns(fk)
	if len(fk.Columns) == 1 {
		return fmt.Sprintf("%s.%s -> %s.%s", fk.Table.Name, fk.Columns[0].Name, target.Name, refs[0].Name)
	}
	return fmt.Sprintf("%s (%s) -> %s (%s)", fk.Table.Name, columnNames(fk.Columns), target.Name, columnNames(refs))
}

// referencingType is the type a column that references a column of type t
// has: t itself, except that a serial is referenced by an int and a
// bigserial by a bigint.
func referencingType(t model.Type) model.Type {
	t.Name = storage(t.Name)
	return t
}

// isUniqueKey reports whether cols, as a set, are t's primary key or one of
// its non-partial unique keys.
func isUniqueKey(t *model.Table, cols ...*model.Column) bool {
	ok, _ := uniqueKeyOn(t, cols)
	return ok
}

// uniqueKeyOn reports whether cols, as a set, are t's primary key or one of
// its non-partial unique keys: what a foreign key to them needs. When they
// are only a partial unique key, that key is returned.
func uniqueKeyOn(t *model.Table, cols []*model.Column) (ok bool, partial *model.Key) {
	if t.PrimaryKey != nil && sameSet(t.PrimaryKey.Columns, cols) {
		return true, nil
	}
	for _, u := range t.Uniques {
		if !sameSet(u.Columns, cols) {
			continue
		}
		if u.Where == nil {
			return true, nil
		}
		partial = u
	}
	return false, partial
}

// actionPoint is the empty location right after the referenced column(s) of
// fk, where an `on delete` action reads naturally.
func actionPoint(pass *Pass, fk *model.ForeignKey) model.Loc {
	end := fk.RefSite.Span.End
	return pass.tableLoc(fk.Table, lang.Span{Start: end, End: end})
}
