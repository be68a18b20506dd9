package postgres

import "github.com/dbspec/dbspec/lang/model"

// tableComments writes the doc comments of t and its columns as COMMENT ON.
func (g *generator) tableComments(t *model.Table) {
	table := QuoteIdent(t.Name)
	g.comment("TABLE", table, t.Doc)
	for _, c := range t.Columns {
		if !c.Incomplete {
			g.comment("COLUMN", table+"."+QuoteIdent(c.Name), c.Doc)
		}
	}
}

// comment writes COMMENT ON kind object IS 'doc' when doc is not empty.
// The doc is one string literal, so no text in it can end the statement.
func (g *generator) comment(kind, object, doc string) {
	if doc != "" {
		g.line("COMMENT ON ", kind, " ", object, " IS ", quoteLiteral(doc), ";")
	}
}
