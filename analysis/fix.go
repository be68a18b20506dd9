package analysis

import (
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// SafeEdits collects the edits of every finding that has exactly one fix (a
// finding with a choice of fixes needs a person), skipping any fix that
// overlaps one already taken.
func SafeEdits(diags []Diagnostic) []model.Edit {
	var taken []model.Edit
	for _, d := range diags {
		if len(d.Fixes) != 1 || overlaps(taken, d.Fixes[0].Edits) {
			continue
		}
		taken = append(taken, d.Fixes[0].Edits...)
	}
	return taken
}

// overlaps reports whether any edit of b overlaps an edit of a in the same
// file. Identical edits do not conflict; insertions at one point do.
func overlaps(a, b []model.Edit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Loc.File.Path != y.Loc.File.Path || x == y {
				continue
			}
			xs, ys := x.Loc.Span, y.Loc.Span
			if xs.Start < ys.End && ys.Start < xs.End || xs.Start == ys.Start {
				return true
			}
		}
	}
	return false
}

// ApplyEdits applies edits to the files of a schema and returns the new text
// of each file that changed, keyed by path.
func ApplyEdits(files []*lang.File, edits []model.Edit) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range files {
		text, err := model.Apply(f, edits)
		if err != nil {
			return nil, err
		}
		if text != f.Src {
			out[f.Path] = text
		}
	}
	return out, nil
}
