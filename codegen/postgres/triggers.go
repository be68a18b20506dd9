package postgres

import "github.com/dbspec/dbspec/lang/model"

// updatedAtFunc is the trigger function shared by every table with an
// updated_at column.
const updatedAtFunc = "dbspec_set_updated_at"

// hasUpdatedAt reports whether t has a column updated_at of a date or time
// type, which its trigger keeps current.
func hasUpdatedAt(t *model.Table) bool {
	c := t.Column("updated_at")
	if c == nil || c.Incomplete || c.Type.Dims > 0 {
		return false
	}
	switch c.Type.Name {
	case "timestamptz", "timestamp", "date":
		return true
	}
	return false
}

// updatedAtFunction writes the trigger function when a table needs it.
func (g *generator) updatedAtFunction() {
	for _, t := range g.s.Tables {
		if hasUpdatedAt(t) {
			g.line("")
			g.line("CREATE OR REPLACE FUNCTION ", updatedAtFunc, "() RETURNS trigger")
			g.line("LANGUAGE plpgsql AS $$")
			g.line("BEGIN")
			g.line("  NEW.updated_at = now();")
			g.line("  RETURN NEW;")
			g.line("END")
			g.line("$$;")
			return
		}
	}
}

// updatedAtTrigger writes the BEFORE UPDATE trigger that sets updated_at.
func (g *generator) updatedAtTrigger(t *model.Table) {
	if hasUpdatedAt(t) {
		name := model.TruncatedName(t.Name + "_set_updated_at")
		g.line("CREATE TRIGGER ", QuoteIdent(name), " BEFORE UPDATE ON ", QuoteIdent(t.Name),
			" FOR EACH ROW EXECUTE FUNCTION ", updatedAtFunc, "();")
	}
}
