package postgres

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// writeTableComments writes the doc comments of t and its columns as
// COMMENT ON statements, one a line.
func (d *DDL) writeTableComments(b *strings.Builder, t *model.Table) {
	table := d.TableName(t)
	if t.Doc != "" {
		b.WriteString(CommentOn("TABLE", table, t.Doc))
		b.WriteByte('\n')
	}
	for _, c := range t.Columns {
		if !c.Incomplete && c.Doc != "" {
			b.WriteString(CommentOn("COLUMN", table+"."+d.ColumnName(c), c.Doc))
			b.WriteByte('\n')
		}
	}
}

// CommentOn is the statement COMMENT ON kind object IS 'doc', or IS NULL
// when doc is empty, which removes the comment. The doc is one string
// literal, so no text in it can end the statement.
func CommentOn(kind, object, doc string) string {
	lit := "NULL"
	if doc != "" {
		lit = QuoteLiteral(doc)
	}
	return "COMMENT ON " + kind + " " + object + " IS " + lit + ";"
}
