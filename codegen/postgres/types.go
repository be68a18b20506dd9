package postgres

import (
	"strconv"
	"strings"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// sqlTypeNames maps the dbspec type names, aliases included, whose
// PostgreSQL spelling differs. Every other built-in type is spelled the
// same in both.
var sqlTypeNames = map[string]string{
	"int":     "integer",
	"integer": "integer",
	"bool":    "boolean",
	"boolean": "boolean",
	"double":  "double precision",
	"decimal": "numeric",
}

// ColumnType returns the PostgreSQL type of column c of s: built-in types
// in their SQL spelling with their arguments, enums by their quoted name,
// and a [] for each array dimension, e.g. "numeric(12,2)",
// "double precision[]".
func ColumnType(s *model.Schema, c *model.Column) string {
	t := c.Type
	if e := s.EnumOf(c); e != nil {
		return typeSQL(QuoteIdent(e.Name), nil, t.Dims)
	}
	args := make([]string, len(t.Args))
	for i, a := range t.Args {
		args[i] = strconv.Itoa(a)
	}
	return typeSQL(builtinName(t.Name), args, t.Dims)
}

// castType returns the PostgreSQL type of a ::cast in an expression.
func castType(s *model.Schema, tn *lang.TypeName) string {
	name := tn.Name.Name
	switch {
	case model.IsBuiltin(name):
		name = builtinName(name)
	case s.Enum(name) != nil:
		name = QuoteIdent(name)
	}
	return typeSQL(name, tn.Args, tn.Dims())
}

func builtinName(name string) string {
	if sql, ok := sqlTypeNames[name]; ok {
		return sql
	}
	return name
}

func typeSQL(name string, args []string, dims int) string {
	if len(args) > 0 {
		name += "(" + strings.Join(args, ",") + ")"
	}
	return name + strings.Repeat("[]", dims)
}
