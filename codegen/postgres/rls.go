package postgres

import (
	"fmt"

	"github.com/dbspec/dbspec/lang/model"
)

// BypassRole is the statement that creates the bypass role unless it
// exists, when a policy will name it, or "". Roles belong to the cluster,
// not the database, so it may well exist; creating it needs the CREATEROLE
// privilege. The role can't log in: grant it to the roles that may bypass
// the tenant policies.
func (d *DDL) BypassRole() string {
	tn := d.s.Tenancy()
	if tn == nil || tn.Bypass == "" || !d.hasTenantTable() {
		return ""
	}
	body := fmt.Sprintf(" BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %s) THEN CREATE ROLE %s NOLOGIN; END IF; END ",
		QuoteLiteral(tn.Bypass), QuoteIdent(tn.Bypass))
	return "DO " + dollarQuote(body) + ";"
}

func (d *DDL) hasTenantTable() bool {
	for _, t := range d.s.Tables {
		if d.s.IsTenant(t) {
			return true
		}
	}
	return false
}

// RowLevelSecurity are the statements that enable and force row-level
// security on table, a quoted name (FORCE: the table's owner is filtered
// too), one a line.
func RowLevelSecurity(table string) string {
	return "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY;\n" +
		"ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY;\n"
}

// Policies are the row-level security policies of t, none unless it is a
// tenant table: one that lets a session see and write only the rows of the
// tenant its setting names, and one that lets the bypass role see and write
// every row.
//
// current_setting(name, true) is NULL while the session never set the
// setting, and the empty string once a transaction-local value of it has
// ended; NULLIF makes both NULL, so that a session without a tenant sees no
// rows and can write none, instead of failing on the cast. A table without
// the tenant column (an error the analyzer reports) gets no tenant policy:
// nobody but the bypass role sees its rows.
func (d *DDL) Policies(t *model.Table) []Object {
	if !d.s.IsTenant(t) {
		return nil
	}
	var out []Object
	tn := d.s.Tenancy()
	table := d.TableName(t)
	if c := t.Column(tn.Column); c != nil && !c.Incomplete {
		pred := fmt.Sprintf("%s = NULLIF(current_setting(%s, true), '')::%s", d.ColumnName(c), QuoteLiteral(tn.Setting), ColumnType(d.s, c))
		out = append(out, Object{Kind: Policy, Table: table, Name: model.TruncatedName(d.tableName(t) + "_tenant_isolation"),
			Def: "ON " + table + " FOR ALL USING (" + pred + ") WITH CHECK (" + pred + ")", Source: t})
	}
	if tn.Bypass != "" {
		out = append(out, Object{Kind: Policy, Table: table, Name: model.TruncatedName(d.tableName(t) + "_bypass"),
			Def: "ON " + table + " FOR ALL TO " + QuoteIdent(tn.Bypass) + " USING (true) WITH CHECK (true)", Source: t})
	}
	return out
}
