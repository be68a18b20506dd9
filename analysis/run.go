package analysis

import (
	"fmt"
	"path"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// Off is the severity of a rule that the configuration turns off.
const Off model.Severity = 0

// Run checks a schema with every rule of the registry: it returns the
// schema's syntax and resolution errors, the rules' findings with the
// severities the project's rules block sets, minus the suppressed ones, and
// the findings about the configuration and the suppressions themselves.
func Run(s *model.Schema) []Diagnostic { return RunWith(s, Options{}) }

// RunRules is Run with a chosen set of rules.
func RunRules(s *model.Schema, rules []*Rule) []Diagnostic {
	return RunWith(s, Options{Rules: rules})
}

// Options are what a run may add to the schema.
type Options struct {
	Rules   []*Rule  // the rules to run; nil means All
	History *History // the migration history, for the migration rules; nil when unknown
}

// History is what the migration directory tells the migration rules.
type History struct {
	// Baseline is the schema as of the last sealed migration; nil when no
	// migration is sealed yet.
	Baseline *model.Schema
	// Tampered lists the sealed migration files that no longer match the sum
	// file (edited, removed or reordered), each at the file it is about.
	Tampered []model.Diagnostic
}

// RunWith is Run with options.
func RunWith(s *model.Schema, opt Options) []Diagnostic {
	rules := opt.Rules
	if rules == nil {
		rules = All()
	}
	var out []Diagnostic
	for _, d := range s.Diagnostics {
		out = append(out, Diagnostic{Diagnostic: d})
	}
	severity, configDiags := configure(s)
	sevs := make([]model.Severity, len(rules))
	for i, r := range rules {
		sevs[i] = severity(r)
	}
	var findings []Diagnostic
	for i, diags := range runRules(s, opt.History, rules, sevs) {
		for _, d := range diags {
			d.Severity = sevs[i]
			findings = append(findings, d)
		}
	}
	findings = append(findings, configDiags...)
	out = append(out, suppress(s, findings, severity)...)
	sortDiagnostics(out)
	return out
}

// runRules runs the rules that are on, in parallel (they only read the
// schema), and returns the findings of each, by the rule's index.
func runRules(s *model.Schema, h *History, rules []*Rule, sevs []model.Severity) [][]Diagnostic {
	out := make([][]Diagnostic, len(rules))
	var wg sync.WaitGroup
	for i, r := range rules {
		if r.Run != nil && sevs[i] != Off {
			wg.Go(func() { out[i] = runRule(s, h, r) })
		}
	}
	wg.Wait()
	return out
}

// runRule runs one rule, turning a panic into an error diagnostic so that a
// bug in one rule cannot take down the server or hide the other findings.
func runRule(s *model.Schema, h *History, r *Rule) (diags []Diagnostic) {
	pass := &Pass{Schema: s, History: h, Rule: r}
	defer func() {
		if p := recover(); p != nil {
			diags = []Diagnostic{{Diagnostic: model.Diagnostic{
				Loc: firstLoc(s), Severity: model.Error, Rule: r.Name,
				Message: fmt.Sprintf("internal error in rule %s: %v\n%s", r.Name, p, debug.Stack()),
			}}}
		}
	}()
	r.Run(pass)
	return pass.diags
}

func firstLoc(s *model.Schema) model.Loc {
	if len(s.Files) == 0 {
		return model.Loc{}
	}
	return model.Loc{File: s.Files[0]}
}

// configure reads the project's rules block: it returns the severity of each
// rule (Off when turned off) and the findings about unknown rule names. An
// exact rule name wins over a category/* glob; among equals the later wins.
func configure(s *model.Schema) (func(*Rule) model.Severity, []Diagnostic) {
	var settings []model.RuleSetting
	if s.Project != nil {
		settings = s.Project.Rules
	}
	var diags []Diagnostic
	for _, rs := range settings {
		if !matchesAny(rs.Pattern) {
			diags = append(diags, engineDiag(ConfigUnknownRule, rs.Loc, nil,
				"no rule matches %q (run dbspec rules for the list)", rs.Pattern))
		}
	}
	return func(r *Rule) model.Severity {
		sev, exact := r.Severity, false
		for _, rs := range settings {
			if rs.Pattern == r.Name || !exact && matches(rs.Pattern, r.Name) {
				sev, exact = parseSeverity(rs.Severity), rs.Pattern == r.Name
			}
		}
		return sev
	}, diags
}

// matches reports whether a rule name matches a pattern: the name itself,
// category/*, or *.
func matches(pattern, name string) bool {
	ok, _ := path.Match(pattern, name)
	return ok
}

func matchesAny(pattern string) bool {
	for _, r := range All() {
		if matches(pattern, r.Name) {
			return true
		}
	}
	return false
}

func parseSeverity(s string) model.Severity {
	switch s {
	case "error":
		return model.Error
	case "warning":
		return model.Warning
	case "info":
		return model.Info
	case "hint":
		return model.Hint
	}
	return Off
}

func engineDiag(r *Rule, loc model.Loc, fixes []Fix, format string, args ...any) Diagnostic {
	return Diagnostic{
		Diagnostic: model.Diagnostic{Loc: loc, Severity: r.Severity, Rule: r.Name, Message: fmt.Sprintf(format, args...)},
		Fixes:      fixes,
	}
}

// suppress drops the findings that a dbspec:ignore comment silences and
// reports suppressions that are malformed, unknown or unused.
func suppress(s *model.Schema, findings []Diagnostic, severity func(*Rule) model.Severity) []Diagnostic {
	silenced := make([]bool, len(findings))
	// The findings of each file by position, for the suppressions to look
	// up their lines in, and whether any enabled rule matches a pattern.
	byFile := map[*lang.File][]int{}
	for i, fd := range findings {
		byFile[fd.Loc.File] = append(byFile[fd.Loc.File], i)
	}
	for _, idx := range byFile {
		slices.SortFunc(idx, func(a, b int) int { return findings[a].Loc.Span.Start - findings[b].Loc.Span.Start })
	}
	enabledFor := map[string]bool{}
	enabled := func(pattern string) bool {
		on, ok := enabledFor[pattern]
		if !ok {
			for _, r := range All() {
				on = on || matches(pattern, r.Name) && severity(r) != Off
			}
			enabledFor[pattern] = on
		}
		return on
	}
	var meta []Diagnostic
	report := func(r *Rule, d Diagnostic) {
		if sev := severity(r); sev != Off {
			d.Severity = sev
			meta = append(meta, d)
		}
	}
	for _, f := range s.Files {
		for _, d := range f.Decls {
			for _, sup := range d.Suppressions {
				loc := model.Loc{File: f, Span: d.Abs(sup.Span)}
				target := d.Abs(sup.Target)
				if sup.Rule == "" || sup.Reason == "" {
					report(SuppressionMissingReason, engineDiag(SuppressionMissingReason, loc, nil,
						"write the rule and the reason: // dbspec:ignore RULE why this is fine here"))
				}
				if sup.Rule == "" {
					continue
				}
				if !matchesAny(sup.Rule) {
					report(SuppressionUnknownRule, engineDiag(SuppressionUnknownRule, loc, nil, "no rule matches %q", sup.Rule))
					continue
				}
				used := false
				idx := byFile[f]
				from := sort.Search(len(idx), func(k int) bool { return findings[idx[k]].Loc.Span.Start >= target.Start })
				for _, i := range idx[from:] {
					if findings[i].Loc.Span.Start > target.End {
						break
					}
					if matches(sup.Rule, findings[i].Rule) {
						silenced[i], used = true, true
					}
				}
				if !used && enabled(sup.Rule) {
					d := engineDiag(SuppressionUnused, loc, []Fix{{Title: "Remove the comment", Edits: []model.Edit{deleteComment(f, loc.Span)}}},
						"this dbspec:ignore %s silences nothing", sup.Rule)
					d.Tags = []Tag{Unnecessary}
					report(SuppressionUnused, d)
				}
			}
		}
	}
	var out []Diagnostic
	for i, d := range findings {
		if !silenced[i] {
			out = append(out, d)
		}
	}
	return append(out, meta...)
}

// deleteComment removes a comment: with its whole line when it stands alone,
// with the spaces before it when it ends a line.
func deleteComment(f *lang.File, s lang.Span) model.Edit {
	lineStart := strings.LastIndexByte(f.Src[:s.Start], '\n') + 1
	if strings.TrimSpace(f.Src[lineStart:s.Start]) == "" {
		end := s.End
		if end < len(f.Src) && f.Src[end] == '\n' {
			end++
		}
		return model.Edit{Loc: model.Loc{File: f, Span: lang.Span{Start: lineStart, End: end}}}
	}
	start := s.Start
	for start > lineStart && (f.Src[start-1] == ' ' || f.Src[start-1] == '\t') {
		start--
	}
	return model.Edit{Loc: model.Loc{File: f, Span: lang.Span{Start: start, End: s.End}}}
}

func sortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int { return model.CompareDiagnostics(a.Diagnostic, b.Diagnostic) })
}

// Errors are the diagnostics of ds with severity error, which stop a build
// or a seal.
func Errors(ds []Diagnostic) []Diagnostic {
	var out []Diagnostic
	for _, d := range ds {
		if d.Severity == model.Error {
			out = append(out, d)
		}
	}
	return out
}
