package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// Helpers that read meaning from names and types, shared by the
// normalization and security rules.

// nameWords splits an identifier into lower-case words at underscores and
// at camelCase humps: "billing_email" and "billingEmail" both give
// [billing email], "IPAddress" gives [ip address].
func nameWords(name string) []string {
	var words []string
	start := 0
	flush := func(end int) {
		if end > start {
			words = append(words, strings.ToLower(name[start:end]))
		}
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_':
			flush(i)
			start = i + 1
		case isUpper(c) && i > start && (!isUpper(name[i-1]) || i+1 < len(name) && isLower(name[i+1])):
			flush(i)
			start = i
		}
	}
	flush(len(name))
	return words
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// endsWith reports whether words ends with the words of suffix.
func endsWith(words []string, suffix ...string) bool {
	return len(suffix) <= len(words) && slices.Equal(words[len(words)-len(suffix):], suffix)
}

// isTextType reports whether t is a scalar string type.
func isTextType(t model.Type) bool {
	switch t.Name {
	case "text", "varchar", "char", "citext":
		return t.Dims == 0
	}
	return false
}

// isKeyType reports whether t can hold a row's surrogate key: uuid or an
// integer.
func isKeyType(t model.Type) bool { return t.Dims == 0 && (t.Name == "uuid" || t.IsInteger()) }

// sameData reports whether a column of type a can hold a copy of a column of
// type b: the same type, or two string types.
func sameData(a, b model.Type) bool {
	return a.Equal(b) || isTextType(a) && isTextType(b)
}

// tableNameFor names a new table for a singular snake_case noun, plural or
// singular as the project's naming block asks.
func tableNameFor(s *model.Schema, noun string) string {
	if !pluralTables(s) {
		return noun
	}
	return model.Plural(noun)
}
