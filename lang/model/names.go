package model

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dbspec/dbspec/lang"
)

// MaxNameLen is the longest identifier PostgreSQL keeps, in bytes
// (NAMEDATALEN - 1). It silently truncates longer names, so two long names
// that share their first 63 bytes become one.
const MaxNameLen = 63

// The names of the constraints and indexes a table gets in the generated
// SQL follow PostgreSQL's own scheme (users_pkey, users_email_key,
// users_tenant_id_created_at_idx, users_tenant_id_fkey, users_age_check),
// shortened by TruncatedName when they are longer than MaxNameLen.

// PrimaryKeyName is the name of table's primary key: <table>_pkey.
func PrimaryKeyName(table string) string { return TruncatedName(ObjectName(table, nil, "pkey")) }

// UniqueName is the name of a unique constraint on cols of table:
// <table>_<col1>_<col2>_key.
func UniqueName(table string, cols []string) string {
	return TruncatedName(ObjectName(table, cols, "key"))
}

// IndexName is the name of an index of table without an explicit name, on
// its key columns cols: <table>_<col1>_<col2>_idx.
func IndexName(table string, cols []string) string {
	return TruncatedName(ObjectName(table, cols, "idx"))
}

// ForeignKeyName is the name of a foreign key from cols of table:
// <table>_<col1>_<col2>_fkey.
func ForeignKeyName(table string, cols []string) string {
	return TruncatedName(ObjectName(table, cols, "fkey"))
}

// CheckName is the name of a check constraint of table that names the
// columns cols, in the order they first appear in the expression:
// <table>_<col1>_<col2>_check, or <table>_check when it names none.
func CheckName(table string, cols []string) string {
	return TruncatedName(ObjectName(table, cols, "check"))
}

// CheckColumns are the columns of t that check e names, in the order they
// first appear in it: the columns CheckName takes.
func CheckColumns(t *Table, e *Expr) []string {
	var cols []string
	if e.Syntax != nil {
		e.Syntax.Names(func(id *lang.Ident) {
			if t.Column(id.Name) != nil && !slices.Contains(cols, id.Name) {
				cols = append(cols, id.Name)
			}
		})
	}
	return cols
}

// ObjectName is the full name of a constraint or index before shortening:
// table, cols and suffix joined by underscores.
func ObjectName(table string, cols []string, suffix string) string {
	var b strings.Builder
	b.WriteString(table)
	for _, c := range cols {
		b.WriteByte('_')
		b.WriteString(c)
	}
	b.WriteByte('_')
	b.WriteString(suffix)
	return b.String()
}

// maxKeptSuffix is the longest last word TruncatedName keeps: long enough
// for pkey, key, idx, fkey and check.
const maxKeptSuffix = 8

// TruncatedName returns name when it fits in MaxNameLen bytes. A longer name
// is shortened deterministically to exactly MaxNameLen bytes or fewer: a
// prefix of name, "_", eight hex digits of the FNV-1a hash of the whole
// name, and name's last word (after its last "_") when that word is at most
// eight bytes, as the _key of users_..._key is. Two long names that share a
// prefix thus stay distinct, and the kind of object stays visible.
func TruncatedName(name string) string {
	if len(name) <= MaxNameLen {
		return name
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	tail := fmt.Sprintf("_%08x", h.Sum32())
	prefix := name
	if i := strings.LastIndexByte(name, '_'); i > 0 && i < len(name)-1 && len(name)-i-1 <= maxKeptSuffix {
		prefix, tail = name[:i], tail+name[i:]
	}
	keep := MaxNameLen - len(tail)
	for keep > 0 && !utf8.RuneStart(prefix[keep]) {
		keep--
	}
	return strings.TrimRight(prefix[:keep], "_") + tail
}
