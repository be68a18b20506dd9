package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/dbspec/dbspec/analysis"
)

type (
	codeAction struct {
		Title       string          `json:"title"`
		Kind        string          `json:"kind"`
		Diagnostics []lspDiagnostic `json:"diagnostics,omitempty"`
		IsPreferred bool            `json:"isPreferred,omitempty"`
		Edit        workspaceEdit   `json:"edit"`
	}
	workspaceEdit struct {
		DocumentChanges []documentEdit `json:"documentChanges"`
	}
	documentEdit struct {
		TextDocument versionedID `json:"textDocument"`
		Edits        []textEdit  `json:"edits"`
	}
	versionedID struct {
		URI     string `json:"uri"`
		Version *int32 `json:"version"` // null: the file as it is on disk
	}
)

// codeAction offers each suggested fix of the findings that overlap the
// requested range as a quick fix (a refactor.extract for the extract
// refactors), preferred when it is the finding's only fix. The edits are
// versioned; nothing is offered while the newest snapshot lags behind the
// document, since its positions would be wrong.
func (s *Server) codeAction(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		TextDocument documentID `json:"textDocument"`
		Range        lspRange   `json:"range"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	actions := []codeAction{}
	path := pathOf(p.TextDocument.URI)
	if path == "" {
		return actions, nil
	}
	s.mu.Lock()
	utf8 := s.utf8
	var snap *Snapshot
	if sc := s.schemas[filepath.Dir(path)]; sc != nil {
		snap = sc.latest
	}
	versions := map[string]int32{}
	texts := map[string]string{}
	for p, d := range s.docs {
		versions[p], texts[p] = d.version, d.text
	}
	s.mu.Unlock()
	if snap == nil || !current(snap, texts) {
		return actions, nil
	}
	for _, d := range snap.Diagnostics {
		if d.Loc.File == nil || d.Loc.File.Path != path || !overlaps(rangeOf(d.Loc, utf8), p.Range) {
			continue
		}
		for _, fix := range d.Fixes {
			kind := "quickfix"
			if strings.HasPrefix(fix.Title, "Extract") {
				kind = "refactor.extract"
			}
			actions = append(actions, codeAction{
				Title: fix.Title, Kind: kind, Diagnostics: []lspDiagnostic{toLSP(d, utf8)},
				IsPreferred: len(d.Fixes) == 1, Edit: workspaceEditOf(fix, versions, utf8),
			})
		}
	}
	return actions, nil
}

// current reports whether the snapshot was built from the open documents'
// present text.
func current(snap *Snapshot, texts map[string]string) bool {
	for _, f := range snap.Schema.Files {
		if text, open := texts[f.Path]; open && text != f.Src {
			return false
		}
	}
	return true
}

func overlaps(a, b lspRange) bool { return !before(a.End, b.Start) && !before(b.End, a.Start) }

func before(a, b position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// workspaceEditOf groups a fix's edits by file, versioned for open files.
func workspaceEditOf(fix analysis.Fix, versions map[string]int32, utf8 bool) workspaceEdit {
	var we workspaceEdit
	index := map[string]int{}
	for _, e := range fix.Edits {
		path := e.Loc.File.Path
		i, ok := index[path]
		if !ok {
			i = len(we.DocumentChanges)
			index[path] = i
			id := versionedID{URI: uriOf(path)}
			if v, open := versions[path]; open {
				id.Version = &v
			}
			we.DocumentChanges = append(we.DocumentChanges, documentEdit{TextDocument: id})
		}
		we.DocumentChanges[i].Edits = append(we.DocumentChanges[i].Edits, textEdit{Range: rangeOf(e.Loc, utf8), NewText: e.NewText})
	}
	return we
}
