package lsp

import (
	"context"
	"encoding/json"
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
		Edit        *workspaceEdit  `json:"edit,omitempty"`
		Command     *lspCommand     `json:"command,omitempty"` // run after the edit
	}
	lspCommand struct {
		Title     string        `json:"title"`
		Command   string        `json:"command"`
		Arguments []commandArgs `json:"arguments,omitempty"`
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

// codeAction offers, for the findings that overlap the requested range,
// each suggested fix as a quick fix (a refactor.extract for the extract
// refactors), preferred when it is the finding's only fix, then "Ignore
// RULE here" and "Show documentation for RULE"; and, when the client asks
// for source actions, "Fix all dbspec findings" (every fix that is the
// only one of its finding) and "Format". The edits are versioned; nothing
// is offered while the newest snapshot lags behind the document, since its
// positions would be wrong.
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
	snap, file, ok := s.snapshotOf(path)
	if !ok {
		return actions, nil
	}
	s.mu.Lock()
	utf8, canSelect := s.utf8, s.client.showDocument
	versions := s.versionsLocked()
	s.mu.Unlock()
	var mine []analysis.Diagnostic
	for _, d := range snap.Diagnostics {
		if d.Loc.File != nil && d.Loc.File.Path == path {
			mine = append(mine, d)
		}
	}
	if wants(p.Context.Only, fixAllKind) {
		if edits := analysis.SafeEdits(mine); len(edits) > 0 {
			fix := analysis.Fix{Title: "Fix all dbspec findings", Edits: edits}
			actions = append(actions, codeAction{Title: fix.Title, Kind: fixAllKind, Edit: workspaceEditOf(fix, versions, utf8)})
		}
	}
	if wants(p.Context.Only, formatKind) {
		if formatted := lang.Format(file); formatted != file.Src {
			edit := model.Edit{Loc: model.Loc{File: file, Span: lang.Span{End: len(file.Src)}}, NewText: formatted}
			fix := analysis.Fix{Title: "Format", Edits: []model.Edit{edit}}
			actions = append(actions, codeAction{Title: fix.Title, Kind: formatKind, Edit: workspaceEditOf(fix, versions, utf8)})
		}
	}
	var more []codeAction // offered after the fixes
	for _, d := range mine {
		if !overlaps(rangeOf(d.Loc, utf8), p.Range) {
			continue
		}
		diags := []lspDiagnostic{toLSP(d, utf8)}
		for _, fix := range d.Fixes {
			kind := "quickfix"
			if strings.HasPrefix(fix.Title, "Extract") {
				kind = "refactor.extract"
			}
			actions = append(actions, codeAction{
				Title: fix.Title, Kind: kind, Diagnostics: diags,
				IsPreferred: len(d.Fixes) == 1, Edit: workspaceEditOf(fix, versions, utf8),
			})
		}
		r := analysis.Lookup(d.Rule)
		if r != nil && r.Run != nil {
			more = append(more, ignoreAction(d, diags, versions, utf8, canSelect))
		}
		if r != nil {
			title := "Show documentation for " + d.Rule
			more = append(more, codeAction{Title: title, Kind: "quickfix", Diagnostics: diags,
				Command: &lspCommand{Title: title, Command: cmdShowDocumentation, Arguments: []commandArgs{{Rule: d.Rule}}}})
		}
	}
	return only(append(actions, more...), p.Context.Only), nil
}

// only keeps the actions of the requested kinds (all when none is named).
func only(actions []codeAction, kinds []string) []codeAction {
	if len(kinds) == 0 {
		return actions
	}
	kept := actions[:0]
	for _, a := range actions {
		if wants(kinds, a.Kind) {
			kept = append(kept, a)
		}
	}
	return kept
}

// wants reports whether a client that asked for kinds (the source actions
// only when it named some) wants an action of kind; kinds are hierarchical:
// "source" asks for "source.fixAll.dbspec" too.
func wants(kinds []string, kind string) bool {
	if len(kinds) == 0 {
		return !strings.HasPrefix(kind, "source")
	}
	for _, k := range kinds {
		if kind == k || strings.HasPrefix(kind, k+".") {
			return true
		}
	}
	return false
}

// ignoreAction is "Ignore RULE here": it inserts `// dbspec:ignore RULE
// TODO: say why` on a line of its own above the line where the finding
// starts, with its indentation, and then selects the placeholder reason
// when the client can show a selection.
func ignoreAction(d analysis.Diagnostic, diags []lspDiagnostic, versions map[string]int32, utf8, canSelect bool) codeAction {
	src := d.Loc.File.Src
	lineStart := strings.LastIndexByte(src[:d.Loc.Span.Start], '\n') + 1
	indent := src[lineStart : lineStart+len(src[lineStart:])-len(strings.TrimLeft(src[lineStart:], " \t"))]
	const reason = "TODO: say why"
	directive := indent + "// dbspec:ignore " + d.Rule + " "
	at := model.Loc{File: d.Loc.File, Span: lang.Span{Start: lineStart, End: lineStart}}
	fix := analysis.Fix{Title: "Ignore " + d.Rule + " here", Edits: []model.Edit{{Loc: at, NewText: directive + reason + "\n"}}}
	a := codeAction{Title: fix.Title, Kind: "quickfix", Diagnostics: diags, Edit: workspaceEditOf(fix, versions, utf8)}
	if canSelect {
		// The directive is ASCII: its length is the same in bytes and UTF-16 units.
		line := diags[0].Range.Start.Line
		sel := lspRange{Start: position{line, len(directive)}, End: position{line, len(directive) + len(reason)}}
		a.Command = &lspCommand{Title: "Select the reason", Command: cmdSelect, Arguments: []commandArgs{{URI: uriOf(d.Loc.File.Path), Range: &sel}}}
	}
	return a
}

// fixAllKind is the code action kind of "fix everything that has one safe fix".
const fixAllKind = "source.fixAll.dbspec"

// formatKind is the code action kind of "format the file".
const formatKind = "source.format.dbspec"

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
func workspaceEditOf(fix analysis.Fix, versions map[string]int32, utf8 bool) *workspaceEdit {
	we := &workspaceEdit{}
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
