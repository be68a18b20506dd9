package model

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dbspec/dbspec/lang"
)

// Build resolves the parsed files of one schema directory.
func Build(dir string, files []*lang.File) *Schema { return build(nil, dir, files) }

// build resolves files, reusing from prev (which may be nil) the declarations
// whose chunk is unchanged and the links of tables whose targets are too.
// Every part of the result that depends on where a declaration is, or on
// other declarations, is made here, per schema: places, name lookups,
// diagnostics, references.
func build(prev *Schema, dir string, files []*lang.File) *Schema {
	files = append([]*lang.File(nil), files...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	n := 0 // the number of declarations, to size the maps
	for _, f := range files {
		n += len(f.Decls)
	}
	s := &Schema{Dir: dir, Files: files, names: make(map[string]*decl, n), entries: make(map[*lang.Chunk]entry, n)}
	var diags []Diagnostic
	errorf := func(l Loc, rule string, related []Related, format string, args ...any) {
		diags = append(diags, Diagnostic{Loc: l, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...), Related: related})
	}
	var chunks []*lang.Chunk // of the tables and enums, in source order
	for _, f := range files {
		for _, e := range f.Errors {
			errorf(Loc{f, e.Span}, "syntax", nil, "%s", e.Msg)
		}
		for _, d := range f.Decls {
			if d.Table != nil || d.Enum != nil {
				s.entries[d.Chunk] = entry{file: f, offset: d.Offset}
				chunks = append(chunks, d.Chunk)
			}
		}
	}
	decls := make([]*decl, len(chunks))
	parallel(len(chunks), func(i int) {
		if decls[i] = prev.decl(chunks[i]); decls[i] == nil {
			decls[i] = declare(chunks[i])
		}
	})
	decls = slices.DeleteFunc(decls, func(d *decl) bool { return !s.claim(d, errorf) })
	for _, f := range files {
		for _, d := range f.Decls {
			if d.Project != nil {
				resolveProject(s, f, d, errorf)
			}
		}
	}
	linked := make([]*links, len(s.Tables))
	parallel(len(s.Tables), func(i int) {
		t := s.Tables[i]
		if linked[i] = prev.linksOf(t); linked[i] == nil || !linked[i].valid(s) {
			linked[i] = link(s, s.entries[t.Chunk].decl)
		}
	})
	for i, t := range s.Tables {
		e := s.entries[t.Chunk]
		e.links = linked[i]
		s.entries[t.Chunk] = e
	}
	s.resolveTenancy(errorf)
	for _, d := range decls {
		diags = append(diags, s.diagnostics(d.findings)...)
		if d.table != nil {
			diags = append(diags, s.diagnostics(s.entries[d.chunk].links.findings)...)
		}
	}
	SortDiagnostics(diags)
	s.Diagnostics = diags
	return s
}

// claim gives the name of the table or enum of d to it, unless an earlier
// declaration has it, which is reported; PostgreSQL keeps tables and types
// in one namespace (a table is also a composite type).
func (s *Schema) claim(d *decl, errorf func(Loc, string, []Related, string, ...any)) bool {
	kind, id := declName(d.chunk)
	prev := s.names[id.Name]
	if prev == nil {
		s.names[id.Name] = d
		e := s.entries[d.chunk]
		e.decl = d
		s.entries[d.chunk] = e
		if d.table != nil {
			s.Tables = append(s.Tables, d.table)
		} else {
			s.Enums = append(s.Enums, d.enum)
		}
		return true
	}
	prevKind, prevID := declName(prev.chunk)
	rule := "resolve/duplicate-" + kind
	if prevKind != kind {
		rule = "resolve/duplicate-name"
	}
	errorf(s.Loc(Site{d.chunk, id.Span()}), rule, []Related{{s.Loc(Site{prev.chunk, prevID.Span()}), "the first declaration"}},
		"%s %q is already declared as %s", kind, id.Name, article(prevKind))
	return false
}

// declName is the kind and the name of the table or enum chunk c declares.
func declName(c *lang.Chunk) (string, *lang.Ident) {
	if c.Table != nil {
		return "table", c.Table.Header.Name
	}
	return "enum", c.Enum.Header.Name
}

// decl returns the declaration of chunk c resolved for s, or nil; s may be nil.
func (s *Schema) decl(c *lang.Chunk) *decl {
	if s == nil {
		return nil
	}
	return s.entries[c].decl
}

// diagnostics places findings in the schema's files.
func (s *Schema) diagnostics(fs []finding) []Diagnostic {
	out := make([]Diagnostic, len(fs))
	for i, f := range fs {
		out[i] = Diagnostic{Loc: s.Loc(f.at), Severity: Error, Rule: f.rule, Message: f.msg}
		for _, r := range f.related {
			out[i].Related = append(out[i].Related, Related{s.Loc(r.at), r.msg})
		}
	}
	return out
}

// resolveTenancy checks the tenancy root table.
func (s *Schema) resolveTenancy(errorf func(Loc, string, []Related, string, ...any)) {
	tn := s.Tenancy()
	if tn == nil || tn.Root == "" {
		return
	}
	if t := s.Table(tn.Root); t != nil {
		s.rootRef = &reference{to: t}
	} else {
		errorf(tn.RootLoc, "resolve/unknown-table", nil, "unknown tenancy root table %q", tn.Root)
	}
}

// parallel calls f for 0..n-1, on all CPUs when n is large enough to pay
// for it.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/64)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// finding is a resolution error at a site, placed in a file by
// Schema.diagnostics.
type finding struct {
	at      Site
	rule    string
	msg     string
	related []relatedSite
}

// relatedSite is a secondary site of a finding.
type relatedSite struct {
	at  Site
	msg string
}

// reference is a site that names a symbol.
type reference struct {
	at Site
	to Symbol
}

// sqlNames are the bare words SQL accepts in expressions besides column names.
var sqlNames = map[string]bool{
	"null": true, "true": true, "false": true, "current_timestamp": true, "current_date": true,
	"current_time": true, "localtime": true, "localtimestamp": true, "current_user": true, "session_user": true,
}

func article(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func enumHint(e *Enum) string {
	if e == nil {
		return " (a string needs single quotes: 'text')"
	}
	return fmt.Sprintf(" (not a value of enum %q)", e.Name)
}
