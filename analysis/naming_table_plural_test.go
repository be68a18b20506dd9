package analysis_test

import (
	"testing"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/analysis/analysistest"
)

// TestTableSingular runs naming/table-plural on a project that names tables
// in the singular; TestRules covers the plural default.
func TestTableSingular(t *testing.T) {
	analysistest.Update = *update
	analysistest.Run(t, "testdata/naming/table-plural/singular", analysis.NamingTablePlural)
}
