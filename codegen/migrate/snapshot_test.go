package migrate_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
)

// schemaFrom writes schema files into a directory and loads it.
func schemaFrom(t *testing.T, files map[string]string) *model.Schema {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	s, err := model.Load(dir, nil, nil)
	require.NoError(t, err)
	require.Empty(t, s.Diagnostics)
	return s
}

func TestSnapshotRoundTrip(t *testing.T) {
	s := schemaFrom(t, map[string]string{
		"b.dbspec": "/// People who sign in.\ntable users {\nid uuid pk\n  email citext unique\n  status status default('active')\n}\n",
		"a.dbspec": "project app {\n  generate {\n    migrations \"migrations\"\n  }\n}\n\nenum status { active banned }\n",
	})
	text := migrate.Snapshot(s)
	assert.Equal(t, "// file: a.dbspec\n\nproject app {\n  generate {\n    migrations \"migrations\"\n  }\n}\n\nenum status { active banned }\n"+
		"\n// file: b.dbspec\n\n/// People who sign in.\ntable users {\n  id     uuid   pk\n  email  citext unique\n  status status default('active')\n}\n", text)

	d := newDir(t, "")
	base, err := d.Baseline()
	require.NoError(t, err)
	assert.Nil(t, base, "no baseline before the first seal")

	_, err = d.Seal([]migrate.Migration{createUsers}, "init", t0, text)
	require.NoError(t, err)
	base, err = d.Baseline()
	require.NoError(t, err)
	require.NotNil(t, base)
	assert.Empty(t, base.Diagnostics)
	assert.Equal(t, "People who sign in.", base.Table("users").Doc)
	assert.Equal(t, postgres.Schema(s), postgres.Schema(base), "the baseline is the same schema")
	assert.Empty(t, migrate.Plan(base, s), "nothing to plan after a seal")
}
