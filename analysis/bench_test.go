package analysis_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
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

// BenchmarkAnalyzeSuppressions runs every rule over the generated schema of
// 1,000 tables with a finding in every table and a dbspec:ignore above
// every table that silences nothing: suppressions look up their findings
// by position, not by scanning them all.
func BenchmarkAnalyzeSuppressions(b *testing.B) {
	src, err := os.ReadFile("../testdata/generated/t1000/schema.dbspec")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.ReplaceAll(string(src), "\ntable ", "\n// dbspec:ignore naming/snake-case the names are generated\ntable ")
	text = strings.ReplaceAll(text, "\n  created_at ", "\n  payload json\n  created_at ")
	s := model.Build("", []*lang.File{lang.Parse("schema.dbspec", text)})
	if len(analysis.Run(s)) < 2000 {
		b.Fatal("expected a finding and an unused suppression per table")
	}
	for b.Loop() {
		analysis.Run(s)
	}
}
