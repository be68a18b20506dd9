package model_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// corpus lists every schema file of the test corpus.
func corpus(t testing.TB) []string {
	var paths []string
	for _, pattern := range []string{
		"../../testdata/examples/*/*.dbspec", "../../testdata/bad/*/*.dbspec",
		"../../testdata/format/*.dbspec", "../../testdata/generated/t10/*.dbspec",
		"../../testdata/generated/t100/*.dbspec",
	} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		paths = append(paths, m...)
	}
	require.NotEmpty(t, paths)
	return paths
}

// TestFormatPreservesMeaning formats every corpus file and checks that the
// formatted text resolves to the same model, with the same errors, and that
// formatting it again changes nothing.
func TestFormatPreservesMeaning(t *testing.T) {
	for _, path := range corpus(t) {
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		before := lang.Parse(path, string(src))
		formatted := lang.Format(before)
		after := lang.Parse(path, formatted)
		assert.Equal(t, describe(model.Build("", []*lang.File{before})), describe(model.Build("", []*lang.File{after})), path)
		assert.Equal(t, errorMessages(before), errorMessages(after), path)
		assert.Equal(t, formatted, lang.Format(after), "idempotent: %s", path)
	}
}

func errorMessages(f *lang.File) []string {
	var out []string
	for _, e := range f.Errors {
		out = append(out, e.Msg)
	}
	return out
}

// describe renders a schema without positions, so that two texts with the
// same meaning describe alike.
func describe(s *model.Schema) string {
	var b strings.Builder
	if p := s.Project; p != nil {
		fmt.Fprintf(&b, "project %s %q %+v %+v %+v\n", p.Name, p.Doc, p.Naming, p.Generate, p.Rules != nil)
		if p.Tenancy != nil {
			tn := *p.Tenancy
			fmt.Fprintf(&b, "tenancy %s %s %s %s\n", tn.Column, tn.Root, tn.Setting, tn.Bypass)
		}
		for _, r := range p.Rules {
			fmt.Fprintf(&b, "rule %s %s\n", r.Pattern, r.Severity)
		}
	}
	for _, e := range s.Enums {
		fmt.Fprintf(&b, "enum %s %q:", e.Name, e.Doc)
		for _, v := range e.Values {
			fmt.Fprintf(&b, " %s %q", v.Name, v.Doc)
		}
		b.WriteString("\n")
	}
	for _, t := range s.Tables {
		fmt.Fprintf(&b, "table %s %q global=%v renamed=%s refs=%d\n", t.Name, t.Doc, t.Global, t.RenamedFrom, len(s.References(t)))
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "  %s %s null=%v pk=%v unique=%v pii=%v renamed=%s doc=%q default=%s checks=%s refs=%d\n",
				c.Name, c.Type, c.Nullable, c.PK, c.Unique, c.PII, c.RenamedFrom, c.Doc, exprText(c.Default), exprs(c.Checks), len(s.References(c)))
		}
		if t.PrimaryKey != nil {
			fmt.Fprintf(&b, "  pk %s\n", key(t.PrimaryKey))
		}
		for _, k := range t.Uniques {
			fmt.Fprintf(&b, "  unique %s\n", key(k))
		}
		for _, ix := range t.Indexes {
			fmt.Fprintf(&b, "  index %s using=%s where=%s include=%d:", ix.Name, ix.Using, exprText(ix.Where), len(ix.Include))
			for _, c := range ix.Columns {
				fmt.Fprintf(&b, " %s desc=%v", c.Column.Name, c.Desc)
			}
			b.WriteString("\n")
		}
		for _, fk := range t.ForeignKeys {
			ref := ""
			if t := s.RefTable(fk); t != nil {
				ref = t.Name
			}
			fmt.Fprintf(&b, "  fk %s -> %s %s delete=%s update=%s\n", names(fk.Columns), ref, names(s.RefColumns(fk)), fk.OnDelete, fk.OnUpdate)
		}
		fmt.Fprintf(&b, "  checks %s\n", exprs(t.Checks))
	}
	var diags []string
	for _, d := range s.Diagnostics {
		diags = append(diags, d.Rule+": "+d.Message)
	}
	sort.Strings(diags)
	b.WriteString(strings.Join(diags, "\n"))
	return b.String()
}

func key(k *model.Key) string {
	return fmt.Sprintf("%s where=%s column=%v", names(k.Columns), exprText(k.Where), k.FromColumn)
}

func names(cs []*model.Column) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return "(" + strings.Join(out, ",") + ")"
}

// exprText is the expression with white space folded.
func exprText(e *model.Expr) string {
	if e == nil {
		return "-"
	}
	return strings.Join(strings.Fields(e.Text), " ")
}

func exprs(es []*model.Expr) string {
	var out []string
	for _, e := range es {
		out = append(out, exprText(e))
	}
	return strings.Join(out, "; ")
}
