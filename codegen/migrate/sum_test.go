package migrate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/lang/model"
)

// sealedDir has two sealed migrations of two files each.
func sealedDir(t *testing.T) *migrate.Dir {
	t.Helper()
	d := newDir(t, "")
	seal(t, d, "create users", t0, createUsers)
	seal(t, d, "add name", t0.Add(time.Hour), addName)
	return d
}

// finding is a Verify diagnostic reduced to what the tests compare.
type finding struct {
	File    string // relative to the directory
	Line    int    // one-based
	Message string
}

func verify(t *testing.T, d *migrate.Dir) []finding {
	t.Helper()
	var out []finding
	for _, diag := range d.Verify() {
		assert.Equal(t, migrate.TamperedRule, diag.Rule)
		assert.Equal(t, model.Error, diag.Severity)
		rel, err := filepath.Rel(d.Path, diag.Loc.File.Path)
		require.NoError(t, err)
		src, err := os.ReadFile(diag.Loc.File.Path)
		if err == nil {
			assert.Equal(t, string(src), diag.Loc.File.Src, "the location carries the file's text")
		}
		out = append(out, finding{rel, diag.Loc.Position().Line + 1, diag.Message})
	}
	return out
}

func TestSumFile(t *testing.T) {
	d := sealedDir(t)
	sum := readFile(t, d, migrate.SumFile)
	lines := strings.Split(strings.TrimSuffix(sum, "\n"), "\n")
	require.Len(t, lines, 6)
	assert.Regexp(t, `^h1:[A-Za-z0-9+/]{43}=$`, lines[0])
	for i, name := range []string{
		"20250301120000_create_users.down.sql", "20250301120000_create_users.up.sql",
		"20250301130000_add_name.down.sql", "20250301130000_add_name.up.sql", migrate.SnapshotFile,
	} {
		assert.Regexp(t, `^`+name+` h1:[A-Za-z0-9+/]{43}=$`, lines[i+1])
	}
	assert.Empty(t, verify(t, d))
}

func TestVerifyFindsEveryTampering(t *testing.T) {
	const (
		up1   = "20250301120000_create_users.up.sql"
		down1 = "20250301120000_create_users.down.sql"
		up2   = "20250301130000_add_name.up.sql"
		down2 = "20250301130000_add_name.down.sql"
	)
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, d *migrate.Dir)
		want   []finding
	}{
		{"edited", func(t *testing.T, d *migrate.Dir) {
			write(t, d, up2, "ALTER TABLE users ADD COLUMN name varchar(100);\n")
		}, []finding{{up2, 1, up2 + " was edited after it was sealed: its checksum differs from the one in dbspec.sum"}}},
		{"removed", func(t *testing.T, d *migrate.Dir) {
			require.NoError(t, os.Remove(filepath.Join(d.Path, down1)))
		}, []finding{{migrate.SumFile, 2, down1 + " was removed after it was sealed"}}},
		{"added", func(t *testing.T, d *migrate.Dir) {
			write(t, d, "20250301140000_more.up.sql", "SELECT 1;\n")
		}, []finding{{"20250301140000_more.up.sql", 1, "20250301140000_more.up.sql is not in dbspec.sum: seal migrations with dbspec migrate seal instead of adding files"}}},
		{"added before the last", func(t *testing.T, d *migrate.Dir) {
			write(t, d, "20250301123000_branch.up.sql", "SELECT 1;\n")
		}, []finding{{"20250301123000_branch.up.sql", 1, "20250301123000_branch.up.sql is not in dbspec.sum and sorts before the last sealed migration " + up2 + ": seal new changes with dbspec migrate seal instead of adding files"}}},
		{"copied", func(t *testing.T, d *migrate.Dir) {
			write(t, d, "20250301140000_again.up.sql", readFile(t, d, up2))
		}, []finding{{"20250301140000_again.up.sql", 1, "20250301140000_again.up.sql is not in dbspec.sum: seal migrations with dbspec migrate seal instead of adding files"}}},
		{"reordered", func(t *testing.T, d *migrate.Dir) {
			rename(t, d, up2, "20250301110000_add_name.up.sql")
			rename(t, d, down2, "20250301110000_add_name.down.sql")
		}, []finding{
			{"20250301110000_add_name.down.sql", 1, "20250301110000_add_name.down.sql holds the migration sealed as " + down2 + ": sealed migrations were renamed or reordered"},
			{"20250301110000_add_name.up.sql", 1, "20250301110000_add_name.up.sql holds the migration sealed as " + up2 + ": sealed migrations were renamed or reordered"},
		}},
		{"swapped", func(t *testing.T, d *migrate.Dir) {
			a, b := readFile(t, d, up1), readFile(t, d, up2)
			write(t, d, up1, b)
			write(t, d, up2, a)
		}, []finding{
			{up1, 1, up1 + " holds the migration sealed as " + up2 + ": sealed migrations were renamed or reordered"},
			{up2, 1, up2 + " holds the migration sealed as " + up1 + ": sealed migrations were renamed or reordered"},
		}},
		{"snapshot edited", func(t *testing.T, d *migrate.Dir) {
			write(t, d, migrate.SnapshotFile, "table users {}\n")
		}, []finding{{migrate.SnapshotFile, 1, "dbspec.snapshot was edited after it was sealed: its checksum differs from the one in dbspec.sum"}}},
		{"sum edited", func(t *testing.T, d *migrate.Dir) {
			sum := readFile(t, d, migrate.SumFile)
			i := strings.Index(sum, up2)
			write(t, d, migrate.SumFile, sum[:i]+strings.Replace(sum[i:], "h1:", "h1:x", 1))
		}, []finding{
			{migrate.SumFile, 1, "dbspec.sum was edited by hand: its checksum does not match its lines"},
			{up2, 1, up2 + " was edited after it was sealed: its checksum differs from the one in dbspec.sum"},
		}},
		{"sum removed", func(t *testing.T, d *migrate.Dir) {
			require.NoError(t, os.Remove(filepath.Join(d.Path, migrate.SumFile)))
		}, []finding{
			{down1, 1, down1 + " is not covered by a sum file: dbspec.sum is missing"},
			{up1, 1, up1 + " is not covered by a sum file: dbspec.sum is missing"},
			{down2, 1, down2 + " is not covered by a sum file: dbspec.sum is missing"},
			{up2, 1, up2 + " is not covered by a sum file: dbspec.sum is missing"},
			{migrate.SnapshotFile, 1, "dbspec.snapshot is not covered by a sum file: dbspec.sum is missing"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := sealedDir(t)
			tc.tamper(t, d)
			reopened, err := migrate.Open(d.Path, d.Format)
			require.NoError(t, err)
			assert.Equal(t, tc.want, verify(t, reopened))
		})
	}
}

func TestVerifyEmptyDirectory(t *testing.T) {
	d := newDir(t, "")
	assert.Empty(t, d.Verify(), "no directory yet")
	_, err := d.WritePending([]migrate.Migration{createUsers})
	require.NoError(t, err)
	assert.Empty(t, d.Verify(), "pending files are not sealed")
}

func write(t *testing.T, d *migrate.Dir, name, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(d.Path, name), []byte(text), 0o644))
}

func rename(t *testing.T, d *migrate.Dir, from, to string) {
	t.Helper()
	require.NoError(t, os.Rename(filepath.Join(d.Path, from), filepath.Join(d.Path, to)))
}
