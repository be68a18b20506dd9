package analysis

// standardRules are the standard rules, one per file named after the rule.
var standardRules = []*Rule{
	StandardJSONNotJSONB,
	StandardMissingPrimaryKey,
	StandardMissingTimestamps,
	StandardTimestampWithoutTimeZone,
	StandardSoftDeleteType,
	StandardFloatForMoney,
}
