package analysis_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

// TestExtractedTablesAreClean applies the fixes that extract a table, a
// junction table for a list or a lookup table for a code and its name, to
// schemas that are clean but for those findings, and checks the result
// against every registered rule: the new tables must need no fix of their
// own.
func TestExtractedTablesAreClean(t *testing.T) {
	for _, dir := range []string{
		"testdata/normalization/clean-fixes/tenant",
		"testdata/normalization/clean-fixes/plain",
	} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s, err := model.Load(dir, nil, nil)
			require.NoError(t, err)
			var edits []model.Edit
			for _, d := range analysis.Run(s) {
				require.Contains(t, []string{analysis.NormalizationListInColumn.Name, analysis.NormalizationTransitiveDependency.Name},
					d.Rule, "the schema has no other finding: %s", d)
				require.NotEmpty(t, d.Fixes, "%s", d)
				edits = append(edits, d.Fixes[0].Edits...)
			}
			require.NotEmpty(t, edits)
			fixed := t.TempDir()
			for _, f := range s.Files {
				text, err := model.Apply(f, edits)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(fixed, filepath.Base(f.Path)), []byte(text), 0o644))
			}
			s2, err := model.Load(fixed, nil, nil)
			require.NoError(t, err)
			for _, d := range analysis.Run(s2) {
				t.Errorf("%s", d)
			}
			if t.Failed() {
				for _, f := range s2.Files {
					t.Logf("%s:\n%s", filepath.Base(f.Path), f.Src)
				}
			}
		})
	}
}
