package analysis

import "github.com/dbspec/dbspec/lang/model"

// MigrationTamperedHistory reports the sealed migration files that no longer
// match the sum file, as the migration directory found them.
var MigrationTamperedHistory = &Rule{
	Name:     "migration/tampered-history",
	Summary:  "a sealed migration file was edited, removed or reordered",
	Severity: model.Error,
	Doc: `A sealed migration may already have run on some database: a teammate's, CI's,
production. Editing it afterwards does not run the change there, so the databases
drift apart silently; removing or reordering one breaks the order every database
applied them in. The sum file (` + "`dbspec.sum`" + `) records the checksum of every sealed
migration and of the whole directory, and ` + "`dbspec migrate apply`" + ` refuses to run
while they do not match. This finding points at the file that differs, or at the
sum file.

Never edit a sealed migration: change the schema and seal a new migration instead.
To recover, restore the sealed files from version control
(` + "`git checkout -- db/migrations`" + `). Only if the last sealed migration has reached
no database yet may you undo it instead: revert the commit that sealed it (its
files, ` + "`dbspec.sum`" + ` and ` + "`dbspec.snapshot`" + ` together), change the schema, and seal
again. When you did mean the edit (a comment, a fix to a migration that no
database has run), ` + "`dbspec migrate hash`" + ` records the files as they are now.

Bad:

` + "```sql" + `
-- db/migrations/20260301120000_add_tasks.up.sql, sealed, then edited by hand:
ALTER TABLE tasks ADD COLUMN priority int NOT NULL DEFAULT 0;
` + "```" + `

Good:

` + "```dbspec" + `
table tasks {
  id       uuid pk default(gen_random_uuid())
  title    text
  priority int  default(0) // in the schema, then dbspec migrate seal "add priority"
}
` + "```" + `

The finding is about a migration file, not a schema file, so a
` + "`// dbspec:ignore`" + ` comment cannot silence it; turning the rule off in the rules
block (` + "`migration/tampered-history off`" + `) hides it, but ` + "`dbspec migrate apply`" + ` still
refuses to run.`,
	Run: func(pass *Pass) {
		if pass.History == nil {
			return
		}
		for _, d := range pass.History.Tampered {
			pass.Report(Diagnostic{Diagnostic: d})
		}
	},
}
