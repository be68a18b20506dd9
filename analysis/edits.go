package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// These helpers build the text edits of fixes. Fixes edit the source as
// written; the formatter realigns the result.

// appendToTable adds lines (written without indentation) at the end of
// table t's body, before its closing brace.
func appendToTable(pass *Pass, t *model.Table, lines ...string) model.Edit {
	decl := pass.Loc(t.DeclSite())
	f := decl.File
	close := decl.Span.Start + t.Chunk.Close
	if t.Chunk.Close < 0 {
		close = decl.Span.End
	}
	lineStart := strings.LastIndexByte(f.Src[:close], '\n') + 1
	var b strings.Builder
	if strings.TrimSpace(f.Src[lineStart:close]) == "" {
		for _, l := range lines {
			b.WriteString("  " + l + "\n")
		}
		return model.Edit{Loc: model.Loc{File: f, Span: lang.Span{Start: lineStart, End: lineStart}}, NewText: b.String()}
	}
	for _, l := range lines {
		b.WriteString("\n  " + l)
	}
	b.WriteString("\n")
	return model.Edit{Loc: model.Loc{File: f, Span: lang.Span{Start: close, End: close}}, NewText: b.String()}
}

// insertColumn adds a column line (without indentation) after the last
// column of table t, or at the end of the body when it has none.
func insertColumn(pass *Pass, t *model.Table, line string) model.Edit {
	if len(t.Columns) == 0 {
		return appendToTable(pass, t, line)
	}
	return insertAfterColumn(pass, t.Columns[len(t.Columns)-1], line)
}

// appendToColumn adds text (an attribute) at the end of column c's line.
func appendToColumn(pass *Pass, c *model.Column, text string) model.Edit {
	end := c.LineSite.Span.End
	return model.Edit{Loc: pass.tableLoc(c.Table, lang.Span{Start: end, End: end}), NewText: " " + text}
}

// makeNullable marks column c nullable: a ? after its type.
func makeNullable(pass *Pass, c *model.Column) model.Edit {
	end := c.Syntax.Type.Span().End
	return model.Edit{Loc: pass.tableLoc(c.Table, lang.Span{Start: end, End: end}), NewText: "?"}
}

// replace replaces the text at loc.
func replace(loc model.Loc, text string) model.Edit { return model.Edit{Loc: loc, NewText: text} }

// deleteLine removes the whole line of loc, its line break included; when
// other code shares the line (a table header, a closing brace), only loc
// and the blanks before it.
func deleteLine(loc model.Loc) model.Edit {
	src := loc.File.Src
	start := strings.LastIndexByte(src[:loc.Span.Start], '\n') + 1
	end := loc.Span.End
	lineEnd := len(src)
	if i := strings.IndexByte(src[end:], '\n'); i >= 0 {
		lineEnd = end + i
	}
	after := strings.TrimSpace(src[end:lineEnd])
	if strings.TrimSpace(src[start:loc.Span.Start]) != "" || after != "" && !strings.HasPrefix(after, "//") {
		from := loc.Span.Start
		for from > start && (src[from-1] == ' ' || src[from-1] == '\t') {
			from--
		}
		return model.Edit{Loc: model.Loc{File: loc.File, Span: lang.Span{Start: from, End: end}}}
	}
	if lineEnd < len(src) {
		lineEnd++ // the line break
	}
	return model.Edit{Loc: model.Loc{File: loc.File, Span: lang.Span{Start: start, End: lineEnd}}}
}

// insertAfterColumn adds a line (without indentation) right below column
// c's line, after the comment that may end it.
func insertAfterColumn(pass *Pass, c *model.Column, line string) model.Edit {
	l := pass.Loc(c.LineSite)
	f, at := l.File, l.Span.End
	eol := strings.IndexByte(f.Src[at:], '\n')
	if eol < 0 {
		eol = len(f.Src) - at
	}
	if rest := strings.TrimSpace(f.Src[at : at+eol]); rest == "" || strings.HasPrefix(rest, "//") {
		at += eol // nothing but a comment follows: insert after it
	}
	return model.Edit{Loc: model.Loc{File: f, Span: lang.Span{Start: at, End: at}}, NewText: "\n  " + line}
}

// insertFirstLine adds a line (without indentation) at the top of table t's
// body, above any doc comment of its first element.
func insertFirstLine(pass *Pass, t *model.Table, line string) model.Edit {
	decl := pass.Loc(t.DeclSite())
	f := decl.File
	brace := decl.Span.Start + t.Chunk.Open
	if brace >= len(f.Src) || f.Src[brace] != '{' {
		return appendToTable(pass, t, line)
	}
	at := brace + 1
	eol := strings.IndexByte(f.Src[at:], '\n')
	if eol < 0 {
		return appendToTable(pass, t, line)
	}
	if rest := strings.TrimSpace(f.Src[at : at+eol]); rest != "" && !strings.HasPrefix(rest, "//") {
		// A body on the header line: table t { a text }.
		return model.Edit{Loc: model.Loc{File: f, Span: lang.Span{Start: at, End: at}}, NewText: "\n  " + line + "\n "}
	}
	at += eol + 1
	return model.Edit{Loc: model.Loc{File: f, Span: lang.Span{Start: at, End: at}}, NewText: "  " + line + "\n"}
}

// removeAttribute deletes the column attribute at loc with the blanks
// before it.
func removeAttribute(loc model.Loc) model.Edit {
	src := loc.File.Src
	start := loc.Span.Start
	for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
		start--
	}
	return model.Edit{Loc: model.Loc{File: loc.File, Span: lang.Span{Start: start, End: loc.Span.End}}}
}
