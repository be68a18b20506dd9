package analysis_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

// TestMigrationRulesOnUnchangedSchemas checks that the migration rules find
// nothing in the examples when their last sealed state is the same schema.
func TestMigrationRulesOnUnchangedSchemas(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/examples/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		s, err := model.Load(dir, nil, nil)
		require.NoError(t, err)
		old, err := model.Load(dir, nil, nil)
		require.NoError(t, err)
		assert.Empty(t, analysis.RunWith(s, analysis.Options{History: &analysis.History{Baseline: old}}), dir)
	}
}
