package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// NormalizationListInColumn flags string columns that hold a list (1NF).
var NormalizationListInColumn = &Rule{
	Name:     "normalization/list-in-column",
	Summary:  "a text column holds a list of values",
	Severity: model.Warning,
	Doc: `A column named like a list (` + "`tags`" + `, ` + "`categories`" + `, ` + "`member_ids`" + `,
` + "`email_list`" + `, ` + "`tags_csv`" + `) but typed as one string stores many values in one
field, the textbook breach of first normal form. The database cannot index
one value, enforce that it exists or is unique, or join on it; every query
splits and re-joins strings, and two writers that add a value at the same time
lose one of them.

Store one value per row in a junction table: ` + "`task_tags (task_id, tag)`" + `, or
with a foreign key for ids (` + "`member_ids`" + ` becomes ` + "`member_id -> members.id`" + `
when the schema has a ` + "`members`" + ` table). The fix creates that table right after
the owner's declaration, tenant-scoped like the owner, and removes the column.

Arrays are a deliberate choice and are left alone (` + "`tags text[]`" + `), except an
array of ids (` + "`member_ids uuid[]`" + `) when the table the ids point at exists: no
foreign key can check the elements of an array, so deleting a member leaves
dangling ids behind. jsonb columns are not checked.

Bad:

` + "```dbspec" + `
table tasks {
  id   uuid pk default(gen_random_uuid())
  tags text   // "urgent,backend"
}
` + "```" + `

Good:

` + "```dbspec" + `
table tasks {
  id uuid pk default(gen_random_uuid())
}

table task_tags {
  task_id uuid -> tasks.id on delete cascade
  tag     text

  pk (task_id, tag)
  index (tag)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore normalization/list-in-column mirrors the CSV the partner uploads`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, c := range t.Columns {
				elem := c.Type
				elem.Dims = 0
				text, idArray := c.Type.Dims == 0 && isTextType(elem), c.Type.Dims == 1 && isKeyType(elem)
				if c.Incomplete || !text && !idArray {
					continue
				}
				item, ids := listItem(c.Name)
				if item == "" {
					continue
				}
				var ref *model.Table
				if ids {
					ref = itemTable(pass.Schema, item)
				}
				if !text && ref == nil {
					continue // an array of ids of another system
				}
				var fixes []Fix
				if f := junctionFix(pass, t, c, item, ids, ref); f != nil {
					fixes = append(fixes, *f)
				}
				if text {
					pass.Reportf(pass.Loc(c.Site), fixes, "column %q stores a list in one %s value: extract a junction table", c.Name, c.Type.Name)
				} else {
					pass.Reportf(pass.Loc(c.Site), fixes, "column %q holds ids of %q that no foreign key checks: extract a junction table", c.Name, ref.Name)
				}
			}
		}
	},
}

// listWords are plural nouns that, as the last word of a string column's
// name, say that the column holds several values.
var listWords = map[string]bool{
	"tags": true, "labels": true, "categories": true, "keywords": true, "topics": true,
	"skills": true, "roles": true, "permissions": true, "scopes": true, "emails": true,
	"recipients": true, "attendees": true, "participants": true, "members": true,
}

// listItem returns the singular snake_case noun of the items a column named
// name holds as a list ("tag" for tags, "member" for member_ids, "email" for
// email_list), whether the items are ids, or "" when the name is not a
// list's.
func listItem(name string) (item string, ids bool) {
	words := nameWords(name)
	n := len(words)
	if n == 0 {
		return "", false
	}
	switch last := words[n-1]; {
	case n > 1 && last == "ids":
		return strings.Join(words[:n-1], "_"), true
	case n > 1 && (last == "list" || last == "csv"):
		item = model.Singular(strings.Join(words[:n-1], "_"))
		if base, ok := strings.CutSuffix(item, "_id"); ok && base != "" {
			return base, true
		}
		return item, false
	case listWords[last]:
		return model.Singular(strings.Join(words, "_")), false
	}
	return "", false
}

// itemTable returns the table the ids of item point at ("members" for
// member), when it exists and has a one-column primary key.
func itemTable(s *model.Schema, item string) *model.Table {
	for _, name := range []string{tableNameFor(s, item), item, model.Plural(item)} {
		if t := s.Table(name); singlePK(t) != nil {
			return t
		}
	}
	return nil
}
