package model

import (
	"fmt"
	"strconv"
	"strings"
)

// builtin maps each built-in type name, aliases included, to its normalized
// name and the number of arguments it accepts.
var builtin = map[string]struct {
	name    string
	maxArgs int
}{
	"uuid": {"uuid", 0}, "text": {"text", 0}, "citext": {"citext", 0},
	"varchar": {"varchar", 1}, "char": {"char", 1},
	"smallint": {"smallint", 0}, "int": {"int", 0}, "integer": {"int", 0}, "bigint": {"bigint", 0},
	"serial": {"serial", 0}, "bigserial": {"bigserial", 0},
	"real": {"real", 0}, "double": {"double", 0},
	"numeric": {"numeric", 2}, "decimal": {"numeric", 2},
	"bool": {"bool", 0}, "boolean": {"bool", 0},
	"date": {"date", 0}, "time": {"time", 1}, "timestamp": {"timestamp", 1},
	"timestamptz": {"timestamptz", 1}, "interval": {"interval", 0},
	"json": {"json", 0}, "jsonb": {"jsonb", 0}, "bytea": {"bytea", 0},
	"inet": {"inet", 0}, "cidr": {"cidr", 0}, "tsvector": {"tsvector", 0},
}

// BuiltinTypes lists the built-in type names as written, aliases included.
func BuiltinTypes() []string {
	names := make([]string, 0, len(builtin))
	for n := range builtin {
		names = append(names, n)
	}
	return names
}

// IsBuiltin reports whether name is a built-in type or alias.
func IsBuiltin(name string) bool {
	_, ok := builtin[name]
	return ok
}

// String renders the type in dbspec syntax, e.g. "numeric(12,2)" or "text[]".
func (t Type) String() string {
	var b strings.Builder
	b.WriteString(t.Name)
	if len(t.Args) > 0 {
		b.WriteByte('(')
		for i, a := range t.Args {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(a))
		}
		b.WriteByte(')')
	}
	for range t.Dims {
		b.WriteString("[]")
	}
	return b.String()
}

// Equal reports whether two types are the same type.
func (t Type) Equal(u Type) bool {
	if t.Name != u.Name || t.Dims != u.Dims || len(t.Args) != len(u.Args) {
		return false
	}
	for i := range t.Args {
		if t.Args[i] != u.Args[i] {
			return false
		}
	}
	return true
}

// IsInteger reports whether the type is one of the integer types.
func (t Type) IsInteger() bool {
	switch t.Name {
	case "smallint", "int", "bigint", "serial", "bigserial":
		return t.Dims == 0
	}
	return false
}

// checkArgs validates the arguments of a built-in type (its normalized name).
func checkArgs(written, name string, maxArgs int, args []int) error {
	if len(args) > maxArgs {
		if maxArgs == 0 {
			return fmt.Errorf("type %s takes no arguments", written)
		}
		return fmt.Errorf("type %s takes at most %s", written, plural(maxArgs, "argument"))
	}
	if len(args) == 0 {
		return nil
	}
	switch name {
	case "varchar", "char":
		if args[0] < 1 {
			return fmt.Errorf("%s(%d): the length must be at least 1", written, args[0])
		}
	case "numeric":
		if args[0] < 1 || args[0] > 1000 {
			return fmt.Errorf("%s(%d): the precision must be between 1 and 1000", written, args[0])
		}
		if len(args) == 2 && args[1] > args[0] {
			return fmt.Errorf("%s(%d,%d): the scale cannot exceed the precision", written, args[0], args[1])
		}
	case "time", "timestamp", "timestamptz":
		if args[0] > 6 {
			return fmt.Errorf("%s(%d): the precision must be between 0 and 6", written, args[0])
		}
	}
	return nil
}

// catalogTypes are PostgreSQL's built-in type names that dbspec does not
// spell (its own names and aliases are in builtin). A type of the schema
// with one of these names is shadowed: pg_catalog comes first in every
// search path.
var catalogTypes = map[string]bool{
	"int2": true, "int4": true, "int8": true, "float4": true, "float8": true, "bpchar": true,
	"timetz": true, "money": true, "name": true, "oid": true, "xml": true, "bit": true,
	"varbit": true, "point": true, "line": true, "box": true, "path": true, "polygon": true,
	"circle": true, "macaddr": true, "tsquery": true, "jsonpath": true, "record": true,
}
