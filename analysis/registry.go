package analysis

import (
	"slices"
	"strings"
)

// All returns every rule of the catalog, sorted by name. The slice is shared:
// do not modify it.
func All() []*Rule { return registry }

var registry = sorted(
	tenancyRules, namingRules, standardRules, indexRules,
	normalizationRules, securityRules, relationRules, migrationRules,
	[]*Rule{ConfigUnknownRule, SuppressionMissingReason, SuppressionUnknownRule, SuppressionUnused},
)

func sorted(lists ...[]*Rule) []*Rule {
	all := slices.Concat(lists...)
	slices.SortFunc(all, func(a, b *Rule) int { return strings.Compare(a.Name, b.Name) })
	return all
}

// Lookup returns the rule named name, or nil.
func Lookup(name string) *Rule {
	for _, r := range registry {
		if r.Name == name {
			return r
		}
	}
	return nil
}
