package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/analysis/report"
	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/lang/model"
)

// now is the clock of dbspec migrate seal; the tests set it.
var now = time.Now

func migrateCommands() []command {
	return []command{
		{"seal", "seal the changes since the last migration as the next one", runMigrateSeal},
		{"status", "list the sealed, applied and pending migrations", runMigrateStatus},
		{"apply", "apply the sealed migrations to a database", runMigrateApply},
		{"down", "revert the last applied migrations", runMigrateDown},
		{"force", "record the database's version after a repair by hand", runMigrateForce},
		{"hash", "record the sealed files' checksums after a deliberate edit, or to adopt a directory", runMigrateHash},
	}
}

func runMigrate(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		migrateUsage(stderr)
		return 2
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		migrateUsage(stderr) // where the other commands print their --help
		return 0
	}
	return dispatch(migrateCommands(), args, stdout, stderr, "migrate command", migrateUsage)
}

func migrateUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: dbspec migrate <command> [flags] [args] [dir]\n\n"+
		"Manage the migrations of the schema directory dir (default .), kept in the\n"+
		"migration directory its project's generate block names.\n\nCommands:")
	for _, c := range migrateCommands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"dbspec migrate <command> --help\" for a command's flags.")
}

func runMigrateSeal(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("migrate seal", `dbspec migrate seal "message" [dir]`,
		"Seal the changes since the last sealed migration as the next migration:\n"+
			"versioned files named after the message, the snapshot of the schema and\n"+
			"the sum file. The plan is computed afresh, not read from the pending\n"+
			"files, which are removed. Refuses a schema with errors (dbspec check).", stderr)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() < 1 || fs.NArg() > 2 {
		fs.Usage()
		return 2
	}
	s, d, code := openMigrations(fs.Arg(1), stderr)
	if d == nil {
		return code
	}
	written, findings, err := build.Seal(s, d, fs.Arg(0), now())
	_ = report.Write(stderr, "text", findings, "")
	return reportWritten(stdout, stderr, written, err)
}

func runMigrateHash(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("migrate hash", "dbspec migrate hash [--adopt] [dir]",
		"Record the checksums of the sealed migration files in the sum file as they\n"+
			"are now: after an edit of a sealed migration you mean (no database may have\n"+
			"run the old text), or to adopt a migration directory dbspec did not write.\n"+
			"With --adopt, also record the current schema as the state the sealed\n"+
			"migrations lead to (dbspec.snapshot), so that the next migration starts\n"+
			"from there; the schema must have no errors, and must be what those\n"+
			"migrations build.", stderr)
	adopt := fs.Bool("adopt", false, "also record the current schema as the state the sealed migrations lead to")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return 2
	}
	s, d, code := openMigrations(fs.Arg(0), stderr)
	if d == nil {
		return code
	}
	var snapshot string
	if *adopt {
		if refuse(stderr, analysis.Run(s), "not adopting") {
			return 1
		}
		snapshot = migrate.Snapshot(s)
	}
	written, err := d.Hash(snapshot)
	return reportWritten(stdout, stderr, written, err)
}

func runMigrateStatus(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("migrate status", "dbspec migrate status [--database-url URL] [dir]",
		"List the sealed migrations (applied or not, with --database-url), the\n"+
			"pending files, and any sealed file that no longer matches the sum file.", stderr)
	url := fs.String("database-url", "", "read the applied version from the database at `URL`")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return 2
	}
	s, d, code := openMigrations(fs.Arg(0), stderr)
	if d == nil {
		return code
	}
	return withDatabase(*url, stderr, func(ctx context.Context, conn *pgx.Conn) error {
		if err := migrate.WriteStatus(ctx, stdout, conn, d); err != nil {
			return err
		}
		if len(s.Diagnostics) > 0 {
			return nil // the plan of a schema with errors means nothing
		}
		baseline, err := d.Baseline()
		if err != nil {
			return err
		}
		stale, err := d.StalePending(migrate.Plan(baseline, s))
		if err == nil && len(stale) > 0 {
			fmt.Fprintln(stdout, "the pending files are out of date: dbspec build rewrites them")
		}
		return err
	})
}

func runMigrateApply(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("migrate apply", "dbspec migrate apply --database-url URL [--dry-run] [dir]",
		"Apply the sealed migrations that the database lacks, in order, each in its\n"+
			"own transaction (except those that cannot run in one), recording the\n"+
			"version in schema_migrations as golang-migrate does. Refuses when a sealed\n"+
			"file does not match the sum file; stops at the first failure.", stderr)
	url := fs.String("database-url", "", "the database, as a PostgreSQL `URL` or key=value string")
	dryRun := fs.Bool("dry-run", false, "print the SQL instead of running it (without --database-url: all of it)")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 1 || *url == "" && !*dryRun {
		fs.Usage()
		return 2
	}
	_, d, code := openMigrations(fs.Arg(0), stderr)
	if d == nil {
		return code
	}
	if pending, err := d.Pending(); err == nil && len(pending) > 0 && !*dryRun {
		fmt.Fprintf(stderr, "note: %s has pending changes; dbspec migrate seal makes them a migration\n", d.Path)
	}
	return withDatabase(*url, stderr, func(ctx context.Context, conn *pgx.Conn) error {
		return migrate.Apply(ctx, conn, d, migrate.Options{DryRun: *dryRun, Log: stdout})
	})
}

func runMigrateDown(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("migrate down", "dbspec migrate down [--database-url URL] [--dry-run] N [dir]",
		"Revert the last N applied migrations, newest first.", stderr)
	url := fs.String("database-url", "", "the database, as a PostgreSQL `URL` or key=value string")
	dryRun := fs.Bool("dry-run", false, "print the SQL instead of running it (without --database-url: that of the last N sealed migrations)")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() < 1 || fs.NArg() > 2 || *url == "" && !*dryRun {
		fs.Usage()
		return 2
	}
	n, err := strconv.Atoi(fs.Arg(0))
	if err != nil || n < 1 {
		fmt.Fprintf(stderr, "dbspec: N must be a positive number of migrations, not %q\n", fs.Arg(0))
		return 2
	}
	_, d, code := openMigrations(fs.Arg(1), stderr)
	if d == nil {
		return code
	}
	return withDatabase(*url, stderr, func(ctx context.Context, conn *pgx.Conn) error {
		return migrate.Down(ctx, conn, d, n, migrate.Options{DryRun: *dryRun, Log: stdout})
	})
}

func runMigrateForce(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("migrate force", "dbspec migrate force --database-url URL VERSION|none [dir]",
		"Record VERSION as the database's version, clean, without running anything.\n"+
			"Use it after a migration that ran outside a transaction failed and left\n"+
			"the database dirty: repair the database by hand, then record the version\n"+
			"it is at (none: no migration applied).", stderr)
	url := fs.String("database-url", "", "the database, as a PostgreSQL `URL` or key=value string")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() < 1 || fs.NArg() > 2 || *url == "" {
		fs.Usage()
		return 2
	}
	version := int64(-1)
	if fs.Arg(0) != "none" {
		v, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			fmt.Fprintf(stderr, "dbspec: VERSION must be a sealed version or none, not %q\n", fs.Arg(0))
			return 2
		}
		version = v
	}
	_, d, code := openMigrations(fs.Arg(1), stderr)
	if d == nil {
		return code
	}
	return withDatabase(*url, stderr, func(ctx context.Context, conn *pgx.Conn) error {
		if err := migrate.Force(ctx, conn, d, version); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "the database is at version %s\n", fs.Arg(0))
		return nil
	})
}

// openMigrations loads the schema of dir ("" means .) and opens the
// migration directory of its project. d is nil on failure, after the
// error was printed; code is then the exit code.
func openMigrations(dir string, stderr io.Writer) (s *model.Schema, d *migrate.Dir, code int) {
	if dir == "" {
		dir = "."
	}
	s, err := model.Load(dir, nil, nil)
	if err == nil {
		d, err = build.OpenMigrations(s)
	}
	if err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return nil, nil, 2
	}
	if d == nil {
		fmt.Fprintf(stderr, "dbspec: %s keeps no migrations: add migrations \"DIR\" to the generate block of its project\n", dir)
		return nil, nil, 2
	}
	return s, d, 0
}

// withDatabase runs f with a connection to url, or with nil when url is
// empty, and turns its error into the exit code. An interrupt cancels f's
// queries.
func withDatabase(url string, stderr io.Writer, f func(context.Context, *pgx.Conn) error) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var conn *pgx.Conn
	if url != "" {
		var err error
		if conn, err = pgx.Connect(ctx, url); err != nil {
			fmt.Fprintf(stderr, "dbspec: %v\n", err)
			return 1
		}
		defer conn.Close(context.Background())
	}
	if err := f(ctx, conn); err != nil {
		fmt.Fprintf(stderr, "dbspec: %v\n", err)
		return 1
	}
	return 0
}
