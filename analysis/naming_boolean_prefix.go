package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// NamingBooleanPrefix flags bool columns whose name does not ask a yes/no
// question.
var NamingBooleanPrefix = &Rule{
	Name:     "naming/boolean-prefix",
	Summary:  "a bool column's name does not start with is_, has_, can_ or should_",
	Severity: model.Warning,
	Doc: `A bool column named like a question reads unambiguously in SQL and in
the generated Go: ` + "`where is_active`" + `, ` + "`if user.HasPassword`" + `. A bare ` + "`active`" + `,
` + "`admin`" + ` or ` + "`email`" + ` could as well be a date, a reference or a text.

Accepted prefixes: ` + "`is_`" + `, ` + "`has_`" + `, ` + "`can_`" + `, ` + "`should_`" + `, and for
the cases these do not fit ` + "`was_`" + `, ` + "`will_`" + `, ` + "`did_`" + `, ` + "`does_`" + `, ` + "`needs_`" + `,
` + "`must_`" + ` and ` + "`allows_`" + `.

Bad:

` + "```dbspec" + `
active   bool default(true)
verified bool default(false)
` + "```" + `

Good:

` + "```dbspec" + `
is_active   bool default(true)
is_verified bool default(false)
` + "```" + `

The fix renames the column to ` + "`is_<name>`" + ` everywhere (a ` + "`flag`" + ` or ` + "`bool`" + `
word at either end is dropped: ` + "`deleted_flag`" + ` becomes ` + "`is_deleted`" + `); it is
not offered when that name is taken. Pick another prefix by hand when
` + "`is_`" + ` does not read well. If the database already has the column, add
` + "`renamed_from OLD`" + ` so that the migration renames it instead of dropping it.

Suppress with ` + "`// dbspec:ignore naming/boolean-prefix mirrors the upstream field`" + `.`,
	Run: func(pass *Pass) {
		rn := newRenamer(pass.Schema)
		for _, t := range pass.Schema.Tables {
			for _, c := range t.Columns {
				if c.Incomplete || c.Type.Name != "bool" || c.Type.Dims > 0 {
					continue
				}
				if first, _ := firstAndLastWord(c.Name); booleanPrefixes[first] {
					continue
				}
				var fixes []Fix
				if base := strings.Join(trimFlagWords(nameWords(c.Name)), "_"); base != "" && !booleanPrefixes[base] {
					fixes = rn.rename(c, "is_"+base)
				}
				pass.Reportf(pass.Loc(c.Site), fixes, "bool column %q of table %q should start with is_, has_, can_ or should_", c.Name, t.Name)
			}
		}
	},
}

// booleanPrefixes are the first words of a well-named bool column.
var booleanPrefixes = wordSet(`is has can should was will did does needs must allows`)

// trimFlagWords drops a "flag" or "bool" word at either end of a name.
func trimFlagWords(words []string) []string {
	flag := func(w string) bool { return w == "flag" || w == "bool" || w == "boolean" }
	if len(words) > 1 && flag(words[0]) {
		words = words[1:]
	}
	if len(words) > 1 && flag(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return words
}
