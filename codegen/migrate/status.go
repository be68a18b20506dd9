package migrate

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/jackc/pgx/v5"
)

// WriteStatus writes the state of the directory: the problems Verify
// finds, the sealed migrations (each applied or not when conn is not nil,
// as golang-migrate counts them: up to the database's version) and the
// pending files. It reads the database without locking or changing it.
func WriteStatus(ctx context.Context, w io.Writer, conn *pgx.Conn, d *Dir) error {
	fmt.Fprintf(w, "migrations: %s (%s)\n", d.Path, d.Format)
	if problems := d.Verify(); len(problems) > 0 {
		fmt.Fprintf(w, "tampered: the sealed migrations do not match %s:%s\n", SumFile, formatProblems(problems))
	}
	version, dirty := noVersion, false
	if conn != nil {
		var err error
		if version, dirty, err = databaseVersion(ctx, conn); err != nil {
			return err
		}
		state := ""
		if dirty {
			state = ", dirty: a migration outside a transaction failed midway"
		}
		fmt.Fprintf(w, "database: at %s%s\n", versionText(version), state)
	}
	if len(d.Sealed) == 0 {
		fmt.Fprintln(w, "sealed: none")
	} else {
		fmt.Fprintln(w, "sealed:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, s := range d.Sealed {
			fmt.Fprintf(tw, "  %d\t%s", s.Version, s.Name)
			switch {
			case conn == nil:
			case dirty && int64(s.Version) == version:
				fmt.Fprint(tw, "\tdirty")
			case int64(s.Version) <= version:
				fmt.Fprint(tw, "\tapplied")
			default:
				fmt.Fprint(tw, "\tnot applied")
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	pending, err := d.Pending()
	if err != nil {
		return err
	}
	if len(pending) == 0 {
		fmt.Fprintln(w, "pending: none")
		return nil
	}
	fmt.Fprintln(w, "pending:")
	for _, name := range pending {
		fmt.Fprintf(w, "  %s\n", name)
	}
	return nil
}

// databaseVersion reads the version table of conn's current schema
// without creating it.
func databaseVersion(ctx context.Context, conn *pgx.Conn) (int64, bool, error) {
	vt, err := openVersionTable(ctx, conn)
	if err != nil {
		return 0, false, err
	}
	return vt.current(ctx)
}
