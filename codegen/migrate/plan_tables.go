package migrate

import "github.com/dbspec/dbspec/codegen/postgres"

// planTables plans the tables created, dropped and renamed. A table is
// created with everything Schema writes for it but its foreign keys, and
// dropped with everything it has; its foreign keys are added after every
// table exists and dropped before any table goes (planObjects). Going down,
// a dropped table is re-created empty.
func (p *planner) planTables() {
	for _, t := range p.dropped {
		p.add(phaseDropTables, "DROP TABLE "+p.od.TableName(t)+";",
			cannotRestore("table "+t.Name)+"\n"+p.od.Table(t))
	}
	for _, tp := range p.tables {
		if tp.renamed() {
			p.rename(phaseRenameTables, "", tp.old.Name, tp.new.Name, func(from, to string) string {
				return "ALTER TABLE " + postgres.QuoteIdent(from) + " RENAME TO " + postgres.QuoteIdent(to) + ";"
			})
		}
	}
	for _, t := range p.created {
		p.add(phaseCreateTables, p.nd.Table(t), "DROP TABLE "+p.nd.TableName(t)+";")
	}
}

// cannotRestore is the comment of a down migration that re-creates what
// the up migration dropped, but not its data.
func cannotRestore(what string) string {
	return "-- dbspec: cannot restore the data of " + what
}
