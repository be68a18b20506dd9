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
func appendToTable(t *model.Table, lines ...string) model.Edit {
	f := t.Loc.File
	close := t.Decl.Offset + t.Decl.Close
	if t.Decl.Close < 0 {
		close = t.DeclLoc.Span.End
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
func insertColumn(t *model.Table, line string) model.Edit {
	if len(t.Columns) == 0 {
		return appendToTable(t, line)
	}
	last := t.Columns[len(t.Columns)-1].LineLoc
	at := lang.Span{Start: last.Span.End, End: last.Span.End}
	return model.Edit{Loc: model.Loc{File: last.File, Span: at}, NewText: "\n  " + line}
}

// appendToColumn adds text (an attribute) at the end of column c's line.
func appendToColumn(c *model.Column, text string) model.Edit {
	end := c.LineLoc.Span.End
	return model.Edit{Loc: model.Loc{File: c.LineLoc.File, Span: lang.Span{Start: end, End: end}}, NewText: " " + text}
}

// replace replaces the text at loc.
func replace(loc model.Loc, text string) model.Edit { return model.Edit{Loc: loc, NewText: text} }

// deleteLine removes the whole line of loc, its line break included.
func deleteLine(loc model.Loc) model.Edit {
	src := loc.File.Src
	start := strings.LastIndexByte(src[:loc.Span.Start], '\n') + 1
	end := loc.Span.End
	if i := strings.IndexByte(src[end:], '\n'); i >= 0 {
		end += i + 1
	} else {
		end = len(src)
	}
	return model.Edit{Loc: model.Loc{File: loc.File, Span: lang.Span{Start: start, End: end}}}
}
