package analysis_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// TestRequiredColumnNullableFix checks the second fix, which the golden
// test does not apply: making the column nullable, arrays included.
func TestRequiredColumnNullableFix(t *testing.T) {
	old := model.Build(".", []*lang.File{lang.Parse("schema.dbspec", "table posts {\n  id uuid pk\n}\n")})
	f := lang.Parse("schema.dbspec", "table posts {\n  id     uuid pk\n  labels text[] // labels\n  score  numeric(5,2) check(score >= 0)\n}\n")
	s := model.Build(".", []*lang.File{f})
	require.Empty(t, s.Diagnostics)
	var fixes []analysis.Fix
	for _, d := range analysis.RunWith(s, analysis.Options{Rules: []*analysis.Rule{analysis.MigrationRequiredColumnWithoutDefault}, History: &analysis.History{Baseline: old}}) {
		require.Equal(t, analysis.MigrationRequiredColumnWithoutDefault.Name, d.Rule)
		fixes = append(fixes, d.Fixes[len(d.Fixes)-1])
	}
	require.Len(t, fixes, 2)
	var edits []model.Edit
	for _, fx := range fixes {
		assert.Equal(t, "Make it nullable", fx.Title)
		edits = append(edits, fx.Edits...)
	}
	got, err := model.Apply(f, edits)
	require.NoError(t, err)
	assert.Equal(t, "table posts {\n  id     uuid pk\n  labels text[]? // labels\n  score  numeric(5,2)? check(score >= 0)\n}\n", got)
	fixed := model.Build(".", []*lang.File{lang.Parse("schema.dbspec", got)})
	assert.Empty(t, fixed.Diagnostics)
	assert.Empty(t, analysis.RunWith(fixed, analysis.Options{Rules: []*analysis.Rule{analysis.MigrationRequiredColumnWithoutDefault}, History: &analysis.History{Baseline: old}}))
}
