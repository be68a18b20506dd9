package build

import (
	"errors"
	"strings"
	"time"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/lang/model"
)

// ErrSchemaErrors is Seal's error for a schema with errors.
var ErrSchemaErrors = errors.New("not sealing: fix the errors first (dbspec check)")

// Seal seals the changes of s since the last sealed migration of d as the
// next migration, named after message: the plan is computed afresh against
// the sealed state, and the pending files are removed. It returns the files
// written and the findings to show: the errors when s has any (with
// ErrSchemaErrors), else the migration/* warnings of the change.
func Seal(s *model.Schema, d *migrate.Dir, message string, now time.Time) (written []string, findings []analysis.Diagnostic, err error) {
	h, err := DirHistory(d)
	if err != nil {
		return nil, nil, err
	}
	diags := analysis.RunWith(s, analysis.Options{History: h})
	if findings = analysis.Errors(diags); len(findings) > 0 {
		return nil, findings, ErrSchemaErrors
	}
	for _, diag := range diags {
		if strings.HasPrefix(diag.Rule, "migration/") {
			findings = append(findings, diag)
		}
	}
	written, err = d.Seal(migrate.Plan(h.Baseline, s), message, now, migrate.Snapshot(s))
	return written, findings, err
}
