package analysis

import "github.com/dbspec/dbspec/lang/model"

// MigrationEnumValueRemoved flags enum values of the last sealed migration
// that the current enum no longer has.
var MigrationEnumValueRemoved = &Rule{
	Name:     "migration/enum-value-removed",
	Summary:  "a value is removed from an enum",
	Severity: model.Error,
	Doc: `PostgreSQL cannot drop a value from an enum type: the migration has to create
a new type, convert every column that uses the enum, and drop the old one. The
conversion fails on the first row that holds the removed value, and rewrites the
tables under an exclusive lock.

Renaming a value is not supported either: it reads as a removal and an addition. A
value that is no longer used can stay in the enum; document it as deprecated. To
really remove it, first update the rows that hold it to another value, then remove
it from the enum and suppress this finding.

Bad:

` + "```dbspec" + `
// last sealed: enum status { draft active archived }
enum status { draft active }
` + "```" + `

Good:

` + "```dbspec" + `
enum status {
  draft
  active
  /// Deprecated: no longer set.
  archived
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore migration/enum-value-removed no row holds archived since 2026-03`" + `
above the enum.`,
	Run: func(pass *Pass) {
		old := baseline(pass)
		if old == nil {
			return
		}
		for _, oe := range old.Enums {
			e := pass.Schema.Enum(oe.Name)
			if e == nil {
				continue // dropped: migration/destructive-change
			}
			for _, v := range oe.Values {
				if e.Value(v.Name) == nil {
					pass.Reportf(pass.Loc(e.Site), nil, "value %q is removed from enum %q: the migration fails on rows that hold it (renaming a value is not supported)", v.Name, e.Name)
				}
			}
		}
	},
}
