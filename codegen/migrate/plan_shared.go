package migrate

import "github.com/dbspec/dbspec/codegen/postgres"

// planShared plans the objects several tables share: the citext extension,
// the updated_at trigger function and the bypass role.
//
// The extension is created when new needs it and old did not, and dropped
// again going down, unless something else uses it; it is kept when new no
// longer needs it, as other objects of the database may well use it. The
// function is created when the first table with updated_at appears and
// dropped after the last one goes. The bypass role belongs to the cluster,
// not the database: it is created unless it exists, and never dropped.
func (p *planner) planShared() {
	if p.nd.UsesCitext() && !p.od.UsesCitext() {
		p.add(phaseShared, postgres.CreateCitext, "DROP EXTENSION IF EXISTS citext;")
	}
	oldFn, newFn := p.od.UpdatedAtFunction(), p.nd.UpdatedAtFunction()
	dropFn := "DROP FUNCTION " + postgres.UpdatedAtFunc + "();"
	switch {
	case newFn != "" && oldFn == "":
		p.add(phaseShared, newFn, dropFn)
	case newFn == "" && oldFn != "":
		p.add(phaseDropShared, dropFn, oldFn)
	}
	if role := p.nd.BypassRole(); role != "" && role != p.od.BypassRole() {
		p.add(phaseShared, role, "")
	}
}
