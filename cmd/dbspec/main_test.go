package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dbspec(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeSchema(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	return dir
}

func TestCheckExamplesAreClean(t *testing.T) {
	code, out, errOut := dbspec(t, "check", "../../testdata/examples/...")
	assert.Equal(t, 0, code, out+errOut)
	assert.Empty(t, out)
}

func TestCheckReportsErrorsWithPositions(t *testing.T) {
	dir := writeSchema(t, map[string]string{
		"a.dbspec": "table users {\n  id    uuid pk\n  email }\n",
		"b.dbspec": "table projects {\n  id       uuid pk\n  owner_id uuid -> owners.id\n}\n",
	})
	code, out, _ := dbspec(t, "check", dir)
	assert.Equal(t, 1, code)
	a, b := filepath.Join(dir, "a.dbspec"), filepath.Join(dir, "b.dbspec")
	assert.Contains(t, out, a+`:3:9: error: expected a column type after "email", found "}" [syntax]`+"\n"+
		b+`:1:7: warning: table "projects" has no created_at and updated_at columns: add them [standard/missing-timestamps]`+"\n"+
		b+`:3:20: error: unknown table "owners" [resolve/unknown-table]`+"\n")

	code, out, _ = dbspec(t, "check", b)
	assert.Equal(t, 1, code)
	assert.NotContains(t, out, "a.dbspec", "a file argument reports on that file only")
}

func TestCheckMissingPath(t *testing.T) {
	code, _, errOut := dbspec(t, "check", "no/such/dir")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "no/such/dir")
}

func TestFmt(t *testing.T) {
	messy := "table users {\nid uuid pk\n    email_address text pii\n}\n"
	tidy := "table users {\n  id            uuid pk\n  email_address text pii\n}\n"
	dir := writeSchema(t, map[string]string{"a.dbspec": messy, "b.dbspec": tidy})
	a := filepath.Join(dir, "a.dbspec")

	code, out, _ := dbspec(t, "fmt", a)
	assert.Equal(t, 0, code)
	assert.Equal(t, tidy, out)

	code, out, _ = dbspec(t, "fmt", "-l", dir)
	assert.Equal(t, 0, code)
	assert.Equal(t, a+"\n", out)

	code, out, _ = dbspec(t, "fmt", "-d", dir)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "--- "+a+".orig\n+++ "+a+"\n")
	assert.Contains(t, out, "-id uuid pk\n")
	assert.Contains(t, out, "+  id            uuid pk\n")

	code, out, _ = dbspec(t, "fmt", "-w", dir)
	assert.Equal(t, 0, code)
	assert.Empty(t, out)
	got, err := os.ReadFile(a)
	require.NoError(t, err)
	assert.Equal(t, tidy, string(got))
	code, out, _ = dbspec(t, "fmt", "-l", dir)
	assert.Equal(t, 0, code)
	assert.Empty(t, out)
}

func TestFmtBrokenFileKeepsBrokenDeclaration(t *testing.T) {
	src := "table ok {\nid uuid pk\n}\n\ntable bad {\n  id uuid frob\n}\n"
	dir := writeSchema(t, map[string]string{"a.dbspec": src})
	a := filepath.Join(dir, "a.dbspec")
	code, _, errOut := dbspec(t, "fmt", "-w", a)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, a+`:6:11: expected a column attribute`)
	got, err := os.ReadFile(a)
	require.NoError(t, err)
	assert.Equal(t, "table ok {\n  id uuid pk\n}\n\ntable bad {\n  id uuid frob\n}\n", string(got))
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := dbspec(t, "help")
	assert.Equal(t, 0, code)
	for _, c := range commands() {
		assert.Contains(t, out, c.name)
		code, _, errOut := dbspec(t, c.name, "--help")
		assert.Equal(t, 0, code, c.name)
		assert.True(t, strings.HasPrefix(errOut, "Usage: dbspec "+c.name), c.name)
	}
	code, out, _ = dbspec(t, "version")
	assert.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "dbspec "))

	code, _, errOut := dbspec(t, "frobnicate")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `unknown command "frobnicate"`)
	code, _, _ = dbspec(t, "check", "-nope")
	assert.Equal(t, 2, code)
}

func TestCheckFormatsAndFix(t *testing.T) {
	src := "table events global {\n  id         uuid        pk default(gen_random_uuid())\n  payload    json\n  body       json // dbspec:ignore standard/json-not-jsonb kept verbatim\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	dir := writeSchema(t, map[string]string{"a.dbspec": src})
	a := filepath.Join(dir, "a.dbspec")

	code, out, _ := dbspec(t, "check", dir)
	assert.Equal(t, 0, code, "warnings do not fail the check")
	assert.Equal(t, a+`:3:14: warning: column "payload" is json: use jsonb [standard/json-not-jsonb]`+"\n", out)

	code, out, _ = dbspec(t, "check", "--format", "github", dir)
	assert.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "::warning file="+filepath.ToSlash(a)+",line=3,col=14,"), out)

	for _, format := range []string{"json", "sarif"} {
		code, out, _ = dbspec(t, "check", "--format", format, dir)
		assert.Equal(t, 0, code)
		assert.Contains(t, out, `"standard/json-not-jsonb"`, format)
	}
	code, _, errOut := dbspec(t, "check", "--format", "xml", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `unknown format "xml"`)

	code, out, errOut = dbspec(t, "check", "--fix", dir)
	assert.Equal(t, 0, code)
	assert.Empty(t, out, "nothing is left after the fix")
	assert.Contains(t, errOut, "fixed "+a)
	got, err := os.ReadFile(a)
	require.NoError(t, err)
	assert.Equal(t, strings.Replace(src, "payload    json\n", "payload    jsonb\n", 1), string(got), "the file was formatted before, so it stays formatted")
}

func TestExplainAndRules(t *testing.T) {
	code, out, _ := dbspec(t, "explain", "standard/json-not-jsonb")
	assert.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "standard/json-not-jsonb (warning by default)"))
	assert.Contains(t, out, "Bad:")

	code, _, errOut := dbspec(t, "explain", "nope/nothing")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `no rule "nope/nothing"`)

	code, out, _ = dbspec(t, "rules")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "standard/json-not-jsonb")
	assert.Contains(t, out, "suppression/unused")
}

// copyExample copies an example schema into a temp dir.
func copyExample(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("../../testdata/examples", name)
	paths, err := filepath.Glob(filepath.Join(src, "*.dbspec"))
	require.NoError(t, err)
	files := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		files[filepath.Base(p)] = string(b)
	}
	return writeSchema(t, files)
}

func TestBuild(t *testing.T) {
	dir := copyExample(t, "saas")
	code, out, errOut := dbspec(t, "build", dir)
	require.Equal(t, 0, code, errOut)
	for _, f := range []string{"db/schema.sql", "internal/db/schema.go", "docs/schema.md"} {
		assert.Contains(t, out, "wrote "+filepath.Join(dir, f))
		b, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		assert.Contains(t, strings.SplitN(string(b), "\n", 2)[0], "Code generated by dbspec. DO NOT EDIT.")
	}
	code, out, _ = dbspec(t, "build", dir)
	assert.Equal(t, 0, code)
	assert.Empty(t, out, "nothing changed, nothing written")
	code, out, _ = dbspec(t, "build", "--check", dir)
	assert.Equal(t, 0, code)
	assert.Empty(t, out)

	// An edit makes the outputs stale.
	project := filepath.Join(dir, "work.dbspec")
	src, err := os.ReadFile(project)
	require.NoError(t, err)
	edited := strings.Replace(string(src), "table labels {", "/// Edited.\ntable labels {", 1)
	require.NoError(t, os.WriteFile(project, []byte(edited), 0o644))
	code, out, _ = dbspec(t, "build", "--check", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "stale: "+filepath.Join(dir, "db/schema.sql"))
	assert.Contains(t, out, "stale: "+filepath.Join(dir, "internal/db/schema.go"))

	// Flags override the project's paths.
	code, out, errOut = dbspec(t, "build", "--schema", "other.sql", dir)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "wrote "+filepath.Join(dir, "other.sql"))
}

func TestBuildRefusals(t *testing.T) {
	dir := copyExample(t, "documents")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "db"), 0o755))
	hand := filepath.Join(dir, "db", "schema.sql")
	require.NoError(t, os.WriteFile(hand, []byte("-- written by hand\n"), 0o644))
	code, _, errOut := dbspec(t, "build", "--schema", "db/schema.sql", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "refusing to overwrite")
	b, _ := os.ReadFile(hand)
	assert.Equal(t, "-- written by hand\n", string(b))

	code, _, errOut = dbspec(t, "build", "--schema", "../outside.sql", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "must stay inside the schema directory")

	broken := writeSchema(t, map[string]string{"a.dbspec": "table t {\n  id uuid pk\n  x\n}\n"})
	code, _, errOut = dbspec(t, "build", "--schema", "s.sql", broken)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "fix the errors first")
	_, err := os.Stat(filepath.Join(broken, "s.sql"))
	assert.True(t, os.IsNotExist(err))
}
