package lsp

import (
	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// The diagnostic types of the wire, with the 3.16 fields the server fills.
type (
	lspRange struct {
		Start position `json:"start"`
		End   position `json:"end"`
	}
	lspLocation struct {
		URI   string   `json:"uri"`
		Range lspRange `json:"range"`
	}
	lspRelated struct {
		Location lspLocation `json:"location"`
		Message  string      `json:"message"`
	}
	lspDiagnostic struct {
		Range           lspRange         `json:"range"`
		Severity        int              `json:"severity"`
		Code            string           `json:"code"`
		CodeDescription *codeDescription `json:"codeDescription,omitempty"`
		Source          string           `json:"source"`
		Message         string           `json:"message"`
		Tags            []int            `json:"tags,omitempty"`
		Related         []lspRelated     `json:"relatedInformation,omitempty"`
	}
	codeDescription struct {
		Href string `json:"href"`
	}
	publishParams struct {
		URI         string          `json:"uri"`
		Version     *int32          `json:"version,omitempty"`
		Diagnostics []lspDiagnostic `json:"diagnostics"`
	}
)

// publish sends the diagnostics of every file of the snapshot — a change in
// one file can create or clear findings in another — and clears the files
// that no longer have any. An empty list goes out as [], never null.
func (s *Server) publish(sc *schema, snap *Snapshot, utf8 bool) {
	byPath := map[string][]lspDiagnostic{}
	for _, f := range snap.Schema.Files {
		byPath[f.Path] = []lspDiagnostic{}
	}
	for _, d := range snap.Diagnostics {
		if d.Loc.File == nil {
			continue
		}
		byPath[d.Loc.File.Path] = append(byPath[d.Loc.File.Path], toLSP(d, utf8))
	}
	s.mu.Lock()
	versions := s.versionsLocked()
	for path := range sc.published {
		if _, ok := byPath[path]; !ok {
			byPath[path] = []lspDiagnostic{}
		}
	}
	sc.published = map[string]bool{}
	for path, ds := range byPath {
		if len(ds) > 0 {
			sc.published[path] = true
		}
	}
	s.mu.Unlock()
	for path, ds := range byPath {
		p := publishParams{URI: uriOf(path), Diagnostics: ds}
		if v, ok := versions[path]; ok {
			p.Version = &v
		}
		s.notify("textDocument/publishDiagnostics", p)
	}
}

func toLSP(d analysis.Diagnostic, utf8 bool) lspDiagnostic {
	out := lspDiagnostic{
		Range:    rangeOf(d.Loc, utf8),
		Severity: int(d.Severity),
		Code:     d.Rule,
		Source:   "dbspec",
		Message:  d.Message,
	}
	if r := analysis.Lookup(d.Rule); r != nil {
		out.CodeDescription = &codeDescription{Href: analysis.DocURL(r)}
	}
	for _, t := range d.Tags {
		out.Tags = append(out.Tags, int(t))
	}
	for _, r := range d.Related {
		out.Related = append(out.Related, lspRelated{Location: lspLocation{URI: uriOf(r.Loc.File.Path), Range: rangeOf(r.Loc, utf8)}, Message: r.Message})
	}
	return out
}

// rangeOf converts a location to an LSP range in the negotiated encoding.
func rangeOf(l model.Loc, utf8 bool) lspRange {
	return lspRange{Start: positionOf(l.File.Lines.Position(l.Span.Start), utf8), End: positionOf(l.File.Lines.Position(l.Span.End), utf8)}
}

func positionOf(p lang.Position, utf8 bool) position {
	if utf8 {
		return position{Line: p.Line, Character: p.Col}
	}
	return position{Line: p.Line, Character: p.Col16}
}
