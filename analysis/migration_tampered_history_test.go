package analysis_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// TestTamperedHistory checks that the findings of the migration directory
// are reported as they are, with the severity the rules block gives.
func TestTamperedHistory(t *testing.T) {
	const sql = "-- edited by hand\nCREATE TABLE notes (id uuid PRIMARY KEY);\n"
	file := &lang.File{Path: "db/migrations/20260301120000_add_notes.up.sql", Src: sql, Lines: lang.NewLines(sql)}
	tampered := model.Diagnostic{
		Loc:     model.Loc{File: file, Span: lang.Span{End: len(sql)}},
		Rule:    analysis.MigrationTamperedHistory.Name,
		Message: "20260301120000_add_notes.up.sql no longer matches its checksum in dbspec.sum",
	}
	run := func(t *testing.T, rules string, h *analysis.History) []analysis.Diagnostic {
		t.Helper()
		src := "project p {\n  rules {\n" + rules + "  }\n}\n\ntable notes {\n  id uuid pk default(gen_random_uuid())\n}\n"
		s := model.Build(".", []*lang.File{lang.Parse("schema.dbspec", src)})
		require.Empty(t, s.Diagnostics)
		var out []analysis.Diagnostic
		for _, d := range analysis.RunWith(s, analysis.Options{History: h}) {
			if d.Rule == analysis.MigrationTamperedHistory.Name {
				out = append(out, d)
			}
		}
		return out
	}
	history := &analysis.History{Tampered: []model.Diagnostic{tampered}}

	t.Run("default", func(t *testing.T) {
		got := run(t, "", history)
		require.Len(t, got, 1)
		assert.Equal(t, model.Error, got[0].Severity)
		assert.Same(t, file, got[0].Loc.File)
		assert.Equal(t, tampered.Loc.Span, got[0].Loc.Span)
		assert.Equal(t, tampered.Message, got[0].Message)
	})
	t.Run("configured", func(t *testing.T) {
		got := run(t, "    migration/tampered-history warning\n", history)
		require.Len(t, got, 1)
		assert.Equal(t, model.Warning, got[0].Severity)
		assert.Equal(t, model.Warning, run(t, "    migration/* warning\n", history)[0].Severity)
	})
	t.Run("off", func(t *testing.T) {
		assert.Empty(t, run(t, "    migration/tampered-history off\n", history))
	})
	t.Run("no history", func(t *testing.T) {
		assert.Empty(t, run(t, "", nil))
		assert.Empty(t, run(t, "", &analysis.History{}))
	})
}
