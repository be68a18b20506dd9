// Package golang generates the Go types of a schema: a struct per table
// with db and json tags for pgx v5's RowToStructByName, string types for
// enums, table and column name constants, and slog redaction of PII.
package golang

import (
	"fmt"
	"go/token"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dbspec/dbspec/codegen/files"
	"github.com/dbspec/dbspec/lang/model"
)

// Header is the first line of every generated file.
const Header = "// " + files.Marker

// DefaultUUID is the uuid package used when the project names none.
const DefaultUUID = "github.com/google/uuid"

// Generate returns the Go source of a schema's types, as gofmt prints it.
func Generate(s *model.Schema) []byte {
	g := newGenerator(s)
	g.file()
	return []byte(g.src)
}

// PackageName is the Go package name of the generated file: the project's
// `package` option, else the last element of the output directory, else db.
func PackageName(s *model.Schema) string {
	if p := s.Project; p != nil {
		if p.Generate.GoPackage != "" {
			return p.Generate.GoPackage
		}
		if base := path.Base(p.Generate.GoDir); p.Generate.GoDir != "" && token.IsIdentifier(base) {
			return base
		}
	}
	return "db"
}

// uuidPath is the import path of the uuid package.
func uuidPath(s *model.Schema) string {
	if s.Project != nil && s.Project.Generate.GoUUID != "" {
		return s.Project.Generate.GoUUID
	}
	return DefaultUUID
}

type generator struct {
	s       *model.Schema
	buf     strings.Builder // the body
	src     string          // the whole file, once written
	structs map[*model.Table]string
	enums   map[*model.Enum]string
	imports map[string]string // path -> name used
}

func newGenerator(s *model.Schema) *generator {
	g := &generator{s: s, structs: map[*model.Table]string{}, enums: map[*model.Enum]string{}, imports: map[string]string{}}
	taken := map[string]bool{}
	for _, e := range s.Enums {
		g.enums[e] = exported(e.Name)
		taken[g.enums[e]] = true
	}
	for _, t := range s.Tables {
		name := exported(model.Singular(t.Name))
		if taken[name] {
			name = exported(t.Name)
		}
		for taken[name] {
			name += "Row"
		}
		g.structs[t] = name
		taken[name] = true
	}
	return g
}

func (g *generator) printf(format string, args ...any) { fmt.Fprintf(&g.buf, format, args...) }

// file writes the whole file: the body first, since writing it collects
// the imports, then the header and the imports before it.
func (g *generator) file() {
	for _, e := range g.s.Enums {
		g.enum(e)
	}
	for _, t := range g.s.Tables {
		g.table(t)
	}
	var head strings.Builder
	fmt.Fprintf(&head, "%s\n\n", Header)
	fmt.Fprintf(&head, "// Package %s holds the Go types of the %s schema.\n", PackageName(g.s), schemaName(g.s))
	fmt.Fprintf(&head, "package %s\n\n", PackageName(g.s))
	if len(g.imports) > 0 {
		paths := make([]string, 0, len(g.imports))
		for p := range g.imports {
			paths = append(paths, p)
		}
		// The standard library first, then the other modules, as goimports does.
		slices.SortFunc(paths, func(a, b string) int {
			if sa, sb := isStd(a), isStd(b); sa != sb {
				return boolInt(sb) - boolInt(sa)
			}
			return strings.Compare(a, b)
		})
		head.WriteString("import (\n")
		for i, p := range paths {
			if i > 0 && isStd(paths[i-1]) && !isStd(p) {
				head.WriteString("\n")
			}
			if path.Base(p) == g.imports[p] {
				fmt.Fprintf(&head, "\t%q\n", p)
			} else {
				fmt.Fprintf(&head, "\t%s %q\n", g.imports[p], p)
			}
		}
		head.WriteString(")\n\n")
	}
	g.src = head.String() + strings.TrimRight(g.buf.String(), "\n") + "\n"
}

// isStd reports whether an import path is of the standard library.
func isStd(importPath string) bool {
	first, _, _ := strings.Cut(importPath, "/")
	return !strings.Contains(first, ".")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func schemaName(s *model.Schema) string {
	if s.Project != nil && s.Project.Name != "" {
		return s.Project.Name
	}
	return path.Base(s.Dir)
}

// majorVersion matches the major version element of an import path (v2).
var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// use imports importPath and returns the name the generated code calls the
// package by: the last element of the path, or the one before a major
// version (.../decimal/v2), up to a dot (gopkg.in/yaml.v3), with hyphens as
// underscores (go-uuid).
func (g *generator) use(importPath string) string {
	if n, ok := g.imports[importPath]; ok {
		return n
	}
	name := path.Base(importPath)
	if majorVersion.MatchString(name) {
		name = path.Base(path.Dir(importPath))
	}
	name, _, _ = strings.Cut(name, ".")
	name = strings.ReplaceAll(name, "-", "_")
	g.imports[importPath] = name
	return name
}

// doc writes a Go doc comment for name: def, a sentence that starts with the
// name as Go conventions want, then the schema's doc comment text, if any.
func (g *generator) doc(name, text, def string) {
	g.printf("// %s\n", def)
	if text != "" {
		g.printf("//\n")
		for _, l := range strings.Split(text, "\n") {
			g.printf("%s\n", strings.TrimRight("// "+l, " "))
		}
	}
}

func (g *generator) enum(e *model.Enum) {
	name := g.enums[e]
	g.doc(name, e.Doc, fmt.Sprintf("%s is the PostgreSQL enum type %s.", name, e.Name))
	g.printf("type %s string\n\n", name)
	g.printf("// Values of %s.\nconst (\n", name)
	consts := make([]string, len(e.Values))
	var b block
	for i, v := range e.Values {
		consts[i] = name + exported(v.Name)
		if v.Doc != "" {
			b.comment(v.Doc)
		}
		b.row(consts[i], name, fmt.Sprintf("= %q", v.Name))
	}
	g.block(&b)
	g.printf(")\n\n")
	g.printf("// %sValues lists the values of %s in declaration order.\n", name, name)
	g.printf("func %sValues() []%s {\n\treturn []%s{%s}\n}\n\n", name, name, name, strings.Join(consts, ", "))
	recv := receiver(name)
	g.printf("// Valid reports whether %s is one of the values of %s.\n", recv, name)
	g.printf("func (%s %s) Valid() bool {\n\tswitch %s {\n\tcase %s:\n\t\treturn true\n\t}\n\treturn false\n}\n\n",
		recv, name, recv, strings.Join(consts, ", "))
}

// block is the body of a struct or const declaration. Written out, the
// cells of consecutive rows are aligned as gofmt aligns them: every cell but
// the last is padded to the widest in its column, and a comment line starts
// a new section. Writing aligned text directly spares a go/format pass over
// the whole file, the dearest step on large schemas; a test checks that
// gofmt leaves the output unchanged.
type block struct {
	lines []blockLine
}

type blockLine struct {
	comment string // a comment line, or
	cells   []string
}

func (b *block) row(cells ...string) { b.lines = append(b.lines, blockLine{cells: cells}) }

func (b *block) comment(text string) {
	for _, l := range strings.Split(text, "\n") {
		b.lines = append(b.lines, blockLine{comment: strings.TrimRight("// "+l, " ")})
	}
}

func (g *generator) block(b *block) {
	for start := 0; start < len(b.lines); {
		if b.lines[start].cells == nil {
			g.printf("\t%s\n", b.lines[start].comment)
			start++
			continue
		}
		end := start
		var widths []int
		for ; end < len(b.lines) && b.lines[end].cells != nil; end++ {
			for i, c := range b.lines[end].cells {
				if i >= len(widths) {
					widths = append(widths, 0)
				}
				widths[i] = max(widths[i], utf8.RuneCountInString(c))
			}
		}
		for _, l := range b.lines[start:end] {
			g.buf.WriteByte('\t')
			for i, c := range l.cells {
				g.buf.WriteString(c)
				if i < len(l.cells)-1 {
					g.buf.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+1))
				}
			}
			g.buf.WriteByte('\n')
		}
		start = end
	}
}

func receiver(typeName string) string { return strings.ToLower(typeName[:1]) }

func (g *generator) table(t *model.Table) {
	name := g.structs[t]
	g.doc(name, t.Doc, fmt.Sprintf("%s is a row of table %s.", name, t.Name))
	g.printf("type %s struct {\n", name)
	var fields block
	for _, c := range t.Columns {
		if c.Doc != "" {
			fields.comment(c.Doc)
		}
		fields.row(exported(c.Name), g.goType(c), fmt.Sprintf("`db:%q json:%q`", c.Name, c.Name))
	}
	g.block(&fields)
	g.printf("}\n\n")

	g.printf("// Table and column names of %s.\nconst (\n", name)
	names := block{}
	names.row(name+"Table", fmt.Sprintf("= %q", t.Name))
	for _, c := range t.Columns {
		names.row(name+"Column"+exported(c.Name), fmt.Sprintf("= %q", c.Name))
	}
	g.block(&names)
	g.printf(")\n\n")

	if !slices.ContainsFunc(t.Columns, func(c *model.Column) bool { return c.PII }) {
		return
	}
	slog := g.use("log/slog")
	recv := receiver(name)
	g.printf("// LogValue implements slog.LogValuer: the PII columns are redacted.\n")
	g.printf("func (%s %s) LogValue() %s.Value {\n\treturn %s.GroupValue(\n", recv, name, slog, slog)
	for _, c := range t.Columns {
		if c.PII {
			g.printf("\t\t%s.String(%q, \"[redacted]\"),\n", slog, c.Name)
		} else {
			g.printf("\t\t%s.Any(%q, %s.%s),\n", slog, c.Name, recv, exported(c.Name))
		}
	}
	g.printf("\t)\n}\n\n")
}

// numericType is the configured Go type of numeric columns, qualified
// with its package name (decimal.Decimal), or "" for string.
func (g *generator) numericType() string {
	if g.s.Project == nil || g.s.Project.Generate.GoNumeric == "" {
		return ""
	}
	full := g.s.Project.Generate.GoNumeric
	dot := strings.LastIndexByte(full, '.')
	return g.use(full[:dot]) + full[dot:]
}

// goType maps a column to its Go type. Nullable scalars are pointers;
// slices, []byte and json.RawMessage stand for NULL with nil.
func (g *generator) goType(c *model.Column) string {
	base, nilable := g.scalar(c)
	if c.Type.Dims > 0 {
		return strings.Repeat("[]", c.Type.Dims) + base
	}
	if c.Nullable && !nilable {
		return "*" + base
	}
	return base
}

func (g *generator) scalar(c *model.Column) (goType string, nilable bool) {
	if e := g.s.EnumOf(c); e != nil {
		return g.enums[e], false
	}
	switch c.Type.Name {
	case "uuid":
		return g.use(uuidPath(g.s)) + ".UUID", false
	case "numeric":
		if n := g.numericType(); n != "" {
			return n, false
		}
		return "string", false
	case "text", "varchar", "char", "citext", "tsvector":
		return "string", false
	case "smallint":
		return "int16", false
	case "int", "serial":
		return "int32", false
	case "bigint", "bigserial":
		return "int64", false
	case "real":
		return "float32", false
	case "double":
		return "float64", false
	case "bool":
		return "bool", false
	case "date", "timestamp", "timestamptz":
		return g.use("time") + ".Time", false
	case "time":
		return g.use("github.com/jackc/pgx/v5/pgtype") + ".Time", false
	case "interval":
		return g.use("github.com/jackc/pgx/v5/pgtype") + ".Interval", false
	case "json", "jsonb":
		return g.use("encoding/json") + ".RawMessage", true
	case "bytea":
		return "[]byte", true
	case "inet", "cidr":
		return g.use("net/netip") + ".Prefix", false
	}
	return "any", true
}
