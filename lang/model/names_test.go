package model_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dbspec/dbspec/lang/model"
)

func TestConstraintNames(t *testing.T) {
	assert.Equal(t, "users_pkey", model.PrimaryKeyName("users"))
	assert.Equal(t, "users_tenant_id_email_key", model.UniqueName("users", []string{"tenant_id", "email"}))
	assert.Equal(t, "tasks_tenant_id_due_at_idx", model.IndexName("tasks", []string{"tenant_id", "due_at"}))
	assert.Equal(t, "tasks_tenant_id_project_id_fkey", model.ForeignKeyName("tasks", []string{"tenant_id", "project_id"}))
	assert.Equal(t, "tasks_number_check", model.CheckName("tasks", []string{"number"}))
	assert.Equal(t, "tasks_check", model.CheckName("tasks", nil))
}

func TestTruncatedName(t *testing.T) {
	fits := strings.Repeat("a", model.MaxNameLen)
	assert.Equal(t, fits, model.TruncatedName(fits), "a name of exactly 63 bytes is kept")

	table := "organization_integration_connections"
	cols := []string{"tenant_id", "external_provider_account_identifier"}
	full := model.ObjectName(table, cols, "key")
	short := model.UniqueName(table, cols)
	assert.Len(t, short, model.MaxNameLen)
	assert.True(t, strings.HasPrefix(short, "organization_integration_connections_tenant_id_"), short)
	assert.Regexp(t, `_[0-9a-f]{8}_key$`, short)
	assert.Equal(t, short, model.TruncatedName(full), "deterministic")

	// Names that differ only past the cut stay distinct.
	other := model.UniqueName(table, []string{"tenant_id", "external_provider_account_identifier2"})
	assert.NotEqual(t, short, other)
	assert.Equal(t, short[:40], other[:40])

	// Every kind keeps its suffix.
	long := strings.Repeat("x", 70)
	for suffix, name := range map[string]string{
		"_pkey":  model.PrimaryKeyName(long),
		"_idx":   model.IndexName(long, []string{"a"}),
		"_fkey":  model.ForeignKeyName(long, []string{"a"}),
		"_check": model.CheckName(long, nil),
	} {
		assert.True(t, strings.HasSuffix(name, suffix), name)
		assert.LessOrEqual(t, len(name), model.MaxNameLen, name)
	}

	// A long last word is not kept; the cut never leaves "__" or splits a
	// character.
	noSuffix := model.TruncatedName(strings.Repeat("b", 50) + "_" + strings.Repeat("c", 20))
	assert.Len(t, noSuffix, model.MaxNameLen)
	assert.Regexp(t, `^b{50}_c{3}_[0-9a-f]{8}$`, noSuffix)
	underscores := model.TruncatedName(strings.Repeat("d", 46) + "______" + strings.Repeat("e", 30) + "_idx")
	assert.Regexp(t, `^d{46}_[0-9a-f]{8}_idx$`, underscores)
	utf := model.TruncatedName(strings.Repeat("é", 40) + "_idx")
	assert.True(t, strings.HasSuffix(utf, "_idx"))
	assert.LessOrEqual(t, len(utf), model.MaxNameLen)
	assert.True(t, strings.HasPrefix(utf, strings.Repeat("é", 24)), utf)
}
