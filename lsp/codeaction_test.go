package lsp

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

// TestEveryQuickFixOfTheClassicMistakes asks the server for the code
// actions of every finding of testdata/classic, and checks that applying
// each fix's WorkspaceEdit, as an editor does (UTF-16 ranges, one edit list
// per document), gives the text the analyzer's own fix gives.
func TestEveryQuickFixOfTheClassicMistakes(t *testing.T) {
	dir := t.TempDir()
	texts := map[string]string{}
	for _, name := range []string{"project.dbspec", "schema.dbspec"} {
		b, err := os.ReadFile(filepath.Join("../testdata/classic", name))
		require.NoError(t, err)
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, b, 0o644))
		texts[path] = string(b)
	}
	s, err := model.Load(dir, nil, nil)
	require.NoError(t, err)
	want := map[string]map[string]string{} // fix title at finding → new texts
	diags := analysis.Run(s)
	for _, d := range diags {
		for _, fix := range d.Fixes {
			out, err := analysis.ApplyEdits(s.Files, fix.Edits)
			require.NoError(t, err)
			want[key(d, fix.Title)] = out
		}
	}
	require.NotEmpty(t, want)

	c := newClient(t)
	for path, text := range texts {
		c.open(path, text)
	}
	schema := filepath.Join(dir, "schema.dbspec")
	published := c.waitFor(schema, func(ds []lspDiagnostic) bool { return len(ds) > 0 })
	checked, fixes := 0, 0
	for _, d := range diags {
		if d.Loc.File == nil || d.Loc.File.Path != schema || len(d.Fixes) == 0 {
			continue
		}
		fixes += len(d.Fixes)
		var actions []codeAction
		r := rangeOf(d.Loc, false)
		require.NoError(t, c.call("textDocument/codeAction", map[string]any{
			"textDocument": map[string]any{"uri": uriOf(schema)}, "range": r,
			"context": map[string]any{"diagnostics": published},
		}, &actions))
		for _, a := range actions {
			if a.Edit == nil || len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != d.Rule || a.Diagnostics[0].Range != r || a.Diagnostics[0].Message != d.Message {
				continue
			}
			expected, ok := want[key(d, a.Title)]
			if !ok {
				continue // an "Ignore" action
			}
			got := map[string]string{}
			for _, dc := range a.Edit.DocumentChanges {
				path := pathOf(dc.TextDocument.URI)
				got[path] = applyEdits(texts[path], dc.Edits)
			}
			assert.Equal(t, expected, got, "%s: %s", d.Rule, a.Title)
			checked++
		}
	}
	assert.Equal(t, fixes, checked, "every fix is offered")
	assert.Greater(t, fixes, 10)
}

// key names one fix of one finding.
func key(d analysis.Diagnostic, title string) string {
	return d.Rule + "|" + d.Message + "|" + title
}
