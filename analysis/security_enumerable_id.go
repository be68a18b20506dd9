package analysis

import "github.com/dbspec/dbspec/lang/model"

// SecurityEnumerableID flags tables keyed by an integer that have no uuid
// public id.
var SecurityEnumerableID = &Rule{
	Name:     "security/enumerable-id",
	Summary:  "an integer primary key is the only id of a table",
	Severity: model.Warning,
	Doc: `An integer or serial key that ends up in URLs and API responses
(` + "`/invoices/1042`" + `) can be guessed: anyone can try 1041 and 1043, so a single
missing authorization check leaks every row, and the numbers tell outsiders
how many invoices, users or orders there are and how fast they grow. Keep
the integer as the internal key if you like, and give the table a random
public id to expose instead: ` + "`public_id uuid unique default(gen_random_uuid())`" + `.
A random uuid needs no tenant column in its key, even in a tenant table.

The rule reports a one-column primary key of type int, bigint, serial or
bigserial when no uuid column of the table is unique (alone, or with the
tenant column). It skips smallint keys, which mark small lookup tables, and
keys that are also a foreign key (` + "`user_settings.user_id`" + `, whose id is its
parent's). For another lookup table keyed by an integer, such as a list of
plans that is public anyway, suppress the finding.

Bad:

` + "```dbspec" + `
table invoices {
  id    bigserial pk
  total numeric(12,2)
}
` + "```" + `

Good:

` + "```dbspec" + `
table invoices {
  id        bigserial     pk
  public_id uuid          unique default(gen_random_uuid())
  total     numeric(12,2)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore security/enumerable-id a public list of plans`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			pk := singlePK(t)
			if pk == nil || pk.Incomplete || !pk.Type.IsInteger() || pk.Type.Name == "smallint" || fkColumns(t)[pk] || hasPublicID(pass, t) {
				continue
			}
			pass.Reportf(pass.Loc(pk.Site), publicIDFixes(pass, t), "primary key %q of %q is a guessable %s: add a uuid public_id to expose instead",
				pk.Name, t.Name, pk.Type.Name)
		}
	},
}

// hasPublicID reports whether a uuid column of t is unique, alone or
// together with the tenant column.
func hasPublicID(pass *Pass, t *model.Table) bool {
	tenant := tenantColumn(pass, t)
	for _, c := range t.Columns {
		if c.Incomplete || c.Type.Name != "uuid" || c.Type.Dims > 0 {
			continue
		}
		if c.Unique || c.PK {
			return true
		}
		for _, u := range t.Uniques {
			if len(u.Columns) == 1 && u.Columns[0] == c || tenant != nil && sameSet(u.Columns, []*model.Column{tenant, c}) {
				return true
			}
		}
	}
	return false
}

// publicIDFixes adds a uuid public_id, or makes an existing uuid public_id
// unique.
func publicIDFixes(pass *Pass, t *model.Table) []Fix {
	if c := t.Column("public_id"); c != nil {
		if c.Incomplete || c.Type.Name != "uuid" || c.Type.Dims > 0 {
			return nil
		}
		return []Fix{{Title: "Make public_id unique", Edits: []model.Edit{appendToColumn(pass, c, "unique")}}}
	}
	return []Fix{{Title: "Add public_id", Edits: []model.Edit{insertColumn(pass, t, "public_id uuid unique default(gen_random_uuid())")}}}
}
