// Package analysis checks resolved schemas. It follows the design of
// golang.org/x/tools/go/analysis: a Rule is a small value with a name, a
// summary, a markdown doc, a default severity and a Run function that
// reports Diagnostics, each with zero or more suggested fixes. The CLI, the
// language server, `dbspec explain` and docs/rules.md all read one registry
// (All).
package analysis

import (
	"fmt"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// Rule is one check of the catalog.
type Rule struct {
	Name     string         // category/kebab-name, e.g. "naming/snake-case"
	Summary  string         // one line
	Doc      string         // markdown: why it matters, a bad and a good example, how to suppress
	Severity model.Severity // the default severity
	// Run reports the rule's findings in pass.Schema. It is nil for the rules
	// the engine itself reports (configuration and suppression findings).
	Run func(pass *Pass)
}

// Tag marks a diagnostic for special display, as LSP's DiagnosticTag does.
type Tag int

// Tags.
const (
	Unnecessary Tag = iota + 1 // shown faded: code that can be removed
	Deprecated                 // shown struck through
)

// Fix is a suggested fix: a title and the text edits that make it, which may
// span several places and files.
type Fix struct {
	Title string
	Edits []model.Edit
}

// Diagnostic is a finding of a rule, or a syntax or resolution error.
type Diagnostic struct {
	model.Diagnostic
	Tags  []Tag
	Fixes []Fix
}

// Pass gives a rule the schema to check and collects what it reports.
type Pass struct {
	Schema  *model.Schema
	History *History // nil when the migration history is unknown
	Rule    *Rule
	diags   []Diagnostic
}

// Report records a finding of the pass's rule. Rule and Severity are filled
// in by the pass.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule.Name
	d.Severity = p.Rule.Severity
	p.diags = append(p.diags, d)
}

// Reportf records a finding at loc with a formatted message and the given fixes.
func (p *Pass) Reportf(loc model.Loc, fixes []Fix, format string, args ...any) {
	p.Report(Diagnostic{Diagnostic: model.Diagnostic{Loc: loc, Message: fmt.Sprintf(format, args...)}, Fixes: fixes})
}

// Loc places a site of the schema in its file.
func (p *Pass) Loc(at model.Site) model.Loc { return p.Schema.Loc(at) }

// tableLoc places span s of table t's declaration, the span of a syntax
// node of its chunk, in its file.
func (p *Pass) tableLoc(t *model.Table, s lang.Span) model.Loc {
	return p.Schema.Loc(model.Site{Chunk: t.Chunk, Span: s})
}

// IsTenant reports whether table t is scoped to a tenant.
func (p *Pass) IsTenant(t *model.Table) bool { return p.Schema.IsTenant(t) }
