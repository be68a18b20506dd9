package analysis_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// TestDestructiveChangeWithoutProject checks that a dropped table of a
// schema without a project block is reported at the top of its first file.
func TestDestructiveChangeWithoutProject(t *testing.T) {
	old := model.Build(".", []*lang.File{lang.Parse("old.dbspec", "table notes {\n  id uuid pk\n}\n\ntable tags {\n  id uuid pk\n}\n")})
	require.Empty(t, old.Diagnostics)
	s := model.Build(".", []*lang.File{
		lang.Parse("b.dbspec", "table tags {\n  id uuid pk\n}\n"),
		lang.Parse("a.dbspec", "\n\ntable labels {\n  id uuid pk\n}\n"),
	})
	require.Empty(t, s.Diagnostics)
	var got []analysis.Diagnostic
	for _, d := range analysis.RunWith(s, analysis.Options{History: &analysis.History{Baseline: old}}) {
		if d.Rule == analysis.MigrationDestructiveChange.Name {
			got = append(got, d)
		}
	}
	require.Len(t, got, 1)
	assert.Equal(t, "a.dbspec", got[0].Loc.File.Path)
	assert.Equal(t, lang.Span{}, got[0].Loc.Span)
	assert.Contains(t, got[0].Message, `table "notes" is dropped`)
}

// TestDroppedColumnsWaitForTheSyntax checks that a table with a column line
// that does not parse reports no dropped column: the line may be the one
// that says renamed_from.
func TestDroppedColumnsWaitForTheSyntax(t *testing.T) {
	old := model.Build(".", []*lang.File{lang.Parse("old.dbspec", "table users {\n  id   uuid pk\n  name text\n}\n")})
	s := model.Build(".", []*lang.File{lang.Parse("a.dbspec", "table users {\n  id        uuid pk\n  full_name text renamed_fr\n}\n")})
	require.NotEmpty(t, s.Diagnostics)
	rules := []*analysis.Rule{analysis.MigrationDestructiveChange, analysis.MigrationProbableRename}
	for _, d := range analysis.RunWith(s, analysis.Options{Rules: rules, History: &analysis.History{Baseline: old}}) {
		assert.Equal(t, "syntax", d.Rule, "%s", d)
	}
}
