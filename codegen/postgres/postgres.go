// Package postgres compiles a resolved schema to PostgreSQL 15 DDL.
//
// The DDL creates, in dependency order: the citext extension when a column
// uses it; the enum types; the shared objects (the updated_at trigger
// function, the RLS bypass role); then each table in source order with its
// constraints, indexes, comments, updated_at trigger and row-level security;
// and last the foreign keys, added with ALTER TABLE once every table exists,
// so that the order of tables and reference cycles never matter.
//
// Constraints and indexes get explicit names (users_pkey, users_email_key,
// tasks_tenant_id_due_at_idx, ...) from the helpers of package model, with a
// number appended to a repeated name as PostgreSQL does (_idx1).
//
// Identifiers are quoted only when PostgreSQL needs it: upper case, other
// characters than [a-z0-9_], or a keyword that is not unreserved.
// Expressions are printed from their syntax tree: enum members become string
// literals ('todo'), casts to dbspec types get their SQL spelling
// (::double precision), and raw SQL loses its backquotes and, when it is one
// operand among others, gains parentheses. Doc comments become COMMENT ON
// statements with standard string literals (quotes doubled, backslashes
// literal): the DDL assumes standard_conforming_strings, on by default since
// PostgreSQL 9.1.
//
// A table with an updated_at column of a date or time type gets a BEFORE
// UPDATE trigger that sets it to now(). A tenant table gets row-level
// security, enabled and forced, with the policy <table>_tenant_isolation on
// the tenant column against the project's setting and, when the project names
// a bypass role, the policy <table>_bypass for it; the role is created
// (NOLOGIN) unless it exists.
//
// DDL gives the same statements object by object (a table, a constraint,
// an index, a policy ...), for the migration planner of package migrate,
// which must write exactly what Schema writes.
package postgres

import (
	"strings"

	"github.com/dbspec/dbspec/codegen/files"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// Header is the first line of the generated DDL.
const Header = "-- " + files.Marker

// CreateCitext is the statement that creates the citext extension, which a
// schema needs when a column or a cast uses the type.
const CreateCitext = "CREATE EXTENSION IF NOT EXISTS citext;"

// Schema returns the DDL of s. The output depends only on s: the same
// schema always gives the same text.
func Schema(s *model.Schema) string {
	d := NewDDL(s)
	var b strings.Builder
	size := 0
	for _, f := range s.Files {
		size += len(f.Src)
	}
	b.Grow(size * 5 / 2) // DDL runs about twice the length of its source
	b.WriteString(Header + "\n")
	if d.UsesCitext() {
		b.WriteString("\n" + CreateCitext + "\n")
	}
	for _, e := range s.Enums {
		b.WriteString("\n" + Enum(e))
	}
	for _, shared := range []string{d.UpdatedAtFunction(), d.BypassRole()} {
		if shared != "" {
			b.WriteString("\n" + shared + "\n")
		}
	}
	for _, t := range s.Tables {
		b.WriteByte('\n')
		d.writeTable(&b, t)
	}
	sep := "\n"
	for _, t := range s.Tables {
		for _, fk := range d.ForeignKeys(t) {
			b.WriteString(sep)
			fk.writeCreate(&b, false)
			b.WriteByte('\n')
			writeComment(&b, fk)
			sep = ""
		}
	}
	return b.String()
}

// UsesCitext reports whether a column or a cast uses the citext type.
func (d *DDL) UsesCitext() bool {
	for _, t := range d.s.Tables {
		for _, c := range t.Columns {
			if c.Type.Name == "citext" {
				return true
			}
		}
		found := false
		for _, e := range t.Exprs() {
			if strings.Contains(e.Text, "citext") { // the cast's type is in the text
				e.Syntax.Casts(func(tn *lang.TypeName) { found = found || tn.Name.Name == "citext" })
			}
		}
		if found {
			return true
		}
	}
	return false
}

// Enum is the DDL of e: CREATE TYPE and its comment, each statement on a
// line of its own.
func Enum(e *model.Enum) string {
	values := make([]string, len(e.Values))
	for i, v := range e.Values {
		values[i] = v.Name
	}
	out := CreateEnum(e.Name, values) + "\n"
	if e.Doc != "" {
		out += CommentOn("TYPE", QuoteIdent(e.Name), e.Doc) + "\n"
	}
	return out
}

// CreateEnum is the statement that creates the enum type name with values.
func CreateEnum(name string, values []string) string {
	lits := make([]string, len(values))
	for i, v := range values {
		lits[i] = QuoteLiteral(v)
	}
	return "CREATE TYPE " + QuoteIdent(name) + " AS ENUM (" + strings.Join(lits, ", ") + ");"
}
