package postgres

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// UpdatedAtFunc is the trigger function shared by every table with an
// updated_at column.
const UpdatedAtFunc = "dbspec_set_updated_at"

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

// UpdatedAtFunction is the statement that creates the trigger function, or
// "" when no table needs it.
func (d *DDL) UpdatedAtFunction() string {
	for _, t := range d.s.Tables {
		if hasUpdatedAt(t) {
			return strings.Join([]string{
				"CREATE OR REPLACE FUNCTION " + UpdatedAtFunc + "() RETURNS trigger",
				"LANGUAGE plpgsql AS $$",
				"BEGIN",
				"  NEW.updated_at = now();",
				"  RETURN NEW;",
				"END",
				"$$;",
			}, "\n")
		}
	}
	return ""
}

// Trigger is the BEFORE UPDATE trigger that sets the updated_at column of
// t, if it has one.
func (d *DDL) Trigger(t *model.Table) (Object, bool) {
	if !hasUpdatedAt(t) {
		return Object{}, false
	}
	table := d.TableName(t)
	return Object{Kind: Trigger, Table: table, Name: model.TruncatedName(d.tableName(t) + "_set_updated_at"),
		Def: "BEFORE UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + UpdatedAtFunc + "()", Source: t}, true
}
