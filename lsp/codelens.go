package lsp

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/lang/model"
)

type codeLens struct {
	Range   lspRange    `json:"range"`
	Command *lspCommand `json:"command,omitempty"`
}

// codeLens puts "N references" on each table, and "build" and the pending
// migration on the project block: "pending migration: +2 tables, ~1
// column" against the last sealed state, when the project keeps
// migrations. Lenses without a command only inform.
func (s *Server) codeLens(_ context.Context, raw json.RawMessage) (any, error) {
	path, err := documentPath(raw)
	if err != nil {
		return nil, err
	}
	lenses := []codeLens{}
	snap, file, ok := s.snapshotOf(path)
	if !ok {
		return lenses, nil
	}
	s.mu.Lock()
	utf8 := s.utf8
	s.mu.Unlock()
	sch := snap.Schema
	for _, t := range sch.Tables {
		l := sch.Loc(t.Site)
		if l.File != file {
			continue
		}
		title := "1 reference"
		if n := len(sch.References(t)); n != 1 {
			title = fmt.Sprintf("%d references", n)
		}
		lenses = append(lenses, codeLens{Range: rangeOf(l, utf8), Command: &lspCommand{Title: title}})
	}
	if p := sch.Project; p != nil && p.Loc.File == file {
		r := rangeOf(p.Loc, utf8)
		lenses = append(lenses, codeLens{Range: r, Command: &lspCommand{Title: "build", Command: cmdBuild, Arguments: []commandArgs{{URI: uriOf(path)}}}})
		if title := snap.pendingMigration(); title != "" {
			lenses = append(lenses, codeLens{Range: r, Command: &lspCommand{Title: title}})
		}
	}
	return lenses, nil
}

// pendingMigration summarizes the migration from the last sealed state to
// the snapshot, "" when the project keeps no migrations. It is computed
// once per snapshot.
func (snap *Snapshot) pendingMigration() string {
	snap.pendingOnce.Do(func() { snap.pending = snap.summarizePending() })
	return snap.pending
}

func (snap *Snapshot) summarizePending() string {
	if snap.History == nil {
		return ""
	}
	if len(migrate.Plan(snap.History.Baseline, snap.Schema)) == 0 {
		return "no pending migration"
	}
	if changes := model.Diff(snap.History.Baseline, snap.Schema).String(); changes != "" {
		return "pending migration: " + changes
	}
	return "pending migration: comments, policies or triggers"
}
