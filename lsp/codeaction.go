package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
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
// refactors), preferred when it is the finding's only fix, then "Ignore RULE
// here" for each finding; or, when the client asks for source.fixAll, one
// action with every fix that is the only fix of its finding. The edits are
// versioned; nothing is offered while the newest snapshot lags behind the
// document, since its positions would be wrong.
func (s *Server) codeAction(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		TextDocument documentID `json:"textDocument"`
		Range        lspRange   `json:"range"`
		Context      struct {
			Only []string `json:"only"`
		} `json:"context"`
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
	if wantsFixAll(p.Context.Only) {
		var mine []analysis.Diagnostic
		for _, d := range snap.Diagnostics {
			if d.Loc.File != nil && d.Loc.File.Path == path {
				mine = append(mine, d)
			}
		}
		if edits := analysis.SafeEdits(mine); len(edits) > 0 {
			fix := analysis.Fix{Title: "Fix all dbspec findings", Edits: edits}
			actions = append(actions, codeAction{Title: fix.Title, Kind: fixAllKind, Edit: workspaceEditOf(fix, versions, utf8)})
		}
		return actions, nil
	}
	var ignores []codeAction // offered after the fixes
	for _, d := range snap.Diagnostics {
		if d.Loc.File == nil || d.Loc.File.Path != path || !overlaps(rangeOf(d.Loc, utf8), p.Range) {
			continue
		}
		if r := analysis.Lookup(d.Rule); r != nil && r.Run != nil {
			ignore := analysis.Fix{Title: "Ignore " + d.Rule + " here", Edits: []model.Edit{ignoreComment(d)}}
			ignores = append(ignores, codeAction{Title: ignore.Title, Kind: "quickfix", Diagnostics: []lspDiagnostic{toLSP(d, utf8)}, Edit: workspaceEditOf(ignore, versions, utf8)})
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
	return append(actions, ignores...), nil
}

// fixAllKind is the code action kind of "fix everything that has one safe fix".
const fixAllKind = "source.fixAll.dbspec"

// wantsFixAll reports whether the client asks only for fix-all actions.
func wantsFixAll(only []string) bool {
	for _, k := range only {
		if k == "source" || k == "source.fixAll" || k == fixAllKind {
			return true
		}
	}
	return false
}

// ignoreComment inserts `// dbspec:ignore RULE TODO: say why` on a line of
// its own above the line where the finding starts, with its indentation.
func ignoreComment(d analysis.Diagnostic) model.Edit {
	src := d.Loc.File.Src
	lineStart := strings.LastIndexByte(src[:d.Loc.Span.Start], '\n') + 1
	indent := src[lineStart : lineStart+len(src[lineStart:])-len(strings.TrimLeft(src[lineStart:], " \t"))]
	at := model.Loc{File: d.Loc.File, Span: lang.Span{Start: lineStart, End: lineStart}}
	return model.Edit{Loc: at, NewText: indent + "// dbspec:ignore " + d.Rule + " TODO: say why\n"}
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
