package golang_test

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/golang"
	"github.com/dbspec/dbspec/lang/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

func examples(t *testing.T) []string {
	dirs, err := filepath.Glob("../../testdata/examples/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	return dirs
}

// TestGolden compares the Go generated for each example with testdata/NAME.go.golden.
func TestGolden(t *testing.T) {
	for _, dir := range examples(t) {
		s, err := model.Load(dir, nil, nil)
		require.NoError(t, err)
		got, err := golang.Generate(s)
		require.NoError(t, err)
		golden := filepath.Join("testdata", filepath.Base(dir)+".go.golden")
		if *update {
			require.NoError(t, os.MkdirAll("testdata", 0o755))
			require.NoError(t, os.WriteFile(golden, got, 0o644))
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
		assert.True(t, strings.HasPrefix(string(got), golang.Header+"\n"))
	}
}

// TestCompiles builds and vets the generated packages in a fresh module that
// uses the real uuid and pgx modules.
func TestCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	mod := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/gen\n\ngo 1.26\n"), 0o644))
	for _, dir := range append(examples(t), "../../testdata/generated/t100") {
		s, err := model.Load(dir, nil, nil)
		require.NoError(t, err)
		src, err := golang.Generate(s)
		require.NoError(t, err)
		pkg := filepath.Join(mod, filepath.Base(dir))
		require.NoError(t, os.MkdirAll(pkg, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(pkg, "schema.go"), src, 0o644))
	}
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go %s:\n%s", strings.Join(args, " "), out)
	}
}
