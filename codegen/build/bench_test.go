package build_test

import (
	"fmt"
	"testing"

	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/lang/model"
)

// BenchmarkBuild generates the DDL, the Go types and the diagram in memory.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		s, err := model.Load(fmt.Sprintf("../../testdata/generated/t%d", n), nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		paths := build.Paths{Schema: "schema.sql", GoDir: "db", ERD: "schema.md"}
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := build.Outputs(s, paths); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
