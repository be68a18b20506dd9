package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// Helpers for the fixes that move columns into new tables.

// newTable is a table declaration that a fix writes.
type newTable struct {
	doc     string
	name    string
	global  bool
	columns [][3]string // name, type, attributes
	clauses []string
}

// String renders the declaration in the canonical layout.
func (t *newTable) String() string {
	var b strings.Builder
	b.WriteString("/// " + t.doc + "\ntable " + t.name)
	if t.global {
		b.WriteString(" global")
	}
	b.WriteString(" {\n")
	nameW, typeW := 0, 0
	for _, c := range t.columns {
		nameW = max(nameW, len(c[0]))
		if c[2] != "" {
			typeW = max(typeW, len(c[1]))
		}
	}
	for _, c := range t.columns {
		line := "  " + pad(c[0], nameW) + " " + c[1]
		if c[2] != "" {
			line = "  " + pad(c[0], nameW) + " " + pad(c[1], typeW) + " " + c[2]
		}
		b.WriteString(line + "\n")
	}
	if len(t.clauses) > 0 {
		b.WriteString("\n")
	}
	for _, c := range t.clauses {
		b.WriteString("  " + c + "\n")
	}
	b.WriteString("}")
	return b.String()
}

func pad(s string, w int) string { return s + strings.Repeat(" ", w-len(s)) }

// insertAfter adds a new table declaration after table t's, separated by a
// blank line.
func insertAfter(pass *Pass, t *model.Table, nt *newTable) model.Edit {
	end := t.DeclSite().Span.End
	return model.Edit{Loc: pass.tableLoc(t, lang.Span{Start: end, End: end}), NewText: "\n\n" + nt.String()}
}

// deleteColumn removes column c's line together with the doc comment above
// it. It returns nil when c is named outside its own line (in a key, an
// index or a check), where deleting it would leave a dangling name.
func deleteColumn(pass *Pass, c *model.Column) []model.Edit {
	l := pass.Loc(c.LineSite)
	line := l.Span
	for _, r := range pass.Schema.References(c) {
		if r.File != l.File || r.Span.Start < line.Start || r.Span.End > line.End {
			return nil
		}
	}
	src := l.File.Src
	start := line.Start
	for {
		prev := strings.LastIndexByte(src[:start], '\n')
		if prev < 0 {
			break
		}
		above := strings.LastIndexByte(src[:prev], '\n') + 1
		if !strings.HasPrefix(strings.TrimSpace(src[above:prev]), "///") {
			break
		}
		start = above
	}
	return []model.Edit{deleteLine(model.Loc{File: l.File, Span: lang.Span{Start: start, End: line.End}})}
}

// singlePK returns t's primary key column when the key has one column.
func singlePK(t *model.Table) *model.Column {
	if t == nil || t.PrimaryKey == nil || len(t.PrimaryKey.Columns) != 1 {
		return nil
	}
	return t.PrimaryKey.Columns[0]
}

// fkColumns returns the set of t's columns that are part of a foreign key.
func fkColumns(t *model.Table) map[*model.Column]bool {
	in := map[*model.Column]bool{}
	for _, fk := range t.ForeignKeys {
		for _, c := range fk.Columns {
			in[c] = true
		}
	}
	return in
}
