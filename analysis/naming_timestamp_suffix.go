package analysis

import (
	"fmt"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// NamingTimestampSuffix flags timestamp columns not ending in _at and date
// columns not ending in _on or _date.
var NamingTimestampSuffix = &Rule{
	Name:     "naming/timestamp-suffix",
	Summary:  "a timestamp column's name does not end in _at, or a date column's in _on or _date",
	Severity: model.Info,
	Doc: `A suffix that says "this is a point in time" lets a reader tell
` + "`created_at`" + ` from a flag or a count without looking up the type, and keeps
every table consistent: ` + "`created_at`" + `, ` + "`deleted_at`" + `, ` + "`expires_at`" + `.

Timestamp columns (` + "`timestamp`" + `, ` + "`timestamptz`" + `) end in ` + "`_at`" + `; the bounds of a
validity range may end in ` + "`_from`" + `, ` + "`_until`" + ` or ` + "`_to`" + ` (` + "`valid_from`" + `). Date
columns end in ` + "`_on`" + `, ` + "`_date`" + `, ` + "`_day`" + ` or ` + "`_at`" + ` (` + "`due_on`" + `, ` + "`birth_date`" + `), start
with ` + "`date`" + ` (` + "`date_of_birth`" + `), or are named ` + "`birthday`" + ` or ` + "`dob`" + `.

Bad:

` + "```dbspec" + `
created      timestamptz default(now())
last_login   timestamptz?
renewal      date
` + "```" + `

Good:

` + "```dbspec" + `
created_at    timestamptz default(now())
last_login_at timestamptz?
renewal_date  date
` + "```" + `

The fix renames the column everywhere: a timestamp to ` + "`<name>_at`" + ` and a
date to ` + "`<name>_date`" + `, dropping a trailing ` + "`_time`" + `, ` + "`_ts`" + `, ` + "`_timestamp`" + `,
` + "`_datetime`" + `, ` + "`_dt`" + `, ` + "`_date`" + ` or ` + "`_on`" + ` first (` + "`created_time`" + ` becomes ` + "`created_at`" + `).
If the database already has the column, add ` + "`renamed_from OLD`" + ` so that the
migration renames it instead of dropping it.

Suppress with ` + "`// dbspec:ignore naming/timestamp-suffix the column name is fixed by the importer`" + `.`,
	Run: func(pass *Pass) {
		rn := newRenamer(pass.Schema)
		for _, t := range pass.Schema.Tables {
			for _, c := range t.Columns {
				if c.Incomplete || c.Type.Dims > 0 {
					continue
				}
				first, last := firstAndLastWord(c.Name)
				var kind, want, suffix string
				switch c.Type.Name {
				case "timestamp", "timestamptz":
					if timestampEndings[last] {
						continue
					}
					kind, want, suffix = "timestamp", `end in "_at"`, "_at"
				case "date":
					if dateEndings[last] || first == "date" || dateNames[c.Name] {
						continue
					}
					kind, want, suffix = "date", `end in "_on" or "_date"`, "_date"
				default:
					continue
				}
				msg := fmt.Sprintf("%s column %q of table %q should %s", kind, c.Name, t.Name, want)
				base := strings.Join(trimTimeWords(nameWords(c.Name)), "_")
				if base == "" {
					pass.Reportf(pass.Loc(c.Site), nil, "%s", msg)
					continue
				}
				pass.Reportf(pass.Loc(c.Site), rn.rename(c, base+suffix), "%s: %q", msg, base+suffix)
			}
		}
	},
}

// The last words, and the whole names, of well-named timestamp and date
// columns.
var (
	timestampEndings = wordSet(`at from until to`)
	dateEndings      = wordSet(`on date day at`)
	dateNames        = wordSet(`date birthday dob`)
)

// trimTimeWords drops the trailing words that name a time type, which the
// suffix replaces: created_time -> created.
func trimTimeWords(words []string) []string {
	for len(words) > 0 {
		switch words[len(words)-1] {
		case "time", "ts", "timestamp", "timestamptz", "datetime", "dt", "date", "tstamp", "on":
			words = words[:len(words)-1]
			continue
		}
		break
	}
	return words
}
