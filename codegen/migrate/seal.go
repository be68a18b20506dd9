package migrate

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dbspec/dbspec/codegen/files"
)

// maxSlug is the longest slug of a file name.
const maxSlug = 40

// Seal turns migs, the plan from the last sealed state to the current
// schema, into the next sealed migrations: versioned files named after
// message, the snapshot of the current schema, and the sum file updated to
// cover them; the pending files are removed. The first migration's version
// is now in UTC (YYYYMMDDHHMMSS), each further one a second later. Seal
// refuses when there is nothing to seal, when the history was tampered
// with, when a version would not follow the last sealed one, and when a
// file it would write exists: sealed files are never rewritten. It returns
// the paths it wrote.
func (d *Dir) Seal(migs []Migration, message string, now time.Time, snapshot string) ([]string, error) {
	if len(migs) == 0 {
		return nil, errors.New("nothing to seal: the schema matches the last sealed migration")
	}
	if problems := d.Verify(); len(problems) > 0 {
		return nil, fmt.Errorf("refusing to seal: the sealed migrations do not match %s:%s", SumFile, formatProblems(problems))
	}
	if _, _, err := d.pendingChanges(nil); err != nil {
		return nil, err
	}
	slug := Slug(message)
	if slug == "" {
		return nil, fmt.Errorf("the message %q has no letters or digits to name the files after", message)
	}
	start := now.UTC().Truncate(time.Second)
	if v := Version(start); v <= d.Last() {
		return nil, fmt.Errorf("version %d would not follow the last sealed migration, version %d: is the clock behind?", v, d.Last())
	}
	var out []file
	for i, m := range migs {
		v := Version(start.Add(time.Duration(i) * time.Second))
		out = append(out, d.render(m, sealedBase(v, slug))...)
	}
	for _, f := range out {
		if _, err := os.Lstat(d.path(f.name)); err == nil {
			return nil, fmt.Errorf("refusing to seal: %s exists, and sealed files are never rewritten", d.path(f.name))
		}
	}
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return nil, err
	}
	var written []string
	for _, f := range append(out, file{SnapshotFile, snapshot}) {
		if err := files.WriteAtomic(d.path(f.name), []byte(f.content)); err != nil {
			return written, err
		}
		written = append(written, d.path(f.name))
	}
	sealed, err := Open(d.Path, d.Format)
	if err != nil {
		return written, err
	}
	*d = *sealed
	if err := d.writeSum(); err != nil {
		return written, err
	}
	written = append(written, d.path(SumFile))
	_, err = d.WritePending(nil)
	return written, err
}

// Version is the version of a migration sealed at t: t in UTC as the
// number YYYYMMDDHHMMSS.
func Version(t time.Time) uint64 {
	v, _ := strconv.ParseUint(t.UTC().Format("20060102150405"), 10, 64)
	return v
}

// Slug turns a message into the part of a file name after the version:
// lower-case ASCII letters and digits joined by single underscores, at
// most 40 bytes.
func Slug(message string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(message) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
			continue
		}
		gap = true
	}
	s := b.String()
	if len(s) > maxSlug {
		s = strings.TrimRight(s[:maxSlug], "_")
	}
	return s
}
