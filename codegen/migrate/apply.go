package migrate

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dbspec/dbspec/codegen/postgres"
)

// VersionTable is the table that records the applied version, as
// golang-migrate keeps it: one row, the current version and whether a
// migration to it failed midway (dirty), or no row before the first
// migration. dbspec and golang-migrate can take turns on one database.
const VersionTable = "schema_migrations"

// noVersion is the version of a database that no migration was applied to.
const noVersion int64 = -1

// Options control Apply and Down.
type Options struct {
	// DryRun prints the SQL that would run instead of running it.
	DryRun bool
	// Log receives the progress and, with DryRun, the SQL; nil discards it.
	Log io.Writer
}

func (o Options) log() io.Writer {
	if o.Log == nil {
		return io.Discard
	}
	return o.Log
}

// Apply applies the sealed migrations that follow the database's version,
// in order. It refuses when the sealed files do not match the sum file or
// the database is dirty. It holds golang-migrate's advisory lock on the
// database for the whole run, so concurrent appliers (dbspec or
// golang-migrate) wait for each other. Each migration runs in its own
// transaction together with the version update, except NoTransaction ones,
// which are marked dirty before and clean after as golang-migrate does. It
// stops at the first failure with an error that names the file and the
// PostgreSQL error; the database stays at the last good version.
//
// With DryRun, conn may be nil: the SQL printed is then that of every
// sealed migration.
func Apply(ctx context.Context, conn *pgx.Conn, d *Dir, opt Options) error {
	if err := verified(d); err != nil {
		return err
	}
	if conn == nil && opt.DryRun {
		return printSQL(opt.log(), d, d.Sealed, true)
	}
	return withLock(ctx, conn, !opt.DryRun, func(vt versionTable) error {
		at, err := vt.position(ctx, d)
		if err != nil {
			return err
		}
		todo := d.Sealed[at+1:]
		for _, s := range todo {
			if s.UpFile == "" {
				return fmt.Errorf("cannot apply version %d: it has no up file", s.Version)
			}
		}
		if len(todo) == 0 {
			fmt.Fprintf(opt.log(), "nothing to apply: the database is at %s\n", versionText(vt.version(d, at)))
			return nil
		}
		if opt.DryRun {
			return printSQL(opt.log(), d, todo, true)
		}
		for i, s := range todo {
			if err := vt.run(ctx, d, s, true, vt.version(d, at+i)); err != nil {
				return err
			}
			fmt.Fprintf(opt.log(), "applied %s\n", d.path(s.UpFile))
		}
		return nil
	})
}

// Down reverts the last n applied migrations, newest first, each as Apply
// runs one. With DryRun, conn may be nil: the SQL printed is then that of
// the last n sealed migrations.
func Down(ctx context.Context, conn *pgx.Conn, d *Dir, n int, opt Options) error {
	if n < 1 {
		return fmt.Errorf("the number of migrations to revert must be at least 1, not %d", n)
	}
	if err := verified(d); err != nil {
		return err
	}
	plan := func(at int) ([]Sealed, error) {
		if at+1 < n {
			return nil, fmt.Errorf("cannot revert %d migrations: the database has %d applied", n, at+1)
		}
		var todo []Sealed
		for i := at; i > at-n; i-- {
			if d.Sealed[i].DownFile == "" {
				return nil, fmt.Errorf("cannot revert %s: it has no down file", d.path(d.Sealed[i].UpFile))
			}
			todo = append(todo, d.Sealed[i])
		}
		return todo, nil
	}
	if conn == nil && opt.DryRun {
		todo, err := plan(len(d.Sealed) - 1)
		if err != nil {
			return err
		}
		return printSQL(opt.log(), d, todo, false)
	}
	return withLock(ctx, conn, !opt.DryRun, func(vt versionTable) error {
		at, err := vt.position(ctx, d)
		if err != nil {
			return err
		}
		todo, err := plan(at)
		if err != nil {
			return err
		}
		if opt.DryRun {
			return printSQL(opt.log(), d, todo, false)
		}
		for i, s := range todo {
			if err := vt.run(ctx, d, s, false, vt.version(d, at-i-1)); err != nil {
				return err
			}
			fmt.Fprintf(opt.log(), "reverted %s\n", d.path(s.DownFile))
		}
		return nil
	})
}

// Force records version as the database's version, clean, without running
// anything: the way out after a migration outside a transaction failed and
// its leftovers were cleaned up by hand. version is a sealed version, or -1
// for a database that no migration was applied to.
func Force(ctx context.Context, conn *pgx.Conn, d *Dir, version int64) error {
	known := version == noVersion
	for _, s := range d.Sealed {
		known = known || int64(s.Version) == version
	}
	if !known {
		return fmt.Errorf("%d is not the version of a sealed migration of %s", version, d.Path)
	}
	return withLock(ctx, conn, true, func(vt versionTable) error {
		return pgx.BeginFunc(ctx, vt.conn, func(tx pgx.Tx) error { return vt.set(ctx, tx, version, false) })
	})
}

// verified refuses a directory whose sealed files do not match the sum file.
func verified(d *Dir) error {
	if problems := d.Verify(); len(problems) > 0 {
		return fmt.Errorf("refusing to run: the sealed migrations do not match %s:%s", SumFile, formatProblems(problems))
	}
	return nil
}

// versionTable is the version table of the database conn is connected to.
type versionTable struct {
	conn     *pgx.Conn
	name     string // the qualified, quoted table name
	database string
	schema   string
	exists   bool
}

// withLock runs f holding golang-migrate's advisory lock of the database,
// creating the version table first when create is set.
func withLock(ctx context.Context, conn *pgx.Conn, create bool, f func(versionTable) error) (err error) {
	vt := versionTable{conn: conn}
	if err := conn.QueryRow(ctx, "SELECT current_database(), current_schema()").Scan(&vt.database, &vt.schema); err != nil {
		return fmt.Errorf("reading the current schema: %w", err)
	}
	for _, key := range lockKeys(vt.database, vt.schema) {
		if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
			return fmt.Errorf("taking the migration lock: %w", err)
		}
		defer func() {
			if _, uerr := conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", key); uerr != nil && err == nil {
				err = fmt.Errorf("releasing the migration lock: %w", uerr)
			}
		}()
	}
	vt, err = openVersionTable(ctx, conn)
	if err != nil {
		return err
	}
	if create && !vt.exists {
		if _, err := conn.Exec(ctx, "CREATE TABLE IF NOT EXISTS "+vt.name+" (version bigint not null primary key, dirty boolean not null)"); err != nil {
			return fmt.Errorf("creating %s: %w", vt.name, err)
		}
		vt.exists = true
	}
	return f(vt)
}

// openVersionTable finds the version table of the current schema.
func openVersionTable(ctx context.Context, conn *pgx.Conn) (versionTable, error) {
	vt := versionTable{conn: conn}
	err := conn.QueryRow(ctx, `SELECT current_database(), current_schema(),
		EXISTS (SELECT FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1)`,
		VersionTable).Scan(&vt.database, &vt.schema, &vt.exists)
	if err != nil {
		return vt, fmt.Errorf("reading the current schema: %w", err)
	}
	vt.name = postgres.QuoteIdent(vt.schema) + "." + postgres.QuoteIdent(VersionTable)
	return vt, nil
}

// lockKeys are the advisory lock keys golang-migrate's postgres driver
// takes for its version table in database.schema, always in this order.
// The driver derives its key from the database name, which is the path of
// the URL ("/name") when the migrate command connects, and the bare name
// when a program hands the driver a connection; dbspec takes both.
func lockKeys(database, schema string) []int64 {
	return []int64{lockKey(database, schema), lockKey("/"+database, schema)}
}

// lockKey is golang-migrate's GenerateAdvisoryLockId.
func lockKey(database, schema string) int64 {
	const salt = 1486364155
	return int64(crc32.ChecksumIEEE([]byte(schema+"\x00"+VersionTable+"\x00"+database)) * salt)
}

// current reads the version and the dirty flag; the version is -1 when no
// migration was applied.
func (vt versionTable) current(ctx context.Context) (int64, bool, error) {
	if !vt.exists {
		return noVersion, false, nil
	}
	var version int64
	var dirty bool
	err := vt.conn.QueryRow(ctx, "SELECT version, dirty FROM "+vt.name+" LIMIT 1").Scan(&version, &dirty)
	if errors.Is(err, pgx.ErrNoRows) {
		return noVersion, false, nil
	}
	return version, dirty, err
}

// position returns the index in d.Sealed of the database's version, -1
// when no migration was applied. It refuses a dirty database and a version
// the directory does not have.
func (vt versionTable) position(ctx context.Context, d *Dir) (int, error) {
	version, dirty, err := vt.current(ctx)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", vt.name, err)
	}
	if dirty {
		return 0, fmt.Errorf("the database is dirty at %s: a migration outside a transaction failed midway; "+
			"check and repair the database by hand, then record the version it is at with dbspec migrate force VERSION", versionText(version))
	}
	if version == noVersion {
		return -1, nil
	}
	for i, s := range d.Sealed {
		if int64(s.Version) == version {
			return i, nil
		}
	}
	return 0, fmt.Errorf("the database is at version %d, which is not a sealed migration of %s", version, d.Path)
}

// version is the version of d.Sealed[i], or -1 for i = -1.
func (versionTable) version(d *Dir, i int) int64 {
	if i < 0 {
		return noVersion
	}
	return int64(d.Sealed[i].Version)
}

// set records the version as golang-migrate does: the table is emptied,
// then holds the version unless there is none (and it is not dirty).
func (vt versionTable) set(ctx context.Context, tx pgx.Tx, version int64, dirty bool) error {
	if _, err := tx.Exec(ctx, "TRUNCATE "+vt.name); err != nil {
		return err
	}
	if version == noVersion && !dirty {
		return nil
	}
	_, err := tx.Exec(ctx, "INSERT INTO "+vt.name+" (version, dirty) VALUES ($1, $2)", version, dirty)
	return err
}

// run applies (up) or reverts s; prev is the version of the sealed
// migration before s, -1 for none.
func (vt versionTable) run(ctx context.Context, d *Dir, s Sealed, up bool, prev int64) error {
	// from is the version the database is at, target the one s leads to.
	sql, name, line, from, target := s.Up, s.UpFile, s.UpLine, prev, int64(s.Version)
	if !up {
		sql, name, line, from, target = s.Down, s.DownFile, s.DownLine, target, prev
	}
	fail := func(err error) error { return errors.New(failure(d.path(name), line, sql, err)) }
	if !s.NoTransaction {
		err := pgx.BeginFunc(ctx, vt.conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, sql); err != nil {
				return fail(err)
			}
			return vt.set(ctx, tx, target, false)
		})
		if err != nil {
			return fmt.Errorf("%w\nthe migration was rolled back: the database stays at %s", err, versionText(from))
		}
		return nil
	}
	setVersion := func(dirty bool) error {
		return pgx.BeginFunc(ctx, vt.conn, func(tx pgx.Tx) error { return vt.set(ctx, tx, target, dirty) })
	}
	if err := setVersion(true); err != nil {
		return err
	}
	if _, err := vt.conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%w\nit ran outside a transaction, so the database is marked dirty at %s: check what it left behind "+
			"(a failed CREATE INDEX CONCURRENTLY leaves an invalid index to drop), then record the version the database is at "+
			"with dbspec migrate force VERSION", fail(err), versionText(target))
	}
	return setVersion(false)
}

// failure describes an error of the SQL of a file, which starts at the
// given line of it: at the line of the error when PostgreSQL gives a
// position, with the detail and hint it gives.
func failure(path string, line int, sql string, err error) string {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return fmt.Sprintf("%s: %v", path, err)
	}
	msg := fmt.Sprintf("%s: %v", path, pgErr)
	if pgErr.Position > 0 {
		msg = fmt.Sprintf("%s:%d: %v", path, line+lineAt(sql, int(pgErr.Position))+1, pgErr)
	}
	if pgErr.Detail != "" {
		msg += "\n  detail: " + pgErr.Detail
	}
	if pgErr.Hint != "" {
		msg += "\n  hint: " + pgErr.Hint
	}
	return msg
}

// lineAt is the zero-based line of the pos-th character (1-based, as
// PostgreSQL counts) of sql.
func lineAt(sql string, pos int) int {
	line, n := 0, 0
	for _, r := range sql {
		n++
		if n >= pos {
			break
		}
		if r == '\n' {
			line++
		}
	}
	return line
}

// versionText describes a version for messages.
func versionText(version int64) string {
	if version == noVersion {
		return "no version (no migration applied)"
	}
	return fmt.Sprintf("version %d", version)
}

// printSQL writes the SQL of the migrations, each after a comment naming
// its file and how it runs.
func printSQL(w io.Writer, d *Dir, migs []Sealed, up bool) error {
	for _, s := range migs {
		name, sql := s.UpFile, s.Up
		if !up {
			name, sql = s.DownFile, s.Down
		}
		how := "in a transaction"
		if s.NoTransaction {
			how = "outside a transaction"
		}
		if _, err := fmt.Fprintf(w, "-- %s (%s)\n%s", d.path(name), how, withNewline(sql)); err != nil {
			return err
		}
	}
	return nil
}
