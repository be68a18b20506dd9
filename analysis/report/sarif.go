package report

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

// The SARIF 2.1.0 subset dbspec writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string        `json:"id"`
		ShortDescription     sarifText     `json:"shortDescription"`
		FullDescription      *sarifText    `json:"fullDescription,omitempty"`
		Help                 *sarifMarkup  `json:"help,omitempty"`
		HelpURI              string        `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
	}
	sarifRuleConf struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifMarkup struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifText            `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent *sarifText  `json:"insertedContent,omitempty"`
	}
)

func region(l model.Loc) sarifRegion {
	s, e := start(l), end(l)
	return sarifRegion{StartLine: s.Line, StartColumn: s.Column, EndLine: e.Line, EndColumn: e.Column}
}

func location(l model.Loc, msg string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifact{URI: slash(l.File.Path)}, Region: region(l)}}
	if msg != "" {
		loc.Message = &sarifText{Text: msg}
	}
	return loc
}

func sarifLevel(s model.Severity) string {
	switch s {
	case model.Error:
		return "error"
	case model.Warning:
		return "warning"
	}
	return "note"
}

// writeSARIF writes a SARIF 2.1.0 log with the rule catalog as the driver's
// rules (metadata and help text), each result's related locations, and each
// suggested fix as a SARIF fix with its replacements.
func writeSARIF(w io.Writer, diags []analysis.Diagnostic, version string) error {
	driver := sarifDriver{Name: "dbspec", Version: version, InformationURI: "https://github.com/dbspec/dbspec"}
	index := map[string]int{}
	addRule := func(r sarifRule) {
		index[r.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, r)
	}
	for _, r := range analysis.All() {
		addRule(sarifRule{
			ID:                   r.Name,
			ShortDescription:     sarifText{Text: r.Summary},
			FullDescription:      &sarifText{Text: r.Summary},
			Help:                 &sarifMarkup{Text: r.Doc, Markdown: r.Doc},
			HelpURI:              analysis.DocURL(r),
			DefaultConfiguration: sarifRuleConf{Level: sarifLevel(r.Severity)},
		})
	}
	results := make([]sarifResult, 0, len(diags))
	for _, d := range diags {
		if _, ok := index[d.Rule]; !ok { // syntax and resolution errors
			addRule(sarifRule{ID: d.Rule, ShortDescription: sarifText{Text: describeRule(d.Rule)}, DefaultConfiguration: sarifRuleConf{Level: "error"}})
		}
		res := sarifResult{
			RuleID: d.Rule, RuleIndex: index[d.Rule], Level: sarifLevel(d.Severity),
			Message: sarifText{Text: d.Message}, Locations: []sarifLocation{location(d.Loc, "")},
		}
		for i, r := range d.Related {
			loc := location(r.Loc, r.Message)
			loc.ID = &i
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		for _, f := range d.Fixes {
			res.Fixes = append(res.Fixes, sarifFixOf(f))
		}
		results = append(results, res)
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, ColumnKind: "utf16CodeUnits", Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// sarifFixOf groups a fix's edits by file.
func sarifFixOf(f analysis.Fix) sarifFix {
	fix := sarifFix{Description: sarifText{Text: f.Title}}
	byFile := map[string]int{}
	for _, e := range f.Edits {
		uri := slash(e.Loc.File.Path)
		i, ok := byFile[uri]
		if !ok {
			i = len(fix.ArtifactChanges)
			byFile[uri] = i
			fix.ArtifactChanges = append(fix.ArtifactChanges, sarifArtifactChange{ArtifactLocation: sarifArtifact{URI: uri}})
		}
		rep := sarifReplacement{DeletedRegion: region(e.Loc)}
		if e.NewText != "" {
			rep.InsertedContent = &sarifText{Text: e.NewText}
		}
		fix.ArtifactChanges[i].Replacements = append(fix.ArtifactChanges[i].Replacements, rep)
	}
	return fix
}

func describeRule(id string) string {
	if id == "syntax" {
		return "the text does not parse"
	}
	return "the schema does not resolve: " + strings.ReplaceAll(strings.TrimPrefix(id, "resolve/"), "-", " ")
}
