package migrate

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The layouts of a migration directory.
const (
	// GolangMigrate keeps each migration in two files,
	// <version>_<slug>.up.sql and <version>_<slug>.down.sql.
	GolangMigrate = "golang-migrate"
	// Goose keeps each migration in one file, <version>_<slug>.sql, with
	// "-- +goose Up" and "-- +goose Down" sections.
	Goose = "goose"
)

// NoTransactionMarker is the first line of a golang-migrate up or down file
// whose migration must run outside a transaction. golang-migrate reads it as
// a comment; dbspec reads it as Migration.NoTransaction.
const NoTransactionMarker = "-- dbspec:no-transaction"

// Dir is a migration directory and its sealed migrations.
type Dir struct {
	Path   string
	Format string   // GolangMigrate or Goose
	Sealed []Sealed // sorted by version
}

// Sealed is a sealed migration and the files it was read from.
type Sealed struct {
	Migration
	// UpFile and DownFile are the names of the files inside the directory
	// (the same file in the goose layout); DownFile is "" when a
	// golang-migrate migration has no down file.
	UpFile, DownFile string
	// UpLine and DownLine are the zero-based lines of the files at which
	// Up and Down start, to map a PostgreSQL error position to a line.
	UpLine, DownLine int
}

var (
	golangMigrateName = regexp.MustCompile(`^([0-9]+)_(.*)\.(up|down)\.sql$`)
	gooseName         = regexp.MustCompile(`^([0-9]+)_(.*)\.sql$`)
)

// Open reads the migration directory dir in the given layout ("" means
// golang-migrate). A directory that does not exist yet has no migrations.
func Open(dir, format string) (*Dir, error) {
	switch format {
	case "":
		format = GolangMigrate
	case GolangMigrate, Goose:
	default:
		return nil, fmt.Errorf("unknown migration format %q (expected %s or %s)", format, GolangMigrate, Goose)
	}
	d := &Dir{Path: dir, Format: format}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	byVersion := map[uint64]*Sealed{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		version, slug, direction, ok := parseName(format, name)
		if !ok {
			continue
		}
		if version > math.MaxInt64 {
			return nil, fmt.Errorf("%s: version %d does not fit the bigint of %s", filepath.Join(d.Path, name), version, VersionTable)
		}
		src, err := os.ReadFile(filepath.Join(d.Path, name))
		if err != nil {
			return nil, err
		}
		s := byVersion[version]
		if s == nil {
			s = &Sealed{Migration: Migration{Version: version, Name: slug}}
			byVersion[version] = s
		}
		if err := s.add(format, name, direction, string(src)); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(d.Path, name), err)
		}
	}
	for _, s := range byVersion {
		d.Sealed = append(d.Sealed, *s)
	}
	slices.SortFunc(d.Sealed, func(a, b Sealed) int { return cmp.Compare(a.Version, b.Version) })
	return d, nil
}

// parseName splits the name of a sealed migration file into its version,
// its slug and, in the golang-migrate layout, its direction ("up" or
// "down"). ok is false for the other files of the directory.
func parseName(format, name string) (version uint64, slug, direction string, ok bool) {
	re := golangMigrateName
	if format == Goose {
		re = gooseName
	}
	m := re.FindStringSubmatch(name)
	if m == nil {
		return 0, "", "", false
	}
	version, err := strconv.ParseUint(m[1], 10, 64)
	if err != nil {
		return 0, "", "", false
	}
	if format == Goose {
		return version, m[2], "", true
	}
	return version, m[2], m[3], true
}

// add records one file of the migration; direction is "up" or "down" in
// the golang-migrate layout.
func (s *Sealed) add(format, name, direction, src string) error {
	if format == Goose {
		if s.UpFile != "" {
			return fmt.Errorf("version %d is also used by %s", s.Version, s.UpFile)
		}
		m, upLine, downLine, err := parseGoose(src)
		if err != nil {
			return err
		}
		s.Up, s.Down, s.NoTransaction = m.Up, m.Down, m.NoTransaction
		s.UpFile, s.DownFile, s.UpLine, s.DownLine = name, name, upLine, downLine
		return nil
	}
	body, noTx := strings.CutPrefix(src, NoTransactionMarker+"\n")
	line := 0
	if noTx {
		line = 1
	}
	switch {
	case direction == "up" && s.UpFile != "":
		return fmt.Errorf("version %d is also used by %s", s.Version, s.UpFile)
	case direction == "down" && s.DownFile != "":
		return fmt.Errorf("version %d is also used by %s", s.Version, s.DownFile)
	case direction == "up":
		s.Up, s.UpFile, s.UpLine = body, name, line
		s.NoTransaction = s.NoTransaction || noTx
	default:
		s.Down, s.DownFile, s.DownLine = body, name, line
		s.NoTransaction = s.NoTransaction || noTx
	}
	return nil
}

// Last is the version of the last sealed migration, or 0.
func (d *Dir) Last() uint64 {
	if len(d.Sealed) == 0 {
		return 0
	}
	return d.Sealed[len(d.Sealed)-1].Version
}

// files lists the names of the sealed migration files in version order,
// each version's files in name order.
func (d *Dir) files() []string {
	var out []string
	for _, s := range d.Sealed {
		names := []string{s.UpFile, s.DownFile}
		slices.Sort(names)
		for i, n := range names {
			if n != "" && (i == 0 || n != names[i-1]) {
				out = append(out, n)
			}
		}
	}
	return out
}
