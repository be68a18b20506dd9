package postgres

import (
	"fmt"

	"github.com/dbspec/dbspec/lang/model"
)

func (g *generator) tenancy() *model.Tenancy {
	if g.s.Project == nil {
		return nil
	}
	return g.s.Project.Tenancy
}

// bypassRole creates the bypass role unless it exists, when a policy will
// name it. Roles belong to the cluster, not the database, so it may well
// exist; creating it needs the CREATEROLE privilege. The role can't log in:
// grant it to the roles that may bypass the tenant policies.
func (g *generator) bypassRole() {
	tn := g.tenancy()
	if tn == nil || tn.Bypass == "" || !g.hasTenantTable() {
		return
	}
	body := fmt.Sprintf(" BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %s) THEN CREATE ROLE %s NOLOGIN; END IF; END ",
		quoteLiteral(tn.Bypass), QuoteIdent(tn.Bypass))
	g.line("")
	g.line("DO ", dollarQuote(body), ";")
}

func (g *generator) hasTenantTable() bool {
	for _, t := range g.s.Tables {
		if g.s.IsTenant(t) {
			return true
		}
	}
	return false
}

// rowLevelSecurity enables and forces row-level security on a tenant table
// (FORCE: the table's owner is filtered too) and adds its policies: one
// that lets a session see and write only the rows of the tenant its setting
// names, and one that lets the bypass role see and write every row.
//
// current_setting(name, true) is NULL while the session never set the
// setting, and the empty string once a transaction-local value of it has
// ended; NULLIF makes both NULL, so that a session without a tenant sees no
// rows and can write none, instead of failing on the cast. A table without
// the tenant column (an error the analyzer reports) gets no tenant policy:
// nobody but the bypass role sees its rows.
func (g *generator) rowLevelSecurity(t *model.Table) {
	if !g.s.IsTenant(t) {
		return
	}
	tn := g.tenancy()
	table := QuoteIdent(t.Name)
	g.line("ALTER TABLE ", table, " ENABLE ROW LEVEL SECURITY;")
	g.line("ALTER TABLE ", table, " FORCE ROW LEVEL SECURITY;")
	if c := t.Column(tn.Column); c != nil && !c.Incomplete {
		pred := fmt.Sprintf("%s = NULLIF(current_setting(%s, true), '')::%s", QuoteIdent(c.Name), quoteLiteral(tn.Setting), ColumnType(c.Type))
		g.line("CREATE POLICY ", QuoteIdent(model.TruncatedName(t.Name+"_tenant_isolation")), " ON ", table,
			" FOR ALL USING (", pred, ") WITH CHECK (", pred, ");")
	}
	if tn.Bypass != "" {
		g.line("CREATE POLICY ", QuoteIdent(model.TruncatedName(t.Name+"_bypass")), " ON ", table,
			" FOR ALL TO ", QuoteIdent(tn.Bypass), " USING (true) WITH CHECK (true);")
	}
}
