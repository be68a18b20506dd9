package analysis

import (
	"fmt"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// NamingForeignKeySuffix flags foreign key columns not named after the
// column they reference.
var NamingForeignKeySuffix = &Rule{
	Name:     "naming/foreign-key-suffix",
	Summary:  "a foreign key column's name does not end in _ and the referenced column, usually _id",
	Severity: model.Warning,
	Doc: `A column that holds another row's key says so in its name: ` + "`owner_id`" + `
holds a ` + "`users.id`" + `, ` + "`country_code`" + ` a ` + "`countries.code`" + `. A bare ` + "`owner`" + ` or
` + "`created_by`" + ` reads like the row itself, and code that loads the row has no
name left for it.

In a composite foreign key, a column referencing the column of the same
name (` + "`tenant_id`" + ` -> ` + "`tenant_id`" + `) is fine; the others follow the rule. A
table whose primary key is also a foreign key to the same-named column
(` + "`id uuid pk -> users.id`" + `, one row per user) is fine too.

Bad:

` + "```dbspec" + `
owner   uuid    -> users.id
country char(2) -> countries.code
` + "```" + `

Good:

` + "```dbspec" + `
owner_id     uuid    -> users.id
country_code char(2) -> countries.code
` + "```" + `

The fix renames the column everywhere to ` + "`<name>_<referenced column>`" + `
(a trailing ` + "`_uuid`" + `, ` + "`_ref`" + ` or ` + "`_fk`" + ` is dropped: ` + "`owner_uuid`" + ` becomes
` + "`owner_id`" + `), when that name is free. If the database already has the
column, add ` + "`renamed_from OLD`" + ` so that the migration renames it instead of
dropping it.

Suppress with ` + "`// dbspec:ignore naming/foreign-key-suffix the name is shared with the mobile app`" + `.`,
	Run: func(pass *Pass) {
		rn := newRenamer(pass.Schema)
		for _, t := range pass.Schema.Tables {
			reported := map[*model.Column]bool{}
			for _, fk := range t.ForeignKeys {
				refs := pass.Schema.RefColumns(fk)
				if pass.Schema.RefTable(fk) == nil || len(fk.Columns) != len(refs) {
					continue
				}
				for i, c := range fk.Columns {
					ref := refs[i]
					if reported[c] || fkNameOK(c, ref, len(fk.Columns) > 1) {
						continue
					}
					reported[c] = true
					msg := fmt.Sprintf("foreign key column %q of table %q should end in %q, as it references %s.%s",
						c.Name, t.Name, "_"+ref.Name, ref.Table.Name, ref.Name)
					if name := fkColumnName(c, ref); name != "" {
						pass.Reportf(pass.Loc(c.Site), rn.rename(c, name), "%s: %q", msg, name)
					} else {
						pass.Reportf(pass.Loc(c.Site), nil, "%s", msg)
					}
				}
			}
		}
	},
}

// fkNameOK reports whether column c may reference column ref by its name.
func fkNameOK(c, ref *model.Column, composite bool) bool {
	name, refName := asSnakeCase(c.Name), asSnakeCase(ref.Name)
	switch {
	case name == "" || refName == "":
		return true // naming/snake-case reports it
	case len(name) > len(refName) && name[len(name)-len(refName)-1] == '_' && strings.HasSuffix(name, refName):
		return true
	case name == refName:
		// tenant_id -> tenant_id in a composite key; a shared primary key
		pk := c.Table.PrimaryKey
		return composite || pk != nil && len(pk.Columns) == 1 && pk.Columns[0] == c
	}
	return false
}

// fkColumnName names a column that references ref: owner -> owner_id,
// owner_uuid -> owner_id, code -> country_code (the referenced table's
// singular). It returns "" when it has no good name.
func fkColumnName(c, ref *model.Column) string {
	refName := snakeCase(ref.Name)
	words := nameWords(c.Name)
	if n := len(words); n > 1 && (words[n-1] == "uuid" || words[n-1] == "ref" || words[n-1] == "fk") {
		words = words[:n-1]
	}
	base := strings.Join(words, "_")
	if base == refName {
		base = singularTableNoun(ref.Table.Name)
	}
	if base == "" || refName == "" {
		return ""
	}
	return base + "_" + refName
}

// singularTableNoun is a table's name in snake_case with its last word
// singular: countries -> country, task_labels -> task_label, staff ->
// staff; "" when the name has no snake_case form.
func singularTableNoun(table string) string {
	return model.Singular(snakeCase(table))
}
