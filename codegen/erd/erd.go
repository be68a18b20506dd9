// Package erd draws a schema as a Mermaid entity-relationship diagram in a
// Markdown file: every table with its key columns, and every foreign key as
// a relation with its cardinality.
package erd

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dbspec/dbspec/codegen/files"
	"github.com/dbspec/dbspec/lang/model"
)

// Header is the first line of the generated file.
const Header = "<!-- " + files.Marker + " -->"

// Markdown returns the diagram page.
func Markdown(s *model.Schema) string {
	var b strings.Builder
	title := "Schema"
	if s.Project != nil && s.Project.Name != "" {
		title = "Schema " + s.Project.Name
	}
	fmt.Fprintf(&b, "%s\n\n# %s\n\n```mermaid\nerDiagram\n", Header, title)
	for _, t := range s.Tables {
		fmt.Fprintf(&b, "  %s {\n", t.Name)
		for _, c := range t.Columns {
			if keys := markers(t, c); keys != "" {
				fmt.Fprintf(&b, "    %s %s %s\n", typeWord(c.Type), c.Name, keys)
			}
		}
		b.WriteString("  }\n")
	}
	for _, t := range s.Tables {
		for _, fk := range t.ForeignKeys {
			ref := s.RefTable(fk)
			if ref == nil || len(fk.Columns) == 0 {
				continue
			}
			fmt.Fprintf(&b, "  %s %s %s : %q\n", t.Name, cardinality(t, fk), ref.Name, strings.Join(model.ColumnNames(fk.Columns), ", "))
		}
	}
	b.WriteString("```\n")
	return b.String()
}

// markers are the PK, FK and UK tags of a key column, or "" for others.
func markers(t *model.Table, c *model.Column) string {
	var m []string
	if t.PrimaryKey != nil && contains(t.PrimaryKey.Columns, c) {
		m = append(m, "PK")
	}
	for _, fk := range t.ForeignKeys {
		if contains(fk.Columns, c) {
			m = append(m, "FK")
			break
		}
	}
	for _, u := range t.Uniques {
		if len(u.Columns) == 1 && u.Columns[0] == c && u.Where == nil {
			m = append(m, "UK")
			break
		}
	}
	return strings.Join(m, ", ")
}

// cardinality is the Mermaid relation from the referencing table (left) to
// the referenced one: one-to-one when the foreign key is itself unique,
// otherwise many-to-one; the referenced side is optional when a key column
// is nullable.
func cardinality(t *model.Table, fk *model.ForeignKey) string {
	left := "}o"
	if isUnique(t, fk.Columns) {
		left = "|o"
	}
	right := "||"
	for _, c := range fk.Columns {
		if c.Nullable {
			right = "o|"
		}
	}
	return left + "--" + right
}

func isUnique(t *model.Table, cols []*model.Column) bool {
	keys := t.Uniques
	if t.PrimaryKey != nil {
		keys = append([]*model.Key{t.PrimaryKey}, keys...)
	}
	for _, k := range keys {
		if k.Where == nil && len(k.Columns) == len(cols) && all(cols, func(c *model.Column) bool { return contains(k.Columns, c) }) {
			return true
		}
	}
	return false
}

var nonWord = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// typeWord is the column type as one Mermaid word: numeric(12,2) becomes
// numeric, text[] becomes text_array.
func typeWord(t model.Type) string {
	w := nonWord.ReplaceAllString(t.Name, "_")
	return w + strings.Repeat("_array", t.Dims)
}

func contains(cols []*model.Column, c *model.Column) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}

func all(cols []*model.Column, pred func(*model.Column) bool) bool {
	for _, c := range cols {
		if !pred(c) {
			return false
		}
	}
	return true
}
