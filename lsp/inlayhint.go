package lsp

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// inlayHint is an LSP 3.17 inlay hint, which the protocol package predates.
type inlayHint struct {
	Position    position `json:"position"`
	Label       string   `json:"label"`
	PaddingLeft bool     `json:"paddingLeft"`
	Tooltip     string   `json:"tooltip,omitempty"`
}

// inlayHint shows, at the end of the line that declares it, the name the
// generated SQL gives each key, index, check and foreign key that the
// schema leaves unnamed: the name an error message or a migration will
// mention. The names of one line are joined in one hint.
func (s *Server) inlayHint(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		TextDocument documentID `json:"textDocument"`
		Range        lspRange   `json:"range"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	hints := []inlayHint{}
	snap, file, ok := s.snapshotOf(pathOf(p.TextDocument.URI))
	if !ok {
		return hints, nil
	}
	s.mu.Lock()
	utf8 := s.utf8
	s.mu.Unlock()
	byLineEnd := map[int][]string{}
	sch := snap.Schema
	for _, t := range sch.Tables {
		if sch.Loc(t.Site).File != file {
			continue
		}
		for _, o := range namedObjects(t) {
			name := snap.DDL().ObjectName(t, o.object)
			l := sch.Loc(o.site)
			if name == "" || l.File != file {
				continue
			}
			end := lineEnd(file.Src, l.Span.End)
			if !slices.Contains(byLineEnd[end], name) {
				byLineEnd[end] = append(byLineEnd[end], name)
			}
		}
	}
	for end, names := range byLineEnd {
		pos := positionOf(file.Lines.Position(end), utf8)
		if before(pos, p.Range.Start) || before(p.Range.End, pos) {
			continue
		}
		hints = append(hints, inlayHint{Position: pos, Label: strings.Join(names, ", "), PaddingLeft: true, Tooltip: "the name in the generated SQL"})
	}
	slices.SortFunc(hints, func(a, b inlayHint) int {
		if before(a.Position, b.Position) {
			return -1
		}
		return 1
	})
	return hints, nil
}

// namedObject is a key, index, check or foreign key and where it is declared.
type namedObject struct {
	object any
	site   model.Site
}

// namedObjects lists the objects of t that get a name in the generated SQL.
func namedObjects(t *model.Table) []namedObject {
	var out []namedObject
	if t.PrimaryKey != nil {
		out = append(out, namedObject{t.PrimaryKey, t.PrimaryKey.Site})
	}
	for _, k := range t.Uniques {
		out = append(out, namedObject{k, k.Site})
	}
	for _, ix := range t.Indexes {
		out = append(out, namedObject{ix, ix.Site})
	}
	for _, c := range t.Columns {
		for _, e := range c.Checks {
			out = append(out, namedObject{e, e.Site})
		}
	}
	for _, e := range t.Checks {
		out = append(out, namedObject{e, e.Site})
	}
	for _, fk := range t.ForeignKeys {
		out = append(out, namedObject{fk, fk.Site})
	}
	return out
}

// lineEnd is the offset of the end of the line that holds off, before any
// trailing spaces.
func lineEnd(src string, off int) int {
	end := off + strings.IndexByte(src[off:], '\n')
	if end < off {
		end = len(src)
	}
	return off + len(strings.TrimRight(src[off:end], " \t\r"))
}
