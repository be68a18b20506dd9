package model

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/dbspec/dbspec/lang"
)

// Ext is the file extension of schema files.
const Ext = ".dbspec"

// SchemaFiles lists the schema files of dir, sorted.
func SchemaFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), Ext) {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(paths)
	return paths, nil
}

// Loader loads schemas incrementally: it keeps the parsed declarations of
// each file and the last schema built for each directory, so that loading
// a directory again re-parses only the declarations whose text changed and
// re-resolves only those and the tables that refer to them. It is safe for
// concurrent use; the schemas it returns are immutable.
type Loader struct {
	Parser *lang.Parser

	mu   sync.Mutex
	last map[string]*Schema // by directory
}

// NewLoader returns a Loader with empty caches.
func NewLoader() *Loader { return &Loader{Parser: lang.NewParser(), last: map[string]*Schema{}} }

// Build resolves files as the schema of dir, reusing what it can of the
// last schema it built for dir.
func (l *Loader) Build(dir string, files []*lang.File) *Schema {
	l.mu.Lock()
	prev := l.last[dir]
	l.mu.Unlock()
	s := build(prev, dir, files)
	l.mu.Lock()
	l.last[dir] = s
	l.mu.Unlock()
	return s
}

// Forget drops what l keeps of the schema of dir: its last build and the
// last versions of its files.
func (l *Loader) Forget(dir string) {
	l.mu.Lock()
	s := l.last[dir]
	delete(l.last, dir)
	l.mu.Unlock()
	if s != nil {
		for _, f := range s.Files {
			l.Parser.Forget(f.Path)
		}
	}
}

// Load reads and resolves every schema file of dir. overlay, when not nil,
// supplies the text of files that differ from disk (open editor buffers),
// keyed by path; l caches parsed and resolved declarations between loads
// and may be nil.
func Load(dir string, l *Loader, overlay map[string]string) (*Schema, error) {
	if l == nil {
		l = NewLoader()
	}
	paths, err := SchemaFiles(dir)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, path := range paths {
		seen[path] = true
	}
	for path := range overlay {
		if filepath.Dir(path) == filepath.Clean(dir) && !seen[path] {
			paths = append(paths, path)
		}
	}
	files := make([]*lang.File, 0, len(paths))
	for _, path := range paths {
		src, ok := overlay[path]
		if !ok {
			b, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			src = string(b)
		}
		files = append(files, l.Parser.Parse(path, src))
	}
	return l.Build(dir, files), nil
}

// Target is one schema directory to process, and the files of it that were
// named (nil when the whole directory was).
type Target struct {
	Dir   string
	Files []string
}

// Targets turns command-line paths into schema directories: a directory, a
// file (its directory's schema, reporting on that file), or DIR/... for
// every schema directory below DIR. No paths means the current directory.
func Targets(paths []string) ([]Target, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var out []Target
	index := map[string]int{}
	add := func(dir, file string) {
		dir = filepath.Clean(dir)
		i, ok := index[dir]
		if !ok {
			i = len(out)
			index[dir] = i
			out = append(out, Target{Dir: dir})
		}
		if file != "" {
			out[i].Files = append(out[i].Files, file)
		} else {
			out[i].Files = nil
		}
	}
	for _, p := range paths {
		if root, ok := strings.CutSuffix(p, "..."); ok {
			root = filepath.Clean(strings.TrimSuffix(root, "/"))
			err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				if !d.IsDir() && strings.HasSuffix(path, Ext) {
					add(filepath.Dir(path), "")
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			add(p, "")
		} else {
			add(filepath.Dir(p), filepath.Clean(p))
		}
	}
	return out, nil
}
