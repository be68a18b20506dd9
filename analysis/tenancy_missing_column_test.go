package analysis_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// TestMissingColumnFix checks the cases of the tenancy/missing-column fix
// that the golden test cannot hold: a root keyed by a bigserial, and a key
// clause that names the tenant column before it exists (a resolve error).
func TestMissingColumnFix(t *testing.T) {
	const src = `project p {
  tenancy {
    column account_id
    root   accounts
  }
}

table accounts {
  id   bigserial pk
  name text
}

table invoices {
  number int pk
  total  numeric(12,2)

  unique (account_id, number)
}
`
	f := lang.Parse("schema.dbspec", src)
	s := model.Build(".", []*lang.File{f})
	var diags []analysis.Diagnostic
	for _, d := range analysis.RunRules(s, []*analysis.Rule{analysis.TenancyMissingColumn}) {
		if d.Rule == analysis.TenancyMissingColumn.Name {
			diags = append(diags, d)
		}
	}
	require.Len(t, diags, 1)
	require.Len(t, diags[0].Fixes, 1)
	got, err := model.Apply(f, diags[0].Fixes[0].Edits)
	require.NoError(t, err)
	assert.Contains(t, got, "  number int pk\n  account_id bigint -> accounts.id on delete cascade\n")
	assert.NotContains(t, got, "index (account_id)", "unique (account_id, number) leads with it")
	fixed := model.Build(".", []*lang.File{lang.Parse("schema.dbspec", got)})
	assert.Empty(t, fixed.Diagnostics)
}
