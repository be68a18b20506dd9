package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// NamingTablePlural flags table names that are singular when the project
// names tables in the plural, or plural when it names them in the singular.
var NamingTablePlural = &Rule{
	Name:     "naming/table-plural",
	Summary:  "a table name is singular where the project names tables in the plural, or the reverse",
	Severity: model.Warning,
	Doc: `A schema reads best when every table follows one convention: ` + "`users`" + `,
` + "`orders`" + `, ` + "`order_items`" + `, or ` + "`user`" + `, ` + "`order`" + `, ` + "`order_item`" + `. Mixing them makes
every query a guess. The project's ` + "`naming { tables plural|singular }`" + `
chooses; plural is the default, also without a project block.

Only the last word of a name is judged (` + "`task_labels`" + `, ` + "`audit_logs`" + `), skipping
trailing words with digits and modifiers such as ` + "`_old`" + `, ` + "`_tmp`" + `, ` + "`_v2`" + ` or
` + "`_daily`" + ` (` + "`users_v2`" + ` is plural). Uncountable nouns (` + "`data`" + `, ` + "`inventory`" + `,
` + "`feedback`" + `, ` + "`billing`" + `), nouns whose two forms are one (` + "`series`" + `, ` + "`sheep`" + `),
acronyms and words the rule cannot judge are left alone.

Bad:

` + "```dbspec" + `
table invoice {
  id uuid pk
}
` + "```" + `

Good:

` + "```dbspec" + `
table invoices {
  id uuid pk
}
` + "```" + `

The fix renames the table everywhere (foreign keys, the tenancy root). If
the database already has the table, add ` + "`renamed_from OLD`" + ` so that the
migration renames it instead of dropping it.

Suppress with ` + "`// dbspec:ignore naming/table-plural the API exposes this name`" + `.`,
	Run: func(pass *Pass) {
		plural := pluralTables(pass.Schema)
		rn := newRenamer(pass.Schema)
		for _, t := range pass.Schema.Tables {
			start, end, ok := headWord(t.Name)
			if !ok {
				continue
			}
			word := strings.ToLower(t.Name[start:end])
			want, inflect := "plural", model.PluralOf
			if !plural {
				want, inflect = "singular", model.SingularOf
			}
			if n := model.NumberOf(word); n == model.NumberUnsure || (n == model.NumberPlural) == plural {
				continue
			}
			var fixes []Fix
			name := ""
			if w, ok := inflect(word); ok {
				if w, ok = matchCase(w, t.Name[start:end]); ok {
					name = t.Name[:start] + w + t.Name[end:]
					fixes = rn.rename(t, name)
				}
			}
			if name == "" {
				pass.Reportf(pass.Loc(t.Site), nil, "table %q should be %s", t.Name, want)
				continue
			}
			pass.Reportf(pass.Loc(t.Site), fixes, "table %q should be %s: %q", t.Name, want, name)
		}
	},
}

// headWord finds the word of a table name that says how many rows it
// names: the last one, skipping trailing words with digits and modifiers
// (users_v2, orders_2024, users_old). It reports false when there is none.
func headWord(name string) (start, end int, ok bool) {
	words := nameWords(name)
	spans := make([][2]int, len(words))
	at := 0
	for i, w := range words { // nameWords drops only underscores between words
		for at < len(name) && name[at] == '_' {
			at++
		}
		spans[i] = [2]int{at, at + len(w)}
		at += len(w)
	}
	for i := len(words) - 1; i >= 0; i-- {
		if !tableNameModifiers[words[i]] && !strings.ContainsAny(words[i], "0123456789") {
			return spans[i][0], spans[i][1], true
		}
	}
	return 0, 0, false
}

// tableNameModifiers are words that may follow the noun of a table name.
var tableNameModifiers = wordSet(`old new tmp temp backup bak raw staging
	current latest legacy copy deleted archived pending active live local
	remote view mv daily weekly monthly yearly hourly`)

// matchCase spells the lower-case word w like the word like, which is lower
// case, Capitalized or UPPER case; it reports false for other spellings.
func matchCase(w, like string) (string, bool) {
	switch {
	case like == strings.ToLower(like):
		return w, true
	case like == strings.ToUpper(like):
		return strings.ToUpper(w), true
	case like == strings.ToUpper(like[:1])+strings.ToLower(like[1:]):
		return strings.ToUpper(w[:1]) + w[1:], true
	}
	return "", false
}
