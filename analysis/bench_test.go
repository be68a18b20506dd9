package analysis_test

import (
	"fmt"
	"testing"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

// BenchmarkAnalyze runs every rule over the generated schemas.
func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		s, err := model.Load(fmt.Sprintf("../testdata/generated/t%d", n), nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			for b.Loop() {
				analysis.Run(s)
			}
		})
	}
}
