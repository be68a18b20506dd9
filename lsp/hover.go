package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
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

// hover describes what is at the position: a table, column, enum or enum
// value (its declaration, doc comment, and for a foreign key the target),
// else a keyword or built-in type in PostgreSQL's terms; followed by the
// rule of each finding there.
func (s *Server) hover(_ context.Context, raw json.RawMessage) (any, error) {
	pl, ok, err := s.placeOf(raw, nil)
	if !ok {
		return nil, err
	}
	var parts []string
	var span *lang.Span
	if occ, found := pl.snap.Schema.SymbolAt(pl.file, pl.off); found {
		parts = append(parts, describe(pl.snap, occ.Symbol))
		span = &occ.Span
	} else if w := wordAt(pl.file.Src, pl.off); words[pl.file.Src[w.Start:w.End]] != "" {
		word := pl.file.Src[w.Start:w.End]
		kind := "keyword"
		if model.IsBuiltin(word) {
			kind = "type"
		}
		parts = append(parts, fmt.Sprintf("**%s** (%s)\n\n%s", word, kind, words[word]))
		span = &w
	}
	for _, d := range pl.snap.Diagnostics {
		if d.Loc.File == pl.file && d.Loc.Span.Contains(pl.off) {
			if r := analysis.Lookup(d.Rule); r != nil {
				parts = append(parts, fmt.Sprintf("**%s** — %s\n\n%s", r.Name, r.Summary, r.Doc))
				if span == nil {
					span = &d.Loc.Span
				}
			}
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	r := rangeOf(model.Loc{File: pl.file, Span: *span}, pl.utf8)
	return hoverResult{Contents: markupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: &r}, nil
}

// wordAt is the span of the identifier at off (empty when there is none).
func wordAt(src string, off int) lang.Span {
	start, end := off, off
	for start > 0 && lang.IsIdentPart(src[start-1]) {
		start--
	}
	for end < len(src) && lang.IsIdentPart(src[end]) {
		end++
	}
	return lang.Span{Start: start, End: end}
}

// describe renders a symbol's hover text in markdown.
func describe(snap *Snapshot, sym model.Symbol) string {
	s := snap.Schema
	var b strings.Builder
	code := func(text string) { fmt.Fprintf(&b, "```dbspec\n%s\n```\n", text) }
	doc := func(text string) {
		if text != "" {
			fmt.Fprintf(&b, "\n%s\n", text)
		}
	}
	switch x := sym.(type) {
	case *model.Column:
		line := s.Loc(x.LineSite)
		code(strings.TrimSpace(line.File.Src[line.Span.Start:line.Span.End]))
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
			ref := s.RefTable(fk)
			if len(fk.Columns) == 1 && fk.Columns[0] == x && ref != nil {
				target := ref.Name
				if cols := s.RefColumns(fk); len(cols) == 1 {
					target += "." + cols[0].Name
				}
				fmt.Fprintf(&b, "\nReferences `%s`", target)
				if fk.OnDelete != "" {
					fmt.Fprintf(&b, " (on delete %s)", fk.OnDelete)
				}
				b.WriteString(".\n")
				doc(ref.Doc)
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
		fmt.Fprintf(&b, "\n%d columns, %s, %d references.\n", len(x.Columns), scope, len(s.References(x)))
		doc(x.Doc)
		fmt.Fprintf(&b, "\nGenerated SQL:\n```sql\n%s```\n", snap.DDL().CreateTable(x))
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
