package analysis

// migrationRules are the migration safety rules, one per file named after
// the rule. They compare the schema with the state of the last sealed
// migration (Options.History) and report nothing when it is unknown.
var migrationRules = []*Rule{
	MigrationDestructiveChange,
	MigrationRequiredColumnWithoutDefault,
	MigrationProbableRename,
	MigrationTypeChange,
	MigrationSetNotNull,
	MigrationEnumValueRemoved,
	MigrationTamperedHistory,
}
