package analysis

// namingRules are the naming rules, one per file named after the rule.
var namingRules = []*Rule{
	NamingSnakeCase,
	NamingTablePlural,
	NamingBooleanPrefix,
	NamingForeignKeySuffix,
	NamingTimestampSuffix,
	NamingReservedWord,
	NamingTooLong,
}
