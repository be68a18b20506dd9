package analysis

import "github.com/dbspec/dbspec/lang/model"

// The rules the engine reports itself: configuration and suppression findings.
var (
	ConfigUnknownRule = &Rule{
		Name:     "config/unknown-rule",
		Summary:  "the rules block names a rule or category that does not exist",
		Severity: model.Error,
		Doc: `A severity override for a rule that does not exist does nothing, which
usually means a typo or a rule that was renamed.

Bad:

` + "```dbspec" + `
rules {
  naming/bool-prefix error
}
` + "```" + `

Good:

` + "```dbspec" + `
rules {
  naming/boolean-prefix error
}
` + "```" + `

Run ` + "`dbspec rules`" + ` for the list of rule names.`,
	}
	SuppressionMissingReason = &Rule{
		Name:     "suppression/missing-reason",
		Summary:  "a dbspec:ignore comment gives no rule or no reason",
		Severity: model.Warning,
		Doc: `Every suppression says which rule it silences and why, so that the next
reader can tell a deliberate exception from a forgotten problem. A
suppression without a reason still silences its rule.

Bad:

` + "```dbspec" + `
enabled bool // dbspec:ignore naming/boolean-prefix
` + "```" + `

Good:

` + "```dbspec" + `
enabled bool // dbspec:ignore naming/boolean-prefix mirrors the upstream API field
` + "```",
	}
	SuppressionUnknownRule = &Rule{
		Name:     "suppression/unknown-rule",
		Summary:  "a dbspec:ignore comment names a rule that does not exist",
		Severity: model.Warning,
		Doc: `A suppression of a rule that does not exist silences nothing. Check the
spelling with ` + "`dbspec rules`" + `.

Bad:

` + "```dbspec" + `
// dbspec:ignore naming/plural legacy table
table person { id uuid pk }
` + "```" + `

Good:

` + "```dbspec" + `
// dbspec:ignore naming/table-plural legacy table
table person { id uuid pk }
` + "```",
	}
	SuppressionUnused = &Rule{
		Name:     "suppression/unused",
		Summary:  "a dbspec:ignore comment silences nothing",
		Severity: model.Warning,
		Doc: `The finding this comment once silenced is gone (the schema was fixed, or
the comment is in the wrong place), so the comment only misleads. Delete
it. A suppression applies to the declaration or block line right below it,
or to the line it ends.

Bad:

` + "```dbspec" + `
// dbspec:ignore naming/table-plural legacy name
table people { id uuid pk }
` + "```" + `

Good:

` + "```dbspec" + `
table people { id uuid pk }
` + "```",
	}
)
