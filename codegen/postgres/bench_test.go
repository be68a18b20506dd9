package postgres_test

import (
	"testing"

	"github.com/dbspec/dbspec/codegen/postgres"
)

// BenchmarkSchema measures the DDL of the generated 1000-table schema, in
// memory (the schema is loaded once).
func BenchmarkSchema(b *testing.B) {
	s := load(b, "../../testdata/generated/t1000")
	b.ReportAllocs()
	for b.Loop() {
		postgres.Schema(s)
	}
}
