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
	for _, src := range seeds(f) {
		f.Add(src)
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

// FuzzLoadIncremental checks that a Loader that has built a, then builds b,
// gives the model a cold build of b gives: what it reuses of a is only what
// b would resolve the same way.
func FuzzLoadIncremental(f *testing.F) {
	for _, src := range seeds(f) {
		for _, step := range []int{0, 3, 5, 9} {
			f.Add(src, edits[step](src, step))
		}
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		l := model.NewLoader()
		l.Build("", []*lang.File{l.Parser.Parse("fuzz.dbspec", a)})
		warm := l.Build("", []*lang.File{l.Parser.Parse("fuzz.dbspec", b)})
		cold := model.Build("", []*lang.File{lang.Parse("fuzz.dbspec", b)})
		if got, want := dump(warm), dump(cold); got != want {
			t.Fatalf("loading\n%q\nafter\n%q\n---- warm:\n%s\n---- cold:\n%s", b, a, got, want)
		}
	})
}

// seeds are the texts of the corpus files, but for the generated schema:
// large seeds make the fuzzer spend its time minimizing.
func seeds(f *testing.F) []string {
	var out []string
	for _, path := range corpus(f) {
		if strings.Contains(path, "generated/t100") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, string(src))
	}
	return out
}
