package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang/model"
)

// writeGitHub writes GitHub Actions workflow commands, which annotate the
// pull request: ::error file=F,line=L,col=C,endLine=..,endColumn=..,title=RULE::message
func writeGitHub(w io.Writer, diags []analysis.Diagnostic) error {
	for _, d := range diags {
		s, e := start(d.Loc), end(d.Loc)
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			githubLevel(d.Severity), escapeProperty(slash(d.Loc.File.Path)), s.Line, s.Column, e.Line, e.Column,
			escapeProperty(d.Rule), escapeData(d.Message))
		if err != nil {
			return err
		}
	}
	return nil
}

func githubLevel(s model.Severity) string {
	switch s {
	case model.Error:
		return "error"
	case model.Warning:
		return "warning"
	}
	return "notice"
}

var dataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

func escapeData(s string) string { return dataEscaper.Replace(s) }

var propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
