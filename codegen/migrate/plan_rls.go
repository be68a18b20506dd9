package migrate

import "github.com/dbspec/dbspec/codegen/postgres"

// planRowLevelSecurity enables and forces row-level security on a table
// that stays and becomes tenant-scoped, after its tenant column is filled
// in and its foreign key added; and turns it off on one that stops being
// tenant-scoped, once its policies are dropped. The policies themselves are
// objects of the table (planObjects).
func (p *planner) planRowLevelSecurity() {
	for _, tp := range p.tables {
		was, is := p.old.IsTenant(tp.old), p.new.IsTenant(tp.new)
		switch {
		case is && !was:
			table := p.nd.TableName(tp.new)
			p.add(phaseRowLevelSecurity, postgres.RowLevelSecurity(table), noRowLevelSecurity(table))
		case was && !is:
			table := p.od.TableName(tp.old)
			p.add(phaseDropPolicies, noRowLevelSecurity(table), postgres.RowLevelSecurity(table))
		}
	}
}

// noRowLevelSecurity undoes postgres.RowLevelSecurity.
func noRowLevelSecurity(table string) string {
	return "ALTER TABLE " + table + " NO FORCE ROW LEVEL SECURITY;\n" +
		"ALTER TABLE " + table + " DISABLE ROW LEVEL SECURITY;"
}
