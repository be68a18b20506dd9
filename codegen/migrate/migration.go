// Package migrate turns schema changes into PostgreSQL migrations: it plans
// the steps between two models (plan*.go), keeps the migration directory with
// its pending and sealed migrations, its sum file and the snapshot of the
// last sealed state (dir.go, sum.go, snapshot.go), and applies migrations
// with pgx (apply.go).
package migrate

// Migration is one migration: the SQL that applies it and the SQL that
// reverts it.
type Migration struct {
	// Version is the sealed version (a UTC timestamp YYYYMMDDHHMMSS), or 0
	// for a pending migration.
	Version uint64
	// Name is the slug of the file names, e.g. "add_tasks".
	Name string
	// Up applies the migration and Down reverts it. A step that cannot be
	// reverted safely (dropped data) says so in a comment in Down.
	Up, Down string
	// NoTransaction marks a migration that must not run inside a
	// transaction: it holds exactly one statement that PostgreSQL refuses in
	// one, such as CREATE INDEX CONCURRENTLY.
	NoTransaction bool
}
