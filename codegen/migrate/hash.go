package migrate

import (
	"fmt"
	"os"

	"github.com/dbspec/dbspec/codegen/files"
)

// Hash records the checksums of the sealed files in the sum file, as they
// are now: after an edit of a sealed migration that is meant, or to adopt a
// migration directory that dbspec did not write. With a snapshot (the text
// Snapshot gives), it first records it as the state the sealed migrations
// lead to, which a directory dbspec did not write lacks; it refuses to
// replace an existing snapshot. It returns the paths it wrote.
func (d *Dir) Hash(snapshot string) ([]string, error) {
	var written []string
	if snapshot != "" {
		path := d.path(SnapshotFile)
		if _, err := os.Stat(path); err == nil {
			return nil, fmt.Errorf("%s exists: the sealed migrations already have a recorded state", path)
		}
		if err := files.WriteAtomic(path, []byte(snapshot)); err != nil {
			return nil, err
		}
		written = append(written, path)
	}
	if err := d.writeSum(); err != nil {
		return written, err
	}
	return append(written, d.path(SumFile)), nil
}
