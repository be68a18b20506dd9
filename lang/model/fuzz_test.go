package model_test

import (
	"os"
	"strings"
	"testing"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// FuzzParseResolveFormat feeds arbitrary text through parse, resolve and
// format: nothing may panic, and formatting must keep the meaning and be
// idempotent.
func FuzzParseResolveFormat(f *testing.F) {
	for _, path := range corpus(f) {
		if strings.Contains(path, "generated/t100") {
			continue // large seeds make the fuzzer spend its time minimizing
		}
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Fuzz(func(t *testing.T, src string) {
		before := lang.Parse("fuzz.dbspec", src)
		s := model.Build("", []*lang.File{before})
		for _, d := range s.Diagnostics {
			_ = d.String()
		}
		for _, occ := range s.Occurrences(before) {
			s.SymbolAt(before, occ.Span.Start)
		}
		formatted := lang.Format(before)
		after := lang.Parse("fuzz.dbspec", formatted)
		if got, want := describe(model.Build("", []*lang.File{after})), describe(s); got != want {
			t.Fatalf("formatting changed the meaning of\n%s\n---- formatted:\n%s\n---- before:\n%s\n---- after:\n%s", src, formatted, want, got)
		}
		if again := lang.Format(after); again != formatted {
			t.Fatalf("formatting is not idempotent:\n%s\n---- once:\n%s\n---- twice:\n%s", src, formatted, again)
		}
	})
}
