package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

type hoverResult struct {
	Contents markupContent `json:"contents"`
	Range    *lspRange     `json:"range,omitempty"`
}

type markupContent struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// hover describes the table, column, enum or enum value at the position —
// its declaration, doc comment and, for a foreign key, the target — or the
// rule of a finding there.
func (s *Server) hover(_ context.Context, raw json.RawMessage) (any, error) {
	pl, ok, err := s.placeOf(raw, nil)
	if !ok {
		return nil, err
	}
	if occ, found := pl.snap.Schema.SymbolAt(pl.file, pl.off); found {
		r := rangeOf(model.Loc{File: pl.file, Span: occ.Span}, pl.utf8)
		return hoverResult{Contents: markupContent{Kind: "markdown", Value: describe(pl.snap.Schema, occ.Symbol)}, Range: &r}, nil
	}
	for _, d := range pl.snap.Diagnostics {
		if d.Loc.File == pl.file && d.Loc.Span.Contains(pl.off) {
			if r := analysis.Lookup(d.Rule); r != nil {
				rg := rangeOf(d.Loc, pl.utf8)
				return hoverResult{Contents: markupContent{Kind: "markdown", Value: fmt.Sprintf("**%s** — %s\n\n%s", r.Name, r.Summary, r.Doc)}, Range: &rg}, nil
			}
		}
	}
	return nil, nil
}

// describe renders a symbol's hover text in markdown.
func describe(s *model.Schema, sym model.Symbol) string {
	var b strings.Builder
	code := func(text string) { fmt.Fprintf(&b, "```dbspec\n%s\n```\n", text) }
	doc := func(text string) {
		if text != "" {
			fmt.Fprintf(&b, "\n%s\n", text)
		}
	}
	switch x := sym.(type) {
	case *model.Column:
		code(strings.TrimSpace(x.LineLoc.File.Src[x.LineLoc.Span.Start:x.LineLoc.Span.End]))
		fmt.Fprintf(&b, "\nColumn of `%s`", x.Table.Name)
		if !x.Incomplete {
			null := "NOT NULL"
			if x.Nullable {
				null = "nullable"
			}
			fmt.Fprintf(&b, ": `%s`, %s", x.Type, null)
			if x.Default != nil {
				fmt.Fprintf(&b, ", default `%s`", x.Default.Text)
			}
		}
		b.WriteString(".\n")
		doc(x.Doc)
		for _, fk := range x.Table.ForeignKeys {
			if len(fk.Columns) == 1 && fk.Columns[0] == x && fk.RefTable != nil {
				fmt.Fprintf(&b, "\nReferences `%s`", fk.RefTable.Name)
				if fk.OnDelete != "" {
					fmt.Fprintf(&b, " (on delete %s)", fk.OnDelete)
				}
				b.WriteString(".\n")
				doc(fk.RefTable.Doc)
			}
		}
	case *model.Table:
		header := "table " + x.Name
		if x.Global {
			header += " global"
		}
		code(header)
		scope := "global"
		if s.IsTenant(x) {
			scope = "tenant-scoped (row-level security on " + s.Project.Tenancy.Column + ")"
		}
		fmt.Fprintf(&b, "\n%d columns, %s, %d references.\n", len(x.Columns), scope, len(x.Refs))
		doc(x.Doc)
	case *model.Enum:
		values := make([]string, len(x.Values))
		for i, v := range x.Values {
			values[i] = v.Name
		}
		code(fmt.Sprintf("enum %s { %s }", x.Name, strings.Join(values, " ")))
		doc(x.Doc)
	case *model.EnumValue:
		code(fmt.Sprintf("%s.%s", x.Enum.Name, x.Name))
		doc(x.Doc)
	}
	return b.String()
}
