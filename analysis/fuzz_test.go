package analysis_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// FuzzAnalyze runs every rule on arbitrary text: no rule may panic (the
// engine turns a panic into an "internal error" finding, which fails here),
// and every fix must apply cleanly.
func FuzzAnalyze(f *testing.F) {
	for _, pattern := range []string{"testdata/*/*/*.dbspec", "../testdata/examples/*/*.dbspec", "../testdata/classic/*.dbspec"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(src))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		file := lang.Parse("fuzz.dbspec", src)
		s := model.Build("", []*lang.File{file})
		for _, d := range analysis.Run(s) {
			if len(d.Message) > 15 && d.Message[:15] == "internal error " {
				t.Fatalf("%s", d.Message)
			}
			for _, fix := range d.Fixes {
				if _, err := model.Apply(file, fix.Edits); err != nil {
					t.Fatalf("fix %q of %s: %v", fix.Title, d, err)
				}
			}
		}
	})
}
