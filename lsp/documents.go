package lsp

import (
	"context"
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// document is an open editor buffer; its text overrides the file on disk.
type document struct {
	version int32
	text    string
}

// textsLocked returns the text of the open documents by path; s.mu is held.
func (s *Server) textsLocked() map[string]string {
	texts := make(map[string]string, len(s.docs))
	for p, d := range s.docs {
		texts[p] = d.text
	}
	return texts
}

// versionsLocked returns the version of the open documents by path; s.mu
// is held.
func (s *Server) versionsLocked() map[string]int32 {
	versions := make(map[string]int32, len(s.docs))
	for p, d := range s.docs {
		versions[p] = d.version
	}
	return versions
}

// pathOf returns the file path of a file:// URI of a schema file, or ""
// for any other URI (untitled buffers, other schemes, other files), which
// the server then leaves alone.
func pathOf(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || !strings.HasSuffix(u.Path, model.Ext) {
		return ""
	}
	return filepath.Clean(filepath.FromSlash(u.Path))
}

// uriOf returns the file:// URI of a path.
func uriOf(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

type textDocumentItem struct {
	URI     string `json:"uri"`
	Version int32  `json:"version"`
	Text    string `json:"text"`
}

type documentID struct {
	URI     string `json:"uri"`
	Version int32  `json:"version"`
}

func (s *Server) didOpen(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		TextDocument textDocumentItem `json:"textDocument"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	path := pathOf(p.TextDocument.URI)
	if path == "" {
		return nil, nil
	}
	s.mu.Lock()
	s.docs[path] = &document{version: p.TextDocument.Version, text: p.TextDocument.Text}
	s.mu.Unlock()
	s.schedule(filepath.Dir(path))
	return nil, nil
}

// contentChange is a didChange content change. The protocol package's type
// has a non-pointer Range, which cannot tell a whole-document change from
// an insertion at 0:0.
type contentChange struct {
	Range *struct {
		Start position `json:"start"`
		End   position `json:"end"`
	} `json:"range"`
	Text string `json:"text"`
}

type position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

func (s *Server) didChange(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		TextDocument   documentID      `json:"textDocument"`
		ContentChanges []contentChange `json:"contentChanges"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	path := pathOf(p.TextDocument.URI)
	if path == "" {
		return nil, nil
	}
	s.mu.Lock()
	doc := s.docs[path]
	if doc == nil {
		s.mu.Unlock()
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s is not open", p.TextDocument.URI)
	}
	for _, ch := range p.ContentChanges {
		doc.text = applyChange(doc.text, ch, s.utf8)
	}
	doc.version = p.TextDocument.Version
	s.mu.Unlock()
	s.schedule(filepath.Dir(path))
	return nil, nil
}

// applyChange applies one content change; positions out of range are
// clamped to the text, as LSP asks.
func applyChange(text string, ch contentChange, utf8 bool) string {
	if ch.Range == nil {
		return ch.Text
	}
	start := lang.Offset(text, ch.Range.Start.Line, ch.Range.Start.Character, !utf8)
	end := lang.Offset(text, ch.Range.End.Line, ch.Range.End.Character, !utf8)
	if end < start {
		start, end = end, start
	}
	return text[:start] + ch.Text + text[end:]
}

// documentPath decodes params that name a document and returns its path,
// "" for a document that is not a schema file.
func documentPath(raw json.RawMessage) (string, error) {
	var p struct {
		TextDocument documentID `json:"textDocument"`
	}
	if err := decode(raw, &p); err != nil {
		return "", err
	}
	return pathOf(p.TextDocument.URI), nil
}

func (s *Server) didClose(_ context.Context, raw json.RawMessage) (any, error) {
	path, err := documentPath(raw)
	if path == "" {
		return nil, err
	}
	s.mu.Lock()
	delete(s.docs, path)
	s.mu.Unlock()
	s.schedule(filepath.Dir(path)) // the file on disk takes over
	return nil, nil
}

func (s *Server) didSave(_ context.Context, raw json.RawMessage) (any, error) {
	path, err := documentPath(raw)
	if path != "" {
		s.rereadHistory(filepath.Dir(path))
		s.schedule(filepath.Dir(path))
		s.buildOnSave(path)
	}
	return nil, err
}

// didChangeWatchedFiles re-reads the schemas whose files changed on disk,
// but for open documents, whose buffers override the disk (a save, which
// didSave has handled, is such a change). Any other file (a sealed
// migration, the sum file) may belong to a migration directory: every
// schema then reads its history again.
func (s *Server) didChangeWatchedFiles(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		Changes []struct {
			URI string `json:"uri"`
		} `json:"changes"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	dirs := map[string]bool{}
	for _, ch := range p.Changes {
		s.mu.Lock()
		if path := pathOf(ch.URI); path != "" {
			if s.docs[path] == nil {
				dirs[filepath.Dir(path)] = true
			}
		} else {
			for dir := range s.schemas {
				dirs[dir] = true
			}
		}
		s.mu.Unlock()
	}
	for dir := range dirs {
		s.rereadHistory(dir)
		s.schedule(dir)
	}
	return nil, nil
}
