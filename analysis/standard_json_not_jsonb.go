package analysis

import "github.com/dbspec/dbspec/lang/model"

// StandardJSONNotJSONB flags json columns.
var StandardJSONNotJSONB = &Rule{
	Name:     "standard/json-not-jsonb",
	Summary:  "a column uses json instead of jsonb",
	Severity: model.Warning,
	Doc: `PostgreSQL stores ` + "`json`" + ` as text and re-parses it on every access; it
cannot be indexed with GIN, compared, or used with most JSON operators.
` + "`jsonb`" + ` is stored parsed, indexable and comparable. Keep ` + "`json`" + ` only
when the exact input text (key order, duplicate keys, white space) must be
kept.

Bad:

` + "```dbspec" + `
payload json
` + "```" + `

Good:

` + "```dbspec" + `
payload jsonb
` + "```" + `

Suppress with ` + "`// dbspec:ignore standard/json-not-jsonb the raw request is kept verbatim`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, c := range t.Columns {
				if c.Type.Name != "json" || c.Incomplete {
					continue
				}
				name := c.Syntax.Type.Name
				fix := Fix{Title: "Use jsonb", Edits: []model.Edit{replace(pass.tableLoc(t, name.Span()), "jsonb")}}
				pass.Reportf(pass.Loc(c.Type.Site), []Fix{fix}, "column %q is json: use jsonb", c.Name)
			}
		}
	},
}
