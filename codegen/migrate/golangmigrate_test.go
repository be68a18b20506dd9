package migrate_test

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/internal/catalog"
	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/codegen/pgtest"
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
)

// golangMigrateCLI is the golang-migrate command the compatibility tests run.
const golangMigrateCLI = "github.com/golang-migrate/migrate/v4/cmd/migrate@v4.18.3"

var (
	cliOnce sync.Once
	cliPath string // the built CLI
	cliErr  error
)

// needGolangMigrate builds the golang-migrate CLI, with its postgres
// driver, into the user's cache directory, where later runs find it
// (running `go run` for every call would resolve the module each time), or
// skips the test when it cannot be had, as offline, except in CI, where it
// fails it.
func needGolangMigrate(t *testing.T) {
	t.Helper()
	cliOnce.Do(func() {
		cache, err := os.UserCacheDir()
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(cache, "dbspec", strings.ReplaceAll(path.Base(golangMigrateCLI), "@", "-"))
		if _, err := os.Stat(cliPath); err == nil {
			return
		}
		// Built apart and renamed into place, so that an interrupted build
		// leaves no broken binary for the next run.
		if cliErr = os.MkdirAll(filepath.Dir(cliPath), 0o755); cliErr != nil {
			return
		}
		tmp, err := os.MkdirTemp(filepath.Dir(cliPath), "build")
		if err != nil {
			cliErr = err
			return
		}
		defer os.RemoveAll(tmp)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		install := exec.CommandContext(ctx, "go", "install", "-tags", "postgres", golangMigrateCLI)
		install.Env = append(os.Environ(), "GOBIN="+tmp)
		if out, err := install.CombinedOutput(); err != nil {
			cliErr = err
			t.Logf("%s", out)
			return
		}
		cliErr = os.Rename(filepath.Join(tmp, "migrate"), cliPath)
	})
	if cliErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("go install %s: %v", golangMigrateCLI, cliErr)
		}
		t.Skipf("go install %s: %v", golangMigrateCLI, cliErr)
	}
}

// golangMigrate runs the golang-migrate CLI and returns its combined
// output. Call needGolangMigrate first.
func golangMigrate(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, cliPath, args...).CombinedOutput()
	return string(out), err
}

// migrateURL is the URL golang-migrate reaches conn's database with.
func migrateURL(conn *pgx.Conn) string {
	cfg := conn.Config()
	q := url.Values{"host": {cfg.Host}, "port": {strconv.Itoa(int(cfg.Port))}, "sslmode": {"disable"}}
	u := url.URL{Scheme: "postgres", User: url.User(cfg.User), Path: "/" + cfg.Database, RawQuery: q.Encode()}
	if cfg.Password != "" {
		u.User = url.UserPassword(cfg.User, cfg.Password)
	}
	return u.String()
}

// chain is a sealed directory of three migrations, the last one outside
// a transaction.
func chain(t *testing.T) *migrate.Dir {
	t.Helper()
	d := newDir(t, "")
	seal(t, d, "create users", t0, createUsers)
	seal(t, d, "name", t0.Add(time.Hour), addName, indexName)
	return d
}

func TestGolangMigrateAppliesTheSealedDirectory(t *testing.T) {
	needGolangMigrate(t)
	conn := pgtest.Connect(t)
	d := chain(t)
	out, err := golangMigrate("-path", d.Path, "-database", migrateURL(conn), "up")
	require.NoError(t, err, out)
	assert.Equal(t, []versionRow{{20250301130001, false}}, versionRows(t, conn))
	assert.Contains(t, relations(t, conn), "users_name_idx", "the file outside a transaction ran")

	log, err := applyDir(t, conn, d, false)
	require.NoError(t, err)
	assert.Equal(t, "nothing to apply: the database is at version 20250301130001\n", log, "dbspec sees golang-migrate's version")

	out, err = golangMigrate("-path", d.Path, "-database", migrateURL(conn), "down", "1")
	require.NoError(t, err, out)
	assert.NotContains(t, relations(t, conn), "users_name_idx")
	log, err = applyDir(t, conn, d, false)
	require.NoError(t, err)
	assert.Equal(t, "applied "+d.Path+"/20250301130001_name.up.sql\n", log, "dbspec takes over where golang-migrate stopped")
}

func TestGolangMigrateReadsTheVersionDbspecApplied(t *testing.T) {
	needGolangMigrate(t)
	conn := pgtest.Connect(t)
	d := chain(t)
	_, err := applyDir(t, conn, d, false)
	require.NoError(t, err)
	out, err := golangMigrate("-path", d.Path, "-database", migrateURL(conn), "version")
	require.NoError(t, err, out)
	assert.Equal(t, "20250301130001\n", out)

	_, err = downDir(t, conn, d, 2, false)
	require.NoError(t, err)
	out, err = golangMigrate("-path", d.Path, "-database", migrateURL(conn), "version")
	require.NoError(t, err, out)
	assert.Equal(t, "20250301120000\n", out)

	out, err = golangMigrate("-path", d.Path, "-database", migrateURL(conn), "down", "-all")
	require.NoError(t, err, out)
	assert.Empty(t, versionRows(t, conn))
	log, err := applyDir(t, conn, d, false)
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(log, "applied "), log)
}

func TestGolangMigrateTakesTheSameLock(t *testing.T) {
	needGolangMigrate(t)
	ctx := context.Background()
	conn := pgtest.Connect(t)
	d := chain(t)
	holder, err := pgx.Connect(ctx, conn.Config().ConnString())
	require.NoError(t, err)
	defer holder.Close(ctx)
	for _, key := range migrate.LockKeys(conn.Config().Database, "public") {
		_, err = holder.Exec(ctx, "SELECT pg_advisory_lock($1)", key)
		require.NoError(t, err)
	}

	done := make(chan error, 1)
	var out string
	go func() {
		var err error
		out, err = golangMigrate("-path", d.Path, "-database", migrateURL(conn), "up")
		done <- err
	}()
	deadline := time.Now().Add(time.Minute) // the first go run may build the CLI
	for {
		var waiting bool
		require.NoError(t, conn.QueryRow(ctx, "SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND NOT granted)").Scan(&waiting))
		if waiting {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("golang-migrate did not wait for dbspec's lock: %v\n%s", err, out)
		case <-time.After(10 * time.Millisecond):
		}
		require.True(t, time.Now().Before(deadline), "golang-migrate never asked for the lock")
	}
	assert.Empty(t, relations(t, conn), "golang-migrate waits")
	_, err = holder.Exec(ctx, "SELECT pg_advisory_unlock_all()")
	require.NoError(t, err)
	require.NoError(t, <-done, out)
	assert.Equal(t, []versionRow{{20250301130001, false}}, versionRows(t, conn))
}

func TestPlannedMigrationsApplyWithBothTools(t *testing.T) {
	needGolangMigrate(t)
	const project = "project app {\n  generate {\n    migrations \"migrations\"\n  }\n}\n"
	v1 := schemaFrom(t, map[string]string{"project.dbspec": project, "users.dbspec": "table users {\n" +
		"  id         uuid        pk default(gen_random_uuid())\n" +
		"  email      text\n" +
		"  created_at timestamptz default(now())\n" +
		"}\n"})
	v2 := schemaFrom(t, map[string]string{"project.dbspec": project, "users.dbspec": "table users {\n" +
		"  id         uuid        pk default(gen_random_uuid())\n" +
		"  email      text\n" +
		"  nickname   text?\n" +
		"  created_at timestamptz default(now())\n" +
		"\n" +
		"  index (email)\n" +
		"}\n"})
	d := newDir(t, "")
	for i, s := range []*model.Schema{v1, v2} {
		base, err := d.Baseline()
		require.NoError(t, err)
		_, err = d.Seal(migrate.Plan(base, s), "step", t0.Add(time.Duration(i)*time.Hour), migrate.Snapshot(s))
		require.NoError(t, err)
	}
	require.Len(t, d.Sealed, 3, "create users; add nickname; the index, concurrently and on its own")
	assert.True(t, d.Sealed[2].NoTransaction)
	assert.True(t, strings.HasPrefix(readFile(t, d, d.Sealed[2].UpFile), migrate.NoTransactionMarker+"\nCREATE INDEX CONCURRENTLY"))
	base, err := d.Baseline()
	require.NoError(t, err)
	assert.Empty(t, migrate.Plan(base, v2))

	byDbspec, byGolangMigrate, fresh := pgtest.Connect(t), pgtest.Connect(t), pgtest.Connect(t)
	_, err = applyDir(t, byDbspec, d, false)
	require.NoError(t, err)
	out, err := golangMigrate("-path", d.Path, "-database", migrateURL(byGolangMigrate), "up")
	require.NoError(t, err, out)
	_, err = fresh.Exec(context.Background(), postgres.Schema(v2)+"CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null);")
	require.NoError(t, err)
	read := func(conn *pgx.Conn) *catalog.Catalog {
		c, err := catalog.Read(context.Background(), conn)
		require.NoError(t, err)
		return c.WithoutColumnOrder() // added columns come last
	}
	want := read(fresh)
	assert.Equal(t, want, read(byDbspec))
	assert.Equal(t, want, read(byGolangMigrate))
	assert.Equal(t, versionRows(t, byDbspec), versionRows(t, byGolangMigrate))
}
