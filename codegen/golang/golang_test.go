package golang_test

import (
	"flag"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/golang"
	"github.com/dbspec/dbspec/lang"
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
		got := golang.Generate(s)
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

// TestGofmtStable checks that gofmt would not change the generated code.
func TestGofmtStable(t *testing.T) {
	for _, dir := range append(examples(t), "../../testdata/generated/t1000") {
		s, err := model.Load(dir, nil, nil)
		require.NoError(t, err)
		src := golang.Generate(s)
		formatted, err := format.Source(src)
		require.NoError(t, err, dir)
		if string(formatted) != string(src) {
			a, b := strings.Split(string(src), "\n"), strings.Split(string(formatted), "\n")
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					t.Errorf("%s: gofmt changes line %d:\n%q\nto\n%q", dir, i+1, a[i], b[i])
					break
				}
			}
			t.Errorf("%s: gofmt changes the generated code (%d lines, %d after gofmt)", dir, len(a), len(b))
		}
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
		src := golang.Generate(s)
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

// TestNumericType checks the numeric option of the go setting.
func TestNumericType(t *testing.T) {
	src := "project p {\n  generate {\n    go \"internal/db\" numeric \"github.com/shopspring/decimal.Decimal\"\n  }\n}\n\ntable prices global {\n  amount numeric(12,2)\n  tax    numeric?\n}\n"
	s := model.Build("", []*lang.File{lang.Parse("p.dbspec", src)})
	require.Empty(t, s.Diagnostics)
	out := string(golang.Generate(s))
	assert.Contains(t, out, "\t\"github.com/shopspring/decimal\"\n")
	assert.Contains(t, out, "\tAmount decimal.Decimal  `db:\"amount\" json:\"amount\"`\n")
	assert.Contains(t, out, "\tTax    *decimal.Decimal `db:\"tax\" json:\"tax\"`\n")

	// A package under a major version is named by the element before it.
	v2 := model.Build("", []*lang.File{lang.Parse("p.dbspec", strings.Replace(src, "github.com/shopspring/decimal.Decimal", "github.com/acme/go-decimal/v2.Decimal", 1))})
	out = string(golang.Generate(v2))
	assert.Contains(t, out, "	go_decimal \"github.com/acme/go-decimal/v2\"\n")
	assert.Contains(t, out, "	Amount go_decimal.Decimal  `db:\"amount\" json:\"amount\"`\n")

	bad := model.Build("", []*lang.File{lang.Parse("p.dbspec", strings.Replace(src, "decimal.Decimal", "decimal", 1))})
	require.Len(t, bad.Diagnostics, 1)
	assert.Contains(t, bad.Diagnostics[0].Message, "numeric takes a qualified Go type")
}

// TestPackageName names the package after the output directory when that
// is a Go identifier, and db otherwise, a keyword included.
func TestPackageName(t *testing.T) {
	for dir, want := range map[string]string{"internal/store": "store", "internal/type": "db", "internal/my-db": "db"} {
		src := "project p {\n  generate {\n    go \"" + dir + "\"\n  }\n}\n"
		s := model.Build("", []*lang.File{lang.Parse("p.dbspec", src)})
		assert.Equal(t, want, golang.PackageName(s), dir)
	}
}
