package model_test

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/lang/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestBadCorpus checks every schema under testdata/bad against the
// diagnostics recorded in its want.golden.
func TestBadCorpus(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/bad/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s, err := model.Load(dir, nil, nil)
			require.NoError(t, err)
			got := render(s.Diagnostics, dir)
			golden := filepath.Join(dir, "want.golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./lang/model -update to create it")
			assert.Equal(t, string(want), got)
			assert.NotEmpty(t, strings.TrimSpace(got), "a bad schema must produce diagnostics")
		})
	}
}

// TestExamplesResolveClean checks that the bundled examples have no syntax
// or resolution errors.
func TestExamplesResolveClean(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/examples/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		s, err := model.Load(dir, nil, nil)
		require.NoError(t, err)
		assert.Empty(t, render(s.Diagnostics, dir), dir)
		assert.NotEmpty(t, s.Tables, dir)
	}
}

// render prints diagnostics as dbspec check does, with paths relative to dir.
func render(ds []model.Diagnostic, dir string) string {
	ds = append([]model.Diagnostic(nil), ds...)
	model.SortDiagnostics(ds)
	var b strings.Builder
	for _, d := range ds {
		line := d.String()
		b.WriteString(strings.TrimPrefix(line, dir+string(filepath.Separator)))
		b.WriteString("\n")
		for _, r := range d.Related {
			p := r.Loc.Position()
			rel, _ := filepath.Rel(dir, r.Loc.File.Path)
			b.WriteString("\t" + rel + ":" + strconv.Itoa(p.Line+1) + ":" + strconv.Itoa(p.Col+1) + ": " + r.Message + "\n")
		}
	}
	return b.String()
}

// TestGeneratedSchemasAreFresh checks that the committed schemas in
// testdata/generated are what the generator writes today, and that they
// resolve without errors.
func TestGeneratedSchemasAreFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	for _, n := range []string{"10", "100", "1000", "10000"} {
		out, err := exec.Command("go", "run", "../../testdata/gen", "-tables", n).Output()
		require.NoError(t, err)
		want, err := os.ReadFile("../../testdata/generated/t" + n + "/schema.dbspec")
		require.NoError(t, err)
		assert.True(t, string(out) == string(want), "testdata/generated/t%s is stale: go run ./testdata/gen -tables %s -o testdata/generated/t%s/schema.dbspec", n, n, n)
		if n == "1000" {
			s, err := model.Load("../../testdata/generated/t"+n, nil, nil)
			require.NoError(t, err)
			assert.Empty(t, s.Diagnostics)
			assert.Len(t, s.Tables, 1000)
		}
	}
}
