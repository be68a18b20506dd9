package analysis

// indexRules are the index rules, one per file named after the rule.
var indexRules = []*Rule{
	IndexUnindexedForeignKey,
	IndexDuplicate,
	IndexRedundantPrefix,
	IndexLowCardinality,
	IndexSoftDeletePartial,
}
