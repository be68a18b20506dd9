package migrate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// SnapshotFile is the name of the snapshot: the schema as of the last
// sealed migration, so that the next migration can be planned from the
// directory alone.
const SnapshotFile = "dbspec.snapshot"

// Snapshot is the canonical text of s: each schema file in the canonical
// layout, in path order, after a "// file: NAME" line. lang.Parse and
// model.Build read it back as one file.
func Snapshot(s *model.Schema) string {
	var b strings.Builder
	for i, f := range s.Files {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("// file: " + filepath.Base(f.Path) + "\n\n")
		b.WriteString(lang.Format(f))
	}
	return b.String()
}

// Baseline reads the snapshot back into a schema: the state the sealed
// migrations lead to. It is nil when there is no snapshot, as before the
// first seal (Verify reports a snapshot removed after one).
func (d *Dir) Baseline() (*model.Schema, error) {
	path := d.path(SnapshotFile)
	src, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return model.Build(d.Path, []*lang.File{lang.Parse(path, string(src))}), nil
}
