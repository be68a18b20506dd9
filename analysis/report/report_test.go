package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/analysis/report"
	"github.com/dbspec/dbspec/lang/model"
)

// findings checks a small schema with a syntax error, a resolution error
// with related information, and a rule finding with a fix.
func findings(t *testing.T) []analysis.Diagnostic {
	dir := t.TempDir()
	src := "table events global {\n  id      uuid pk\n  payload json // café: 50% \"done\"\n  owner   uuid -> users.id\n  bad\n}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.dbspec"), []byte(src), 0o644))
	s, err := model.Load(dir, nil, nil)
	require.NoError(t, err)
	ds := analysis.RunRules(s, []*analysis.Rule{analysis.StandardJSONNotJSONB})
	require.Len(t, ds, 3)
	for i := range ds { // stable paths in the output
		ds[i].Loc.File.Path = "schema/a.dbspec"
	}
	return ds
}

func write(t *testing.T, format string, ds []analysis.Diagnostic) string {
	var b bytes.Buffer
	require.NoError(t, report.Write(&b, format, ds, "v1.0.0"))
	return b.String()
}

func TestText(t *testing.T) {
	assert.Equal(t, `schema/a.dbspec:3:11: warning: column "payload" is json: use jsonb [standard/json-not-jsonb]
schema/a.dbspec:4:19: error: unknown table "users" [resolve/unknown-table]
schema/a.dbspec:5:6: error: expected a column type after "bad", found end of line [syntax]
`, write(t, "text", findings(t)))
}

func TestGitHub(t *testing.T) {
	out := write(t, "github", findings(t))
	assert.Contains(t, out, "::warning file=schema/a.dbspec,line=3,col=11,endLine=3,endColumn=15,title=standard/json-not-jsonb::column \"payload\" is json: use jsonb\n")
	assert.Contains(t, out, "::error file=schema/a.dbspec,line=4,col=19,")
	assert.Equal(t, 3, strings.Count(out, "\n"))
}

func TestJSON(t *testing.T) {
	var got []map[string]any
	require.NoError(t, json.Unmarshal([]byte(write(t, "json", findings(t))), &got))
	require.Len(t, got, 3)
	assert.Equal(t, "standard/json-not-jsonb", got[0]["rule"])
	assert.Equal(t, float64(3), got[0]["line"])
	fix := got[0]["fixes"].([]any)[0].(map[string]any)
	assert.Equal(t, "Use jsonb", fix["title"])
	edit := fix["edits"].([]any)[0].(map[string]any)
	assert.Equal(t, "jsonb", edit["newText"])
	assert.Equal(t, float64(11), edit["column"])
}

func TestSARIFIsValidAndCarriesFixes(t *testing.T) {
	out := write(t, "sarif", findings(t))
	c := jsonschema.NewCompiler()
	schema, err := c.Compile("../../testdata/sarif/sarif-schema-2.1.0.json")
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	require.NoError(t, err)
	require.NoError(t, schema.Validate(doc), "the SARIF log must be valid SARIF 2.1.0")

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Markdown string `json:"markdown"`
						} `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Fixes     []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   map[string]int    `json:"deletedRegion"`
							InsertedContent map[string]string `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &log))
	run := log.Runs[0]
	for _, r := range run.Results {
		assert.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID, "ruleIndex points at the rule")
	}
	assert.Len(t, run.Tool.Driver.Rules, len(analysis.All())+2, "the catalog plus the syntax and resolve rules seen")
	assert.Contains(t, run.Tool.Driver.Rules[0].Help.Markdown, "Bad")
	rep := run.Results[0].Fixes[0].ArtifactChanges[0].Replacements[0]
	assert.Equal(t, map[string]int{"startLine": 3, "startColumn": 11, "endLine": 3, "endColumn": 15}, rep.DeletedRegion)
	assert.Equal(t, "jsonb", rep.InsertedContent["text"])
}

func TestUnknownFormat(t *testing.T) {
	assert.Error(t, report.Write(&bytes.Buffer{}, "xml", nil, ""))
}
