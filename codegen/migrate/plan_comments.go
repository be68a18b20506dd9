package migrate

import "github.com/dbspec/dbspec/codegen/postgres"

// planComments plans the doc comments of the tables and columns that stay
// (COMMENT ON ... IS NULL removes one). New tables and columns come with
// their comments, dropped ones take theirs along, renamed ones keep theirs,
// and enums have theirs planned with them (planEnums).
func (p *planner) planComments() {
	for _, tp := range p.tables {
		table := p.nd.TableName(tp.new)
		if tp.old.Doc != tp.new.Doc {
			p.add(phaseComments, postgres.CommentOn("TABLE", table, tp.new.Doc), postgres.CommentOn("TABLE", table, tp.old.Doc))
		}
		for _, cp := range tp.cols {
			if cp.old.Doc != cp.new.Doc {
				col := table + "." + p.nd.ColumnName(cp.new)
				p.add(phaseComments, postgres.CommentOn("COLUMN", col, cp.new.Doc), postgres.CommentOn("COLUMN", col, cp.old.Doc))
			}
		}
	}
}
