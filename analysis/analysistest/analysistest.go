// Package analysistest runs a rule on a testdata schema and checks its
// findings against `// want "regexp"` comments and its fixes against golden
// files, in the style of golang.org/x/tools/go/analysis/analysistest.
package analysistest

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

// Update rewrites the golden files instead of comparing them.
var Update bool

// BaselineDir is the subdirectory of a testdata directory that holds the
// schema as of the last sealed migration, for the migration rules.
const BaselineDir = "baseline"

// Run checks rule against the schema in dir.
//
// Every `// want "re" ...` comment (Go-quoted regular expressions, at the
// end of a line) expects one finding of the rule per expression, starting on
// that line, whose message matches; any other finding fails the test. For
// each file that the first fix of the findings edits, FILE.golden holds the
// text after applying them. The fixed schema must resolve without errors,
// and the findings that had a fix must be gone from it.
//
// When dir has a baseline subdirectory, its schema is the migration
// history's baseline, for the original schema and the fixed one alike.
func Run(t *testing.T, dir string, rule *analysis.Rule) {
	t.Helper()
	s := load(t, dir)
	h := history(t, dir)
	diags := findings(s, h, rule)
	checkWants(t, s, diags)

	fixed := map[string]string{} // path -> fixed text
	var fixedMsgs []string
	var edits []model.Edit
	for _, d := range diags {
		if len(d.Fixes) > 0 {
			edits = append(edits, d.Fixes[0].Edits...)
			fixedMsgs = append(fixedMsgs, d.Message)
		}
	}
	for _, f := range s.Files {
		text, err := model.Apply(f, edits)
		if err != nil {
			t.Fatalf("applying the fixes: %v", err)
		}
		golden := f.Path + ".golden"
		if text == f.Src {
			if _, err := os.Stat(golden); err == nil && !Update {
				t.Errorf("%s exists but no fix edits %s", golden, f.Path)
			}
			continue
		}
		fixed[f.Path] = text
		if Update {
			if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("the fixes edit %s: %v (run with -update to write it)", f.Path, err)
			continue
		}
		if string(want) != text {
			t.Errorf("%s: the fixed text differs from the golden file\n--- want\n%s\n--- got\n%s", f.Path, want, text)
		}
	}
	if len(fixed) > 0 {
		recheck(t, s, h, fixed, rule, fixedMsgs)
	}
}

// load loads the schema in dir, which must have no errors.
func load(t *testing.T, dir string) *model.Schema {
	t.Helper()
	s, err := model.Load(dir, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Diagnostics) > 0 {
		t.Fatalf("the testdata schema has errors; first: %s", s.Diagnostics[0])
	}
	return s
}

// history returns the migration history of the schema in dir: its baseline
// subdirectory, or nil when it has none.
func history(t *testing.T, dir string) *analysis.History {
	t.Helper()
	base := filepath.Join(dir, BaselineDir)
	if _, err := os.Stat(base); os.IsNotExist(err) {
		return nil
	}
	return &analysis.History{Baseline: load(t, base)}
}

// findings runs rule alone and keeps its own findings.
func findings(s *model.Schema, h *analysis.History, rule *analysis.Rule) []analysis.Diagnostic {
	var out []analysis.Diagnostic
	for _, d := range analysis.RunWith(s, analysis.Options{Rules: []*analysis.Rule{rule}, History: h}) {
		if d.Rule == rule.Name {
			out = append(out, d)
		}
	}
	return out
}

type want struct {
	file string
	line int
	re   *regexp.Regexp
	met  bool
}

var wantComment = regexp.MustCompile(`//\s*want\s+(.*)$`)

func checkWants(t *testing.T, s *model.Schema, diags []analysis.Diagnostic) {
	t.Helper()
	var wants []*want
	for _, f := range s.Files {
		for i, line := range strings.Split(f.Src, "\n") {
			m := wantComment.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			for _, q := range quoted(t, m[1]) {
				re, err := regexp.Compile(q)
				if err != nil {
					t.Fatalf("%s:%d: %v", f.Path, i+1, err)
				}
				wants = append(wants, &want{file: f.Path, line: i, re: re})
			}
		}
	}
	for _, d := range diags {
		line := d.Loc.Position().Line
		matched := false
		for _, w := range wants {
			if !w.met && w.file == d.Loc.File.Path && w.line == line && w.re.MatchString(d.Message) {
				w.met, matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("unexpected finding %s", d)
		}
	}
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s:%d: no finding matches %q", w.file, w.line+1, w.re)
		}
	}
}

// quoted splits a want comment's arguments: Go-quoted strings.
func quoted(t *testing.T, args string) []string {
	t.Helper()
	var out []string
	for args = strings.TrimSpace(args); args != ""; args = strings.TrimSpace(args) {
		q, err := strconv.QuotedPrefix(args)
		if err != nil {
			t.Fatalf("want: %v in %s", err, args)
		}
		s, _ := strconv.Unquote(q)
		out = append(out, s)
		args = args[len(q):]
	}
	return out
}

// recheck loads the fixed schema from a copy and checks that it resolves and
// that no finding that had a fix remains.
func recheck(t *testing.T, s *model.Schema, h *analysis.History, fixed map[string]string, rule *analysis.Rule, fixedMsgs []string) {
	t.Helper()
	dir := t.TempDir()
	for _, f := range s.Files {
		text, ok := fixed[f.Path]
		if !ok {
			text = f.Src
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f.Path)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s2, err := model.Load(dir, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s2.Diagnostics {
		t.Errorf("the fixed schema has an error: %s", d)
	}
	for _, d := range findings(s2, h, rule) {
		for _, m := range fixedMsgs {
			if d.Message == m {
				t.Errorf("the fix did not remove the finding: %s", d)
			}
		}
	}
}
