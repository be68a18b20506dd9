package analysis

// tenancyRules are the tenancy rules, one per file named after the rule.
var tenancyRules = []*Rule{
	TenancyMissingColumn,
	TenancyNullableColumn,
	TenancyUnindexed,
	TenancyUnscopedUnique,
	TenancyCrossTenantReference,
	TenancyGlobalReferencesTenant,
}
