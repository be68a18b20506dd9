package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/lang/model"
)

// settings are the client's dbspec settings, from initializationOptions or
// workspace/didChangeConfiguration ({"dbspec": {...}}).
type settings struct {
	BuildOnSave *bool `json:"buildOnSave"`
}

func (s *Server) didChangeConfiguration(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		Settings struct {
			Dbspec settings `json:"dbspec"`
		} `json:"settings"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	s.configure(p.Settings.Dbspec)
	return nil, nil
}

func (s *Server) configure(c settings) {
	if c.BuildOnSave != nil {
		s.mu.Lock()
		s.noBuildOnSave = !*c.BuildOnSave
		s.mu.Unlock()
	}
}

// buildResult is what a build did, sent to the client as the
// dbspec/buildResult notification and as the result of the build command.
type buildResult struct {
	Dir     string   `json:"dir"`
	OK      bool     `json:"ok"`
	Written []string `json:"written"`
	Message string   `json:"message"`
	OnSave  bool     `json:"onSave"` // a build on save, not one the user asked for
}

// errNotBuilt is build's error for a schema with errors: the diagnostics
// already say why, so it is not shown as a failure.
var errNotBuilt = errors.New("not built: the schema has errors")

// buildOnSave builds the saved document's schema in the background, unless
// the client turned it off, and tells the client the result; the user sees
// a message only when the build fails.
func (s *Server) buildOnSave(path string) {
	s.mu.Lock()
	off := s.noBuildOnSave || s.closed
	if !off {
		s.running.Add(1)
	}
	s.mu.Unlock()
	if off {
		return
	}
	go func() {
		defer s.running.Done()
		res, err := s.build(filepath.Dir(path), true)
		if err != nil && !errors.Is(err, errNotBuilt) {
			s.showMessage(msgError, res.Message)
		}
	}()
}

// build writes the generated files of the schema in dir — schema.sql, Go
// types, diagram, pending migration — from the open buffers, as `dbspec
// build` does, when the schema has no errors. It reports its progress and
// sends the result as a dbspec/buildResult notification.
func (s *Server) build(dir string, onSave bool) (res buildResult, err error) {
	end := s.progress("dbspec: building " + filepath.Base(dir))
	written, err := s.write(dir)
	end()
	res = buildResult{Dir: dir, OK: err == nil, Written: written, OnSave: onSave}
	switch {
	case err != nil:
		res.Message = "dbspec build: " + err.Error()
	case len(written) == 0:
		res.Message = "dbspec build: the generated files are up to date"
	default:
		res.Message = fmt.Sprintf("dbspec build: wrote %s", relativeTo(dir, written))
	}
	s.log.Print(res.Message)
	s.notify("dbspec/buildResult", res)
	return res, err
}

// write generates and writes the files of the schema in dir, from the
// snapshot of the present text (built anyway after each change), or, when
// there is none, from a fresh load.
func (s *Server) write(dir string) ([]string, error) {
	m, diags, d, h, err := s.checked(dir)
	if err == nil && h == nil {
		d, err = build.OpenMigrations(m)
	}
	if err != nil {
		return nil, err
	}
	if len(analysis.Errors(diags)) > 0 {
		return nil, errNotBuilt
	}
	paths := build.ProjectPaths(m)
	outs, err := build.Outputs(m, paths)
	if err != nil {
		return nil, err
	}
	return build.WriteAll(dir, outs, m, d, h)
}

// currentModel returns the model of the schema in dir from the snapshot of the
// present text, or, when there is none, from a fresh load.
func (s *Server) currentModel(dir string) (*model.Schema, error) {
	if snap, ok := s.presentSnapshot(dir); ok {
		return snap.Schema, nil
	}
	return model.Load(dir, s.loader, s.overlay())
}

// checked returns the model of the schema in dir and its findings, from
// the snapshot of the present text, or, when there is none, from a fresh
// load. With a load come the migration directory and the history it read;
// a snapshot's history may predate a seal, so then both are nil.
func (s *Server) checked(dir string) (m *model.Schema, diags []analysis.Diagnostic, d *migrate.Dir, h *analysis.History, err error) {
	if snap, ok := s.presentSnapshot(dir); ok {
		return snap.Schema, snap.Diagnostics, nil, nil, nil
	}
	if m, err = model.Load(dir, s.loader, s.overlay()); err != nil {
		return nil, nil, nil, nil, err
	}
	if d, h, err = build.History(m); err != nil {
		return nil, nil, nil, nil, err
	}
	return m, analysis.RunWith(m, analysis.Options{History: h}), d, h, nil
}

// overlay returns the text of the open documents by path.
func (s *Server) overlay() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.textsLocked()
}

// relativeTo lists paths relative to dir, comma-separated.
func relativeTo(dir string, paths []string) string {
	rel := make([]string, len(paths))
	for i, p := range paths {
		if r, err := filepath.Rel(dir, p); err == nil {
			p = r
		}
		rel[i] = p
	}
	return strings.Join(rel, ", ")
}
