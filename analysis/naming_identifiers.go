package analysis

import (
	"fmt"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// Helpers of the naming rules: the names a schema declares, snake_case, and
// PostgreSQL's reserved words.

// declaredName is a name the schema declares: of a table, a column, an
// enum, an enum value or an index.
type declaredName struct {
	kind  string // "table", "column", "enum", "value" or "index"
	name  string
	site  model.Site   // the name
	sym   model.Symbol // nil for an index
	table *model.Table // of a column or an index
	index *model.Index
}

// String describes the name for a message: column "userId" of table "users".
func (d declaredName) String() string {
	switch d.kind {
	case "column", "index":
		return fmt.Sprintf("%s %q of table %q", d.kind, d.name, d.table.Name)
	case "value":
		return fmt.Sprintf("value %q of enum %q", d.name, d.sym.(*model.EnumValue).Enum.Name)
	}
	return fmt.Sprintf("%s %q", d.kind, d.name)
}

// eachDeclaredName calls f with each name that schema s declares: each
// table with its columns and explicit index names, then each enum with its
// values.
func eachDeclaredName(s *model.Schema, f func(declaredName)) {
	for _, t := range s.Tables {
		f(declaredName{kind: "table", name: t.Name, site: t.Site, sym: t, table: t})
		for _, c := range t.Columns {
			f(declaredName{kind: "column", name: c.Name, site: c.Site, sym: c, table: t})
		}
		for _, ix := range t.Indexes {
			if site, ok := indexNameSite(ix); ok {
				f(declaredName{kind: "index", name: ix.Name, site: site, table: t, index: ix})
			}
		}
	}
	for _, e := range s.Enums {
		f(declaredName{kind: "enum", name: e.Name, site: e.Site, sym: e})
		for _, v := range e.Values {
			f(declaredName{kind: "value", name: v.Name, site: v.Site, sym: v})
		}
	}
}

// indexNameSite is where the explicit name of index ix is written.
func indexNameSite(ix *model.Index) (model.Site, bool) {
	if ix.Syntax.Name == nil {
		return model.Site{}, false
	}
	return model.Site{Chunk: ix.Table.Chunk, Span: ix.Syntax.Name.Span()}, true
}

// indexColumnNames lists the names of the key columns of index ix.
func indexColumnNames(ix *model.Index) []string {
	names := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		names[i] = c.Column.Name
	}
	return names
}

// isSnakeCase reports whether name is lower snake_case:
// [a-z][a-z0-9]*(_[a-z0-9]+)*.
func isSnakeCase(name string) bool {
	if name == "" || name[0] < 'a' || name[0] > 'z' || name[len(name)-1] == '_' {
		return false
	}
	for i := 1; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' && name[i-1] != '_') {
			return false
		}
	}
	return true
}

// snakeCase converts a name to snake_case: userID -> user_id, HTTPServer ->
// http_server, Order__Lines -> order_lines. It returns "" when the result
// would not start with a letter.
func snakeCase(name string) string {
	s := strings.Join(nameWords(name), "_")
	if !isSnakeCase(s) {
		return ""
	}
	return s
}

// asSnakeCase is name when it is snake_case, else snakeCase(name).
func asSnakeCase(name string) string {
	if isSnakeCase(name) {
		return name
	}
	return snakeCase(name)
}

// firstAndLastWord returns the first and the last word of a name of two
// words or more, lower case, or "", "" for a one-word name. It allocates
// only for names that are not snake_case.
func firstAndLastWord(name string) (first, last string) {
	if isSnakeCase(name) {
		i, j := strings.IndexByte(name, '_'), strings.LastIndexByte(name, '_')
		if i < 0 {
			return "", ""
		}
		return name[:i], name[j+1:]
	}
	words := nameWords(name)
	if len(words) < 2 {
		return "", ""
	}
	return words[0], words[len(words)-1]
}

// pluralTables reports whether the project wants plural table names (the
// default) rather than singular ones.
func pluralTables(s *model.Schema) bool {
	return s.Project == nil || s.Project.Naming.Tables != "singular"
}

// reservedWords are the key words that PostgreSQL 15 reserves, including
// those it allows only as function or type names (Appendix C, "reserved"
// and "reserved (can be function or type)"). A table, column or index with
// one of these names must be double-quoted in every query.
var reservedWords = wordSet(`
	all analyse analyze and any array as asc asymmetric authorization binary
	both case cast check collate collation column concurrently constraint
	create cross current_catalog current_date current_role current_schema
	current_time current_timestamp current_user default deferrable desc
	distinct do else end except false fetch for foreign freeze from full grant
	group having ilike in initially inner intersect into is isnull join lateral
	leading left like limit localtime localtimestamp natural not notnull null
	offset on only or order outer overlaps placing primary references
	returning right select session_user similar some symmetric table
	tablesample then to trailing true union unique user using variadic verbose
	when where window with`)

// wordSet makes a set of the space-separated words.
func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}
