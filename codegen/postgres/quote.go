package postgres

import (
	"strings"
)

// QuoteIdent returns name as a PostgreSQL identifier: as is when it is a
// lower-case simple name that is not a keyword PostgreSQL reserves in some
// position, else in double quotes, with any double quote inside doubled.
func QuoteIdent(name string) string {
	if isPlainIdent(name) && !reserved[name] {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// isPlainIdent reports whether name is [a-z_][a-z0-9_]*, the names
// PostgreSQL reads back unchanged without quotes.
func isPlainIdent(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// QuoteLiteral returns s as a standard SQL string literal: in single quotes,
// each quote inside doubled and everything else, backslashes included,
// kept as is (standard_conforming_strings, on by default since PostgreSQL
// 9.1). PostgreSQL text cannot hold NUL bytes or invalid UTF-8, so NULs are
// dropped and invalid bytes become U+FFFD.
func QuoteLiteral(s string) string {
	s = strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD")
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// dollarQuote returns body as a dollar-quoted string whose tag does not
// occur in body.
func dollarQuote(body string) string {
	tag := "$$"
	for i := 0; strings.Contains(body, tag); i++ {
		tag = "$q" + strings.Repeat("q", i) + "$"
	}
	return tag + body + tag
}

// reserved holds the keywords of PostgreSQL 15 that are not unreserved
// (pg_get_keywords() catcode R, T and C): each is an error or a different
// meaning in some position where a table, column, type or index name
// may stand, so they are always quoted. TestReservedWords checks the list
// against the server.
var reserved = setOf(
	// R: reserved.
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
	"cast", "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
	"current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
	"desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
	"grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
	"limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
	"placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
	"table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
	"when", "where", "window", "with",
	// T: reserved, but can be a function or type name.
	"authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze",
	"full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer",
	"overlaps", "right", "similar", "tablesample", "verbose",
	// C: unreserved, but cannot be a function or type name.
	"between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal",
	"exists", "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval",
	"least", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay",
	"position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp",
	"treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
	"xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
