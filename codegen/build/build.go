// Package build turns a checked schema into its generated files and writes
// them safely: atomically, only inside the schema's directory, and never
// over a file that dbspec did not generate.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/codegen/erd"
	"github.com/dbspec/dbspec/codegen/files"
	"github.com/dbspec/dbspec/codegen/golang"
	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
)

// GoFile is the name of the generated Go file inside the Go directory.
const GoFile = "schema.go"

// Paths says where the outputs go, relative to the schema directory; an
// empty path is not generated.
type Paths struct {
	Schema     string // schema.sql
	GoDir      string // the directory of the Go file
	ERD        string // the Markdown diagram
	Migrations string // the migration directory, for the pending migration
	// MigrationsFormat is the layout of the migration directory:
	// golang-migrate ("" too) or goose.
	MigrationsFormat string
}

// ProjectPaths are the paths of the project's generate block.
func ProjectPaths(s *model.Schema) Paths {
	if s.Project == nil {
		return Paths{}
	}
	g := s.Project.Generate
	return Paths{Schema: g.Schema, GoDir: g.GoDir, ERD: g.ERD, Migrations: g.Migrations, MigrationsFormat: g.MigrationsFormat}
}

// Output is one generated file.
type Output struct {
	Path    string // relative to the schema directory
	Content []byte
}

// Outputs generates the files of s.
func Outputs(s *model.Schema, p Paths) ([]Output, error) {
	var out []Output
	if p.Schema != "" {
		out = append(out, Output{p.Schema, []byte(postgres.Schema(s))})
	}
	if p.GoDir != "" {
		out = append(out, Output{filepath.Join(p.GoDir, GoFile), golang.Generate(s)})
	}
	if p.ERD != "" {
		out = append(out, Output{p.ERD, []byte(erd.Markdown(s))})
	}
	if len(out) == 0 && p.Migrations == "" {
		return nil, errors.New("nothing to build: add a generate block to the project, or name an output with a flag")
	}
	return out, nil
}

// WriteAll writes outs under root, then the pending migration of s into
// the migration directory of p, and returns the paths it changed. h is the
// migration history the caller has read, or nil to read it.
func WriteAll(root string, outs []Output, s *model.Schema, p Paths, h *analysis.History) ([]string, error) {
	written, err := Write(root, outs)
	if err != nil {
		return written, err
	}
	pending, err := WritePending(root, s, p, h)
	return append(written, pending...), err
}

// WritePending writes the pending migration of s into the migration
// directory of p: the plan from the last sealed state (the snapshot) to
// s, written as pending files and rewritten on every build, or removed
// when s matches the sealed state. It returns the paths it changed. h is
// the migration history the caller has read, or nil to read it.
func WritePending(root string, s *model.Schema, p Paths, h *analysis.History) ([]string, error) {
	d, migs, err := pending(root, s, p, h)
	if err != nil || d == nil {
		return nil, err
	}
	return d.WritePending(migs)
}

// StalePending returns the pending files that WritePending would change.
func StalePending(root string, s *model.Schema, p Paths, h *analysis.History) ([]string, error) {
	d, migs, err := pending(root, s, p, h)
	if err != nil || d == nil {
		return nil, err
	}
	return d.StalePending(migs)
}

// pending opens the migration directory of p and plans the pending
// migrations from the baseline of h, read from the directory when h is
// nil; d is nil when p names no directory.
func pending(root string, s *model.Schema, p Paths, h *analysis.History) (d *migrate.Dir, migs []migrate.Migration, err error) {
	if d, err = openMigrations(root, p); err != nil || d == nil {
		return nil, nil, err
	}
	if h == nil {
		if h, err = DirHistory(d); err != nil {
			return nil, nil, err
		}
	}
	return d, migrate.Plan(h.Baseline, s), nil
}

// OpenMigrations opens the migration directory that the project of s
// names, which must stay inside the schema directory; it is nil when the
// project names none.
func OpenMigrations(s *model.Schema) (*migrate.Dir, error) {
	return openMigrations(s.Dir, ProjectPaths(s))
}

func openMigrations(root string, p Paths) (*migrate.Dir, error) {
	if p.Migrations == "" {
		return nil, nil
	}
	dir, err := target(root, p.Migrations)
	if err != nil {
		return nil, err
	}
	return migrate.Open(dir, p.MigrationsFormat)
}

// Write writes the outputs under root and returns the paths it changed.
// Files whose content is already right are left alone.
func Write(root string, outs []Output) ([]string, error) {
	var written []string
	for _, o := range outs {
		path, err := target(root, o.Path)
		if err != nil {
			return written, err
		}
		old, err := os.ReadFile(path)
		switch {
		case err == nil && bytes.Equal(old, o.Content):
			continue
		case err == nil && !files.Generated(old):
			return written, fmt.Errorf("refusing to overwrite %s: it was not generated by dbspec (its first line lacks %q)", path, files.Marker)
		case err != nil && !errors.Is(err, os.ErrNotExist):
			return written, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return written, err
		}
		if err := files.WriteAtomic(path, o.Content); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}

// Stale returns the paths of the outputs whose file is missing or differs.
func Stale(root string, outs []Output) ([]string, error) {
	var stale []string
	for _, o := range outs {
		path, err := target(root, o.Path)
		if err != nil {
			return nil, err
		}
		if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, o.Content) {
			stale = append(stale, path)
		}
	}
	return stale, nil
}

// target resolves rel inside root, refusing paths that leave it, directly
// or through a symbolic link.
func target(root, rel string) (string, error) {
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("output path %q must stay inside the schema directory %s", rel, root)
	}
	path := filepath.Join(root, rel)
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	// The deepest existing ancestor must resolve inside the root.
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			if r, err := filepath.Rel(realRoot, real); err != nil || !filepath.IsLocal(r) && r != "." {
				return "", fmt.Errorf("output path %q leaves the schema directory through a symbolic link", rel)
			}
			break
		}
		if dir == root || dir == filepath.Dir(dir) {
			break
		}
	}
	if st, err := os.Lstat(path); err == nil && st.Mode()&os.ModeSymlink != 0 {
		return "", fmt.Errorf("output path %q is a symbolic link", rel)
	}
	return path, nil
}

// History reads what the migration directory of s tells the migration
// rules; it is nil when the project keeps no migrations.
func History(s *model.Schema) (*analysis.History, error) {
	d, err := OpenMigrations(s)
	if err != nil || d == nil {
		return nil, err
	}
	return DirHistory(d)
}

// DirHistory reads the baseline and the integrity of a migration directory.
func DirHistory(d *migrate.Dir) (*analysis.History, error) {
	baseline, err := d.Baseline()
	if err != nil {
		return nil, err
	}
	return &analysis.History{Baseline: baseline, Tampered: d.Verify()}, nil
}
