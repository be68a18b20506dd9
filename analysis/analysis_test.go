package analysis_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/analysis/analysistest"
	"github.com/dbspec/dbspec/lang/model"
)

var update = flag.Bool("update", false, "rewrite golden files and docs/rules.md")

// TestRules runs every rule on its testdata schema, testdata/RULE-NAME.
func TestRules(t *testing.T) {
	analysistest.Update = *update
	for _, r := range analysis.All() {
		if r.Run == nil {
			continue
		}
		t.Run(r.Name, func(t *testing.T) {
			dir := filepath.Join("testdata", filepath.FromSlash(r.Name))
			_, err := os.Stat(dir)
			require.NoError(t, err, "every rule has a golden test in %s", dir)
			analysistest.Run(t, dir, r)
		})
	}
}

// TestRegistry checks the shape of every rule.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range analysis.All() {
		assert.False(t, seen[r.Name], "duplicate %s", r.Name)
		seen[r.Name] = true
		cat, name, ok := strings.Cut(r.Name, "/")
		assert.True(t, ok && cat != "" && name != "", "%s is category/kebab-name", r.Name)
		assert.Equal(t, strings.ToLower(r.Name), r.Name)
		assert.NotEmpty(t, r.Summary, r.Name)
		assert.NotContains(t, r.Summary, "\n", r.Name)
		assert.Contains(t, r.Doc, "Bad", r.Name)
		assert.Contains(t, r.Doc, "Good", r.Name)
		assert.NotEqual(t, model.Severity(0), r.Severity, r.Name)
		assert.Same(t, r, analysis.Lookup(r.Name))
	}
}

// TestExamplesAreClean checks that the bundled examples have no finding at all.
func TestExamplesAreClean(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/examples/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		s, err := model.Load(dir, nil, nil)
		require.NoError(t, err)
		for _, d := range analysis.Run(s) {
			t.Errorf("%s", d)
		}
	}
}

// TestRulesDocIsFresh checks docs/rules.md against the registry.
func TestRulesDocIsFresh(t *testing.T) {
	const path = "../docs/rules.md"
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(analysis.Markdown()), 0o644))
	}
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, analysis.Markdown(), string(got), "docs/rules.md is stale: go test ./analysis -update")
}

// TestClassicMistakes checks the schema of classic mistakes in
// testdata/classic against the complete list of findings in its want.golden.
func TestClassicMistakes(t *testing.T) {
	const dir = "../testdata/classic"
	s, err := model.Load(dir, nil, nil)
	require.NoError(t, err)
	var b strings.Builder
	for _, d := range analysis.Run(s) {
		b.WriteString(strings.TrimPrefix(d.String(), dir+"/") + "\n")
	}
	golden := filepath.Join(dir, "want.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), b.String())
}
