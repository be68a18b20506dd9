package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang"
)

// Project is the schema's project block.
type Project struct {
	Name     string
	Loc      Loc
	Decl     lang.Decl
	DeclLoc  Loc
	Doc      string
	Dialect  string
	Tenancy  *Tenancy // nil when the schema is not multi-tenant
	Naming   Naming
	Rules    []RuleSetting
	Generate Generate
}

// Tenancy configures multi-tenancy: the tenant column and the root table.
type Tenancy struct {
	Column  string // the tenant column, e.g. tenant_id
	Root    string // the tenant table, e.g. tenants
	Setting string // the setting RLS policies read, e.g. app.tenant_id
	Bypass  string // optional role that bypasses RLS
	Loc     Loc    // the tenancy key
	RootLoc Loc
}

// Naming configures the naming rules.
type Naming struct {
	Tables string // "plural" (the default) or "singular"
}

// RuleSetting is one line of the rules block: a rule name or category/* glob
// and a severity.
type RuleSetting struct {
	Pattern  string
	Severity string // error, warning, info, hint or off
	Loc      Loc    // the pattern
	ValueLoc Loc    // the severity
}

// Generate says where generated files go, relative to the schema directory.
type Generate struct {
	Migrations       string
	MigrationsFormat string // golang-migrate (default) or goose
	Schema           string
	GoDir            string
	GoPackage        string
	GoUUID           string // import path of the uuid package
	GoNumeric        string // the Go type of numeric columns, as import/path.Type; "" for string
	ERD              string
}

// IsTenant reports whether t is scoped to a tenant: the project declares
// tenancy, and t is neither global nor the tenant root.
func (s *Schema) IsTenant(t *Table) bool {
	tn := s.Tenancy()
	return tn != nil && !t.Global && t.Name != tn.Root
}

// Tenancy is the project's tenancy settings, nil without them.
func (s *Schema) Tenancy() *Tenancy {
	if s.Project == nil {
		return nil
	}
	return s.Project.Tenancy
}

// setting is one key of a project block with the shape of its values.
type setting struct {
	values int                                             // number of values, -1: a nested block
	apply  func(p *Project, v []string, locs []Loc) string // returns an error message or ""
}

var projectSettings = map[string]setting{
	"dialect": {1, func(p *Project, v []string, _ []Loc) string {
		p.Dialect = v[0]
		return oneOf(v[0], "postgres")
	}},
	"tenancy":  {-1, nil},
	"naming":   {-1, nil},
	"rules":    {-1, nil},
	"generate": {-1, nil},
}

var tenancySettings = map[string]setting{
	"column": {1, func(p *Project, v []string, _ []Loc) string { p.Tenancy.Column = v[0]; return ident(v[0]) }},
	"root": {1, func(p *Project, v []string, l []Loc) string {
		p.Tenancy.Root, p.Tenancy.RootLoc = v[0], l[0]
		return ident(v[0])
	}},
	"setting": {1, func(p *Project, v []string, _ []Loc) string { p.Tenancy.Setting = v[0]; return "" }},
	"bypass":  {1, func(p *Project, v []string, _ []Loc) string { p.Tenancy.Bypass = v[0]; return ident(v[0]) }},
}

var namingSettings = map[string]setting{
	"tables": {1, func(p *Project, v []string, _ []Loc) string {
		p.Naming.Tables = v[0]
		return oneOf(v[0], "plural", "singular")
	}},
}

var generateSettings = map[string]setting{
	"migrations": {-2, func(p *Project, v []string, _ []Loc) string {
		p.Generate.Migrations = v[0]
		switch {
		case len(v) == 1:
			return ""
		case len(v) == 3 && v[1] == "format":
			p.Generate.MigrationsFormat = v[2]
			return oneOf(v[2], "golang-migrate", "goose")
		}
		return `expected migrations "DIR" [format golang-migrate|goose]`
	}},
	"schema": {1, func(p *Project, v []string, _ []Loc) string { p.Generate.Schema = v[0]; return "" }},
	"erd":    {1, func(p *Project, v []string, _ []Loc) string { p.Generate.ERD = v[0]; return "" }},
	"go": {-2, func(p *Project, v []string, _ []Loc) string {
		p.Generate.GoDir = v[0]
		for i := 1; i < len(v); i += 2 {
			if i+1 >= len(v) {
				return fmt.Sprintf("missing a value after %q", v[i])
			}
			switch v[i] {
			case "package":
				p.Generate.GoPackage = v[i+1]
			case "uuid":
				p.Generate.GoUUID = v[i+1]
			case "numeric":
				p.Generate.GoNumeric = v[i+1]
				if dot := strings.LastIndexByte(v[i+1], '.'); dot <= strings.LastIndexByte(v[i+1], '/') || dot == len(v[i+1])-1 {
					return fmt.Sprintf("numeric takes a qualified Go type, like github.com/shopspring/decimal.Decimal, not %q", v[i+1])
				}
			default:
				return fmt.Sprintf(`unknown go option %q (expected package, uuid or numeric)`, v[i])
			}
		}
		return ""
	}},
}

func oneOf(v string, allowed ...string) string {
	for _, a := range allowed {
		if v == a {
			return ""
		}
	}
	return fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", "))
}

func ident(v string) string {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return fmt.Sprintf("%q is not a valid name", v)
		}
	}
	return ""
}

var severities = []string{"error", "warning", "info", "hint", "off"}

// projectResolver interprets the project block declared by d in file f.
type projectResolver struct {
	s      *Schema
	f      *lang.File
	d      lang.Decl
	report func(l Loc, rule string, related []Related, format string, args ...any)
}

func (r *projectResolver) loc(s lang.Span) Loc { return Loc{r.f, r.d.Abs(s)} }

func (r *projectResolver) errorf(l Loc, rule, format string, args ...any) {
	r.report(l, rule, nil, format, args...)
}

// resolveProject interprets the project block declared by d in file f.
func resolveProject(s *Schema, f *lang.File, d lang.Decl, report func(Loc, string, []Related, string, ...any)) {
	(&projectResolver{s, f, d, report}).resolve()
}

func (r *projectResolver) resolve() {
	f, d := r.f, r.d
	pb := d.Project
	if r.s.Project != nil {
		r.report(r.loc(pb.Header.Span()), "resolve/duplicate-project", []Related{{r.s.Project.Loc, "the first project block"}},
			"a schema has one project block; another one is here")
		return
	}
	p := &Project{Decl: d, DeclLoc: Loc{f, d.Abs(lang.Span{End: len(d.Text)})}, Doc: pb.Doc, Dialect: "postgres", Naming: Naming{Tables: "plural"}}
	if pb.Header.Name != nil {
		p.Name, p.Loc = pb.Header.Name.Name, r.loc(pb.Header.Name.Span())
	} else {
		p.Loc = r.loc(pb.Header.Span())
	}
	r.s.Project = p
	seen := map[string]bool{}
	for _, st := range pb.Settings {
		key := st.Key.Text()
		if projectSettings[key].values == -1 { // a block; applyOne checks the others
			if seen[key] {
				r.errorf(r.loc(st.Key.Span()), "resolve/duplicate-setting", "%s is set twice in the project block", key)
				continue
			}
			seen[key] = true
		}
		switch key {
		case "tenancy":
			p.Tenancy = &Tenancy{Loc: r.loc(st.Key.Span())}
			if r.applySettings(p, st, tenancySettings) && (p.Tenancy.Column == "" || p.Tenancy.Root == "") {
				r.errorf(p.Tenancy.Loc, "resolve/invalid-setting", "tenancy needs both a column and a root table")
			}
			if p.Tenancy.Setting == "" {
				p.Tenancy.Setting = "app.tenant_id"
			}
		case "naming":
			r.applySettings(p, st, namingSettings)
		case "generate":
			r.applySettings(p, st, generateSettings)
		case "rules":
			r.checkBlock(st, true)
			for _, rs := range st.Body {
				l := r.loc(rs.Key.Span())
				if len(rs.Values) != 1 || len(rs.Body) > 0 {
					r.errorf(l, "resolve/invalid-setting", "expected a rule name and one severity (%s)", strings.Join(severities, ", "))
					continue
				}
				v := rs.Values[0]
				vl := r.loc(v.Span())
				if msg := oneOf(v.Text(), severities...); msg != "" {
					r.errorf(vl, "resolve/invalid-setting", "%s", msg)
					continue
				}
				p.Rules = append(p.Rules, RuleSetting{Pattern: rs.Key.Text(), Severity: v.Text(), Loc: l, ValueLoc: vl})
			}
		default:
			r.applyOne(p, st, projectSettings, "the project block", seen)
		}
	}
}

// checkBlock reports a setting that should (or should not) have a nested block.
func (r *projectResolver) checkBlock(st *lang.Setting, block bool) bool {
	switch {
	case block && (st.Body == nil || len(st.Values) > 0):
		if st.Body == nil {
			r.errorf(r.loc(st.Span()), "resolve/invalid-setting", "%s takes a block: %s { ... }", st.Key.Text(), st.Key.Text())
			return false
		}
		r.errorf(r.loc(st.Values[0].Span()), "resolve/invalid-setting", "%s takes a block, not values", st.Key.Text())
	case !block && st.Body != nil:
		r.errorf(r.loc(st.Key.Span()), "resolve/invalid-setting", "%s takes values, not a block", st.Key.Text())
		return false
	}
	return true
}

// applySettings applies the entries of a nested block; it reports false when
// st is not a block.
func (r *projectResolver) applySettings(p *Project, st *lang.Setting, known map[string]setting) bool {
	if !r.checkBlock(st, true) {
		return false
	}
	seen := map[string]bool{}
	for _, sub := range st.Body {
		r.applyOne(p, sub, known, st.Key.Text(), seen)
	}
	return true
}

func (r *projectResolver) applyOne(p *Project, st *lang.Setting, known map[string]setting, where string, seen map[string]bool) {
	key := st.Key.Text()
	def, ok := known[key]
	keyLoc := r.loc(st.Key.Span())
	if !ok {
		r.errorf(keyLoc, "resolve/unknown-setting", "unknown setting %q in %s (expected %s)", key, where, keys(known))
		return
	}
	if seen[key] {
		r.errorf(keyLoc, "resolve/duplicate-setting", "%s is set twice in %s", key, where)
		return
	}
	seen[key] = true
	if !r.checkBlock(st, false) {
		return
	}
	vals := make([]string, len(st.Values))
	locs := make([]Loc, len(st.Values))
	for i, v := range st.Values {
		vals[i], locs[i] = v.Text(), r.loc(v.Span())
	}
	switch {
	case def.values > 0 && len(vals) != def.values, def.values == -2 && len(vals) == 0:
		r.errorf(keyLoc, "resolve/invalid-setting", "%s takes %s", key, plural(max(def.values, 1), "value"))
		return
	}
	if msg := def.apply(p, vals, locs); msg != "" {
		at := keyLoc
		if len(locs) > 0 {
			at = locs[len(locs)-1]
		}
		r.errorf(at, "resolve/invalid-setting", "%s", msg)
	}
}

func keys(m map[string]setting) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return strings.Join(ks, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
