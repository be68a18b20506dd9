package model

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

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

// Load reads and resolves every schema file of dir. overlay, when not nil,
// supplies the text of files that differ from disk (open editor buffers),
// keyed by path; p caches parsed chunks between loads and may be nil.
func Load(dir string, p *lang.Parser, overlay map[string]string) (*Schema, error) {
	if p == nil {
		p = lang.NewParser()
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
		files = append(files, p.Parse(path, src))
	}
	return Build(dir, files), nil
}
