package analysis

import (
	"fmt"
	"strings"
)

// Markdown renders the rule catalog as the docs/rules.md page.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# Rules\n\n")
	b.WriteString("<!-- Generated from the rule registry by `go test ./analysis -update`. Do not edit. -->\n\n")
	b.WriteString("Every finding names its rule. Change a rule's severity, or turn it off, in the\n")
	b.WriteString("project's `rules { }` block (`naming/boolean-prefix error`, `normalization/* off`);\n")
	b.WriteString("silence one finding with `// dbspec:ignore RULE reason` on the line above the\n")
	b.WriteString("declaration or at the end of its line. `dbspec explain RULE` prints a rule's page.\n\n")
	b.WriteString("| rule | default | summary |\n|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", r.Name, anchor(r.Name), r.Severity, r.Summary)
	}
	for _, r := range All() {
		fmt.Fprintf(&b, "\n## %s\n\n%s.\n\nDefault severity: **%s**.\n\n%s\n", r.Name, capitalize(r.Summary), r.Severity, strings.TrimSpace(r.Doc))
	}
	return b.String()
}

// Explain renders one rule's documentation for the terminal.
func Explain(r *Rule) string {
	return fmt.Sprintf("%s (%s by default)\n\n%s.\n\n%s\n", r.Name, r.Severity, capitalize(r.Summary), strings.TrimSpace(r.Doc))
}

// DocURL is where a rule's documentation lives on the web.
func DocURL(r *Rule) string {
	return "https://github.com/dbspec/dbspec/blob/main/docs/rules.md#" + anchor(r.Name)
}

// anchor is the heading id GitHub gives "## category/name".
func anchor(name string) string { return strings.ReplaceAll(name, "/", "") }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
