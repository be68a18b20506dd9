package lsp

import (
	"context"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// Limits of the search for schemas in a workspace folder.
const (
	maxWorkspaceEntries = 20000 // files and directories visited per folder
	maxWorkspaceSchemas = 50    // schema directories analyzed per folder
)

type workspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// addFolders analyzes the schemas of workspace folders, so that their
// findings and symbols are there before a file is opened.
func (s *Server) addFolders(folders []workspaceFolder) {
	for _, f := range folders {
		root := folderPath(f.URI)
		if root == "" {
			continue
		}
		for _, dir := range schemaDirs(root, s.log.Printf) {
			s.schedule(dir)
		}
	}
}

// removeFolders forgets the schemas of removed workspace folders that have
// no open document, and clears their diagnostics.
func (s *Server) removeFolders(folders []workspaceFolder) {
	s.mu.Lock()
	var cleared []string
	for _, f := range folders {
		root := folderPath(f.URI)
		if root == "" {
			continue
		}
		for dir, sc := range s.schemas {
			if !within(root, dir) || s.hasOpenDocument(dir) {
				continue
			}
			sc.gen++ // drops an analysis under way
			if sc.timer != nil {
				sc.timer.Stop()
			}
			for path := range sc.published {
				cleared = append(cleared, path)
			}
			delete(s.schemas, dir)
			s.loader.Forget(dir)
		}
	}
	s.mu.Unlock()
	for _, path := range cleared {
		s.notify("textDocument/publishDiagnostics", publishParams{URI: uriOf(path), Diagnostics: []lspDiagnostic{}})
	}
}

func (s *Server) didChangeWorkspaceFolders(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		Event struct {
			Added   []workspaceFolder `json:"added"`
			Removed []workspaceFolder `json:"removed"`
		} `json:"event"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	s.removeFolders(p.Event.Removed)
	s.addFolders(p.Event.Added)
	return nil, nil
}

// hasOpenDocument reports whether a document of dir is open; s.mu is held.
func (s *Server) hasOpenDocument(dir string) bool {
	for path := range s.docs {
		if filepath.Dir(path) == dir {
			return true
		}
	}
	return false
}

// folderPath is the directory of a file:// folder URI, "" for others.
func folderPath(uri string) string {
	dir, err := schemaDir(uri)
	if err != nil {
		return ""
	}
	return dir
}

// within reports whether path is root or inside it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// schemaDirs finds the directories under root that hold schema files. As
// the go command does, it skips testdata, hidden directories, vendor and
// node_modules; and it stops at the limits above.
func schemaDirs(root string, logf func(string, ...any)) []string {
	var dirs []string
	seen := map[string]bool{}
	visited := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: skip
		}
		if visited++; visited > maxWorkspaceEntries || len(dirs) >= maxWorkspaceSchemas {
			return fs.SkipAll
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if dir := filepath.Dir(path); strings.HasSuffix(name, model.Ext) && !seen[dir] {
			seen[dir] = true
			dirs = append(dirs, dir)
		}
		return nil
	})
	if err != nil || visited > maxWorkspaceEntries || len(dirs) >= maxWorkspaceSchemas {
		logf("workspace %s: stopped looking for schemas after %d entries and %d schemas", root, visited, len(dirs))
	}
	return dirs
}
