package analysis

import (
	"slices"

	"github.com/dbspec/dbspec/lang/model"
)

// RelationReferenceNotUnique flags foreign keys whose referenced columns are
// not a primary or non-partial unique key of the target.
var RelationReferenceNotUnique = &Rule{
	Name:     "relation/reference-not-unique",
	Summary:  "a foreign key references columns that are not a primary or unique key",
	Severity: model.Error,
	Doc: `PostgreSQL only lets a foreign key reference columns that are, as a set, the
primary key or a unique key of the target table: otherwise a value could
match several rows. The migration fails with "there is no unique constraint
matching given keys for referenced table". A partial unique key
(` + "`unique (...) where ...`" + `) does not count, since it leaves some rows out.

The fix adds the unique key to the target when that is safe: not for a key
that exists only as a partial one (making it total changes its meaning),
for some columns of a wider key (they repeat on purpose), or for one that
would leave out the tenant column of a tenant table.

Bad:

` + "```dbspec" + `
table countries global {
  id   uuid    pk default(gen_random_uuid())
  code char(2)
}

table addresses global {
  id           uuid    pk default(gen_random_uuid())
  country_code char(2) -> countries.code on delete restrict
}
` + "```" + `

Good:

` + "```dbspec" + `
table countries global {
  id   uuid    pk default(gen_random_uuid())
  code char(2) unique
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore relation/reference-not-unique reason`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, fk := range t.ForeignKeys {
				if !pass.Schema.Resolved(fk) {
					continue
				}
				target, refs := pass.Schema.RefTable(fk), pass.Schema.RefColumns(fk)
				ok, partial := uniqueKeyOn(target, refs)
				if ok {
					continue
				}
				cols := columnNames(refs)
				if partial != nil {
					pass.Reportf(pass.Loc(fk.Site), nil, "unique (%s) of table %q is partial (where %s): a foreign key needs a key without where",
						cols, target.Name, partial.Where.Text)
					continue
				}
				fixes := []Fix{addUniqueKey(pass, target, refs)}
				advice := "add unique (" + cols + ") to it"
				switch tc := tenantColumn(pass, target); {
				case tc != nil && !slices.Contains(refs, tc):
					// unique (cols) would span all tenants: tenancy/unscoped-unique.
					fixes, advice = nil, "reference ("+tc.Name+", "+cols+") and make that unique"
				case partOfWiderKey(target, refs):
					// The key is wider on purpose: the columns alone repeat.
					fixes, advice = nil, "reference the whole key"
				}
				pass.Reportf(pass.Loc(fk.Site), fixes, "(%s) is neither the primary key nor a unique key of table %q: %s", cols, target.Name, advice)
			}
		}
	},
}

// addUniqueKey makes cols a unique key of t: a unique attribute on a single
// column, a unique clause for several.
func addUniqueKey(pass *Pass, t *model.Table, cols []*model.Column) Fix {
	key := "unique (" + columnNames(cols) + ")"
	edit := appendToTable(pass, t, key)
	if len(cols) == 1 && cols[0].Syntax != nil {
		edit = appendToColumn(pass, cols[0], "unique")
	}
	return Fix{Title: "Add " + key + " to " + t.Name, Edits: []model.Edit{edit}}
}

// partOfWiderKey reports whether cols are some, not all, of the columns of
// t's primary key or of one of its unique keys.
func partOfWiderKey(t *model.Table, cols []*model.Column) bool {
	keys := t.Uniques
	if t.PrimaryKey != nil {
		keys = append([]*model.Key{t.PrimaryKey}, keys...)
	}
	for _, k := range keys {
		if len(k.Columns) > len(cols) && containsAll(k.Columns, cols) {
			return true
		}
	}
	return false
}
