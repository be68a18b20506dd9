package lang

import (
	"strings"
)

// Format returns the canonical layout of a parsed file: two-space indents,
// table columns aligned in name, type and attribute fields, settings and
// trailing comments aligned, one blank line between declarations and at most
// one inside a block. Comments are kept as written. Declarations with syntax
// errors are kept exactly as they are.
func Format(f *File) string {
	var b strings.Builder
	for i, d := range f.Decls {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(FormatChunk(d.Chunk))
		b.WriteString("\n")
	}
	return b.String()
}

// FormatChunk returns the canonical layout of one top-level chunk.
func FormatChunk(c *Chunk) string {
	if len(c.Errors) > 0 || c.Table == nil && c.Enum == nil && c.Project == nil {
		if c.Table == nil && c.Enum == nil && c.Project == nil && len(c.Errors) == 0 {
			return formatComments(c)
		}
		return c.Text
	}
	fm := &formatter{c: c, lines: NewLines(c.Text)}
	return fm.chunk()
}

func formatComments(c *Chunk) string {
	lines := make([]string, len(c.Comments))
	for i, cm := range c.Comments {
		lines[i] = strings.TrimRight(cm.Text, " \t")
	}
	return strings.Join(lines, "\n")
}

type formatter struct {
	c        *Chunk
	lines    *Lines
	rows     []row
	comments []Comment // not yet printed, in source order
}

// row is one output line. Rows of the same group align their cells.
type row struct {
	indent  int
	cells   []string
	comment string // trailing comment
	blank   bool   // preceded by a blank line
	opens   bool   // ends with "{": the next row starts a block
	group   int    // 0: no alignment
	last    int    // source line of the row's last token, for trailing comments
}

func (fm *formatter) line(off int) int { return fm.lines.Position(off).Line }

func (fm *formatter) text(s Span) string { return fm.c.Text[s.Start:s.End] }

func (fm *formatter) chunk() string {
	fm.comments = fm.c.Comments
	c := fm.c
	var header string
	var start int
	switch {
	case c.Table != nil:
		header, start = fm.tableHeader(c.Table.Header), c.Table.Header.Span().Start
	case c.Enum != nil:
		header, start = "enum "+c.Enum.Header.Name.Name, c.Enum.Header.Span().Start
	default:
		header, start = "project "+c.Project.Header.Name.Name, c.Project.Header.Span().Start
	}
	fm.flushComments(start, 0)
	if c.Enum != nil {
		if one, ok := fm.enumOneLine(header); ok {
			fm.add(row{cells: []string{one}, last: fm.line(c.Close)})
			fm.flushComments(len(c.Text), 0)
			return fm.render()
		}
	}
	if c.Table != nil && len(c.Table.Lines) == 0 && !fm.commentInside(Span{c.Open, c.Close}) {
		fm.add(row{cells: []string{header + " {}"}, last: fm.line(c.Close)})
		fm.flushComments(len(c.Text), 0)
		return fm.render()
	}
	fm.add(row{cells: []string{header + " {"}, opens: true, last: fm.line(c.Open)})
	switch {
	case c.Table != nil:
		fm.tableBody(c.Table)
	case c.Enum != nil:
		for _, v := range c.Enum.Values {
			fm.item(v.Span(), 1, func(blank bool) { fm.add(row{indent: 1, cells: []string{v.Name}, blank: blank}) })
		}
	default:
		fm.settings(c.Project.Settings, 1)
	}
	fm.flushComments(c.Close, 1)
	fm.add(row{cells: []string{"}"}, last: fm.line(c.Close)})
	fm.flushComments(len(c.Text), 0)
	return fm.render()
}

func (fm *formatter) tableHeader(h *TableHeader) string {
	s := "table " + h.Name.Name
	for _, m := range h.Modifiers {
		if m.Global {
			s += " global"
		} else {
			s += " renamed_from " + m.RenamedFrom.Name
		}
	}
	return s
}

// enumOneLine returns the enum on one line when it has no comments inside
// and fits in 100 bytes.
func (fm *formatter) enumOneLine(header string) (string, bool) {
	for _, cm := range fm.comments {
		if cm.Span.Start > fm.c.Open && cm.Span.Start < fm.c.Close {
			return "", false
		}
	}
	names := make([]string, len(fm.c.Enum.Values))
	for i, v := range fm.c.Enum.Values {
		names[i] = v.Name
	}
	s := header + " { " + strings.Join(names, " ") + " }"
	if len(names) == 0 {
		s = header + " {}"
	}
	return s, len(s) <= 100
}

// item emits the comments before span s, then calls emit (telling it whether
// a blank line precedes), and records the line where s ends.
func (fm *formatter) item(s Span, indent int, emit func(blank bool)) {
	fm.flushComments(s.Start, indent)
	emit(fm.blankBefore(s.Start))
	fm.rows[len(fm.rows)-1].last = fm.line(s.End)
}

// blankBefore reports whether the source has a blank line between the last
// row and offset off. Blank lines at the start of a block are dropped.
func (fm *formatter) blankBefore(off int) bool {
	n := len(fm.rows)
	return n > 0 && !fm.rows[n-1].opens && fm.line(off) > fm.rows[n-1].last+1
}

// flushComments emits the comments that start before off: as the trailing
// comment of the previous row when they share its line, else on their own.
func (fm *formatter) flushComments(off, indent int) {
	for len(fm.comments) > 0 && fm.comments[0].Span.Start < off {
		cm := fm.comments[0]
		fm.comments = fm.comments[1:]
		text := strings.TrimRight(cm.Text, " \t")
		l := fm.line(cm.Span.Start)
		if n := len(fm.rows); n > 0 && fm.rows[n-1].last == l && fm.rows[n-1].comment == "" {
			fm.rows[n-1].comment = text
			continue
		}
		fm.add(row{indent: indent, cells: []string{text}, blank: fm.blankBefore(cm.Span.Start), last: l})
	}
}

func (fm *formatter) add(r row) { fm.rows = append(fm.rows, r) }

// commentInside reports whether a comment lies inside s; such an element is
// printed as written, so that the comment stays where it is.
func (fm *formatter) commentInside(s Span) bool {
	for _, cm := range fm.comments {
		if cm.Span.Start > s.Start && cm.Span.Start < s.End {
			return true
		}
	}
	return false
}

func (fm *formatter) tableBody(t *Table) {
	for _, l := range t.Lines {
		fm.item(l.Span, 1, func(blank bool) {
			r := row{indent: 1, blank: blank}
			switch {
			case fm.commentInside(l.Span):
				r.cells = []string{fm.text(l.Span)}
				for len(fm.comments) > 0 && fm.comments[0].Span.Start < l.Span.End {
					fm.comments = fm.comments[1:] // printed with the element
				}
			case l.Element.Column != nil:
				r.cells, r.group = fm.column(l.Element.Column), 1
			default:
				r.cells = []string{fm.clause(l.Element)}
			}
			fm.add(r)
		})
	}
}

func (fm *formatter) column(c *Column) []string {
	typ := fm.typeName(c.Type)
	if c.Nullable {
		typ += "?"
	}
	cells := []string{c.Name.Name, typ}
	if len(c.Attrs) == 0 {
		return cells
	}
	attrs := make([]string, len(c.Attrs))
	for i, a := range c.Attrs {
		switch {
		case a.PK:
			attrs[i] = "pk"
		case a.Unique:
			attrs[i] = "unique"
		case a.PII:
			attrs[i] = "pii"
		case a.Default != nil:
			attrs[i] = "default(" + fm.text(a.Default.Span()) + ")"
		case a.Check != nil:
			attrs[i] = "check(" + fm.text(a.Check.Span()) + ")"
		case a.Ref != nil:
			attrs[i] = "-> " + a.Ref.Table.Name + "." + a.Ref.Column.Name + actions(a.Ref.Actions)
		case a.RenamedFrom != nil:
			attrs[i] = "renamed_from " + a.RenamedFrom.Name
		}
	}
	return append(cells, strings.Join(attrs, " "))
}

func (fm *formatter) typeName(t *TypeName) string {
	s := t.Name.Name
	if len(t.Args) > 0 {
		s += "(" + strings.Join(t.Args, ",") + ")"
	}
	return s + strings.Repeat("[]", t.Dims())
}

func actions(acts []*Action) string {
	var b strings.Builder
	for _, a := range acts {
		b.WriteString(" on " + a.Event + " " + a.What())
		if a.Columns != nil {
			b.WriteString(" " + idents(a.Columns.Columns))
		}
	}
	return b.String()
}

func idents(ids []*Ident) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id.Name
	}
	return "(" + strings.Join(names, ", ") + ")"
}

func (fm *formatter) clause(e *Element) string {
	where := func(x *Expr) string {
		if x == nil {
			return ""
		}
		return " where " + fm.text(x.Span())
	}
	switch {
	case e.PK != nil:
		return "pk " + idents(e.PK.Columns)
	case e.Unique != nil:
		return "unique " + idents(e.Unique.Columns.Columns) + where(e.Unique.Where)
	case e.Index != nil:
		ix := e.Index
		s := "index "
		if ix.Name != nil {
			s += ix.Name.Name + " "
		}
		cols := make([]string, len(ix.Columns))
		for i, c := range ix.Columns {
			cols[i] = c.Column.Name
			if c.Order != "" {
				cols[i] += " " + c.Order
			}
		}
		s += "(" + strings.Join(cols, ", ") + ")"
		if ix.Using != nil {
			s += " using " + ix.Using.Name
		}
		if ix.Include != nil {
			s += " include " + idents(ix.Include.Columns)
		}
		return s + where(ix.Where)
	case e.FK != nil:
		return "fk " + idents(e.FK.Columns.Columns) + " -> " + e.FK.Table.Name + " " + idents(e.FK.RefColumns.Columns) + actions(e.FK.Actions)
	}
	return "check (" + fm.text(e.Check.Span()) + ")"
}

// settings emits the entries of a project block or nested block.
func (fm *formatter) settings(ss []*Setting, indent int) {
	for _, s := range ss {
		span := s.Span()
		if s.Open > 0 {
			span.End = s.Close + 1
		}
		fm.item(s.Span(), indent, func(blank bool) {
			vals := make([]string, len(s.Values))
			for i, v := range s.Values {
				vals[i] = fm.text(v.Span())
			}
			if s.Open > 0 {
				fm.add(row{indent: indent, cells: []string{strings.Join(append([]string{s.Key.Text()}, vals...), " ") + " {"}, blank: blank, opens: true})
				return
			}
			r := row{indent: indent, cells: []string{s.Key.Text()}, blank: blank, group: indent + 1}
			if len(vals) > 0 {
				r.cells = append(r.cells, strings.Join(vals, " "))
			}
			fm.add(r)
		})
		if s.Open > 0 {
			fm.rows[len(fm.rows)-1].last = fm.line(s.Open)
			fm.settings(s.Body, indent+1)
			fm.flushComments(s.Close, indent+1)
			fm.add(row{indent: indent, cells: []string{"}"}, last: fm.line(s.Close)})
		}
	}
}

// render aligns the rows and joins them. Consecutive rows of one group
// (blank lines do not break a group) pad every cell but the last to the
// widest; consecutive rows with trailing comments align the comments.
func (fm *formatter) render() string {
	rows := fm.rows
	for i := 0; i < len(rows); {
		j := i + 1
		if rows[i].group != 0 {
			for j < len(rows) && (rows[j].group == rows[i].group || isCommentRow(rows[j])) {
				j++
			}
			alignCells(rows[i:j])
		}
		i = j
	}
	text := make([]string, len(rows))
	for i, r := range rows {
		text[i] = strings.Repeat("  ", r.indent) + strings.Join(r.cells, " ")
		text[i] = strings.TrimRight(text[i], " ")
	}
	for i := 0; i < len(rows); {
		if rows[i].comment == "" {
			i++
			continue
		}
		j, width := i, 0
		for j < len(rows) && rows[j].comment != "" && (j == i || !rows[j].blank) && !strings.Contains(text[j], "\n") {
			width = max(width, len(text[j]))
			j++
		}
		if j == i { // a multi-line row: its comment follows its last line
			text[i] += " " + rows[i].comment
			i++
			continue
		}
		for k := i; k < j; k++ {
			text[k] += strings.Repeat(" ", width-len(text[k])+1) + rows[k].comment
		}
		i = j
	}
	var b strings.Builder
	for i, t := range text {
		if i > 0 {
			b.WriteByte('\n')
			if rows[i].blank {
				b.WriteByte('\n')
			}
		}
		b.WriteString(t)
	}
	return b.String()
}

func isCommentRow(r row) bool { return len(r.cells) == 1 && strings.HasPrefix(r.cells[0], "//") }

// alignCells pads all but the last cell of each row to the widest cell in its
// position among rows that have a cell after it.
func alignCells(rows []row) {
	var widths []int
	for _, r := range rows {
		if isCommentRow(r) {
			continue
		}
		for k := 0; k < len(r.cells)-1; k++ {
			if k >= len(widths) {
				widths = append(widths, 0)
			}
			widths[k] = max(widths[k], len(r.cells[k]))
		}
	}
	for _, r := range rows {
		if isCommentRow(r) {
			continue
		}
		for k := 0; k < len(r.cells)-1; k++ {
			r.cells[k] += strings.Repeat(" ", widths[k]-len(r.cells[k]))
		}
	}
}
