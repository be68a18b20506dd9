package migrate

import "fmt"

// file is a file of the migration directory: its name and content.
type file struct {
	name, content string
}

// render lays out migration m in the directory's format, under file names
// that start with base: base.up.sql and base.down.sql, or base.sql.
func (d *Dir) render(m Migration, base string) []file {
	if d.Format == Goose {
		return []file{{base + ".sql", renderGoose(m)}}
	}
	marker := ""
	if m.NoTransaction {
		marker = NoTransactionMarker + "\n"
	}
	return []file{
		{base + ".up.sql", marker + withNewline(m.Up)},
		{base + ".down.sql", marker + withNewline(m.Down)},
	}
}

// sealedBase is the start of the file names of a sealed migration.
func sealedBase(version uint64, slug string) string {
	return fmt.Sprintf("%d_%s", version, slug)
}
