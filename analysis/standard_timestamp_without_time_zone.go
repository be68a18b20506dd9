package analysis

import "github.com/dbspec/dbspec/lang/model"

// StandardTimestampWithoutTimeZone flags timestamp columns.
var StandardTimestampWithoutTimeZone = &Rule{
	Name:     "standard/timestamp-without-time-zone",
	Summary:  "a column uses timestamp without time zone instead of timestamptz",
	Severity: model.Warning,
	Doc: `A ` + "`timestamp`" + ` (without time zone) stores a wall-clock reading with no
zone: the same value means different instants to servers and clients in
different zones, and comparisons across daylight-saving changes go wrong.
` + "`timestamptz`" + ` stores an instant (in UTC) and converts it to the session's time
zone on output; it takes the same 8 bytes. Keep ` + "`timestamp`" + ` only for a
local time that must not follow the zone, such as "9:00 wherever the
office is".

Bad:

` + "```dbspec" + `
created_at timestamp default(now())
` + "```" + `

Good:

` + "```dbspec" + `
created_at timestamptz default(now())
` + "```" + `

Suppress with ` + "`// dbspec:ignore standard/timestamp-without-time-zone local office hours`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, c := range t.Columns {
				if c.Type.Name != "timestamp" || c.Incomplete {
					continue
				}
				name := pass.tableLoc(t, c.Syntax.Type.Name.Span())
				fix := Fix{Title: "Use timestamptz", Edits: []model.Edit{replace(name, "timestamptz")}}
				pass.Reportf(pass.Loc(c.Type.Site), []Fix{fix}, "column %q is timestamp without time zone: use timestamptz", c.Name)
			}
		}
	},
}
