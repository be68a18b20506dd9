package analysis

import (
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// NamingTooLong flags names longer than PostgreSQL's 63 bytes, written or
// generated.
var NamingTooLong = &Rule{
	Name:     "naming/too-long",
	Summary:  "a name, or the generated name of a constraint or index, is longer than 63 bytes",
	Severity: model.Error,
	Doc: `PostgreSQL keeps at most 63 bytes of a name and silently drops the rest.
Two long names that share their first 63 bytes become one (the second
` + "`CREATE`" + ` fails), and the name in the database is not the name in the schema,
so every later migration that names it misses. An enum value longer than 63
bytes is rejected outright.

This rule reports every table, column, enum, enum value and index name over
63 bytes. It also reports the constraint and index names dbspec generates
(` + "`<table>_pkey`" + `, ` + "`<table>_<columns>_key`" + `, ` + "`_idx`" + `, ` + "`_fkey`" + `, ` + "`_check`" + `) when
they are too long: dbspec then shortens them to a prefix and a hash
(` + "`orders_customer_reference_number_..._3f2a9c1e_key`" + `), which works but is
hard to recognize in an error message or a query plan. Give the index a
short explicit name, or shorten the table or column names.

Bad:

` + "```dbspec" + `
table customer_subscription_billing_periods {
  id                                   uuid pk
  external_billing_provider_invoice_id text
  index (external_billing_provider_invoice_id)
}
` + "```" + `

Good:

` + "```dbspec" + `
table customer_subscription_billing_periods {
  id                                   uuid pk
  external_billing_provider_invoice_id text
  index billing_periods_invoice_idx (external_billing_provider_invoice_id)
}
` + "```" + `

For an index the fix names it with its shortened name, which you can then
edit; names you wrote must be shortened by hand.

Suppress with ` + "`// dbspec:ignore naming/too-long the hashed constraint name is fine`" + `.`,
	Run: func(pass *Pass) {
		eachDeclaredName(pass.Schema, func(d declaredName) {
			if len(d.name) > model.MaxNameLen {
				pass.Reportf(pass.Loc(d.site), nil, "%s is %d bytes: PostgreSQL keeps only the first %d", d, len(d.name), model.MaxNameLen)
			}
		})
		rn := newRenamer(pass.Schema)
		for _, t := range pass.Schema.Tables {
			if len(t.Name) > model.MaxNameLen {
				continue // reported above; its generated names follow it
			}
			longGeneratedNames(t, func(g generatedName) {
				if anyTooLong(g.cols) {
					return // the column is reported
				}
				full := model.ObjectName(t.Name, g.cols, g.suffix)
				short := model.TruncatedName(full)
				var fixes []Fix
				if g.index != nil {
					fixes = rn.nameIndex(g.index, short)
				}
				pass.Reportf(pass.Loc(g.site), fixes, "the generated name of %s of table %q is %d bytes, over PostgreSQL's %d: it is shortened to %q",
					g.what, t.Name, len(full), model.MaxNameLen, short)
			})
		}
	},
}

// generatedName is a constraint or index whose name dbspec generates.
type generatedName struct {
	what   string   // for messages: "unique (a, b)"
	cols   []string // the columns its name lists
	suffix string   // pkey, key, idx, fkey or check
	site   model.Site
	index  *model.Index // an index without a name
}

// longGeneratedNames calls f with each constraint and index of t whose name
// dbspec generates, as lang/model's PrimaryKeyName, UniqueName, IndexName,
// ForeignKeyName and CheckName do, and would be over 63 bytes unshortened.
// It measures before it builds anything: most names are short.
func longGeneratedNames(t *model.Table, f func(generatedName)) {
	long := func(colsLen int, suffix string) bool { // <table>_<col>..._<suffix>
		return len(t.Name)+colsLen+1+len(suffix) > model.MaxNameLen
	}
	if pk := t.PrimaryKey; pk != nil && long(0, "pkey") {
		f(generatedName{what: "the primary key", suffix: "pkey", site: pk.Site})
	}
	for _, k := range t.Uniques {
		if long(columnsLen(k.Columns), "key") {
			f(generatedName{what: "unique (" + columnNames(k.Columns) + ")", cols: model.ColumnNames(k.Columns), suffix: "key", site: k.Site})
		}
	}
	for _, ix := range t.Indexes {
		n := 0
		for _, c := range ix.Columns {
			n += len(c.Column.Name) + 1
		}
		if ix.Name == "" && long(n, "idx") {
			cols := indexColumnNames(ix)
			f(generatedName{what: "index (" + strings.Join(cols, ", ") + ")", cols: cols, suffix: "idx", site: ix.Site, index: ix})
		}
	}
	for _, fk := range t.ForeignKeys {
		if long(columnsLen(fk.Columns), "fkey") {
			cols := model.ColumnNames(fk.Columns)
			f(generatedName{what: "foreign key (" + strings.Join(cols, ", ") + ")", cols: cols, suffix: "fkey", site: fk.Site})
		}
	}
	check := func(e *model.Expr) {
		// The names a check lists appear in its text, each followed by
		// another character or the end: len(text)+1 bounds their length.
		if long(len(e.Text)+1, "check") {
			if cols := model.CheckColumns(t, e); long(namesLen(cols), "check") {
				f(generatedName{what: "a check", cols: cols, suffix: "check", site: e.Site})
			}
		}
	}
	for _, e := range t.Checks {
		check(e)
	}
	for _, c := range t.Columns {
		for _, e := range c.Checks {
			check(e)
		}
	}
}

// namesLen is the length of names, each with the "_" before it.
func namesLen(names []string) int {
	n := 0
	for _, s := range names {
		n += len(s) + 1
	}
	return n
}

// columnsLen is the length of the names of cols, each with the "_" before
// it.
func columnsLen(cols []*model.Column) int {
	n := 0
	for _, c := range cols {
		n += len(c.Name) + 1
	}
	return n
}

// anyTooLong reports whether a name is over 63 bytes.
func anyTooLong(names []string) bool {
	for _, n := range names {
		if len(n) > model.MaxNameLen {
			return true
		}
	}
	return false
}
