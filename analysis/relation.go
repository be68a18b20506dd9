package analysis

// relationRules are the relation rules, one per file named after the rule.
var relationRules = []*Rule{
	RelationTypeMismatch,
	RelationReferenceNotUnique,
	RelationSetNullNotNullable,
	RelationMissingOnDelete,
}
