package model_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// TestIncrementalLoadEqualsCold edits every corpus schema and a generated
// one step by step, loading each version through one Loader (its parsed
// chunks and resolved declarations warm from the versions before) and again
// from scratch: the
// two models must be equal — diagnostics, symbols, references and
// positions.
func TestIncrementalLoadEqualsCold(t *testing.T) {
	var paths []string
	m, err := filepath.Glob("../../testdata/*/*/*.dbspec")
	require.NoError(t, err)
	for _, path := range m {
		if !strings.Contains(path, "generated") || strings.Contains(path, "t100/") {
			paths = append(paths, path)
		}
	}
	require.NotEmpty(t, paths)
	for _, path := range paths {
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		l := model.NewLoader()
		text := string(src)
		for step, edit := range edits {
			text = edit(text, step)
			warm := l.Build("", []*lang.File{l.Parser.Parse(path, text)})
			cold := model.Build("", []*lang.File{lang.Parse(path, text)})
			require.Equal(t, dump(cold), dump(warm), "%s after edit %d", path, step)
		}
	}
}

// TestIncrementalLoadAcrossFiles edits one file of each schema of several
// files, step by step, and loads the whole schema through one Loader and
// from scratch: references, links and diagnostics that cross files must
// follow the edits of the other file.
func TestIncrementalLoadAcrossFiles(t *testing.T) {
	for _, dir := range []string{"../../testdata/examples/saas", "../../testdata/examples/documents", "../../testdata/bad/resolve-duplicate-project"} {
		paths, err := model.SchemaFiles(dir)
		require.NoError(t, err)
		require.Greater(t, len(paths), 1, dir)
		texts := map[string]string{}
		for _, path := range paths {
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			texts[path] = string(src)
		}
		l := model.NewLoader()
		for _, edited := range paths {
			for step, edit := range edits {
				texts[edited] = edit(texts[edited], step)
				var warm, cold []*lang.File
				for _, path := range paths {
					warm = append(warm, l.Parser.Parse(path, texts[path]))
					cold = append(cold, lang.Parse(path, texts[path]))
				}
				require.Equal(t, dump(model.Build(dir, cold)), dump(l.Build(dir, warm)), "%s after edit %d", edited, step)
			}
		}
	}
}

// edits change a schema the way typing does: each takes the text and the
// step number and returns the new text.
var edits = []func(string, int) string{
	// add a column in the middle of a table
	func(s string, i int) string {
		return insertAfter(s, len(s)/2, "\n  ", fmt.Sprintf("extra_%d text?\n  ", i))
	},
	// lengthen it, shifting everything after it
	func(s string, i int) string { return strings.Replace(s, "extra_0 ", "extra_0_longer ", 1) },
	// break a table: a type goes missing
	func(s string, i int) string { return insertAfter(s, len(s)/3, "\n  ", "broken\n  ") },
	// a reference to a table that does not exist, then to one that does
	func(s string, i int) string {
		return insertAfter(s, len(s)/4, "\n  ", "ghost_id uuid -> ghosts.id\n  ")
	},
	func(s string, i int) string { return s + "\ntable ghosts {\n  id uuid pk\n}\n" },
	// an unclosed brace near the start, then closed again
	func(s string, i int) string { return insertAfter(s, 0, "{\n", "  oops (\n") },
	func(s string, i int) string { return strings.Replace(s, "  oops (\n", "", 1) },
	// undo the broken line and the longer name
	func(s string, i int) string { return strings.Replace(s, "broken\n  ", "", 1) },
	func(s string, i int) string { return strings.Replace(s, "extra_0_longer ", "extra_0 ", 1) },
	// a duplicate of the first table
	func(s string, i int) string {
		if at := strings.Index(s, "table "); at >= 0 {
			end := at + strings.Index(s[at:], "\n}") + 2
			return s + "\n" + s[at:end] + "\n"
		}
		return s
	},
}

// insertAfter inserts text after the first occurrence of anchor at or after
// offset from, or at the end.
func insertAfter(s string, from int, anchor, text string) string {
	at := strings.Index(s[from:], anchor)
	if at < 0 {
		return s + text
	}
	at += from + len(anchor)
	return s[:at] + text + s[at:]
}

// dump renders everything a consumer can see of a model: diagnostics,
// every symbol with its definition and references, and every occurrence.
func dump(s *model.Schema) string {
	var b strings.Builder
	loc := func(l model.Loc) string {
		if l.File == nil {
			return "-"
		}
		return fmt.Sprintf("%s@%d-%d", filepath.Base(l.File.Path), l.Span.Start, l.Span.End)
	}
	for _, d := range s.Diagnostics {
		fmt.Fprintf(&b, "diag %s %s %s %q", loc(d.Loc), d.Severity, d.Rule, d.Message)
		for _, r := range d.Related {
			fmt.Fprintf(&b, " [%s %q]", loc(r.Loc), r.Message)
		}
		b.WriteString("\n")
	}
	sym := func(kind string, sym model.Symbol) {
		fmt.Fprintf(&b, "%s %s %s refs", kind, model.Name(sym), loc(s.Definition(sym)))
		for _, r := range s.References(sym) {
			b.WriteString(" " + loc(r))
		}
		b.WriteString("\n")
	}
	for _, t := range s.Tables {
		sym("table", t)
		fmt.Fprintf(&b, "  %s decl %s global=%v from=%q pk=%v uniques=%d indexes=%d fks=%d checks=%d\n", t.Name, loc(s.Loc(t.DeclSite())),
			t.Global, t.RenamedFrom, t.PrimaryKey != nil, len(t.Uniques), len(t.Indexes), len(t.ForeignKeys), len(t.Checks))
		for _, c := range t.Columns {
			sym("column", c)
			fmt.Fprintf(&b, "  line %s type %s %s null=%v pk=%v unique=%v pii=%v\n", loc(s.Loc(c.LineSite)), c.Type, loc(s.Loc(c.Type.Site)), c.Nullable, c.PK, c.Unique, c.PII)
		}
		for _, fk := range t.ForeignKeys {
			ref := ""
			if t := s.RefTable(fk); t != nil {
				ref = t.Name
			}
			fmt.Fprintf(&b, "  fk %s -> %s (%d) %s %s resolved=%v\n", loc(s.Loc(fk.Site)), ref, len(s.RefColumns(fk)), fk.OnDelete, fk.OnUpdate, s.Resolved(fk))
		}
		for _, x := range t.Exprs() {
			fmt.Fprintf(&b, "  expr %s %q\n", loc(s.Loc(x.Site)), x.Text)
		}
	}
	for _, e := range s.Enums {
		sym("enum", e)
		for _, v := range e.Values {
			sym("value", v)
		}
	}
	for _, f := range s.Files {
		for _, o := range s.Occurrences(f) {
			fmt.Fprintf(&b, "occ %s@%d-%d %s def=%v\n", filepath.Base(f.Path), o.Span.Start, o.Span.End, model.Name(o.Symbol), o.Def)
		}
	}
	return b.String()
}

// TestParallelResolveEqualsSequential resolves a schema large enough to be
// resolved in parallel, and again on one CPU: the models must be equal.
func TestParallelResolveEqualsSequential(t *testing.T) {
	path := "../../testdata/generated/t1000/schema.dbspec"
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	text := edits[2](edits[3](string(src), 0), 0) // with diagnostics too
	f := lang.Parse(path, text)
	parallel := dump(model.Build("", []*lang.File{f}))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	require.Equal(t, dump(model.Build("", []*lang.File{f})), parallel)
}

// TestUnchangedDeclarationsAreShared checks that a Loader resolves only what
// an edit touched: after a column is added to one table, every other table
// is the very object of the schema before, and only the tables that refer
// to the edited one are linked again.
func TestUnchangedDeclarationsAreShared(t *testing.T) {
	path := "../../testdata/generated/t100/schema.dbspec"
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	l := model.NewLoader()
	before := l.Build("", []*lang.File{l.Parser.Parse(path, string(src))})
	after := l.Build("", []*lang.File{l.Parser.Parse(path, edited(string(src)))})
	require.Len(t, after.Tables, len(before.Tables))
	var changed []string
	for i, tb := range after.Tables {
		if tb != before.Tables[i] {
			changed = append(changed, tb.Name)
		}
	}
	require.Len(t, changed, 1, "only the edited table is resolved again")
	l.Forget("")
	again := l.Build("", []*lang.File{l.Parser.Parse(path, edited(string(src)))})
	require.NotSame(t, after.Tables[0], again.Tables[0], "a forgotten schema is built from scratch")
	target := after.Table(changed[0])
	require.NotNil(t, target.Column("extra_col"))
	for _, tb := range after.Tables {
		for _, fk := range tb.ForeignKeys {
			if fk.Target == target.Name {
				require.Same(t, target, after.RefTable(fk), "%s links the new %s", tb.Name, target.Name)
				require.NotSame(t, target, before.RefTable(fk))
			}
		}
	}
}
