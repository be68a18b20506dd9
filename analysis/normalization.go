package analysis

// normalizationRules are the normalization rules, one per file named after the rule.
var normalizationRules = []*Rule{
	NormalizationListInColumn,
	NormalizationRepeatingGroup,
	NormalizationPartialDependency,
	NormalizationTransitiveDependency,
	NormalizationPolymorphicAssociation,
}
