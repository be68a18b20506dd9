package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/codegen/build"
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

// buildOnSave writes the generated files of the saved document's schema —
// schema.sql, Go types, diagram, pending migration — when it has no errors,
// as `dbspec build` does. It tells the user only when it fails.
func (s *Server) buildOnSave(path string) {
	s.mu.Lock()
	off := s.noBuildOnSave || s.closed
	if !off {
		s.running.Add(1)
	}
	overlay := map[string]string{}
	for p, d := range s.docs {
		overlay[p] = d.text
	}
	s.mu.Unlock()
	if off {
		return
	}
	go func() {
		defer s.running.Done()
		dir := filepath.Dir(path)
		m, err := model.Load(dir, s.parser, overlay)
		if err != nil {
			s.showError("dbspec build: " + err.Error())
			return
		}
		h, err := build.History(m)
		if err != nil {
			s.showError("dbspec build: " + err.Error())
			return
		}
		for _, d := range analysis.RunWith(m, analysis.Options{History: h}) {
			if d.Severity == model.Error {
				return // the diagnostics say why; nothing to build
			}
		}
		paths := build.ProjectPaths(m)
		outs, err := build.Outputs(m, paths)
		if err != nil {
			if paths.Migrations == "" {
				return // the project generates nothing
			}
			outs = nil
		}
		written, err := build.Write(dir, outs)
		if err == nil {
			var pending []string
			pending, err = build.WritePending(dir, m, paths)
			written = append(written, pending...)
		}
		if err != nil {
			s.showError("dbspec build: " + err.Error())
			return
		}
		for _, w := range written {
			s.log.Printf("build on save: wrote %s", w)
		}
	}()
}

// showError shows a message to the user (window/showMessage, type Error).
func (s *Server) showError(msg string) {
	s.log.Print(msg)
	s.notify("window/showMessage", map[string]any{"type": 1, "message": msg})
}
