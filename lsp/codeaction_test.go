package lsp

import (
	"encoding/json"
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

// TestQuickFix asks for the code actions at a finding and applies the
// preferred fix's workspace edit: the finding is gone.
func TestQuickFix(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dbspec")
	src := "table events global {\n  id         uuid        pk default(gen_random_uuid())\n  payload    json\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n}\n"
	c := newClient(t)
	c.open(path, src)
	ds := c.waitFor(path, func(ds []lspDiagnostic) bool { return len(ds) == 1 })
	require.Equal(t, "standard/json-not-jsonb", ds[0].Code)
	require.NotNil(t, ds[0].CodeDescription)

	var actions []codeAction
	require.NoError(t, c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uriOf(path)},
		"range":        ds[0].Range,
		"context":      map[string]any{"diagnostics": ds},
	}, &actions))
	require.Len(t, actions, 3, "the fix, then the ignore comment and the documentation")
	assert.Equal(t, "Ignore standard/json-not-jsonb here", actions[1].Title)
	assert.Equal(t, "Show documentation for standard/json-not-jsonb", actions[2].Title)
	assert.Equal(t, "table events global {\n  id         uuid        pk default(gen_random_uuid())\n  // dbspec:ignore standard/json-not-jsonb TODO: say why\n  payload    json\n",
		applyEdits(src, actions[1].Edit.DocumentChanges[0].Edits)[:len("table events global {\n  id         uuid        pk default(gen_random_uuid())\n  // dbspec:ignore standard/json-not-jsonb TODO: say why\n  payload    json\n")])

	// Each action's command asks the client to show a document.
	type shown struct {
		URI       string
		Selection lspRange
		External  bool
	}
	showDocument := func(cmd *lspCommand) (sd shown) {
		require.NotNil(t, cmd)
		require.NoError(t, c.call("workspace/executeCommand", map[string]any{"command": cmd.Command, "arguments": cmd.Arguments}, nil))
		require.NoError(t, json.Unmarshal(c.next("window/showDocument").Params, &sd))
		return sd
	}
	// After inserting the comment, the client selects the placeholder reason.
	assert.Equal(t, shown{URI: uriOf(path), Selection: lspRange{Start: position{2, 43}, End: position{2, 56}}}, showDocument(actions[1].Command))
	// The documentation opens in the browser.
	assert.Equal(t, shown{URI: "https://github.com/dbspec/dbspec/blob/main/docs/rules.md#standardjson-not-jsonb", External: true}, showDocument(actions[2].Command))

	a := actions[0]
	assert.Equal(t, "quickfix", a.Kind)
	assert.True(t, a.IsPreferred)
	require.Len(t, a.Edit.DocumentChanges, 1)
	dc := a.Edit.DocumentChanges[0]
	assert.Equal(t, uriOf(path), dc.TextDocument.URI)
	require.NotNil(t, dc.TextDocument.Version)
	assert.Equal(t, int32(1), *dc.TextDocument.Version)

	text := applyEdits(src, dc.Edits)
	assert.Contains(t, text, "payload    jsonb\n")
	c.change(path, 2, map[string]any{"text": text})
	c.waitFor(path, none)

	// No actions away from any finding.
	require.NoError(t, c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uriOf(path)},
		"range":        edit(0, 0, 0, 1, "")["range"],
		"context":      map[string]any{"diagnostics": []any{}},
	}, &actions))
	assert.Empty(t, actions)
}
